"""The directors' follow-up: goals across the seminars they follow, progress notes, exports."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.db.models import Count, Exists, OuterRef, Q
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from ideas.access import download
from ideas.domain import Refused
from ideas.followup import services
from ideas.followup.forms import FilterForm, ProgressForm
from ideas.followup.queries import actions_beside_goals
from ideas.models import Commitment, Goal
from seminar.models import Department
from seminar.permissions import seminars_followed_by, seminars_run_by


def _followed_goals(user):

    seminars = seminars_followed_by(user) | seminars_run_by(user)
    return Goal.objects.filter(seminar__in=seminars.values("pk"))


def _filtered_goals(request):
    """The follow-up list with the filters of the query string applied."""
    goals = _followed_goals(request.user).select_related("seminar", "group", "department")
    # A filter that is not one ("?seminar=abc", a NUL byte, 2026-02-31) is left out, never a 500.
    form = FilterForm(request.GET)
    form.is_valid()
    params = form.cleaned_data
    if params.get("seminar"):
        goals = goals.filter(seminar_id=params["seminar"])
    if params.get("department"):
        # A table's goal has no department of its own; the departments that committed to it
        # count too. Exists, not a join: no goal twice, no pledge counted twice.
        name = params["department"]
        committed = Commitment.objects.filter(goal=OuterRef("pk"), department__name=name)
        goals = goals.filter(Q(department__name=name) | Exists(committed))
    if params.get("owner"):
        goals = goals.filter(owner__icontains=params["owner"])
    if params.get("status"):
        goals = goals.filter(status=params["status"])
    if params.get("due_before"):
        goals = goals.filter(target_date__lte=params["due_before"])
    return goals.order_by("target_date", "seminar__starts_on", "pk")


@login_required
def follow_up(request):
    # distinct: two counts over two relations must not multiply each other.
    goals = _filtered_goals(request).annotate(
        pledge_count=Count("pledges", distinct=True),
        action_count=Count("monday_actions", distinct=True),
    )
    seminars = (seminars_followed_by(request.user) | seminars_run_by(request.user)).distinct()
    if not seminars.exists():
        raise PermissionDenied
    departments = (
        Department.objects.filter(seminar__in=seminars.values("pk"))
        .values_list("name", flat=True)
        .distinct()
        .order_by("name")
    )
    return render(
        request,
        "ideas/follow_up.html",
        {
            "goals": goals,
            "seminars": seminars,
            "departments": departments,
            "statuses": Goal.Status.choices,
            "filters": request.GET,
            "query": request.GET.urlencode(),
            "actions": actions_beside_goals(
                _shown_seminars(request, seminars), department=request.GET.get("department", "")
            ),
        },
    )


def _shown_seminars(request, seminars):
    """The seminars the filter shows (all followed when it names none or a wrong one)."""
    form = FilterForm(request.GET)
    form.is_valid()
    chosen = form.cleaned_data.get("seminar")
    return seminars.filter(pk=chosen) if chosen else seminars.order_by("-starts_on", "pk")


@login_required
@require_http_methods(["GET", "POST"])
def goal_detail(request, goal_id):
    from django.utils import timezone

    goal = get_object_or_404(
        _followed_goals(request.user).select_related("seminar", "group", "department"),
        pk=goal_id,
    )
    form = ProgressForm(
        request.POST or None,
        initial={
            "status": goal.status,
            "noted_on": timezone.localdate(),
            "next_follow_up": goal.next_follow_up,
            "owner": goal.owner,
        },
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.record_progress(goal, by=request.user, **form.cleaned_data)
        except Refused as refused:
            form.add_error(None, str(refused))
        else:
            messages.success(request, _("The follow-up is recorded."))
            return redirect("goal-detail", goal.pk)
    return render(
        request,
        "ideas/goal_detail.html",
        {
            "goal": goal,
            "form": form,
            "pledges": goal.pledges.select_related("participant", "group"),
            "personal_actions": goal.monday_actions.select_related("participant__department"),
            "progress": goal.progress.select_related("author"),
            "commitments": goal.commitments.select_related("department")
            .prefetch_related("messages")
            .order_by("department__name", "pk"),
        },
    )


@login_required
def export_goals(request, fmt):
    from ideas.followup import exports  # openpyxl and icalendar load only for a download

    if not _followed_goals(request.user).exists() and not request.user.is_superuser:
        raise PermissionDenied
    goals = exports.goals_for_export(_filtered_goals(request))
    if fmt == "xlsx":
        return download(
            exports.goals_xlsx(goals),
            "plenum-goals.xlsx",
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    # The reader's language decides the separator: semicolons for da/nb/sv, commas for en.
    style = exports.csv_style(request.LANGUAGE_CODE)
    if fmt == "csv":
        return download(
            exports.goals_csv(goals, style=style), "plenum-goals.csv", "text/csv; charset=utf-8"
        )
    if fmt == "pledges.csv":
        return download(
            exports.pledges_csv(goals, style=style),
            "plenum-pledges.csv",
            "text/csv; charset=utf-8",
        )
    if fmt == "ics":
        return download(
            exports.follow_up_ics(goals, calendar_name=_("Plenum follow-up")),
            "plenum-follow-up.ics",
            "text/calendar; charset=utf-8",
        )
    raise PermissionDenied
