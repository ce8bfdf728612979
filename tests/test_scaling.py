"""Pages cost a fixed number of queries, however many people and cards a seminar has.

The Varde demo is run to a brainstorm with a few people and cards, every page of every role is
read and its queries counted; then the room grows (more people seated at the tables, more
cards with comments and stars, more dots and handshakes, more tables) and every page must cost
exactly the same number of queries: an N+1 shows up as a difference, whatever the machine's speed.
"""

import pytest
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from agenda import services as agenda_services
from agenda.models import AgendaItem
from agenda.queries import programme_items
from groups import services as group_services
from groups.models import Group, Screen
from ideas import services
from seminar.models import Seminar
from seminar.permissions import SCREEN_COOKIE
from tests import factories
from tests.conftest import client_for_participant

pytestmark = pytest.mark.django_db


def _grow(seminar, facilitator, people, cards):
    """`people` more participants (seated by the late-joiner rule) and `cards` more cards,
    each with a comment and a star, on the running item's boards; a dot per person."""
    departments = list(seminar.departments.all())
    joined = [
        factories.make_participant(seminar, f"Leder {i}", departments[i % len(departments)])
        for i in range(people)
    ]
    item = seminar.clock.current_item
    boards = list(item.boards.select_related("group"))
    for i in range(cards):
        board = boards[i % len(boards)]
        author = board.group.members.first() if board.group else joined[0]
        idea = services.add_idea(board, by=author, text=f"Idé nummer {i}")
        services.add_comment(idea, by=joined[i % len(joined)], text=f"Kommentar {i}")
        services.toggle_star(idea, by=joined[(i + 1) % len(joined)])
    vote = seminar.votes.first()
    first = vote.boards.first().ideas.first()
    for person in joined:
        if first is not None:
            services.cast_dot(vote, by=person, idea=first)
    return joined


def _add_tables(item, count):
    """`count` more tables at the item's grouping, each with its board (late joiners fill them):
    the console and the projector show every table's board."""
    grouping = item.grouping
    last = grouping.groups.order_by("-number").first().number
    for number in range(last + 1, last + 1 + count):
        Group.objects.create(grouping=grouping, number=number, name=f"Bord {number}")
    services.boards_for_item(item)


def _pages(seminar, facilitator, phone, screen):
    """Every page of every role, as (label, client, url)."""
    boss = Client()
    boss.force_login(facilitator)
    director = Client()
    director.force_login(seminar.directors.first())
    table = Client()
    table.cookies[SCREEN_COOKIE] = screen.token
    s = seminar.pk
    return [
        ("console", boss, f"/s/{s}/run/"),
        ("projector", boss, f"/s/{s}/projector/"),
        ("programme", boss, f"/s/{s}/programme/"),
        ("groups", boss, f"/s/{s}/groups/"),
        ("report", boss, f"/s/{s}/report/"),
        ("follow-up", director, "/follow-up/"),
        ("phone", client_for_participant(phone), f"/s/{s}/me/"),
        ("table screen", table, "/screen/"),
        ("gallery", client_for_participant(phone), f"/s/{s}/gallery/"),
    ]


def _count(pages):
    counts = {}
    for label, client, url in pages:
        client.get(url)  # warm: sessions, caches, the first render's lazy imports
        with CaptureQueriesContext(connection) as queries:
            response = client.get(url, headers={"host": "127.0.0.1"})
        assert response.status_code == 200, (label, response.status_code)
        counts[label] = len(queries.captured_queries)
    return counts


def test_every_page_costs_the_same_queries_for_a_small_and_a_large_room():
    call_command("demo", verbosity=0)
    seminar = Seminar.objects.get(municipality="Varde Kommune")
    facilitator = seminar.facilitators.first()
    brainstorm = next(
        item for item in programme_items(seminar) if item.kind == AgendaItem.Kind.BRAINSTORM
    )
    agenda_services.start_seminar(seminar, by=facilitator)
    agenda_services.go_to(seminar, by=facilitator, item=brainstorm)
    services.boards_for_item(brainstorm)
    board = brainstorm.boards.exclude(group=None).first()
    screen = group_services.pair_screen(
        seminar,
        by=facilitator,
        pairing_code=Screen.objects.create().pairing_code,
        group=board.group,
    )
    services.open_vote(seminar, by=facilitator, title="Vigtigst?", boards=[board])
    phone = board.group.members.first()
    _grow(seminar, facilitator, people=3, cards=4)
    small = _count(_pages(seminar, facilitator, phone, screen))
    _add_tables(brainstorm, 3)
    _grow(seminar, facilitator, people=25, cards=40)
    large = _count(_pages(seminar, facilitator, phone, screen))
    assert large == small
