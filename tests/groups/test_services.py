import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from groups import services
from groups.models import Grouping, Membership, Screen
from tests import factories


@pytest.fixture
def twelve(seminar):
    departments = list(seminar.departments.all())
    return [
        factories.make_participant(seminar, f"P{i}", departments[i % len(departments)])
        for i in range(12)
    ]


def _form(seminar, alice, method, **kwargs):
    plan = services.plan_grouping(seminar, method=method, seed=7, **kwargs)
    return services.create_grouping(
        seminar, by=alice, name=method, method=method, size=kwargs.get("size"), plan=plan
    )


def test_cross_functional_tables_of_six_seat_everyone_once(seminar, alice, twelve):
    grouping = _form(seminar, alice, Grouping.Method.CROSS_FUNCTIONAL, size=6)
    groups = list(grouping.groups.order_by("number"))
    assert [g.name for g in groups] == ["Bord 1", "Bord 2"]  # the seminar's language: Danish
    seated = list(
        Membership.objects.filter(grouping=grouping).values_list("participant_id", flat=True)
    )
    assert sorted(seated) == sorted(p.pk for p in twelve)
    for group in groups:
        departments = [m.department_id for m in group.members.all()]
        assert len(departments) == 6 and len(set(departments)) == 2  # 3 + 3, not 6 + 0


def test_a_second_grouping_is_not_named_like_the_tables(seminar, alice, twelve):
    """Four large groups beside the tables are "Gruppe 1".., not a second "Bord 1" that a phone
    and a table screen would mistake for each other; a third "Gruppe" set takes its name."""
    tables = _form(seminar, alice, Grouping.Method.RANDOM, size=6)
    leaders = [twelve[0].pk, twelve[1].pk]
    large = _form(seminar, alice, Grouping.Method.WITH_LEADERS, count=2, leaders=leaders)
    third = _form(seminar, alice, Grouping.Method.RANDOM, size=4)
    names = [
        list(grouping.groups.order_by("number").values_list("name", flat=True))
        for grouping in (tables, large, third)
    ]
    assert names == [
        ["Bord 1", "Bord 2"],
        ["Gruppe 1", "Gruppe 2"],
        ["random 1", "random 2", "random 3"],
    ]
    # Formed anew, a grouping keeps its own names (they are not "taken" by itself).
    services.apply_plan(
        tables, by=alice, plan=services.plan_grouping(seminar, method="random", size=6, seed=2)
    )
    assert set(tables.groups.values_list("name", flat=True)) == {"Bord 1", "Bord 2"}


def test_plan_is_a_preview_until_applied(seminar, twelve):
    services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=4, seed=1)
    assert not Membership.objects.exists()


def test_same_seed_gives_the_same_plan(seminar, twelve):
    plans = [
        services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=4, seed=3)
        for _ in range(2)
    ]
    assert plans[0] == plans[1]


def test_groups_by_department_are_named_after_it(seminar, alice, twelve):
    grouping = _form(seminar, alice, Grouping.Method.BY_DEPARTMENT)
    assert sorted(grouping.groups.values_list("name", flat=True)) == ["Skole", "Teknik"]


def test_groups_with_leaders_seat_each_leader_at_their_table(seminar, alice, twelve):
    leaders = [twelve[0].pk, -alice.pk]
    grouping = _form(seminar, alice, Grouping.Method.WITH_LEADERS, count=2, leaders=leaders)
    first, second = grouping.groups.order_by("number")
    assert first.leader == twelve[0] and twelve[0] in first.members.all()
    assert second.leader_user == alice


def test_move_member_changes_the_table_within_the_grouping_only(seminar, alice, twelve):
    tables = _form(seminar, alice, Grouping.Method.RANDOM, size=6)
    departments = _form(seminar, alice, Grouping.Method.BY_DEPARTMENT)
    person = twelve[0]
    target = tables.groups.exclude(members=person).first()
    services.move_member(person, by=alice, group=target)
    assert Membership.objects.get(participant=person, grouping=tables).group == target
    assert Membership.objects.filter(participant=person, grouping=departments).count() == 1


def test_move_member_refuses_another_seminars_table(seminar, other_seminar, alice, bob, twelve):
    factories.make_participant(other_seminar, "Olav")
    foreign = _form(other_seminar, bob, Grouping.Method.RANDOM, size=2).groups.first()
    with pytest.raises(services.GroupingError):
        services.move_member(twelve[0], by=alice, group=foreign)


def test_late_joiner_goes_to_the_smallest_table(seminar, alice, twelve):
    tables = _form(seminar, alice, Grouping.Method.CROSS_FUNCTIONAL, size=5)  # 4 + 4 + 4
    biggest = tables.groups.first()
    services.move_member(twelve[0], by=alice, group=biggest)
    late = factories.make_participant(seminar, "Late")
    seat = Membership.objects.get(participant=late, grouping=tables).group
    sizes = {g.pk: g.members.count() for g in tables.groups.all()}
    assert sizes[seat.pk] <= min(sizes.values()) + 1
    assert seat != biggest or sizes[seat.pk] == min(sizes.values())


def test_reforming_keeps_screens_on_their_table_number(seminar, alice, twelve):
    tables = _form(seminar, alice, Grouping.Method.RANDOM, size=6)
    screen = Screen.objects.create()
    services.pair_screen(
        seminar, by=alice, pairing_code=screen.pairing_code, group=tables.groups.get(number=2)
    )
    services.apply_plan(
        tables,
        by=alice,
        plan=services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=6, seed=99),
    )
    screen.refresh_from_db()
    assert screen.group.number == 2 and screen.group.grouping == tables


def test_pairing_needs_an_unpaired_screen_with_that_code(seminar, alice, twelve):
    group = _form(seminar, alice, Grouping.Method.RANDOM, size=6).groups.first()
    with pytest.raises(services.GroupingError):
        services.pair_screen(seminar, by=alice, pairing_code="NOPE", group=group)
    screen = Screen.objects.create()
    services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code.lower(), group=group)
    with pytest.raises(services.GroupingError):  # already paired: the code says nothing now
        services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code, group=group)


def _late_joiner_queries(seminar, name):
    with CaptureQueriesContext(connection) as queries:
        factories.make_participant(seminar, name)
    return len(queries.captured_queries)


def test_late_joiner_is_seated_in_every_grouping_in_the_same_queries_as_in_one(
    seminar, alice, twelve
):
    _form(seminar, alice, Grouping.Method.RANDOM, size=4)
    one = _late_joiner_queries(seminar, "Late 1")
    _form(seminar, alice, Grouping.Method.CROSS_FUNCTIONAL, size=4)
    _form(seminar, alice, Grouping.Method.BY_DEPARTMENT)
    three = _late_joiner_queries(seminar, "Late 2")
    late = seminar.participants.get(display_name="Late 2")
    assert Membership.objects.filter(participant=late).count() == 3
    assert three == one
