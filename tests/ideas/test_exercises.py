"""The exercise registry, and every screen's page and socket built from one list of regions."""

import json
from html.parser import HTMLParser

import pytest
from asgiref.sync import sync_to_async
from django.core.management import call_command
from django.test import Client

from agenda import services as agenda_services
from agenda.models import AgendaItem
from agenda.queries import programme_items
from groups import services as group_services
from groups.models import Grouping, Screen
from ideas import exercises
from ideas import services as idea_services
from seminar.permissions import SCREEN_COOKIE
from tests import factories
from tests.conftest import client_for_participant
from tests.live import communicator


class _OobIds(HTMLParser):
    """The ids of the elements a push can replace (those with hx-swap-oob)."""

    def __init__(self):
        super().__init__()
        self.ids = set()

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "hx-swap-oob" in attrs and attrs.get("id"):
            self.ids.add(attrs["id"])


def oob_ids(html):
    parser = _OobIds()
    parser.feed(html)
    return parser.ids


def test_every_kind_of_item_has_an_exercise(db):
    registered = {exercise.kind for exercise in exercises.exercises()}
    assert set(AgendaItem.Kind.values) <= registered


def test_an_exercise_is_registered_once(db):
    with pytest.raises(ValueError):
        exercises.register(exercises.Exercise("plenum"))


def test_exercises_command_lists_kinds_names_and_screens(capsys, db):
    call_command("exercises", "--json")
    entries = json.loads(capsys.readouterr().out)
    listed = {entry["kind"]: entry for entry in entries if "kind" in entry}
    extras = {entry["extra"]: entry for entry in entries if "extra" in entry}
    assert extras["questions"]["on"] == ["plenum"]
    assert extras["questions"]["screens"] == ["phone", "projector", "console"]
    assert "questions" in listed["plenum"]["extras"] and listed["brainstorm"]["extras"] == []
    assert set(listed) == set(AgendaItem.Kind.values)
    assert listed["brainstorm"]["screens"] == ["phone", "screen", "projector", "console"]
    assert listed["brainstorm"]["name"]["da"] == "Brainstorm"
    assert listed["goals"]["name"]["en"] == "Goals and handshakes"
    assert listed["plenum"]["screens"] == []
    assert set(listed["vernissage"]["name"]) == {"da", "nb", "sv", "en"}
    assert listed["interviews"]["screens"] == ["phone", "screen", "projector", "console"]
    assert listed["cases"]["screens"] == ["phone", "screen", "projector", "console"]
    assert listed["cases"]["name"]["en"] == "Cases"


def build_room(kind):
    """A seminar running an item of `kind` after a brainstorm, with cards, a vote, a goal on
    show, a paired table screen and a phone at a table: every region an exercise can show."""
    alice = factories.make_user("alice")
    seminar = factories.make_seminar(alice)
    for i in range(4):
        factories.make_participant(seminar, f"P{i}")
    plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=1)
    grouping = group_services.create_grouping(
        seminar, by=alice, name="Borde", method="random", size=2, plan=plan
    )
    _day, items = factories.make_programme(seminar, by=alice)
    brainstorm, item, after = items
    agenda_services.update_item(brainstorm, by=alice, grouping=grouping, kind="brainstorm")
    agenda_services.update_item(item, by=alice, grouping=grouping, kind=kind)
    agenda_services.start_seminar(seminar, by=alice)
    board = brainstorm.boards.order_by("group__number").first()
    author = board.group.members.first()
    idea_services.add_idea(board, by=author, text="Borgerpanel")
    goal = idea_services.draft_goal(seminar, by=author, group=board.group, title="Flere borgere")
    agenda_services.next_item(seminar, by=alice)
    if kind == "vernissage":
        idea_services.set_up_vernissage(item, by=alice, source_item=brainstorm)
    idea_services.open_vote(seminar, by=alice, title="Hvad vigtigst?", boards=[board])
    idea_services.show_goal(seminar, by=alice, goal=goal)
    screen = Screen.objects.create()
    group_services.pair_screen(
        seminar, by=alice, pairing_code=screen.pairing_code, group=board.group
    )
    facilitator = Client()
    facilitator.force_login(alice)
    phone = client_for_participant(author)
    table = Client()
    table.cookies[SCREEN_COOKIE] = screen.token
    pages = {
        "console": (facilitator, f"/s/{seminar.pk}/run/"),
        "projector": (facilitator, f"/s/{seminar.pk}/projector/"),
        "phone": (phone, f"/s/{seminar.pk}/me/"),
        "screen": (table, "/screen/"),
    }
    return seminar, pages


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
@pytest.mark.parametrize("kind", AgendaItem.Kind.values)
async def test_page_and_socket_carry_the_same_regions_for_every_role(kind):
    seminar, pages = await sync_to_async(build_room)(kind)
    for view, (client, url) in pages.items():
        response = await sync_to_async(client.get)(url)
        assert response.status_code == 200, (view, url)
        page = oob_ids(response.content.decode())
        cookies = (
            f"{SCREEN_COOKIE}={client.cookies[SCREEN_COOKIE].value}" if view == "screen" else ""
        )
        socket = communicator(
            seminar, client=None if view == "screen" else client, view=view, cookies=cookies
        )
        connected, _code = await socket.connect()
        assert connected, view
        state = oob_ids(await socket.receive_from())
        await socket.disconnect()
        assert page == state, (view, page ^ state)
        assert {"agenda-now"} <= page


async def _receive_until(socket, region_id, timeout=3.0):
    """The messages a socket receives until one carries the region (or the deadline)."""
    seen = []
    while True:
        message = await socket.receive_from(timeout=timeout)
        seen.append(message)
        if region_id in oob_ids(message):
            return message, seen


EXERCISE_REGION = {
    "console": "exercise",
    "projector": "stage",
    "phone": "my-work",
    "screen": "my-work",
}


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
@pytest.mark.parametrize("kind", ["brainstorm", "vernissage", "goals", "commitments"])
async def test_next_replaces_every_screens_exercise_region(kind):
    """After "Next" into a plenum item, no board, vote or goal card of the item before remains:
    every screen, the table screens included, gets its exercise region anew."""
    seminar, pages = await sync_to_async(build_room)(kind)
    sockets = {}
    for view, (client, _url) in pages.items():
        cookies = (
            f"{SCREEN_COOKIE}={client.cookies[SCREEN_COOKIE].value}" if view == "screen" else ""
        )
        socket = communicator(
            seminar, client=None if view == "screen" else client, view=view, cookies=cookies
        )
        assert (await socket.connect())[0]
        before = oob_ids(await socket.receive_from())
        sockets[view] = (socket, before)
    alice = await sync_to_async(lambda: seminar.facilitators.first())()
    await sync_to_async(agenda_services.next_item)(seminar, by=alice)
    for view, (socket, before) in sockets.items():
        region, _seen = await _receive_until(socket, EXERCISE_REGION[view])
        # A phone's seat comes in the same message as its task (one push per table).
        kept = {EXERCISE_REGION[view], "votes", "highlights", "boards", "my-table"}
        left = oob_ids(region) & before - kept
        assert not left, (view, left)
        assert 'data-kind="plenum"' in region, view
        await socket.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_setting_up_a_vernissage_while_it_runs_is_pushed():
    seminar, pages = await sync_to_async(build_room)("plenum")
    client, _url = pages["projector"]
    socket = communicator(seminar, client=client, view="projector")
    assert (await socket.connect())[0]
    await socket.receive_from()

    def set_up():
        from agenda.queries import get_clock

        item = get_clock(seminar).current_item
        source = AgendaItem.objects.filter(day=item.day, kind="brainstorm").get()
        idea_services.set_up_vernissage(item, by=seminar.facilitators.first(), source_item=source)
        return source

    source = await sync_to_async(set_up)()
    region, _seen = await _receive_until(socket, "stage")
    board_ids = await sync_to_async(lambda: [b.pk for b in source.boards.all()])()
    assert all(f"board-{pk}" in oob_ids(region) for pk in board_ids)
    await socket.disconnect()


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_next_into_an_item_with_tables_sends_a_seated_phone_its_table_once():
    """A seated phone never first gets the no-table task and then its table's: the task would
    vanish and come back. It gets one work region, its table's."""

    @sync_to_async
    def room():
        seminar, pages = build_room("plenum")
        after = programme_items(seminar)[-1]
        grouping = Grouping.objects.get(seminar=seminar)
        agenda_services.update_item(after, by=None, grouping=grouping, kind="brainstorm")
        return seminar, pages, after

    seminar, pages, after = await room()
    client, _url = pages["phone"]
    socket = communicator(seminar, client=client)
    assert (await socket.connect())[0]
    await socket.receive_from()
    alice = await sync_to_async(lambda: seminar.facilitators.first())()
    await sync_to_async(agenda_services.next_item)(seminar, by=alice)
    seen = [await socket.receive_from(timeout=3)]
    while 'data-kind="brainstorm"' not in seen[-1]:
        seen.append(await socket.receive_from(timeout=3))
    works = [message for message in seen if 'id="my-work"' in message]
    assert len(works) == 1 and 'data-table=""' not in works[0]
    await socket.disconnect()
