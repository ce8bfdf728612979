import pytest
from asgiref.sync import sync_to_async

from groups import services
from groups.models import Grouping, Screen
from seminar.permissions import SCREEN_COOKIE
from tests import factories
from tests.conftest import client_for_participant
from tests.live import communicator

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@sync_to_async
def _seminar_with_tables():
    alice = factories.make_user("alice")
    seminar = factories.make_seminar(alice)
    people = [factories.make_participant(seminar, f"P{i}") for i in range(4)]
    plan = services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=5)
    grouping = services.create_grouping(
        seminar, by=alice, name="Borde", method="random", size=2, plan=plan
    )
    return alice, seminar, people, grouping


def _seat_the_current_item(alice, seminar, grouping):
    from agenda import services as agenda_services

    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, grouping=grouping)
    agenda_services.start_seminar(seminar, by=alice)


@sync_to_async
def _paired_screen(alice, seminar, group):
    screen = Screen.objects.create()
    return services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code, group=group)


async def test_paired_screen_connects_and_shows_its_table():
    alice, seminar, people, grouping = await _seminar_with_tables()
    group = await sync_to_async(grouping.groups.first)()
    screen = await _paired_screen(alice, seminar, group)
    socket = communicator(seminar, view="screen", cookies=f"{SCREEN_COOKIE}={screen.token}")
    connected, _ = await socket.connect()
    assert connected
    state = await socket.receive_from()
    assert 'id="table-panel"' in state and group.name in state
    await socket.disconnect()


async def test_unpaired_screen_is_refused():
    _alice, seminar, _people, _grouping = await _seminar_with_tables()
    screen = await sync_to_async(Screen.objects.create)()
    socket = communicator(seminar, view="screen", cookies=f"{SCREEN_COOKIE}={screen.token}")
    connected, _ = await socket.connect()
    assert not connected


async def test_screen_of_another_seminar_is_refused():
    alice, seminar, _people, grouping = await _seminar_with_tables()
    other = await sync_to_async(factories.make_seminar)(alice, title="Other")
    group = await sync_to_async(grouping.groups.first)()
    screen = await _paired_screen(alice, seminar, group)
    socket = communicator(other, view="screen", cookies=f"{SCREEN_COOKIE}={screen.token}")
    connected, _ = await socket.connect()
    assert not connected


async def test_moved_participant_hears_the_new_table_at_once():
    alice, seminar, people, grouping = await _seminar_with_tables()
    await sync_to_async(_seat_the_current_item)(alice, seminar, grouping)
    person = people[0]
    client = await sync_to_async(client_for_participant)(person)
    socket = communicator(seminar, client=client)
    assert (await socket.connect())[0]
    await socket.receive_from()
    target = await sync_to_async(lambda: grouping.groups.exclude(members=person).first())()
    await sync_to_async(services.move_member)(person, by=alice, group=target)
    # A resubscribe sends the phone's whole state; then the table's own push follows.
    received = ""
    for _ in range(3):
        received += await socket.receive_from(timeout=3)
        if target.name in received:
            break
    assert 'id="my-table"' in received
    await socket.disconnect()


async def test_table_push_does_not_reach_another_table():
    alice, seminar, people, grouping = await _seminar_with_tables()
    first, second = await sync_to_async(lambda: list(grouping.groups.order_by("number")))()
    screen = await _paired_screen(alice, seminar, second)
    socket = communicator(seminar, view="screen", cookies=f"{SCREEN_COOKIE}={screen.token}")
    assert (await socket.connect())[0]
    await socket.receive_from()
    await sync_to_async(services.rename_group)(first, by=alice, name="Bord Nord")
    assert await socket.receive_nothing(timeout=0.5)
    await socket.disconnect()
