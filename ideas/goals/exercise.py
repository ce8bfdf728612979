"""The goals exercise: draft the table's goal, then shake on each goal shown on the projector."""

from django.utils.translation import gettext_lazy as _

from ideas.exercises import Exercise, asides, register
from ideas.goals.forms import GoalForm
from ideas.goals.live import goals_context, stage_context
from ideas.models import Goal
from ideas.stage.options import ON_GOAL, StageOption

TEMPLATE = "ideas/exercises/goals.html"


def goal_form_context(seminar, group):
    """The table's goal form: prefilled with the goal the table already drafted."""
    table_goal = Goal.objects.filter(seminar=seminar, group=group).first() if group else None
    initial = {"version": 0}
    if table_goal:
        initial = {
            name: getattr(table_goal, name)
            for name in ("title", "why", "measure", "target_date", "owner", "version")
        }
    return {"seminar": seminar, "table_goal": table_goal, "goal_form": GoalForm(initial=initial)}


class Goals(Exercise):
    work_template = f"{TEMPLATE}#work"
    stage_template = f"{TEMPLATE}#stage"
    console_template = f"{TEMPLATE}#console"

    def shared(self, seminar, item):
        return {"stage": stage_context(seminar)}

    def work(self, seminar, item, group, shared):
        beside = asides("goal-form", seminar, group) if group else []
        return {**goal_form_context(seminar, group), "stage": shared["stage"], "asides": beside}

    def stage(self, seminar, item):
        return {"stage": stage_context(seminar)}

    def console(self, seminar, item):
        context = goals_context(seminar)
        return {"stage": context, "goals": context["goals"]}

    def shows_goals(self):
        return True

    def stage_options(self, seminar, item):
        pledged = StageOption(
            "goal",
            _("The goal being pledged"),
            self.stage_template,
            lambda: self.stage(seminar, item),
            shows=lambda part, obj=None: part == ON_GOAL,
        )
        return [pledged]


register(Goals("goals"))
