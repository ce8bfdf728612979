"""The department page's sections of the documentation: commitments and messages, and
everyone's Monday action.
"""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas.commitments.live import table_numbers_of
from ideas.models import ActionList, Commitment, GroupPoint, Message, MondayAction
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


# --- The action list: each person's own actions and each table's prioritised points.


@dataclass
class ReportAction:
    text: str
    name: str
    department: str
    goal: str


@dataclass
class TablePoints:
    table: str
    points: list[str]


@dataclass
class ReportRound:
    prompt: str
    tables: list[TablePoints]
    numbers: list[list[str]]  # per table: name, members, who wrote, actions, points


@dataclass
class Actions:
    actions: list[ReportAction]
    rounds: list[ReportRound] = field(default_factory=list)


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
        rounds = _rounds(seminar)
        return Actions(actions=report, rounds=rounds) if report or rounds else None

    def write(self, data, writer):
        for action_list in data.rounds:
            with writer.section(action_list.prompt, kind="action-list"):
                for table in action_list.tables:
                    writer.paragraph(
                        _("Prioritised points of %(table)s") % {"table": table.table},
                        style="prompt",
                    )
                    writer.numbered([Entry(point) for point in table.points])
                if action_list.numbers:
                    writer.table(
                        [
                            Column(_("Table"), share=3),
                            Column(_("Members"), share=2),
                            Column(_("Wrote actions"), share=2),
                            Column(_("Actions"), share=2),
                            Column(_("Points"), share=2),
                        ],
                        action_list.numbers,
                        caption=_("Actions and points per table"),
                    )
        if data.actions:
            writer.paragraph(_("Everyone's own actions"), style="prompt")
            writer.bullets([Entry(action.text, notes=_notes(action)) for action in data.actions])


def _rounds(seminar):
    """Each action list item with its tables' points and numbers: three queries for any number
    of items and tables (one when the seminar ran none)."""
    lists = list(
        ActionList.objects.filter(seminar=seminar)
        .select_related("agenda_item")
        .order_by("agenda_item__day__position", "agenda_item__position", "pk")
    )
    if not lists:
        return []
    points = {}
    for point in GroupPoint.objects.filter(action_list__in=lists):
        points.setdefault((point.action_list_id, point.group_id), []).append(point.text)
    groupings = {action_list.agenda_item.grouping_id for action_list in lists}
    groups = {}
    for group in table_numbers_of(groupings):
        groups.setdefault(group.grouping_id, []).append(group)
    rounds = []
    for action_list in lists:
        tables = groups.get(action_list.agenda_item.grouping_id, [])
        mine = [(group, points.get((action_list.pk, group.pk), [])) for group in tables]
        numbers = [
            [
                group.name,
                *(str(n) for n in (group.member_count, group.writer_count, group.action_count)),
                str(len(texts)),
            ]
            for group, texts in mine
        ]
        if any(texts for _group, texts in mine):
            shown = [TablePoints(group.name, texts) for group, texts in mine if texts]
            rounds.append(ReportRound(action_list.prompt, shown, numbers))
    return rounds


def _notes(action):
    who = f"{action.name} ({action.department})" if action.department else action.name
    return [who, action.goal] if action.goal else [who]


register(ActionsSection(), order=70)
