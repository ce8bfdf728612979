"""ASGI entry point: HTTP through Django (static files in front of it; the middleware and the
view in one thread hop, seminar/handler.py), websockets through Channels with session auth.

Websockets pass seminar.handshake.OriginValidator (the exact scheme, host and port of the page),
so a page of another site cannot open a socket with a participant's cookie.
"""

import os

from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "seminar.settings")
from seminar.handler import get_asgi_application

# Django's ASGI handler, the middleware and the view in one thread hop (seminar/handler.py).
django_asgi_app = get_asgi_application()

from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402

from seminar.handshake import LazyAuthMiddlewareStack, OriginValidator  # noqa: E402
from seminar.heap import heap  # noqa: E402
from seminar.limits import BodyLimit, RequestSlots  # noqa: E402  (needs the settings)
from seminar.routing import websocket_urlpatterns  # noqa: E402
from seminar.staticfiles import StaticFiles  # noqa: E402

application = ProtocolTypeRouter(
    {
        # Static files are answered before Django (seminar/staticfiles.py); a body past the limit
        # is refused before it is read; a few requests at a time run in Django (RequestSlots).
        "http": StaticFiles(BodyLimit(RequestSlots(django_asgi_app))),
        "websocket": OriginValidator(LazyAuthMiddlewareStack(URLRouter(websocket_urlpatterns))),
    }
)

# Every view module loaded now (Django would on the first request), then what the process has
# loaded is left out of full collections for good (seminar/heap.py).
get_resolver().url_patterns  # noqa: B018
heap.after_start_up()
