"""Goals: a table drafts its goal from a phone or its screen; the facilitator shows each goal
and seals them; phones and table screens give their handshake.
"""

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_POST

from groups.models import Screen
from groups.queries import current_grouping, group_of
from ideas.access import done, refusal
from ideas.domain import Conflict, Refused
from ideas.goals import services
from ideas.goals.exercise import goal_form_context
from ideas.goals.forms import GoalForm
from ideas.goals.live import stage_context
from ideas.models import Goal
from seminar.models import Seminar
from seminar.permissions import (
    get_seminar_for_facilitator,
    participant_from_session,
    screen_from_cookies,
)


def _phone_or_screen(request, seminar_id):
    """A participant's phone or a paired table screen of this seminar, else 403."""
    seminar = get_object_or_404(Seminar, pk=seminar_id)
    participant = participant_from_session(request.session, seminar)
    if participant is not None:
        return seminar, participant
    screen = screen_from_cookies(request.COOKIES)
    if screen is not None and screen.seminar_id == seminar.pk:
        return seminar, screen
    raise PermissionDenied


def _actor_group(seminar, actor):

    if isinstance(actor, Screen):
        return actor.group
    return group_of(actor, current_grouping(seminar))


@require_POST
def goal_draft(request, seminar_id):

    seminar, actor = _phone_or_screen(request, seminar_id)
    group = _actor_group(seminar, actor)
    form = GoalForm(request.POST)
    # One goal per table: a phone whose form was made before a tablemate saved edits that goal,
    # and is shown it first (a form without a version was made before there was a goal).
    existing = Goal.objects.filter(seminar=seminar, group=group).first() if group else None
    context = goal_form_context(seminar, group)
    context["goal_form"] = form
    if form.is_valid():
        fields = dict(form.cleaned_data)
        version = fields.pop("version") or 0
        try:
            if existing:
                context["table_goal"] = services.edit_goal(
                    existing, by=actor, version=version, **fields
                )
            else:
                context["table_goal"] = services.draft_goal(
                    seminar, by=actor, group=group, key=request.POST.get("key"), **fields
                )
            context["goal_saved"] = True
            context["goal_form"] = GoalForm(
                initial={**fields, "version": context["table_goal"].version}
            )
        except Conflict as conflict:
            # Keep the person's text; the next save, made knowingly, replaces the saved goal.
            data = request.POST.copy()
            data["version"] = conflict.current.version
            context.update(table_goal=conflict.current, goal_conflict=conflict.current)
            context["goal_form"] = GoalForm(data)
            context["goal_error"] = str(conflict)
        except Refused as refused:
            context["goal_error"] = str(refused)
    return render(request, "ideas/goals.html#goal-form", context)


@login_required
@require_POST
def goal_show(request, seminar_id, goal_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    goal = get_object_or_404(Goal, pk=goal_id, seminar=seminar)
    services.show_goal(seminar, by=request.user, goal=goal)
    return done(request, "console", seminar)


def _seal_action(request, seminar_id, goal_id, action):
    """The facilitator seals a goal or reopens it (the console gets the push)."""
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    goal = get_object_or_404(Goal, pk=goal_id, seminar=seminar)
    action(goal, by=request.user)
    return done(request, "console", seminar)


@login_required
@require_POST
def goal_seal(request, seminar_id, goal_id):
    return _seal_action(request, seminar_id, goal_id, services.seal_goal)


@login_required
@require_POST
def goal_reopen(request, seminar_id, goal_id):
    return _seal_action(request, seminar_id, goal_id, services.reopen_goal)


def _shake(request, seminar_id, goal_id, action):
    seminar, actor = _phone_or_screen(request, seminar_id)
    goal = get_object_or_404(Goal, pk=goal_id, seminar=seminar)
    try:
        action(goal, by=actor)
    except Refused as refused:
        return refusal(str(refused), status=409)
    # The actor's own card comes back at once; the room's screens get the push.
    response = render(request, "ideas/goals.html#goal-card", stage_context(seminar))
    return response if request.htmx else redirect("phone", seminar.pk)


@require_POST
def goal_shake(request, seminar_id, goal_id):
    return _shake(request, seminar_id, goal_id, services.shake)


@require_POST
def goal_unshake(request, seminar_id, goal_id):
    return _shake(request, seminar_id, goal_id, services.unshake)
