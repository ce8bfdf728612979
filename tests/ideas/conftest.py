"""Fixtures of the ideas app's tests: a seminar's tables and their boards, a brainstorm running."""

import pytest

from groups import services as group_services
from groups.models import Grouping
from ideas import services
from seminar import live
from tests import factories
from tests.ideas.helpers import brainstorm


@pytest.fixture
def tables(seminar, alice):
    people = [factories.make_participant(seminar, f"P{i}") for i in range(4)]
    plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=1)
    grouping = group_services.create_grouping(
        seminar, by=alice, name="Borde", method="random", size=2, plan=plan
    )
    return grouping, people


@pytest.fixture
def boards(seminar, alice, tables):
    grouping, _people = tables
    _day, items = factories.make_programme(seminar, by=alice)
    items[0].grouping, items[0].kind = grouping, "brainstorm"
    items[0].save()
    return services.boards_for_item(items[0])


@pytest.fixture
def setting(seminar, alice):
    members, board = brainstorm(seminar, alice)
    author = board.group.members.first()
    idea = services.add_idea(board, by=author, text="Borgerpanel")
    vote = services.open_vote(seminar, by=alice, title="?", boards=[board])
    cluster = services.create_cluster(board, by=alice, heading="Borgere")
    return board, author, idea, vote, cluster


@pytest.fixture
def pushes(monkeypatch):
    """Every (group, html) handed to the fan-out hub, instead of sending it; a Danish screen
    listens, so pushes are rendered (in Danish; with Redis also in the languages that other
    processes' sockets read)."""
    sent = []

    def capture(sends, resubscribe=(), touched=()):
        sent.extend(sends)
        return True

    monkeypatch.setattr(live, "_send", capture)
    live.listening("da", +1)
    yield sent
    live.listening("da", -1)
