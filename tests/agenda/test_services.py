import datetime

import pytest
from django.utils import timezone

from agenda import services
from agenda.models import AgendaItem
from agenda.queries import days_with_items, drift_minutes
from tests import factories

T = datetime.time.fromisoformat


@pytest.fixture
def items(programme):
    return programme[1]


def test_start_enters_the_first_item_and_records_when(seminar, alice, items):
    clock = services.start_seminar(seminar, by=alice)
    assert clock.current_item == items[0]
    items[0].refresh_from_db()
    assert items[0].actual_start is not None


def test_next_and_previous_walk_the_programme(seminar, alice, items):
    services.start_seminar(seminar, by=alice)
    assert services.next_item(seminar, by=alice).current_item == items[1]
    assert services.previous_item(seminar, by=alice).current_item == items[0]
    with pytest.raises(services.ClockError):
        services.previous_item(seminar, by=alice)


def test_next_after_the_last_item_finishes_and_records_the_end(seminar, alice, items):
    services.go_to(seminar, by=alice, item=items[-1])
    clock = services.next_item(seminar, by=alice)
    assert clock.current_item is None and clock.started_at is not None
    items[-1].refresh_from_db()
    assert items[-1].actual_end is not None


def test_pause_stops_the_countdown_and_resume_continues_it(seminar, alice, items):
    clock = services.start_seminar(seminar, by=alice)
    clock = services.pause(seminar, by=alice)
    assert clock.paused and clock.deadline() is None
    remaining = clock.remaining_seconds(timezone.now() + datetime.timedelta(minutes=5))
    assert remaining == clock.remaining_seconds()  # time stands still while paused
    clock = services.resume(seminar, by=alice)
    assert not clock.paused and clock.deadline() is not None
    with pytest.raises(services.ClockError):
        services.resume(seminar, by=alice)


def test_extend_adds_minutes_to_the_current_item_only(seminar, alice, items):
    clock = services.start_seminar(seminar, by=alice)
    before = clock.deadline()
    clock = services.extend(seminar, by=alice, minutes=10)
    assert clock.deadline() - before == datetime.timedelta(minutes=10)
    with pytest.raises(services.ClockError):
        services.extend(seminar, by=alice, minutes=7)
    assert services.next_item(seminar, by=alice).extra_minutes == 0


def test_every_clock_change_bumps_the_version(seminar, alice, items):
    versions = [
        services.start_seminar(seminar, by=alice).version,
        services.pause(seminar, by=alice).version,
        services.resume(seminar, by=alice).version,
        services.next_item(seminar, by=alice).version,
    ]
    assert versions == sorted(set(versions))


def test_go_to_refuses_another_seminars_item(seminar, other_seminar, alice, bob, items):
    _day, foreign = factories.make_programme(other_seminar, by=bob)
    with pytest.raises(services.ClockError):
        services.go_to(seminar, by=alice, item=foreign[0])


def test_drift_is_positive_when_behind(seminar, alice, items):
    clock = services.start_seminar(seminar, by=alice)
    now = timezone.now()
    local_now = timezone.localtime(now)
    # Plan the item to have ended 12 minutes ago; it has just started with 15 minutes to go.
    planned_end = local_now - datetime.timedelta(minutes=12)
    start = (planned_end - datetime.timedelta(minutes=15)).time().replace(second=0, microsecond=0)
    AgendaItem.objects.filter(pk=items[0].pk).update(start=start, duration=15)
    clock.refresh_from_db()
    drift = drift_minutes(clock, now)
    assert 26 <= drift <= 28


def test_update_item_can_shift_the_rest_of_the_day(seminar, alice, items):
    services.update_item(items[0], by=alice, start=T("08:25"), shift_rest=True)
    starts = [item.start for item in AgendaItem.objects.order_by("position")]
    assert starts == [T("08:25"), T("08:40"), T("09:10")]


def test_update_item_without_shift_leaves_the_rest(seminar, alice, items):
    services.update_item(items[0], by=alice, start=T("08:25"))
    starts = [item.start for item in AgendaItem.objects.order_by("position")]
    assert starts == [T("08:25"), T("08:30"), T("09:00")]


def test_move_item_swaps_places_and_times(seminar, alice, items):
    services.move_item(items[1], by=alice, direction="up")
    ordered = list(AgendaItem.objects.order_by("position"))
    assert [item.title for item in ordered] == ["Visionen", "Velkommen", "Hvad synes I?"]
    assert [item.start for item in ordered] == [T("08:15"), T("08:45"), T("09:00")]


def test_delete_refuses_the_running_item(seminar, alice, items):
    services.start_seminar(seminar, by=alice)
    with pytest.raises(services.ClockError):
        services.delete_item(items[0], by=alice)
    services.delete_item(items[1], by=alice)
    assert AgendaItem.objects.count() == 2


def test_days_show_gaps_and_overlaps(seminar, alice):
    factories.make_programme(
        seminar, by=alice, items=(("08:00", 30, "A"), ("08:45", 15, "B"), ("08:55", 10, "C"))
    )
    day = days_with_items(seminar)[0]
    gaps = [(item.gap_before, item.overlap_before) for item in day.item_list]
    assert gaps == [(0, 0), (15, 0), (0, 5)]
    assert (day.first_start, day.last_end) == (T("08:00"), T("09:05"))


def test_apply_import_adds_days_and_items(seminar, alice):
    from agenda.importer import parse_programme

    added = services.apply_import(
        seminar,
        parse_programme("Fredag\nKl 8.30: God morgen\nKl 8.40: Pause\nKl 9: Slut"),
        by=alice,
    )
    assert [item.title for item in added] == ["God morgen", "Pause", "Slut"]
    assert added[0].duration == 10
    assert added[1].kind == AgendaItem.Kind.BREAK
