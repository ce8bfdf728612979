"""Cases: a leader writes theirs on a page of its own; the table adds best practices; the
group's process leader (on their phone) or a facilitator (on the console) marks who presents,
picks the group's case and fills its analysis; the facilitator puts an analysis on the
projector.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from groups.models import Group
from ideas.access import at_table, back, done, edit_own, refusal
from ideas.cases import services
from ideas.cases.forms import CaseForm, PracticeForm
from ideas.cases.live import TEMPLATE, analysis_form, table_context
from ideas.cases.models import BestPractice, Case
from ideas.cases.queries import poster_of
from ideas.domain import Conflict, Refused
from seminar.input import as_id
from seminar.models import Seminar
from seminar.permissions import (
    get_seminar_for_facilitator,
    is_facilitator,
    participant_from_session,
)


def _at_table(request, seminar_id):
    return at_table(request, seminar_id, services.seat)


def _leader(request, seminar_id, group_id):
    """(seminar, actor, group) for the group's process leader's phone or a facilitator; the
    services check that a phone is the leader's."""
    seminar = get_object_or_404(Seminar, pk=seminar_id)
    if is_facilitator(request.user, seminar):
        actor = request.user
    else:
        actor = participant_from_session(request.session, seminar)
        if actor is None:
            raise PermissionDenied
    group = get_object_or_404(Group, pk=group_id, grouping__seminar=seminar)
    return seminar, actor, group


@require_http_methods(["GET", "POST"])
def case_mine(request, seminar_id):
    """A leader's own co-creation case: written once, changed as often as they like."""
    return edit_own(
        request,
        seminar_id,
        model=Case,
        form_class=CaseForm,
        fields=("title", "partners", "what_happened", "learning"),
        save=services.save_case,
        template="ideas/case.html",
    )


def _case_of(seminar, request):
    case_id = request.POST.get("case")
    if not case_id:
        return None
    return get_object_or_404(Case, pk=as_id(case_id) or 0, seminar=seminar)


def _leader_action(request, seminar_id, group_id, action):
    seminar, actor, group = _leader(request, seminar_id, group_id)
    try:
        action(group, by=actor, case=_case_of(seminar, request))
    except Refused as refused:
        return refusal(str(refused))
    return HttpResponse(status=204) if request.htmx else back(seminar, actor)


@require_POST
def case_present(request, seminar_id, group_id):
    return _leader_action(request, seminar_id, group_id, services.present)


@require_POST
def case_pick(request, seminar_id, group_id):
    return _leader_action(request, seminar_id, group_id, services.pick)


@require_POST
def practice_add(request, seminar_id):
    seminar, actor, group = _at_table(request, seminar_id)
    if group is None:
        return refusal(_("You have no table now."), status=409)
    form = PracticeForm(request.POST)
    bound = {"practice_form": form}
    if form.is_valid():
        try:
            services.add_practice(group, by=actor, **form.cleaned_data)
            bound = {"practice_saved": True}
        except Refused as refused:
            bound["practice_error"] = str(refused)
    if not request.htmx:
        return back(seminar, actor)
    context = {"seminar": seminar, "table": table_context(seminar, group, **bound), **bound}
    return render(request, f"{TEMPLATE}#practice-form", context)


@require_POST
def practice_remove(request, seminar_id, practice_id):
    seminar, actor, _group = _at_table(request, seminar_id)
    practice = get_object_or_404(BestPractice, pk=practice_id, seminar=seminar)
    try:
        services.remove_practice(practice, by=actor)
    except Refused as refused:
        return refusal(str(refused))
    return HttpResponse(status=204) if request.htmx else back(seminar, actor)


@require_POST
def analysis_save(request, seminar_id, group_id):
    """The three columns of the group's case, from the leader's phone or the console."""
    seminar, actor, group = _leader(request, seminar_id, group_id)
    poster = poster_of(group)
    form = analysis_form(poster, request.POST)
    context = {"seminar": seminar, "poster": poster, "form": form}
    if form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version")
        try:
            poster = services.save_analysis(group, by=actor, version=version or 0, **fields)
            context.update(poster=poster, form=analysis_form(poster), analysis_saved=True)
        except Conflict as conflict:
            # Keep the person's text; the next save, made knowingly, replaces the saved one.
            data = request.POST.copy()
            data[f"poster-{group.pk}-version"] = conflict.current.version
            context.update(
                form=analysis_form(conflict.current, data),
                analysis_conflict=conflict.current,
                analysis_error=str(conflict),
            )
        except Refused as refused:
            context["analysis_error"] = str(refused)
    if not request.htmx:
        return back(seminar, actor)
    return render(request, f"{TEMPLATE}#analysis-form", context)


@login_required
@require_POST
def case_stage(request, seminar_id):
    """The facilitator shows a group's analysis (group=<id>) or every poster (group empty)."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    group_id = request.POST.get("group")
    group = (
        get_object_or_404(Group, pk=as_id(group_id) or 0, grouping__seminar=seminar)
        if group_id
        else None
    )
    services.show_analysis(seminar, by=request.user, group=group)
    return done(request, "console", seminar)
