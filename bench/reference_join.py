"""The floor of a phone's join here: the same daphne, settings and middleware as Plenum, with
views that do the least a join's requests must (render a small page with a CSRF token; take a
POST, write the session and redirect) and a socket that authenticates by session and sends a
small state. bench.join runs a storm against it beside Plenum's, so the difference is what
Plenum's own join costs.
"""

import os

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.reference_join_settings")

import django

django.setup()

from channels.auth import AuthMiddlewareStack  # noqa: E402
from channels.generic.websocket import AsyncWebsocketConsumer  # noqa: E402
from channels.routing import ProtocolTypeRouter, URLRouter  # noqa: E402
from channels.security.websocket import AllowedHostsOriginValidator  # noqa: E402
from django.core.asgi import get_asgi_application  # noqa: E402
from django.http import HttpResponse, HttpResponseRedirect  # noqa: E402
from django.middleware.csrf import get_token  # noqa: E402
from django.urls import path  # noqa: E402

PAGE = (
    '<!doctype html><html lang="da"><title>Ref</title><form method="post">'
    '<input type="hidden" name="csrfmiddlewaretoken" value="{token}">'
    '<input name="name"><button>OK</button></form></html>'
)


def page(request):
    return HttpResponse(PAGE.format(token=get_token(request)))


def post(request):
    request.session["name"] = request.POST.get("name", "")
    return HttpResponseRedirect("/ref/page/")


class StateConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        await self.accept()
        name = await self._name()
        await self.send(text_data=f'<section id="my-work">{name}</section>')

    async def _name(self):
        session = self.scope["session"]
        return await session.aget("name", "") if hasattr(session, "aget") else ""


urlpatterns = [path("ref/page/", page), path("ref/post/", post)]

application = ProtocolTypeRouter(
    {
        "http": get_asgi_application(),
        "websocket": AllowedHostsOriginValidator(
            AuthMiddlewareStack(URLRouter([path("ws/ref/", StateConsumer.as_asgi())]))
        ),
    }
)
