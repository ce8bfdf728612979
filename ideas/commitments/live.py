"""The action list's live parts.

- A table's prioritised points (`#action-points-<group>`, inside #my-work) go to its phones and
  its table screen: the members' actions to pick from, the ordered points, their buttons.
- The projector's stage and the console show the tables' points and the numbers as they come.
- A person's own actions are nobody else's: the phone fetches them (`data-fetch-mine`); a
  closed or reopened round pushes every screen's exercise region, never a push per answer.

Each push is gated on an action list running, read after the commit: nothing reaches a screen
that does not show the part.
"""

import functools

from django.db.models import Count, Prefetch, Q

from groups.models import Group
from ideas.commitments.models import MAX_POINTS
from ideas.exercises import exercise_for
from ideas.live import (
    CONSOLE,
    STAGE,
    console_region_context,
    current_item,
    publish_exercise,
    seat_group,
    stage_region_context,
)
from ideas.models import ActionList, GroupPoint, MondayAction
from seminar import live

TEMPLATE = "ideas/exercises/commitments.html"
POINTS = f"{TEMPLATE}#points"


def running(seminar):
    """The action list item running now, or None."""
    item = current_item(seminar)
    return item if item is not None and exercise_for(item).kind == "action_list" else None


def seated_group(seminar, participant):
    """The person's table while an action list runs (None: no action list, or no table)."""
    item = running(seminar)
    return seat_group(seminar, item, participant) if item is not None else None


def recent_actions(seminar, limit=12):
    return list(
        MondayAction.objects.filter(participant__seminar=seminar)
        .select_related("participant__department")
        .order_by("-created_at", "-pk")[:limit]
    )


def points_context(action_list, group):
    """A table's part: its members' actions (to pick from), its points in order, and what may
    still be done. Three queries, however many members and points."""
    points = list(
        GroupPoint.objects.filter(action_list=action_list, group=group).select_related(
            "action__participant"
        )
    )
    actions = list(
        MondayAction.objects.filter(participant__memberships__group=group)
        .select_related("participant")
        .order_by("participant__display_name", "participant_id", "created_at", "pk")
    )
    picked = {point.action_id for point in points if point.action_id}
    for action in actions:
        action.picked = action.pk in picked
    for place, point in enumerate(points):
        point.up, point.down = place - 1, place + 1  # the places its buttons send
    return {
        "group": group,
        "action_list": action_list,
        "points": points,
        "actions": actions,
        "is_open": action_list.is_open,
        "room": action_list.is_open and len(points) < MAX_POINTS,
        "max_points": MAX_POINTS,
    }


def table_numbers_of(grouping_ids):
    """The tables of these groupings, each with its members, the members who wrote an action
    and their actions (one query)."""
    return list(
        Group.objects.filter(grouping_id__in=[pk for pk in grouping_ids if pk])
        .annotate(
            member_count=Count("memberships", distinct=True),
            writer_count=Count(
                "memberships__participant",
                filter=Q(memberships__participant__monday_actions__isnull=False),
                distinct=True,
            ),
            action_count=Count("memberships__participant__monday_actions", distinct=True),
        )
        .order_by("grouping_id", "number")
    )


def table_numbers(action_list, tables=None):
    """Per table of the item's grouping: members, members who wrote an action, their actions,
    the table's points. The same numbers for the console, the projector and the report."""
    tables = group_points(action_list) if tables is None else tables
    counted = {group.pk: group for group in table_numbers_of([action_list.agenda_item.grouping_id])}
    for table in tables:
        found = counted[table.pk]
        table.member_count, table.writer_count = found.member_count, found.writer_count
        table.action_count, table.point_count = found.action_count, len(table.points)
    return tables


def group_points(action_list):
    """Every table of the item with its points, in the tables' order (two queries)."""
    item = action_list.agenda_item
    if item.grouping_id is None:
        return []
    points = GroupPoint.objects.filter(action_list=action_list)
    return [
        group
        for group in Group.objects.filter(grouping_id=item.grouping_id)
        .prefetch_related(Prefetch("action_points", queryset=points, to_attr="points"))
        .order_by("number")
    ]


def overview(seminar, action_list):
    """What the projector and the console show: the counts, the tables' points, the numbers."""
    counted = MondayAction.objects.filter(participant__seminar=seminar).aggregate(
        action_count=Count("pk"), people=Count("participant", distinct=True)
    )
    tables = group_points(action_list)
    return {
        "action_list": action_list,
        "tables": tables,
        "tables_with_points": [table for table in tables if table.points],
        "numbers": table_numbers(action_list, tables),
        "recent_actions": recent_actions(seminar),
        **counted,
    }


def publish_actions(seminar):
    """The projector's stage and the consoles' panel, while an action list runs."""

    def shown(context):
        item = running(seminar)
        return context(seminar, item) if item is not None else None

    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(STAGE, lambda: shown(lambda s, _item: stage_region_context(s)))],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(CONSOLE, lambda: shown(console_region_context))],
    )


def publish_points(seminar, group):
    """A table's points changed (or its members' actions): its phones and screen, then the
    projector and the consoles."""

    def context():
        item = running(seminar)
        action_list = ActionList.objects.filter(agenda_item=item).first() if item else None
        if action_list is None or item.grouping_id != group.grouping_id:
            return None
        return {"seminar": seminar, "table": points_context(action_list, group)}

    live.publish_on_commit(
        [live.members_audience(group.pk), live.table_screens_audience(group.pk)],
        [live.Region(POINTS, functools.cache(context))],
    )
    publish_actions(seminar)


def publish_round(action_list):
    """The round closed or reopened, or the question changed: every screen's exercise region
    (each phone fetches its own actions anew, read-only once closed)."""
    seminar = action_list.seminar
    item = running(seminar)
    if item is not None and item.pk == action_list.agenda_item_id:
        publish_exercise(seminar, item=item, every_seat=True)
