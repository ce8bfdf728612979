"""Plain helpers of the ideas tests: a brainstorm at tables, a running vernissage, seats."""

from agenda import services as agenda_services
from groups import services as group_services
from groups.models import Grouping
from ideas import services
from ideas.extras import services as extras
from tests import factories


def member_of(board):
    return board.group.members.first()


def outsider_of(board):
    return board.seminar.participants.exclude(groups=board.group).first()


def brainstorm(seminar, alice, people=4):
    members = [factories.make_participant(seminar, f"P{i}") for i in range(people)]
    plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=1)
    grouping = group_services.create_grouping(
        seminar, by=alice, name="Borde", method="random", size=2, plan=plan
    )
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, grouping=grouping, kind="brainstorm")
    agenda_services.start_seminar(seminar, by=alice)  # makes the boards
    board = items[0].boards.order_by("group__number").first()
    return members, board


def running_vernissage(seminar, alice, board):
    source = board.agenda_item
    item = agenda_services.add_item(source.day, by=alice, title="Fernisering", duration=30)
    agenda_services.go_to(seminar, by=alice, item=item)
    return services.set_up_vernissage(item, by=alice, source_item=source)


def plenum_with_extra(seminar, alice, key):
    """The seminar's first item running as a plenum with the extra `key` on (the room's
    questions, the speaker queue); three phones in the room."""
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.start_seminar(seminar, by=alice)
    item = extras.switch_extra(items[0], by=alice, key=key, on=True)
    people = [factories.make_participant(seminar, name) for name in ("Anne", "Bo", "Cai")]
    return item, people
