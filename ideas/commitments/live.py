"""The action list's live part: the projector and the console list the actions as they come
(only while an action list runs; the phones' own lists are each person's and come back with
their answers)."""

from ideas.exercises import exercise_for
from ideas.live import CONSOLE, STAGE, console_region_context, current_item, stage_region_context
from ideas.models import MondayAction
from seminar import live


def recent_actions(seminar, limit=12):
    return list(
        MondayAction.objects.filter(participant__seminar=seminar)
        .select_related("participant__department")
        .order_by("-created_at", "-pk")[:limit]
    )


def publish_actions(seminar):
    def shown(context):
        item = current_item(seminar)
        return context(seminar, item) if exercise_for(item).kind == "action_list" else None

    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(STAGE, lambda: shown(stage_region_context))],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(CONSOLE, lambda: shown(console_region_context))],
    )
