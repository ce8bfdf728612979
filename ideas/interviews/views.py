"""Interviews: a leader writes theirs on a page of its own; the table (phones and its screen)
marks threads, differences and flags in its work region; the facilitator steps through the
flagged interviews on the projector from the console.
"""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideas.access import at_table, back, done, edit_own, refusal
from ideas.domain import Refused
from ideas.interviews import services
from ideas.interviews.forms import DifferenceForm, FlagForm, InterviewForm, ThreadForm
from ideas.interviews.live import TEMPLATE, table_context
from ideas.interviews.models import Interview, InterviewDifference, InterviewFlag, InterviewThread
from seminar.input import as_id
from seminar.permissions import get_seminar_for_facilitator


def _at_table(request, seminar_id):
    return at_table(request, seminar_id, services.seat)


@require_http_methods(["GET", "POST"])
def interview_mine(request, seminar_id):
    """A leader's own interview: written once, changed as often as they like."""
    return edit_own(
        request,
        seminar_id,
        model=Interview,
        form_class=InterviewForm,
        fields=("who", "said", "quote", "sharing"),
        save=services.save_interview,
        template="ideas/interview.html",
    )


def _table_part(request, seminar, group, name, **bound):
    context = table_context(seminar, group, **bound)
    return render(request, f"{TEMPLATE}#{name}", {"seminar": seminar, "table": context, **bound})


@require_POST
def thread_add(request, seminar_id):
    seminar, actor, group = _at_table(request, seminar_id)
    if group is None:
        return refusal(_("You have no table now."), status=409)
    interviews = table_context(seminar, group)["interviews"]
    form = ThreadForm(request.POST, interviews=interviews)
    bound = {"thread_form": form}
    if form.is_valid():
        try:
            services.add_thread(
                group,
                by=actor,
                label=form.cleaned_data["label"],
                interviews=list(form.cleaned_data["interviews"]),
                key=form.cleaned_data["key"],
            )
            bound = {"thread_saved": True}
        except Refused as refused:
            bound["thread_error"] = str(refused)
    if not request.htmx:
        return back(seminar, actor)
    return _table_part(request, seminar, group, "thread-form", **bound)


@require_POST
def difference_add(request, seminar_id):
    seminar, actor, group = _at_table(request, seminar_id)
    if group is None:
        return refusal(_("You have no table now."), status=409)
    interviews = table_context(seminar, group)["interviews"]
    form = DifferenceForm(request.POST, interviews=interviews)
    bound = {"difference_form": form}
    if form.is_valid():
        try:
            services.add_difference(group, by=actor, **form.cleaned_data)
            bound = {"difference_saved": True}
        except Refused as refused:
            bound["difference_error"] = str(refused)
    if not request.htmx:
        return back(seminar, actor)
    return _table_part(request, seminar, group, "difference-form", **bound)


def _remove(request, seminar_id, model, pk, action):
    seminar, actor, _group = _at_table(request, seminar_id)
    thing = get_object_or_404(model, pk=pk, seminar=seminar)
    try:
        action(thing, by=actor)
    except Refused as refused:
        return refusal(str(refused))
    return HttpResponse(status=204) if request.htmx else back(seminar, actor)


@require_POST
def thread_remove(request, seminar_id, thread_id):
    return _remove(request, seminar_id, InterviewThread, thread_id, services.remove_thread)


@require_POST
def difference_remove(request, seminar_id, difference_id):
    return _remove(
        request, seminar_id, InterviewDifference, difference_id, services.remove_difference
    )


@require_POST
def interview_flag(request, seminar_id, interview_id):
    """Flag an interview for the plenum under a heading (on=1), or take the flag back."""
    seminar, actor, group = _at_table(request, seminar_id)
    interview = get_object_or_404(Interview, pk=interview_id, seminar=seminar)
    form = FlagForm(request.POST)
    if not form.is_valid():
        return refusal(_("Choose one of the four headings."), status=422)
    if group is None:
        return refusal(_("You have no table now."), status=409)
    try:
        services.set_flag(interview, by=actor, group=group, **form.cleaned_data)
    except Refused as refused:
        return refusal(str(refused))
    return HttpResponse(status=204) if request.htmx else back(seminar, actor)


@login_required
@require_POST
def interview_stage(request, seminar_id):
    """The facilitator shows a flagged interview (flag=<id>), steps (step=next|previous), or
    clears the projector (flag empty)."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    step = request.POST.get("step")
    if step in {"next", "previous"}:
        services.step(seminar, by=request.user, forward=step == "next")
    else:
        flag_id = request.POST.get("flag")
        flag = (
            get_object_or_404(InterviewFlag, pk=as_id(flag_id) or 0, seminar=seminar)
            if flag_id
            else None
        )
        services.show_flag(seminar, by=request.user, flag=flag)
    return done(request, "console", seminar)
