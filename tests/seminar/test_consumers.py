import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from agenda import services as agenda_services
from seminar import handshake
from tests import factories
from tests.conftest import client_for_participant
from tests.live import communicator

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def _connect(seminar, **kwargs):
    socket = communicator(seminar, **kwargs)
    connected, code = await socket.connect()
    return socket, connected, code


async def test_participant_connects_and_receives_the_current_state():
    seminar = await sync_to_async(factories.make_seminar)()
    participant = await sync_to_async(factories.make_participant)(seminar)
    client = await sync_to_async(client_for_participant)(participant)
    socket, connected, _code = await _connect(seminar, client=client)
    assert connected
    state = await socket.receive_from()
    assert 'id="agenda-now"' in state
    assert 'id="my-table"' in state
    await socket.disconnect()


async def test_foreign_origin_is_refused():
    seminar = await sync_to_async(factories.make_seminar)()
    participant = await sync_to_async(factories.make_participant)(seminar)
    client = await sync_to_async(client_for_participant)(participant)
    socket, connected, _code = await _connect(seminar, client=client, origin="https://evil.example")
    assert not connected


async def test_anonymous_visitor_is_refused():
    seminar = await sync_to_async(factories.make_seminar)()
    socket, connected, code = await _connect(seminar)
    assert not connected


async def test_participant_of_another_seminar_is_refused():
    seminar = await sync_to_async(factories.make_seminar)()
    other = await sync_to_async(factories.make_seminar)(title="Other")
    stranger = await sync_to_async(factories.make_participant)(other, "Olav")
    client = await sync_to_async(client_for_participant)(stranger)
    socket, connected, _code = await _connect(seminar, client=client)
    assert not connected


@pytest.mark.parametrize("view", ["console", "projector"])
async def test_facilitator_views_need_the_seminars_facilitator(view):
    alice = await sync_to_async(factories.make_user)("alice")
    bob = await sync_to_async(factories.make_user)("bob")
    director = await sync_to_async(factories.make_director)("carol")
    seminar = await sync_to_async(factories.make_seminar)(alice)
    for user, allowed in ((alice, True), (bob, False), (director, False)):
        client = Client()
        await sync_to_async(client.force_login)(user)
        socket, connected, _code = await _connect(seminar, client=client, view=view)
        assert connected is allowed, user
        if connected:
            await socket.disconnect()


async def test_participant_cannot_claim_the_console():
    seminar = await sync_to_async(factories.make_seminar)()
    participant = await sync_to_async(factories.make_participant)(seminar)
    client = await sync_to_async(client_for_participant)(participant)
    socket, connected, _code = await _connect(seminar, client=client, view="console")
    assert not connected


async def test_clock_change_reaches_a_connected_phone():
    alice = await sync_to_async(factories.make_user)("alice")
    seminar = await sync_to_async(factories.make_seminar)(alice)
    await sync_to_async(factories.make_programme)(seminar, by=alice)
    participant = await sync_to_async(factories.make_participant)(seminar)
    client = await sync_to_async(client_for_participant)(participant)
    socket, connected, _code = await _connect(seminar, client=client)
    assert connected
    await socket.receive_from()  # the state on connect
    await sync_to_async(agenda_services.start_seminar)(seminar, by=alice)
    pushed = await socket.receive_from(timeout=3)
    assert 'id="agenda-now"' in pushed and "Velkommen" in pushed
    await socket.disconnect()


async def test_a_phones_socket_reads_no_user_and_the_console_reads_its_own(monkeypatch):
    read = []
    original = handshake.auth.get_user

    def counting(request):
        read.append(True)
        return original(request)

    monkeypatch.setattr(handshake.auth, "get_user", counting)
    alice = await sync_to_async(factories.make_user)("alice")
    seminar = await sync_to_async(factories.make_seminar)(alice)
    participant = await sync_to_async(factories.make_participant)(seminar)
    phone = await sync_to_async(client_for_participant)(participant)
    socket, connected, _code = await _connect(seminar, client=phone)
    assert connected and not read
    await socket.disconnect()
    console = Client()
    await sync_to_async(console.force_login)(alice)
    socket, connected, _code = await _connect(seminar, client=console, view="console")
    assert connected and read
    await socket.disconnect()
