"""Every change to a programme and its clock: plain functions with an explicit actor.

Each runs in one transaction, locks the clock row where order matters (two facilitators may
press "next" at once), and pushes the new state to the screens on commit (agenda/live.py).
"""

import datetime
from dataclasses import dataclass

from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.dispatch import receiver
from django.utils import timezone

from agenda import importer
from agenda.live import publish_clock
from agenda.models import ANY_DAY, AgendaItem, Clock, Day
from agenda.queries import programme_items
from seminar import signals
from seminar.input import create_once, form_key


class ClockError(Exception):
    """A clock action that makes no sense now (next at the end, resume when not paused)."""


# --- Programme ---------------------------------------------------------------------------------


def _next_position(queryset):
    return (queryset.aggregate(top=Max("position"))["top"] or 0) + 1


@transaction.atomic
def add_day(seminar, *, by, label, date=None, key=None):
    def create(key):
        position = _next_position(seminar.days.all())
        return Day.objects.create(
            seminar=seminar, label=label, date=date, position=position, key=key
        )

    day = create_once(Day, key, create)
    publish_clock(seminar)
    return day


@transaction.atomic
def update_day(day, *, by, label, date=None):
    day.label, day.date = label, date
    day.save()
    return day


@transaction.atomic
def delete_day(day, *, by):
    seminar = day.seminar
    day.delete()
    publish_clock(seminar)


def _position_for(day, start):
    """Items sit in time order; a new item goes after the last one starting no later."""
    if start is None:
        return _next_position(day.items.all())
    later = day.items.filter(start__gt=start).order_by("position").first()
    if later is None:
        return _next_position(day.items.all())
    day.items.filter(position__gte=later.position).update(position=F("position") + 1)
    return later.position


@transaction.atomic
def add_item(
    day,
    *,
    by,
    title,
    start=None,
    duration=None,
    description="",
    kind="plenum",
    grouping=None,
    flagged=False,
    key=None,
):
    def create(key):
        return AgendaItem.objects.create(
            day=day,
            position=_position_for(day, start),
            start=start,
            duration=duration,
            title=title,
            description=description,
            kind=kind,
            grouping=grouping,
            flagged=flagged,
            key=key,
        )

    item = create_once(AgendaItem, key, create)
    publish_clock(day.seminar)
    return item


def _shift(value, minutes):
    moved = datetime.datetime.combine(ANY_DAY, value) + datetime.timedelta(minutes=minutes)
    return moved.time() if moved.date() == ANY_DAY else None


# Why an item's kind may not change, from the apps above the agenda (a scale people have
# answered: its answers would no longer fit the kind). Each is a function (item) -> a message
# in the user's language, or None; `kind_locked` asks them in turn.
_kind_locks = []


def kind_lock(func):
    _kind_locks.append(func)
    return func


def kind_locked(item):
    """Why the item's kind cannot change now, or None."""
    return next((message for lock in _kind_locks if (message := lock(item))), None)


@transaction.atomic
def update_item(item, *, by, shift_rest=False, **fields):
    """Change an item; with `shift_rest`, later items of the day move by the same minutes."""
    old_start = item.start
    for name, value in fields.items():
        setattr(item, name, value)
    if fields.get("start") is not None:
        item.flagged = False
    item.save()
    if shift_rest and old_start is not None and item.start is not None:
        delta = datetime.datetime.combine(ANY_DAY, item.start) - datetime.datetime.combine(
            ANY_DAY, old_start
        )
        minutes = int(delta.total_seconds() // 60)
        later = item.day.items.filter(start__gt=old_start).exclude(pk=item.pk)
        for other in later:
            shifted = _shift(other.start, minutes)
            if shifted is not None:
                other.start = shifted
                other.save(update_fields=["start"])
    publish_clock(item.day.seminar)
    return item


def later_items_count(item):
    if item.start is None:
        return 0
    return item.day.items.filter(start__gt=item.start).exclude(pk=item.pk).count()


@transaction.atomic
def move_item(item, *, by, direction):
    """Swap an item with its neighbour; the earlier one's start goes to whichever comes first."""
    items = list(item.day.items.order_by("position", "pk"))
    index = items.index(item)
    other_index = index - 1 if direction == "up" else index + 1
    if not 0 <= other_index < len(items):
        return item
    first, second = sorted([items[index], items[other_index]], key=items.index)
    # After the swap `second` comes first and takes the slot's start; `first` follows it.
    slot = first.start
    if slot is not None and second.start is not None:
        second.start = slot
        if second.duration is not None:
            first.start = _shift(slot, second.duration) or first.start
    first.position, second.position = second.position, first.position
    if first.position == second.position:
        second.position -= 1
    first.save(update_fields=["position", "start"])
    second.save(update_fields=["position", "start"])
    publish_clock(item.day.seminar)
    return item


@transaction.atomic
def delete_item(item, *, by):
    seminar = item.day.seminar
    clock = Clock.objects.select_for_update().get(seminar=seminar)
    if clock.current_item_id == item.pk:
        raise ClockError("current item")
    item.delete()
    publish_clock(seminar)


@transaction.atomic
def apply_import(seminar, days, *, by, key=None):
    """Add parsed days (agenda.importer.ParsedDay) to the seminar; returns the items added.

    Each item keeps the kind the importer guessed, and each day the date its heading names, in
    the year of the seminar's first day (else the year the timetable names). The form's `key`
    goes on the first day: the same import sent twice adds nothing the second time."""
    key = form_key(key)
    if key is not None and Day.objects.filter(key=key).exists():
        return []
    added = []
    position = _next_position(seminar.days.all())
    for offset, parsed_day in enumerate(days):
        try:
            with transaction.atomic():
                day = Day.objects.create(
                    seminar=seminar,
                    label=parsed_day.label or "-",
                    date=parsed_day.date_for(seminar.starts_on),
                    position=position + offset,
                    key=key if offset == 0 else None,
                )
        except IntegrityError:  # the same import, sent twice at once: the other one adds it
            if key is None or offset:
                raise
            return []
        added.extend(
            AgendaItem.objects.bulk_create(
                AgendaItem(
                    day=day,
                    position=index + 1,
                    start=parsed.start,
                    duration=parsed.duration,
                    title=parsed.title[: importer.TITLE_LIMIT],
                    description=parsed.description,
                    flagged=parsed.flagged,
                    kind=AgendaItem.Kind(parsed.kind),
                    extras={extra: {} for extra in parsed.extras},
                )
                for index, parsed in enumerate(parsed_day.items)
            )
        )
    publish_clock(seminar)
    return added


def guess_kind(title, description=""):
    """The kind of item its title (else its description) names, in da, nb, sv or en."""
    return AgendaItem.Kind(importer.guess_kind(title, description))


# --- Clock ----------------------------------------------------------------------------------------


def _locked_clock(seminar):
    clock, _created = Clock.objects.get_or_create(seminar=seminar)
    # of=("self",): PostgreSQL cannot lock the nullable side of the outer join to the item.
    return (
        Clock.objects.select_for_update(of=("self",))
        .select_related("current_item")
        .get(pk=clock.pk)
    )


@dataclass(frozen=True)
class ItemChange:
    previous: AgendaItem | None
    regroup: bool  # the seating changed with the item (another grouping, or none)


def _enter(clock, item, now):
    """Leave the current item (recording when it ended) and start `item`."""
    previous = clock.current_item
    old_grouping = previous.grouping_id if previous else None
    if clock.current_item is not None:
        AgendaItem.objects.filter(pk=clock.current_item_id).update(actual_end=now)
    clock.current_item = item
    clock.item_started_at = now if item else None
    clock.paused_at = None
    clock.paused_seconds = 0
    clock.extra_minutes = 0
    clock.stage = ""  # the projector follows the new item
    if item is not None and item.actual_start is None:
        AgendaItem.objects.filter(pk=item.pk).update(actual_start=now)
    return ItemChange(previous, old_grouping != (item.grouping_id if item else None))


def _save(clock, change=None):
    """Store a clock change and push it (`change` when the item changed)."""
    clock.version += 1
    clock.save()
    publish_clock(clock.seminar, change=change, item=clock.current_item)
    return clock


@transaction.atomic
def start_seminar(seminar, *, by):
    clock = _locked_clock(seminar)
    items = programme_items(seminar)
    if not items:
        raise ClockError("no items")
    now = timezone.now()
    clock.started_at = clock.started_at or now
    return _save(clock, change=_enter(clock, items[0], now))


@transaction.atomic
def go_to(seminar, *, by, item):
    if item.day.seminar_id != seminar.pk:
        raise ClockError("foreign item")
    clock = _locked_clock(seminar)
    now = timezone.now()
    clock.started_at = clock.started_at or now
    if clock.current_item_id == item.pk:
        return _save(clock)
    return _save(clock, change=_enter(clock, item, now))


def _step(seminar, by, offset):
    clock = _locked_clock(seminar)
    items = programme_items(seminar)
    ids = [item.pk for item in items]
    if clock.current_item_id not in ids:
        raise ClockError("not running")
    index = ids.index(clock.current_item_id) + offset
    now = timezone.now()
    if index < 0:
        raise ClockError("at the start")
    # Past the last item the seminar is over.
    following = items[index] if index < len(items) else None
    return _save(clock, change=_enter(clock, following, now))


@transaction.atomic
def next_item(seminar, *, by):
    return _step(seminar, by, +1)


@transaction.atomic
def previous_item(seminar, *, by):
    return _step(seminar, by, -1)


@transaction.atomic
def pause(seminar, *, by):
    clock = _locked_clock(seminar)
    if not clock.running or clock.paused:
        raise ClockError("not running")
    clock.paused_at = timezone.now()
    return _save(clock)


@transaction.atomic
def resume(seminar, *, by):
    clock = _locked_clock(seminar)
    if not clock.paused:
        raise ClockError("not paused")
    clock.paused_seconds += int((timezone.now() - clock.paused_at).total_seconds())
    clock.paused_at = None
    return _save(clock)


@transaction.atomic
def extend(seminar, *, by, minutes):
    if minutes not in (5, 10):
        raise ClockError("extend by 5 or 10")
    clock = _locked_clock(seminar)
    if not clock.running:
        raise ClockError("not running")
    clock.extra_minutes += minutes
    return _save(clock)


@transaction.atomic
def finish(seminar, *, by):
    clock = _locked_clock(seminar)
    return _save(clock, change=_enter(clock, None, timezone.now()))


@receiver(signals.seminar_created)
def _give_the_seminar_its_clock(sender, seminar, **kwargs):
    Clock.objects.create(seminar=seminar)
