"""Reused reads of the programme: ordered items, neighbours, and the clock's timeline."""

import datetime

from django.utils import timezone

from agenda.models import ANY_DAY, AgendaItem, Clock, Day
from seminar import live


def programme_items(seminar):
    """Every item of the seminar in programme order, days attached (one query)."""
    return list(
        AgendaItem.objects.filter(day__seminar=seminar)
        .select_related("day", "grouping")
        .order_by("day__position", "day_id", "position", "pk")
    )


def days_with_items(seminar):
    """Days, each with `.item_list` and `.notes` (gaps and overlaps), in two queries."""
    days = list(Day.objects.filter(seminar=seminar).order_by("position", "pk"))
    by_day = {day.pk: day for day in days}
    for day in days:
        day.item_list = []
    for item in programme_items(seminar):
        by_day[item.day_id].item_list.append(item)
    for day in days:
        annotate_schedule(day.item_list)
        timed = [item for item in day.item_list if item.start is not None]
        day.first_start = timed[0].start if timed else None
        ends = [item.end for item in timed if item.end is not None]
        day.last_end = max(ends) if ends else None
    return days


def _minutes(value):
    return value.hour * 60 + value.minute


def annotate_schedule(items):
    """Give each item `.gap_before` and `.overlap_before` in minutes against the previous one."""
    previous = None
    for item in items:
        item.gap_before = item.overlap_before = 0
        if item.start is not None and previous is not None and previous.end is not None:
            difference = _minutes(item.start) - _minutes(previous.end)
            if difference > 0:
                item.gap_before = difference
            elif difference < 0:
                item.overlap_before = -difference
        if item.start is not None:
            previous = item


def neighbours(seminar, item):
    """(previous, next) items of the whole programme around `item` (None at the ends)."""
    items = programme_items(seminar)
    ids = [each.pk for each in items]
    if item is None or item.pk not in ids:
        return None, (items[0] if items else None)
    index = ids.index(item.pk)
    previous = items[index - 1] if index > 0 else None
    following = items[index + 1] if index + 1 < len(items) else None
    return previous, following


def get_clock(seminar):
    """The seminar's clock (made on first use); read once per state read (seminar.live)."""
    return live.read_once(("clock", seminar.pk), lambda: _clock(seminar))


def _clock(seminar):
    clock, _created = Clock.objects.select_related(
        "current_item__day", "current_item__grouping"
    ).get_or_create(seminar=seminar)
    return clock


def planned_end(item, now):
    """The item's planned end today, in the current time zone (None when it has no time)."""
    if item is None or item.start is None or item.duration is None:
        return None
    today = timezone.localdate(now)
    start = timezone.make_aware(datetime.datetime.combine(today, item.start))
    return start + datetime.timedelta(minutes=item.duration)


def drift_minutes(clock, now=None):
    """How far the room is behind (+) or ahead (-) of the plan, judged at the current item's end."""
    now = now or timezone.now()
    item = clock.current_item
    plan = planned_end(item, now)
    if plan is None or clock.item_started_at is None:
        return None
    projected_end = now + datetime.timedelta(seconds=max(0, clock.remaining_seconds(now)))
    minutes = round((projected_end - plan).total_seconds() / 60)
    # The plan is a time of day: an evening item running past midnight is late, not early.
    return (minutes + 720) % 1440 - 720


def timeline(clock, items, now=None):
    """The whole programme by day, each item with its projected start if the drift carries on.

    Every item can be reached from the console ("Go"), on any day; the day running now comes
    open (`is_today`), the others folded. Before the start and after the end the first day
    comes open.
    """
    drift = drift_minutes(clock, now) or 0
    current = clock.current_item
    days, seen_current = [], False
    for item in items:
        if not days or days[-1]["day"].pk != item.day_id:
            days.append({"day": item.day, "rows": [], "is_today": False})
        is_current = current is not None and item.pk == current.pk
        projected = None
        if seen_current and drift and item.start is not None and item.day_id == current.day_id:
            start = datetime.datetime.combine(ANY_DAY, item.start)
            projected = (start + datetime.timedelta(minutes=drift)).time()
        days[-1]["rows"].append(
            {
                "item": item,
                "current": is_current,
                "done": current is not None and not seen_current and not is_current,
                "projected": projected,
            }
        )
        seen_current = seen_current or is_current
    for entry in days:
        entry["is_today"] = (
            entry["day"].pk == current.day_id if current is not None else entry is days[0]
        )
    return days
