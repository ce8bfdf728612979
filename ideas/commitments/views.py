"""The department page: what the goals demand of a department, its messages, Monday actions.

Each goal has its own forms, prefixed by the goal (`goal-12-demands`), so every field has an id
and a label of its own. What the department's leaders write together carries a version: a
leader who saves over text another leader saved meanwhile sees theirs and decides.
"""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from groups.models import Screen
from ideas.access import done, participant_for, refusal
from ideas.commitments import services
from ideas.commitments.forms import (
    ActionForm,
    CommitmentForm,
    MessageForm,
    MondayForm,
    PointForm,
)
from ideas.commitments.live import POINTS, points_context, running, seated_group
from ideas.domain import Conflict, Refused
from ideas.models import ActionList, Commitment, Goal, GroupPoint, MondayAction
from seminar.input import as_id
from seminar.models import Seminar
from seminar.permissions import (
    get_seminar_for_facilitator,
    participant_from_session,
    screen_from_cookies,
)


def _prefix(goal):
    return f"goal-{goal.pk}"


def _commitment_form(goal, commitment):
    initial = {"version": 1}  # a commitment not saved yet starts at version 1
    if commitment is not None:
        initial = {
            "demands": commitment.demands,
            "agreements": commitment.agreements,
            "version": commitment.version,
        }
    return CommitmentForm(initial=initial, prefix=_prefix(goal))


@require_http_methods(["GET", "POST"])
def commitments(request, seminar_id):
    """Friday's department group on a phone: each goal's demands, agreements and messages for
    my department, and my own "on Monday I will ..."."""
    seminar, participant = participant_for(request, seminar_id)
    department = participant.department
    goal_id = as_id(request.POST.get("goal"))
    goal = Goal.objects.filter(pk=goal_id, seminar=seminar).first() if goal_id else None
    error = None
    saved = None  # what the success message says after a redirect
    bound = {}  # the posted form of a goal, shown again with its errors or after a conflict
    conflict = None
    if request.method == "POST":
        what = request.POST.get("form")
        try:
            if what == "monday":
                form = MondayForm(request.POST)
                if form.is_valid():
                    services.add_monday_action(
                        participant,
                        text=form.cleaned_data["text"],
                        goal=goal,
                        key=form.cleaned_data["key"],
                    )
                    saved = _("Your Monday action is saved.")
                else:
                    bound["monday"] = form
            elif what == "commitment" and goal and department:
                form = CommitmentForm(request.POST, prefix=_prefix(goal))
                bound[("commitment", goal.pk)] = form
                if form.is_valid():
                    fields = dict(form.cleaned_data)
                    version = fields.pop("version") or 0
                    services.save_commitment(
                        goal, by=participant, department=department, version=version, **fields
                    )
                    bound.pop(("commitment", goal.pk))
                    saved = _("Your department's commitments are saved.")
            elif what == "message" and goal and department:
                form = MessageForm(request.POST, prefix=_prefix(goal))
                bound[("message", goal.pk)] = form
                if form.is_valid():
                    services.add_message(
                        goal, by=participant, department=department, **form.cleaned_data
                    )
                    bound.pop(("message", goal.pk))
                    saved = _("The message is added to the communication plan.")
        except Conflict as clash:
            conflict = clash.current
            data = request.POST.copy()
            data[f"{_prefix(goal)}-version"] = conflict.version  # the next save is made knowingly
            bound[("commitment", goal.pk)] = CommitmentForm(data, prefix=_prefix(goal))
            error = str(clash)
        except Refused as refused:
            error = str(refused)
        if error is None and not bound:
            if saved:
                messages.success(request, saved)
            return redirect("commitments", seminar.pk)
    goals = list(Goal.objects.filter(seminar=seminar).order_by("created_at"))
    by_goal = (
        {
            c.goal_id: c
            for c in Commitment.objects.filter(
                goal__in=goals, department=department
            ).prefetch_related("messages")
        }
        if department
        else {}
    )
    rows = [
        {
            "goal": g,
            "commitment": by_goal.get(g.pk),
            "form": bound.get(("commitment", g.pk)) or _commitment_form(g, by_goal.get(g.pk)),
            "message_form": bound.get(("message", g.pk)) or MessageForm(prefix=_prefix(g)),
            "conflict": conflict if goal and g.pk == goal.pk else None,
        }
        for g in goals
    ]
    return render(
        request,
        "ideas/commitments.html",
        {
            "seminar": seminar,
            "participant": participant,
            "department": department,
            "rows": rows,
            "monday_form": bound.get("monday") or MondayForm(),
            "my_actions": participant.monday_actions.all(),
            "error": error,
        },
        status=422 if error or bound else 200,
    )


# --- The action list: each person's one to three actions, written on the phone ---------------

ACTIONS = "ideas/actions.html"


def _actions_page(request, seminar, participant, *, form=None, error=None, status=200):
    template = f"{ACTIONS}#mine" if request.htmx else ACTIONS
    actions = list(participant.monday_actions.select_related("goal"))
    return render(
        request,
        template,
        {
            "seminar": seminar,
            "actions": actions,
            "goals": list(Goal.objects.filter(seminar=seminar).order_by("created_at", "pk")),
            "form": form or ActionForm(),
            "error": error,
            "max_actions": services.MAX_ACTIONS,
            "closed": services.actions_closed(seminar),
            "prompt": _prompt(seminar),
        },
        status=200 if request.htmx else status,  # htmx swaps a 2xx answer only
    )


def _prompt(seminar):
    """The running action list's question, in the seminar's words (None: the page's own)."""
    item = running(seminar)
    action_list = ActionList.objects.filter(agenda_item=item).first() if item else None
    return action_list.prompt if action_list else None


def _goal_of(request, seminar):
    goal_id = as_id(request.POST.get("goal"))
    return Goal.objects.filter(pk=goal_id, seminar=seminar).first() if goal_id else None


def _after(request, seminar, participant):
    if not request.htmx:
        return redirect("my-actions", seminar.pk)
    return _actions_page(request, seminar, participant)


@require_http_methods(["GET", "POST"])
def my_actions(request, seminar_id):
    """GET: my actions and the form (the phone's work region fetches it); POST: one more."""
    seminar, participant = participant_for(request, seminar_id)
    if request.method == "GET":
        return _actions_page(request, seminar, participant)
    form = ActionForm(request.POST)
    if not form.is_valid():
        return _actions_page(request, seminar, participant, form=form, status=422)
    try:
        services.add_monday_action(
            participant,
            text=form.cleaned_data["text"],
            goal=_goal_of(request, seminar),
            key=form.cleaned_data["key"],
        )
    except Refused as refused:
        return _actions_page(
            request, seminar, participant, form=form, error=str(refused), status=422
        )
    return _after(request, seminar, participant)


@require_POST
def my_action_change(request, seminar_id, action_id):
    """Rewrite one of my actions (until the facilitator closes the round)."""
    seminar, participant = participant_for(request, seminar_id)
    action = get_object_or_404(MondayAction, pk=action_id, participant=participant)
    form = ActionForm(request.POST)
    if not form.is_valid():
        error = " ".join(form.errors.get("text", [])) or _("Write what you will do.")
        return _actions_page(request, seminar, participant, error=error)
    try:
        services.change_monday_action(
            participant, action=action, text=form.cleaned_data["text"], goal=action.goal
        )
    except Refused as refused:
        return _actions_page(request, seminar, participant, error=str(refused), status=422)
    return _after(request, seminar, participant)


@require_POST
def my_action_remove(request, seminar_id, action_id):
    seminar, participant = participant_for(request, seminar_id)
    action = get_object_or_404(MondayAction, pk=action_id, participant=participant)
    try:
        services.remove_monday_action(participant, action=action)
    except Refused as refused:
        return _actions_page(request, seminar, participant, error=str(refused), status=422)
    return _after(request, seminar, participant)


# --- A table's prioritised points: any member's phone or the table's screen ----------------


def _at_table(request, seminar_id):
    """(seminar, actor, table, action list): a member's phone at its table, or the paired
    screen of a table, while an action list runs; anyone else is refused."""
    seminar = get_object_or_404(Seminar, pk=seminar_id)
    participant = participant_from_session(request.session, seminar)
    screen = None if participant else screen_from_cookies(request.COOKIES)
    if participant is None and (screen is None or screen.seminar_id != seminar.pk):
        raise PermissionDenied
    item = running(seminar)
    action_list = ActionList.objects.filter(agenda_item=item).first() if item else None
    if action_list is None:
        return seminar, participant or screen, None, None
    group = seated_group(seminar, participant) if participant else screen.group
    return seminar, participant or screen, group, action_list


def _points_part(request, seminar, actor, action_list, group, *, error=None):
    """htmx: the table's part with its answer (it swaps in by its id); without JavaScript,
    back to the page the post came from."""
    if not request.htmx:
        return redirect("screen") if isinstance(actor, Screen) else redirect("phone", seminar.pk)
    table = points_context(action_list, group)
    # htmx swaps a 2xx answer only: the error shows in the table's part, nothing changed.
    context = {"seminar": seminar, "table": table, "error": error, "answer": True}
    return render(request, POINTS, context)


def _no_table(action_list):
    if action_list is None:
        return refusal(_("No action list is running now."), status=409)
    return refusal(_("You have no table now."), status=409)


@require_POST
def point_add(request, seminar_id):
    """Pick a member's action as the table's next point (`action`), or write one (`text`)."""
    seminar, actor, group, action_list = _at_table(request, seminar_id)
    if group is None:
        return _no_table(action_list)
    form = PointForm(request.POST)
    if not form.is_valid():
        error = " ".join(e for errors in form.errors.values() for e in errors)
        return _points_part(request, seminar, actor, action_list, group, error=error)
    action = None
    if form.cleaned_data["action"]:
        action = MondayAction.objects.filter(
            pk=form.cleaned_data["action"], participant__seminar=seminar
        ).first()
        if action is None:
            error = _("That action is not one of your table's.")
            return _points_part(request, seminar, actor, action_list, group, error=error)
    try:
        services.add_point(
            action_list,
            group,
            by=actor,
            text=form.cleaned_data["text"],
            action=action,
            key=form.cleaned_data["key"],
        )
    except Refused as refused:
        return _points_part(request, seminar, actor, action_list, group, error=str(refused))
    return _points_part(request, seminar, actor, action_list, group)


def _point_change(request, seminar_id, point_id, change):
    """Move or remove a point of the actor's table. A point already gone (a second tap) shows
    the table as it is; another table's point is refused; a closed round says so in place."""
    seminar, actor, group, action_list = _at_table(request, seminar_id)
    if group is None:
        return _no_table(action_list)
    point = (
        GroupPoint.objects.select_related("action_list__seminar", "action_list__agenda_item")
        .filter(pk=point_id, action_list=action_list)
        .first()
    )
    if point is None:
        return _points_part(request, seminar, actor, action_list, group)
    if point.group_id != group.pk:
        return refusal(_("Only the table's members can do this."))
    try:
        change(point, actor)
    except Refused as refused:
        return _points_part(request, seminar, actor, action_list, group, error=str(refused))
    return _points_part(request, seminar, actor, action_list, group)


@require_POST
def point_move(request, seminar_id, point_id):
    to = request.POST.get("to", "")
    if not (to.isascii() and to.isdigit() and len(to) < 4):
        to = None  # not a place: refused in the table's part

    def move(point, actor):
        if to is None:
            raise Refused(_("Choose where the point goes."))
        services.move_point(point, by=actor, to=int(to))

    return _point_change(request, seminar_id, point_id, move)


@require_POST
def point_remove(request, seminar_id, point_id):
    return _point_change(
        request, seminar_id, point_id, lambda point, actor: services.remove_point(point, by=actor)
    )


# --- The facilitator's controls on the console ---------------------------------------------


def _action_list_of(request, seminar_id, list_id):
    seminar = get_seminar_for_facilitator(request.user, seminar_id)
    return seminar, get_object_or_404(ActionList, pk=list_id, seminar=seminar)


@login_required
@require_POST
def action_list_state(request, seminar_id, list_id):
    """Close the round (answers read-only from now) or reopen it."""
    seminar, action_list = _action_list_of(request, seminar_id, list_id)
    try:
        services.set_round_state(action_list, by=request.user, action=request.POST.get("action"))
    except Refused as refused:
        return refusal(str(refused), status=422)
    return done(request, "console", seminar)


@login_required
@require_POST
def action_list_template(request, seminar_id, list_id):
    seminar, action_list = _action_list_of(request, seminar_id, list_id)
    try:
        services.use_template(action_list, by=request.user, key=request.POST.get("template"))
    except Refused as refused:
        return refusal(str(refused), status=422)
    return done(request, "console", seminar)
