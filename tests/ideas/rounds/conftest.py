"""Fixtures of the question rounds' tests: a round running at two tables of two."""

import pytest

from agenda import services as agenda_services
from groups import services as group_services
from groups.models import Grouping
from tests import factories


def running_round(seminar, alice, *, description="", people=4, grouped=True):
    """The seminar started on a question round; returns the item and its participants."""
    members = [factories.make_participant(seminar, f"P{i}") for i in range(people)]
    grouping = None
    if grouped:
        plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=1)
        grouping = group_services.create_grouping(
            seminar, by=alice, name="Borde", method="random", size=2, plan=plan
        )
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(
        items[0], by=alice, kind="questions", grouping=grouping, description=description
    )
    agenda_services.start_seminar(seminar, by=alice)
    items[0].refresh_from_db()
    return items[0], members


@pytest.fixture
def round_item(seminar, alice):
    item, _members = running_round(seminar, alice)
    return item


def table_board(item, question, group):
    return question.boards.get(group=group, holds_conclusions=False)


def answer(item, question, participant, text):
    """`participant` answers `question` on their table's board."""
    from ideas.boards import services as boards

    group = participant.groups.get(grouping=item.grouping)
    return boards.add_idea(table_board(item, question, group), by=participant, text=text)
