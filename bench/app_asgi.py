"""Plenum's ASGI application plus two bench-only HTTP routes, for bench.live's hub broadcasts.

Everything goes to `seminar.asgi:application` (the real consumers: session auth, the state on
connect, the hub) except:

    POST /bench/broadcast/?seminar=<id>&v=<n>
        `seminar.hub.publish` of the captured Plenum push, with its clock version set to n, to
        the seminar's everyone-audience (`live.seminar.<id>.<lang>`, every language: one
        fragment, one message), from a worker thread as the app's views publish. No view, no
        database, no rendering: what is measured is the hub's fan-out (and Redis with
        REDIS_URL) through the app's real sockets.
    GET /bench/stats/?seminar=<id>
        `seminar.hub.seminar_stats(id)` as JSON (sockets by view, resyncs, drops, processes),
        plus this process's hub counters and the time each of its full collections took
        (`local`).

These routes exist only here, never in the app's URLs. daphne serves
`bench.app_asgi:application` exactly as it serves the app. The payload file is named by
BENCH_PAYLOAD_FILE; bench.live writes it after the warm-up, so it is read when first needed.
"""

import asyncio
import gc
import json
import os
import re
import time
from pathlib import Path
from urllib.parse import parse_qs

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

from django.conf import settings

from seminar import hub
from seminar.asgi import application as plenum  # sets Django up

VERSION = re.compile(r'data-clock-version="\d+"')
LANGUAGES = [code for code, _name in settings.LANGUAGES]
_payload = None


def payload(version):
    global _payload
    if _payload is None:
        _payload = Path(os.environ["BENCH_PAYLOAD_FILE"]).read_text()
    return VERSION.sub(f'data-clock-version="{version}"', _payload, count=1)


def broadcast(seminar_id, version):
    html = payload(version)
    return hub.publish([(f"live.seminar.{seminar_id}.{language}", html) for language in LANGUAGES])


# Every full collection of this process (the oldest generation), in ms: the pauses that stop
# the event loop and every socket with it (seminar/heap.py).
full_collections = []
_collecting = {}


def _timed_collection(phase, info):
    if phase == "start":
        _collecting["at"] = time.perf_counter()
    elif info["generation"] == 2 and "at" in _collecting:
        full_collections.append((time.perf_counter() - _collecting.pop("at")) * 1000)


gc.callbacks.append(_timed_collection)


def stats(seminar_id):
    result = hub.seminar_stats(seminar_id)
    local = hub.hubs()
    result["local"] = {
        "process": hub.PROCESS,
        "sockets": sum(len(one.sockets) for one in local),
        "delivered": sum(one.delivered for one in local),
        "subscribed": all(one.subscribed for one in local),
        "full_collections_ms": list(full_collections),
    }
    return result


async def _respond(send, status, body, content_type=b"text/plain"):
    await send(
        {
            "type": "http.response.start",
            "status": status,
            "headers": [(b"content-type", content_type), (b"content-length", b"%d" % len(body))],
        }
    )
    await send({"type": "http.response.body", "body": body})


async def bench_route(scope, receive, send):
    while (await receive()).get("more_body"):
        pass
    query = parse_qs(scope["query_string"].decode())
    method, path = scope["method"], scope["path"]
    try:
        seminar_id = int(query["seminar"][0])
        if method == "POST" and path == "/bench/broadcast/":
            handed = await asyncio.to_thread(broadcast, seminar_id, int(query["v"][0]))
            await _respond(send, 200 if handed else 503, b"ok" if handed else b"not handed over")
            return
        if method == "GET" and path == "/bench/stats/":
            body = json.dumps(await asyncio.to_thread(stats, seminar_id)).encode()
            await _respond(send, 200, body, b"application/json")
            return
    except (KeyError, ValueError):
        await _respond(send, 400, b"?seminar=<id> (and &v=<n> to broadcast)")
        return
    await _respond(send, 404, b"not found")


async def application(scope, receive, send):
    if scope["type"] == "http" and scope["path"].startswith("/bench/"):
        await bench_route(scope, receive, send)
    else:
        await plenum(scope, receive, send)
