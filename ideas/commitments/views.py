"""The department page: what the goals demand of a department, its messages, Monday actions."""

from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods

from ideas.access import participant_for
from ideas.commitments import services
from ideas.commitments.forms import CommitmentForm, MessageForm, MondayForm
from ideas.domain import Refused
from ideas.models import Commitment, Goal


@require_http_methods(["GET", "POST"])
def commitments(request, seminar_id):
    """Friday's department group on a phone: each sealed goal's demands, agreements and
    messages for my department, and my own "on Monday I will ..."."""
    seminar, participant = participant_for(request, seminar_id)
    department = participant.department
    goal_id = request.POST.get("goal")
    goal = Goal.objects.filter(pk=goal_id, seminar=seminar).first() if goal_id else None
    error = None
    if request.method == "POST":
        try:
            what = request.POST.get("form")
            if what == "monday":
                form = MondayForm(request.POST)
                if form.is_valid():
                    services.add_monday_action(
                        participant,
                        text=form.cleaned_data["text"],
                        goal=goal,
                        key=form.cleaned_data["key"],
                    )
                else:
                    error = " ".join(e for errs in form.errors.values() for e in errs)
            elif what == "commitment" and goal and department:
                form = CommitmentForm(request.POST)
                if form.is_valid():
                    services.save_commitment(
                        goal, by=participant, department=department, **form.cleaned_data
                    )
            elif what == "message" and goal and department:
                form = MessageForm(request.POST)
                if form.is_valid():
                    services.add_message(
                        goal, by=participant, department=department, **form.cleaned_data
                    )
                else:
                    error = " ".join(e for errs in form.errors.values() for e in errs)
        except Refused as refused:
            error = str(refused)
        if error is None:
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
        (
            g,
            by_goal.get(g.pk),
            CommitmentForm(
                initial={
                    "demands": by_goal[g.pk].demands if g.pk in by_goal else "",
                    "agreements": by_goal[g.pk].agreements if g.pk in by_goal else "",
                }
            ),
        )
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
            "message_form": MessageForm(),
            "monday_form": MondayForm(),
            "my_actions": participant.monday_actions.all(),
            "error": error,
        },
        status=422 if error else 200,
    )
