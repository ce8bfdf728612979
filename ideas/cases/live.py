"""The cases' live parts: a group's cases, poster and analysis on its phones and screen, every
poster on the console, the analysis on show on the projector. Pushed only while a cases item
runs (read after the commit)."""

import functools

from ideas.cases import queries
from ideas.cases.forms import AnalysisForm, PracticeForm
from ideas.exercises import exercise_for
from ideas.live import current_item
from seminar import live

TEMPLATE = "ideas/exercises/cases.html"
TABLE = f"{TEMPLATE}#table"
STAGE = f"{TEMPLATE}#case-stage"


def running(seminar):
    """The cases item running now, or None."""
    item = current_item(seminar)
    if item is not None and getattr(exercise_for(item), "shows_cases", False):
        return item
    return None


def seating(seminar):
    item = running(seminar)
    return exercise_for(item).seating(item) if item else None


def analysis_form(poster, data=None):
    initial = {
        "went_well": poster.went_well,
        "to_improve": poster.to_improve,
        "how": poster.how,
        "version": poster.version,
    }
    prefix = f"poster-{poster.group_id}"
    return AnalysisForm(data, initial=initial, prefix=prefix)


def table_context(seminar, group, **bound):
    context = queries.table_context(seminar, group)
    context["practice_form"] = bound.get("practice_form") or PracticeForm()
    context["analysis_form"] = bound.get("analysis_form") or analysis_form(context["poster"])
    return context


def stage_context(seminar, *, facilitator, grouping=None):
    """Every group's poster (and, for the console, its analysis form); the analysis on show."""
    context = queries.stage_context(seminar, grouping or seating(seminar))
    if facilitator:
        for entry in context["posters"]:
            entry["form"] = analysis_form(entry["poster"])
    return {"seminar": seminar, "case_stage": {**context, "facilitator": facilitator}}


def publish_table(seminar, group):
    def context():
        grouping = seating(seminar)
        if grouping is None or grouping.pk != group.grouping_id:
            return None
        return {"seminar": seminar, "table": table_context(seminar, group)}

    live.publish_on_commit(
        [live.members_audience(group.pk), live.table_screens_audience(group.pk)],
        [live.Region(TABLE, functools.cache(context))],
    )
    publish_stage(seminar)


def publish_stage(seminar):
    on_show = functools.cache(lambda: running(seminar) is not None)
    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [
            live.Region(
                STAGE, lambda: stage_context(seminar, facilitator=False) if on_show() else None
            )
        ],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [
            live.Region(
                STAGE, lambda: stage_context(seminar, facilitator=True) if on_show() else None
            )
        ],
    )
