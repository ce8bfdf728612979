"""The department page's sections of the documentation: commitments and messages, and
everyone's Monday action.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas.models import Commitment, Message, MondayAction
from ideas.report.sections import Column, Entry, Section, register


@dataclass
class DepartmentCommitments:
    department: str
    commitments: list[Commitment] = field(default_factory=list)


@dataclass
class Commitments:
    departments: list[DepartmentCommitments]


class CommitmentsSection(Section):
    key = "commitments"
    title = gettext_lazy("Department commitments")

    def collect(self, seminar):
        messages = Message.objects.order_by("created_at", "pk")
        commitments = (
            Commitment.objects.filter(goal__seminar=seminar)
            .select_related("goal", "department")
            .prefetch_related(Prefetch("messages", queryset=messages, to_attr="plan"))
            .order_by("department__name", "goal__created_at", "goal_id", "pk")
        )
        departments = {}
        for commitment in commitments:
            name = commitment.department.name
            departments.setdefault(name, DepartmentCommitments(department=name))
            departments[name].commitments.append(commitment)
        return Commitments(departments=list(departments.values())) if departments else None

    def write(self, data, writer):
        columns = [
            Column(_("Message"), share=5),
            Column(_("To whom"), share=2),
            Column(_("By whom"), share=2),
            Column(_("When"), share=2),
        ]
        for department in data.departments:
            with writer.section(department.department, kind="department"):
                for commitment in department.commitments:
                    with writer.section(commitment.goal.title, kind="commitment"):
                        writer.facts(
                            [
                                (_("What it demands of us"), commitment.demands),
                                (_("Agreements"), commitment.agreements),
                            ]
                        )
                        if commitment.plan:
                            writer.table(
                                columns,
                                [
                                    [m.message, m.audience, m.sender, m.when]
                                    for m in commitment.plan
                                ],
                                caption=_("Communication plan"),
                            )


register(CommitmentsSection(), order=60)


# --- Everyone's "On Monday I will ...": the first step each participant promised to take.


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
