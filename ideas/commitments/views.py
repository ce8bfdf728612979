"""The department page: what the goals demand of a department, its messages, Monday actions.

Each goal has its own forms, prefixed by the goal (`goal-12-demands`), so every field has an id
and a label of its own. What the department's leaders write together carries a version: a
leader who saves over text another leader saved meanwhile sees theirs and decides.
"""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from ideas.access import participant_for
from ideas.commitments import services
from ideas.commitments.forms import CommitmentForm, MessageForm, MondayForm
from ideas.domain import Conflict, Refused
from ideas.models import Commitment, Goal, MondayAction
from seminar.input import as_id


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


def _actions_page(request, seminar, participant, *, form=None, error=None):
    template = f"{ACTIONS}#mine" if request.htmx else ACTIONS
    return render(
        request,
        template,
        {
            "seminar": seminar,
            "actions": list(participant.monday_actions.select_related("goal")),
            "goals": list(Goal.objects.filter(seminar=seminar).order_by("created_at", "pk")),
            "form": form or MondayForm(),
            "error": error,
            "max_actions": services.MAX_ACTIONS,
        },
    )


@require_http_methods(["GET", "POST"])
def my_actions(request, seminar_id):
    """GET: my actions and the form (the phone's work region fetches it); POST: one more."""
    seminar, participant = participant_for(request, seminar_id)
    if request.method == "GET":
        return _actions_page(request, seminar, participant)
    form = MondayForm(request.POST)
    if not form.is_valid():
        return _actions_page(request, seminar, participant, form=form)
    goal_id = request.POST.get("goal")
    goal = Goal.objects.filter(pk=goal_id, seminar=seminar).first() if goal_id else None
    try:
        services.add_monday_action(
            participant, text=form.cleaned_data["text"], goal=goal, key=form.cleaned_data["key"]
        )
    except Refused as refused:
        return _actions_page(request, seminar, participant, form=form, error=str(refused))
    if not request.htmx:
        return redirect("my-actions", seminar.pk)
    return _actions_page(request, seminar, participant)


@require_POST
def my_action_remove(request, seminar_id, action_id):
    seminar, participant = participant_for(request, seminar_id)
    action = get_object_or_404(MondayAction, pk=action_id, participant=participant)
    services.remove_monday_action(participant, action=action)
    if not request.htmx:
        return redirect("my-actions", seminar.pk)
    return _actions_page(request, seminar, participant)
