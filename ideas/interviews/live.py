"""The interviews' live parts: a table's interviews, threads and flags on its phones and screen,
and the flagged interview on the projector with the console's list to step through.

Each push is gated on an interviews item running (read after the commit): nothing is sent to
screens that do not show the part.
"""

import functools

from ideas.exercises import exercise_for
from ideas.interviews import queries
from ideas.interviews.forms import DifferenceForm, ThreadForm
from ideas.live import current_item
from seminar import live

TEMPLATE = "ideas/exercises/interviews.html"
TABLE = f"{TEMPLATE}#table"
STAGE = f"{TEMPLATE}#interview-stage"


def table_context(seminar, group, **bound):
    """A table's interviews, threads, differences and flags, with its two forms (a bound one
    kept when it comes back with an error)."""
    context = queries.table_context(seminar, group)
    interviews = context["interviews"]
    context["thread_form"] = bound.get("thread_form") or ThreadForm(interviews=interviews)
    context["difference_form"] = bound.get("difference_form") or DifferenceForm(
        interviews=interviews
    )
    return context


def running(seminar):
    """The interviews item running now, or None."""
    item = current_item(seminar)
    if item is not None and getattr(exercise_for(item), "shows_interviews", False):
        return item
    return None


def _seated(seminar, group):
    item = running(seminar)
    if item is None:
        return False
    grouping = exercise_for(item).seating(item)
    return grouping is not None and grouping.pk == group.grouping_id


def publish_table(seminar, group):
    """Something changed at a table: its phones and screen, and the console's flagged list."""
    context = functools.cache(
        lambda: (
            {"seminar": seminar, "table": table_context(seminar, group)}
            if _seated(seminar, group)
            else None
        )
    )
    live.publish_on_commit(
        [live.members_audience(group.pk), live.table_screens_audience(group.pk)],
        [live.Region(TABLE, context)],
    )
    publish_stage(seminar)


def _stage(seminar, *, facilitator):
    return {
        "seminar": seminar,
        "interview_stage": queries.stage_context(seminar, facilitator=facilitator),
    }


def publish_stage(seminar):
    """The flagged interview on show (projector), and the list to step through (console)."""
    on_show = functools.cache(lambda: running(seminar) is not None)
    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(STAGE, lambda: _stage(seminar, facilitator=False) if on_show() else None)],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(STAGE, lambda: _stage(seminar, facilitator=True) if on_show() else None)],
    )
