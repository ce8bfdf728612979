"""Websocket URLs. The seminar is addressed by its id, not its join code: rotating the code
must not cut the sockets of the people already in the room."""

from django.urls import path, re_path

from seminar.consumers import SeminarConsumer
from seminar.handshake import NoSuchSocket

websocket_urlpatterns = [
    path("ws/seminar/<int:seminar_id>/", SeminarConsumer.as_asgi()),
    re_path(r"", NoSuchSocket.as_asgi()),  # /ws/seminar/-1/ and the like: refused, not a 500
]
