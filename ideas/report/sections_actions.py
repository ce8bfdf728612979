"""Everyone's "On Monday I will ...": the first step each participant promised to take."""

from dataclasses import dataclass

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas.models import MondayAction
from ideas.report.sections import Entry, Section, register


@dataclass
class ReportAction:
    text: str
    name: str
    department: str
    goal: str


@dataclass
class Actions:
    actions: list[ReportAction]


class ActionsSection(Section):
    key = "actions"
    title = gettext_lazy("Action list")

    def collect(self, seminar):
        actions = (
            MondayAction.objects.filter(participant__seminar=seminar)
            .select_related("participant__department", "goal")
            .order_by("created_at", "pk")
        )
        report = [
            ReportAction(
                text=action.text,
                name=action.participant.display_name,
                department=action.participant.department.name
                if action.participant.department_id
                else "",
                goal=action.goal.title if action.goal_id else "",
            )
            for action in actions
        ]
        return Actions(actions=report) if report else None

    def write(self, data, writer):
        writer.paragraph(_("On Monday I will …"), style="prompt")
        writer.bullets([Entry(action.text, notes=_notes(action)) for action in data.actions])


def _notes(action):
    who = f"{action.name} ({action.department})" if action.department else action.name
    return [who, action.goal] if action.goal else [who]


register(ActionsSection(), order=70)
