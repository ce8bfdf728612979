"""The department exercise, and the personal action list that Friday's Monday action shares.

Varde's Friday ("what do I do on Monday?") and the Swedish seminar's "the first thing I want to
do when I get home" are one thing: each leader's own one to three actions (MondayAction). On the
department page they sit beside the department's commitments; as an `action_list` item the
phone writes them at once, and the projector lists them as they come."""

from django.db.models import Count

from ideas.commitments.live import recent_actions
from ideas.exercises import Exercise, register
from ideas.models import MondayAction

TEMPLATE = "ideas/exercises/commitments.html"


class Commitments(Exercise):
    work_template = f"{TEMPLATE}#work"


class ActionList(Exercise):
    work_template = f"{TEMPLATE}#actions-work"
    screen_work = False  # each person's own actions
    stage_template = f"{TEMPLATE}#actions-stage"
    console_template = f"{TEMPLATE}#actions-stage"
    offers_vernissage = False

    def stage(self, seminar, item):
        counted = MondayAction.objects.filter(participant__seminar=seminar).aggregate(
            action_count=Count("pk"), people=Count("participant", distinct=True)
        )
        return {"recent_actions": recent_actions(seminar), **counted}

    console = stage


register(Commitments("commitments"))
register(ActionList("action_list"))
