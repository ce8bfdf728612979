"""Reused reads of the follow-up: the goals with everything an export or the report reads, and
the personal actions and tables' points beside them.

Apart from the export writers (exports.py), so the seminar's documentation reads goals without
loading the spreadsheet and calendar libraries.
"""

from django.db.models import Prefetch

from ideas.models import Goal, GroupPoint, MondayAction, Pledge, ProgressNote


def related_lookups():
    pledges = Pledge.objects.select_related("participant", "group").order_by("created_at", "pk")
    notes = ProgressNote.objects.order_by("-noted_on", "-pk")
    return [
        Prefetch("pledges", queryset=pledges, to_attr="export_pledges"),
        Prefetch("progress", queryset=notes, to_attr="export_progress"),
    ]


def actions_lookup():
    """The personal actions written for each goal, for the spreadsheet's own sheet (the report
    lists them in the action list's section and does not read them here)."""
    actions = MondayAction.objects.select_related("participant__department").order_by(
        "created_at", "pk"
    )
    return Prefetch("monday_actions", queryset=actions, to_attr="export_actions")


def goals_for_export(queryset):
    """The goals with everything an export reads: seminar, table, department, pledges, notes."""
    return (
        queryset.select_related("seminar", "group", "department")
        .prefetch_related(None)  # idempotent: a second call must not repeat the lookups
        .prefetch_related(*related_lookups())
    )


def actions_beside_goals(seminars, *, department=""):
    """Per seminar (in the order given): its goals, each with the personal actions written for
    it, the actions tied to no goal, and each table's prioritised points. Three queries for
    any number of seminars; a department filter keeps that department's leaders' actions."""
    seminars = list(seminars)
    ids = [seminar.pk for seminar in seminars]
    actions = (
        MondayAction.objects.filter(participant__seminar_id__in=ids)
        .select_related("participant__department")
        .order_by("created_at", "pk")
    )
    if department:
        actions = actions.filter(participant__department__name=department)
    goals = Goal.objects.filter(seminar_id__in=ids).order_by("created_at", "pk")
    points = (
        GroupPoint.objects.filter(action_list__seminar_id__in=ids)
        .select_related("group", "action_list")
        .order_by("action_list__agenda_item__position", "group__number", "position", "pk")
    )
    by_seminar = {
        seminar.pk: {"seminar": seminar, "goals": [], "loose": [], "tables": {}}
        for seminar in seminars
    }
    goal_rows = {}
    for goal in goals:
        goal_rows[goal.pk] = {"goal": goal, "actions": []}
        by_seminar[goal.seminar_id]["goals"].append(goal_rows[goal.pk])
    for action in actions:
        seminar_id = action.participant.seminar_id
        row = goal_rows.get(action.goal_id)
        (row["actions"] if row else by_seminar[seminar_id]["loose"]).append(action)
    for point in points:
        tables = by_seminar[point.action_list.seminar_id]["tables"]
        tables.setdefault(point.group.name, []).append(point.text)
    return [
        {**entry, "tables": list(entry["tables"].items())}
        for entry in by_seminar.values()
        if entry["loose"] or entry["tables"] or any(row["actions"] for row in entry["goals"])
    ]
