"""The goals the tables pledged, with their handshakes and the moment they were sealed."""

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas.followup.queries import goals_for_export
from ideas.models import Goal
from ideas.report.sections import Section, register


@dataclass
class ReportGoal:
    goal: Goal
    table: str
    department: str
    status: str
    target_date_text: str
    people: list[str]
    tables: list[str]
    sealed_text: str = ""  # when the room sealed it with its handshakes

    @property
    def handshakes(self):
        return len(self.people) + len(self.tables)


@dataclass
class Goals:
    goals: list[ReportGoal]


def _goal(goal):
    pledges = goal.export_pledges
    return ReportGoal(
        goal=goal,
        table=goal.group.name if goal.group_id else "",
        department=goal.department.name if goal.department_id else "",
        status=goal.get_status_display(),
        target_date_text=formats.date_format(goal.target_date, "DATE_FORMAT")
        if goal.target_date
        else "",
        people=[p.participant.display_name for p in pledges if p.participant_id],
        tables=[p.group.name for p in pledges if not p.participant_id and p.group_id],
        sealed_text=formats.date_format(timezone.localtime(goal.sealed_at), "DATETIME_FORMAT")
        if goal.sealed_at
        else "",
    )


class GoalsSection(Section):
    key = "goals"
    title = gettext_lazy("Goals and handshakes")

    def collect(self, seminar):
        goals = goals_for_export(Goal.objects.filter(seminar=seminar).order_by("created_at", "pk"))
        if not goals:
            return None
        return Goals(goals=[_goal(goal) for goal in goals])

    def write(self, data, writer):
        for entry in data.goals:
            goal = entry.goal
            with writer.section(goal.title, kind="goal"):
                if entry.sealed_text:
                    writer.paragraph(
                        _("Sealed on %(when)s") % {"when": entry.sealed_text}, style="strong"
                    )
                writer.facts(
                    [
                        (_("Table"), entry.table),
                        (_("Why"), goal.why),
                        (_("How we measure success"), goal.measure),
                        (_("Target date"), entry.target_date_text),
                        (_("Owner"), goal.owner),
                        (_("Department"), entry.department),
                        (_("Status"), entry.status),
                        (_("Handshakes"), str(entry.handshakes)),
                        (_("People"), entry.people),
                        (_("Tables"), entry.tables),
                    ]
                )


register(GoalsSection(), order=50)
