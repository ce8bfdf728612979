"""The websocket handshake: the exact origin only, no 500 on a path that is no seminar's, and a
bounded number of sockets per client and seminar (the oldest closes)."""

import pytest
from asgiref.sync import sync_to_async
from channels.testing import WebsocketCommunicator

from seminar import handshake
from seminar.asgi import application
from tests import factories
from tests.conftest import client_for_participant
from tests.live import communicator


def _scope(origin, host="plenum.example:8000", scheme="ws", extra=()):
    headers = [(b"host", host.encode())]
    if origin is not None:
        headers.append((b"origin", origin.encode()))
    return {"type": "websocket", "scheme": scheme, "headers": [*headers, *extra]}


@pytest.fixture
def hosts(settings):
    settings.ALLOWED_HOSTS = ["plenum.example", "testserver"]
    settings.CSRF_TRUSTED_ORIGINS = ["https://seminar.kommune.dk"]


@pytest.mark.parametrize(
    ("origin", "allowed"),
    [
        ("http://plenum.example:8000", True),
        ("HTTP://Plenum.Example:8000", True),
        ("http://plenum.example:8001", False),  # another port of the same host
        ("https://plenum.example:8000", False),  # another scheme
        ("http://plenum.example", False),  # port 80, not 8000
        ("http://evil.example:8000", False),
        ("http://plenum.example.evil.example:8000", False),
        ("null", False),
        ("", False),
        (None, False),
        ("https://seminar.kommune.dk", True),  # configured for a proxy
        ("https://seminar.kommune.dk:8443", False),
        ("http://seminar.kommune.dk", False),
    ],
)
def test_only_the_exact_origin_is_allowed(hosts, origin, allowed):
    assert handshake.allowed_origin(_scope(origin)) is allowed


def test_a_host_that_is_not_allowed_is_no_origin_of_ours(hosts):
    scope = _scope("http://attacker.example:8000", host="attacker.example:8000")
    assert not handshake.allowed_origin(scope)


def test_behind_a_tls_proxy_the_page_is_https(hosts, settings):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    proxied = [(b"x-forwarded-proto", b"https")]
    assert handshake.allowed_origin(
        _scope("https://plenum.example", "plenum.example", "ws", proxied)
    )
    assert not handshake.allowed_origin(
        _scope("http://plenum.example", "plenum.example", "ws", proxied)
    )


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
@pytest.mark.parametrize(
    "path",
    ["/ws/seminar/-1/", "/ws/seminar/abc/", "/ws/nothing/", "/ws/seminar/99999999999999999999/"],
)
async def test_a_path_that_is_no_seminar_is_refused_not_an_error(path):
    socket = WebsocketCommunicator(
        application, path, headers=[(b"host", b"testserver"), (b"origin", b"http://testserver")]
    )
    connected, _code = await socket.connect()
    assert not connected


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_clients_sockets_are_bounded_and_the_oldest_closes(settings):
    settings.LIVE_SOCKETS_PER_CLIENT = 2
    seminar = await sync_to_async(factories.make_seminar)()
    participant = await sync_to_async(factories.make_participant)(seminar)
    client = await sync_to_async(client_for_participant)(participant)
    sockets = []
    for _ in range(3):
        socket = communicator(seminar, client=client)
        connected, _code = await socket.connect()
        assert connected
        await socket.receive_from()  # its state
        sockets.append(socket)
    closed = await sockets[0].receive_output(timeout=2)
    assert closed == {"type": "websocket.close", "code": handshake.CLOSE_REPLACED}
    key = next(iter(handshake.sockets.open))
    assert handshake.sockets.count(key) == 2
    # Another phone of the room is not affected.
    other = await sync_to_async(factories.make_participant)(seminar, "Bo")
    other_socket = communicator(seminar, client=await sync_to_async(client_for_participant)(other))
    assert (await other_socket.connect())[0]
    for socket in (*sockets[1:], other_socket):
        await socket.disconnect()
    assert not handshake.sockets.open
