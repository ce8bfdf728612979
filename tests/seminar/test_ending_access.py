"""Ending a session or a right closes its open sockets within a second (issue #15, item 11).

Real consumers behind the real application: a console or a phone is connected, then access
ends the way a person or the facilitator ends it, and the socket must be closed with 4403
(the page does not reconnect) within a second. Sockets whose access did not end stay open.
"""

import time

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from seminar import services
from seminar.consumers import CLOSE_FORBIDDEN
from tests import factories
from tests.conftest import client_for_participant
from tests.live import communicator

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def _open(seminar, client, view="phone"):
    socket = communicator(seminar, client=client, view=view)
    connected, _code = await socket.connect(timeout=5)
    assert connected
    await socket.receive_from(timeout=5)  # the state on connect
    return socket


async def _closed_within_a_second(socket):
    started = time.monotonic()
    while True:  # pushes may come first; then the close
        message = await socket.receive_output(timeout=1)
        if message["type"] == "websocket.close":
            break
    assert message.get("code") == CLOSE_FORBIDDEN
    assert time.monotonic() - started < 1.0


async def _logged_in(user):
    client = Client()
    await sync_to_async(client.force_login)(user)
    return client


async def test_logout_closes_the_sockets_of_that_session_only(seminar, alice):
    client, elsewhere = await _logged_in(alice), await _logged_in(alice)
    console = await _open(seminar, client, "console")
    projector = await _open(seminar, client, "projector")
    other_device = await _open(seminar, elsewhere, "console")
    await sync_to_async(client.post)(reverse("logout"))
    await _closed_within_a_second(console)
    await _closed_within_a_second(projector)
    assert await other_device.receive_nothing(timeout=0.3)  # still logged in there
    await other_device.disconnect()


async def test_leaving_the_seminar_on_the_phone_closes_its_socket(seminar, participant):
    client = await sync_to_async(client_for_participant)(participant)
    other = await sync_to_async(factories.make_participant)(seminar, "Bo")
    phone = await _open(seminar, client)
    other_phone = await _open(seminar, await sync_to_async(client_for_participant)(other))
    response = await sync_to_async(client.post)(reverse("leave", args=[seminar.pk]))
    assert response.status_code == 302
    await _closed_within_a_second(phone)
    assert await other_phone.receive_nothing(timeout=0.3)
    await other_phone.disconnect()


async def test_a_facilitator_removed_from_the_seminar_loses_console_and_projector(
    seminar, alice, bob
):
    await sync_to_async(seminar.facilitators.add)(bob)
    console = await _open(seminar, await _logged_in(bob), "console")
    projector = await _open(seminar, await _logged_in(bob), "projector")
    staying = await _open(seminar, await _logged_in(alice), "console")
    await sync_to_async(seminar.facilitators.remove)(bob)
    await _closed_within_a_second(console)
    await _closed_within_a_second(projector)
    # Alice's console was authorised again and resynced, not closed.
    assert 'id="console-clock"' in await staying.receive_from(timeout=2)
    await staying.disconnect()


async def test_a_removed_participant_loses_the_socket(seminar, alice, participant):
    phone = await _open(seminar, await sync_to_async(client_for_participant)(participant))
    await sync_to_async(services.remove_participant)(participant, by=alice)
    await _closed_within_a_second(phone)


async def test_a_merged_duplicate_loses_the_socket(seminar, alice, participant):
    duplicate = await sync_to_async(factories.make_participant)(seminar, "Anne again")
    kept = await _open(seminar, await sync_to_async(client_for_participant)(participant))
    phone = await _open(seminar, await sync_to_async(client_for_participant)(duplicate))
    await sync_to_async(services.merge_participants)(participant, by=alice, duplicate=duplicate)
    await _closed_within_a_second(phone)
    await kept.disconnect()
