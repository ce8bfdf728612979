"""The dilemma scale, the self-assessment and the rating: one exercise class, three kinds."""

from django.utils.translation import gettext_lazy as _

from agenda.services import kind_lock
from ideas.exercises import Exercise, register
from ideas.models import Answer
from ideas.scales.live import chart_context
from ideas.scales.presets import presets_for
from ideas.scales.services import scale_for

TEMPLATE = "ideas/exercises/scales.html"


class ScaleExercise(Exercise):
    """Each person answers every statement on the phone; the chart grows on the projector."""

    work_template = f"{TEMPLATE}#work"
    screen_work = False  # the answers are personal: the table screen has nothing to show
    stage_template = f"{TEMPLATE}#stage"
    console_template = f"{TEMPLATE}#console"
    offers_vernissage = False
    task = ""  # what the phone says to do

    def setup(self, item):
        scale_for(item)

    def shared(self, seminar, item):
        return {"scale": scale_for(item)}

    def work(self, seminar, item, group, shared):
        return {"scale": shared["scale"], "task": self.task}

    def stage(self, seminar, item):
        scale = scale_for(item)
        return {"scale": scale, **chart_context(scale, facilitator=False)}

    def console(self, seminar, item):
        scale = scale_for(item)
        return {
            "scale": scale,
            "statements": list(scale.statements.all()),
            "presets": presets_for(self.kind),
            **chart_context(scale, facilitator=True),
        }


class Dilemma(ScaleExercise):
    task = _("Place yourself between the two ends of each dilemma.")


class SelfAssessment(ScaleExercise):
    task = _("Mark where the municipality is today and where you want it to be.")


class Rating(ScaleExercise):
    task = _("Rate how well we do each point.")


register(Dilemma("dilemma"))
register(SelfAssessment("self_assessment"))
register(Rating("rating"))


@kind_lock
def _answered(item):
    """A scale people have answered keeps its kind: the answers are measured by it."""
    if Answer.objects.filter(statement__scale__agenda_item=item).exists():
        return _("People have answered this item already: its kind cannot change.")
    return None
