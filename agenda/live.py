"""The agenda's live regions: "now" for every screen, the clock panel for the facilitators.

Each context function reads everything once; the broadcaster then renders it per language.
"""

import functools

from django.utils import timezone

from agenda import queries
from seminar import live

NOW = "agenda/live.html#now"
CONSOLE_CLOCK = "agenda/live.html#console-clock"
CONSOLE_PROGRAMME = "agenda/live.html#console-programme"


def _ms(moment):
    return int(moment.timestamp() * 1000)


def format_seconds(seconds):
    sign = "+" if seconds < 0 else ""
    minutes, rest = divmod(abs(int(seconds)), 60)
    return f"{sign}{minutes}:{rest:02d}"


def _reads(seminar):
    """The clock and the programme, read once however many regions a push renders from them."""
    return functools.cache(lambda: (queries.get_clock(seminar), queries.programme_items(seminar)))


def now_context(seminar, reads=None):
    clock, items = (reads or _reads(seminar))()
    now = timezone.now()
    current = clock.current_item
    if current is not None:
        index = next((i for i, item in enumerate(items) if item.pk == current.pk), None)
        following = items[index + 1] if index is not None and index + 1 < len(items) else None
    else:
        following = items[0] if items and clock.started_at is None else None
    # An item without a duration (and not extended) has no end to count down to or run over.
    timed = current is not None and (current.duration is not None or clock.extra_minutes > 0)
    deadline = clock.deadline() if timed else None
    return {
        "seminar": seminar,
        "clock": clock,
        "current": current,
        "following": following,
        "finished": clock.started_at is not None and current is None,
        "server_now_ms": _ms(now),
        "deadline_ms": _ms(deadline) if deadline else None,
        "remaining_text": format_seconds(clock.remaining_seconds(now)) if timed else "",
    }


def console_context(seminar, reads=None):
    reads = reads or _reads(seminar)
    context = now_context(seminar, reads)
    clock = context["clock"]
    _clock, items = reads()
    drift = queries.drift_minutes(clock)
    context.update(
        drift=drift,
        drift_abs=abs(drift) if drift is not None else None,
        timeline=queries.timeline(clock, items),
        has_items=bool(items),
    )
    return context


def now_region(seminar, reads=None):
    return live.Region(NOW, lambda: now_context(seminar, reads))


def console_regions(seminar, reads=None):
    """The console's clock panel and, in its side column, the programme: read once for both."""
    context = functools.cache(lambda: console_context(seminar, reads))
    return [
        live.Region(CONSOLE_CLOCK, context),
        live.Region(CONSOLE_PROGRAMME, context, slot="programme"),
    ]


def publish_clock(seminar, *, change=None, item=None):
    """After any clock or programme change: every screen's "now" first, the facilitators'
    panel, and when the item changed (`change`, to `item`), what the apps' item hooks push.
    The clock and the programme are read once after the commit for all of them."""
    reads = _reads(seminar)
    live.publish_on_commit([live.seminar_audience(seminar.pk)], [now_region(seminar, reads)])
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)], console_regions(seminar, reads)
    )
    if change is not None:
        live.item_changed(seminar, item, previous=change.previous, regroup=change.regroup)


@live.state_provider(order=0)
def agenda_state(viewer):
    if viewer.role == "facilitator":
        # The console: the clock panel first, "now" as the phones see it beside it.
        return [
            *console_regions(viewer.seminar),
            live.Region(NOW, lambda: now_context(viewer.seminar), slot="aside"),
        ]
    return [now_region(viewer.seminar)]
