"""Reads of the interviews: a table's interviews with their threads, differences and flags,
and the flagged ones in the plenum's order (by heading, then as they were flagged)."""

from django.db.models import Prefetch

from ideas.interviews.models import (
    Interview,
    InterviewDifference,
    InterviewFlag,
    InterviewStage,
    InterviewThread,
)

HEADINGS = [value for value, _label in InterviewFlag.Heading.choices]


def table_interviews(seminar, group):
    """The interviews of the table's members, each with the headings it is flagged under."""
    interviews = list(
        Interview.objects.filter(seminar=seminar, author__memberships__group=group)
        .select_related("author")
        .prefetch_related("flags")
        .order_by("created_at", "pk")
    )
    for interview in interviews:
        interview.headings = {flag.heading for flag in interview.flags.all()}
    return interviews


def table_context(seminar, group):
    interviews = table_interviews(seminar, group)
    return {
        "seminar": seminar,
        "group": group,
        "interviews": interviews,
        "threads": list(
            InterviewThread.objects.filter(group=group).prefetch_related(
                Prefetch("interviews", queryset=Interview.objects.order_by("created_at", "pk"))
            )
        ),
        "differences": list(
            InterviewDifference.objects.filter(group=group).select_related("first", "second")
        ),
        "headings": InterviewFlag.Heading.choices,
    }


def flagged(seminar):
    """Every flag of interviews that may leave their table, in the plenum's order."""
    flags = (
        InterviewFlag.objects.filter(seminar=seminar)
        .exclude(interview__sharing=Interview.Sharing.TABLE)
        .select_related("interview__author", "group")
    )
    return sorted(flags, key=lambda flag: (HEADINGS.index(flag.heading), flag.created_at, flag.pk))


def stage_flag(seminar):
    stage = InterviewStage.objects.filter(seminar=seminar).first()
    return stage.flag_id if stage else None


def stage_context(seminar, *, facilitator=False):
    """The flagged interview on show, where it stands among the others, and (for the console)
    all of them by heading to step through."""
    flags = flagged(seminar)
    current_id = stage_flag(seminar)
    current = next((flag for flag in flags if flag.pk == current_id), None)
    groups = [
        {"heading": label, "flags": [flag for flag in flags if flag.heading == value]}
        for value, label in InterviewFlag.Heading.choices
    ]
    return {
        "seminar": seminar,
        "flag": current,
        "position": flags.index(current) + 1 if current else 0,
        "total": len(flags),
        "by_heading": groups,
        "interview_count": Interview.objects.filter(seminar=seminar).count(),
        "facilitator": facilitator,
    }
