"""The goals' live parts: the goal on show with its handshake tally, the goal card on phones
and table screens, and the console's list of goals; pushed only during a goals item.
"""

import functools

from ideas.exercises import exercise_for
from ideas.live import current_item, publish_after_commit
from ideas.models import Goal, GoalStage, Pledge
from ideas.stage.options import ON_GOAL, stage_shows
from seminar import live

GOAL_STAGE = "ideas/goals.html#goal-stage"
GOAL_CARD = "ideas/goals.html#goal-card"
GOALS = "ideas/goals.html#goals"


def stage_context(seminar):
    stage = GoalStage.objects.filter(seminar=seminar).select_related("current_goal__group").first()
    goal = stage.current_goal if stage else None
    pledges = (
        list(Pledge.objects.filter(goal=goal).select_related("participant", "group"))
        if goal
        else []
    )
    return {
        "seminar": seminar,
        "stage": stage,
        "goal": goal,
        "sealed": bool(goal and goal.sealed_at),
        "pledges": pledges,
        "shakers": ",".join(str(p.participant_id) for p in pledges if p.participant_id),
        "tables": ",".join(str(p.group_id) for p in pledges if p.group_id),
    }


def goals_context(seminar):
    from django.db.models import Count

    context = stage_context(seminar)
    context["goals"] = list(
        Goal.objects.filter(seminar=seminar)
        .select_related("group")
        .annotate(pledge_count=Count("pledges"))
        .order_by("created_at", "pk")
    )
    return context


def _goals_on_show(seminar):
    return exercise_for(current_item(seminar)).shows_goals()


def publish_goals(seminar):
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(GOALS, lambda: goals_context(seminar) if _goals_on_show(seminar) else None)],
    )


def publish_stage(seminar, *, cards=False):
    """A handshake or a new goal on show: the projector and console count live. With `cards`
    (a goal shown or the goals sealed) phones and table screens get the goal to shake on."""
    context = functools.cache(lambda: stage_context(seminar) if _goals_on_show(seminar) else None)

    def audiences():
        # The projector while the goal is on its stage (the facilitator may show another thing).
        on_stage = stage_shows(seminar, ON_GOAL)
        return [live.facilitators_audience(seminar.pk)] + (
            [live.projector_audience(seminar.pk)] if on_stage else []
        )

    publish_after_commit(
        audiences,
        [live.Region(GOAL_STAGE, context)],
        at_most=[live.facilitators_audience(seminar.pk), live.projector_audience(seminar.pk)],
    )
    if cards:
        live.publish_on_commit(
            [live.phones_audience(seminar.pk), live.all_table_screens_audience(seminar.pk)],
            [live.Region(GOAL_CARD, context)],
        )
        publish_goals(seminar)
