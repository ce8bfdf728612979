"""Helpers for websocket tests: connect to the real ASGI application as a given client."""

from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator
from django.conf import settings

from seminar.asgi import application


def communicator(
    seminar, *, client=None, view="phone", origin="http://testserver", cookies="", page_id=None
):
    cookie_parts = [cookies] if cookies else []
    if client is not None:
        cookie_parts += [f"{name}={morsel.value}" for name, morsel in client.cookies.items()]
    headers = [(b"host", b"testserver"), (b"origin", origin.encode())]
    if cookie_parts:
        headers.append((b"cookie", "; ".join(cookie_parts).encode()))
    query = f"view={view}" + (f"&id={page_id}" if page_id is not None else "")
    return WebsocketCommunicator(application, f"/ws/seminar/{seminar.pk}/?{query}", headers=headers)


def session_cookie(client):
    return f"{settings.SESSION_COOKIE_NAME}={client.cookies[settings.SESSION_COOKIE_NAME].value}"


async def connected_phone(seminar, name="Anne"):
    """A new participant's phone, connected, its state on connect read."""
    from tests import factories
    from tests.conftest import client_for_participant

    participant = await sync_to_async(factories.make_participant)(seminar, name)
    client = await sync_to_async(client_for_participant)(participant)
    phone = communicator(seminar, client=client)
    connected, _code = await phone.connect()
    assert connected
    await phone.receive_from()  # the state on connect
    return phone
