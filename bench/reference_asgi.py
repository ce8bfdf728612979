"""A bare Channels app, the yardstick for Plenum's live channel.

One minimal consumer joins one group and forwards what the group receives; `POST /send/?v=<n>`
sends the captured Plenum push (with its clock version set to n) to that group. It runs under
the same daphne and the same channel layer settings as the app, so the difference between the two
is what Plenum itself adds: the HTTP view, the database, rendering and its own sends.

The payload file is named by BENCH_PAYLOAD_FILE.
"""

import os
import re
from pathlib import Path
from urllib.parse import parse_qs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.layers import get_channel_layer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from django.urls import path  # noqa: E402

GROUP = "bench.reference"
VERSION = re.compile(r'data-clock-version="\d+"')
PAYLOAD = Path(os.environ["BENCH_PAYLOAD_FILE"]).read_text()


def payload(version):
    return VERSION.sub(f'data-clock-version="{version}"', PAYLOAD, count=1)


class ReferenceConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        await self.channel_layer.group_add(GROUP, self.channel_name)
        await self.accept()
        # Like the app, which sends the screen's state on connect.
        await self.send(text_data=payload(0))

    async def disconnect(self, code):
        await self.channel_layer.group_discard(GROUP, self.channel_name)

    async def reference_fragment(self, event):
        await self.send(text_data=event["html"])


async def _respond(send, status, body):
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", b"text/plain"), (b"content-length", b"%d" % len(body))],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def trigger(scope, receive, send):
    """POST /send/?v=<n>: broadcast the payload with clock version n to every socket."""
    while (await receive()).get("more_body"):
        pass
    query = parse_qs(scope["query_string"].decode())
    if scope["method"] != "POST" or scope["path"] != "/send/" or "v" not in query:
        await _respond(send, 404, b"not found")
        return
    message = {"type": "reference.fragment", "html": payload(int(query["v"][0]))}
    await get_channel_layer().group_send(GROUP, message)
    await _respond(send, 200, b"ok")


application = ProtocolTypeRouter(
    {
        "http": trigger,
        "websocket": URLRouter([path("ws/reference/", ReferenceConsumer.as_asgi())]),
    }
)
