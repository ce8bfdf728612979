"""Reused reads of the follow-up: the goals with everything an export or the report reads.

Apart from the export writers (exports.py), so the seminar's documentation reads goals without
loading the spreadsheet and calendar libraries.
"""

from django.db.models import Prefetch

from ideas.models import Pledge, ProgressNote


def related_lookups():
    pledges = Pledge.objects.select_related("participant", "group").order_by("created_at", "pk")
    notes = ProgressNote.objects.order_by("-noted_on", "-pk")
    return [
        Prefetch("pledges", queryset=pledges, to_attr="export_pledges"),
        Prefetch("progress", queryset=notes, to_attr="export_progress"),
    ]


def goals_for_export(queryset):
    """The goals with everything an export reads: seminar, table, department, pledges, notes."""
    return (
        queryset.select_related("seminar", "group", "department")
        .prefetch_related(None)  # idempotent: a second call must not repeat the lookups
        .prefetch_related(*related_lookups())
    )
