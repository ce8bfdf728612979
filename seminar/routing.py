"""Websocket URLs. The seminar is addressed by its id, not its join code: rotating the code
must not cut the sockets of the people already in the room."""

from django.urls import path

from seminar.consumers import SeminarConsumer

websocket_urlpatterns = [
    path("ws/seminar/<int:seminar_id>/", SeminarConsumer.as_asgi()),
]
