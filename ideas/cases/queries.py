"""Reads of the cases: a group's cases and poster, every poster for the console and projector,
and the best practices beside a goal form."""

from django.db.models import F

from ideas.cases.models import BestPractice, Case, CasePoster, CaseStage


def poster_of(group):
    """The group's poster as stored, or an unsaved empty one (nothing written yet)."""
    poster = CasePoster.objects.filter(group=group).select_related("presenting", "picked").first()
    return poster or CasePoster(seminar_id=group.grouping.seminar_id, group=group)


def table_context(seminar, group):
    poster = poster_of(group)
    return {
        "group": group,
        "leader_id": group.leader_id or "",
        "cases": list(
            Case.objects.filter(seminar=seminar, author__memberships__group=group)
            .select_related("author")
            .order_by("created_at", "pk")
        ),
        "poster": poster,
        "practices": list(BestPractice.objects.filter(group=group)),
    }


def posters(seminar, grouping):
    """Every group of the grouping with its poster, practices and picked case (console)."""
    if grouping is None:
        return []
    groups = list(grouping.groups.order_by("number"))
    stored = {
        poster.group_id: poster
        for poster in CasePoster.objects.filter(group__in=groups).select_related("picked__author")
    }
    practices = {}
    for practice in BestPractice.objects.filter(group__in=groups):
        practices.setdefault(practice.group_id, []).append(practice)
    cases = {}
    for case in (
        Case.objects.filter(author__memberships__group__in=groups)
        .annotate(group_id=F("author__memberships__group"))
        .select_related("author")
        .order_by("created_at", "pk")
    ):
        cases.setdefault(case.group_id, []).append(case)
    return [
        {
            "group": group,
            "poster": stored.get(group.pk) or CasePoster(seminar=seminar, group=group),
            "practices": practices.get(group.pk, []),
            "cases": cases.get(group.pk, []),
        }
        for group in groups
    ]


def stage_context(seminar, grouping):
    stage = CaseStage.objects.filter(seminar=seminar).select_related(
        "poster__picked__author", "poster__group"
    )
    stage = stage.first()
    return {
        "shown": stage.poster if stage and stage.poster_id else None,
        "posters": posters(seminar, grouping),
    }


def best_practices(group):
    return list(BestPractice.objects.filter(group=group))
