"""A scale's answers as CSV rows for the facilitator: one row per answer, by department, with
no names (a position on a dilemma is a person's own; the room's picture is what is shared)."""

from django.utils.translation import gettext as _

from ideas.followup.exports import csv_text
from ideas.models import Answer


def answers_rows(scale):
    yield [_("Statement"), _("Round"), _("Department"), _("Answer"), _("Wish or importance")]
    answers = (
        Answer.objects.filter(statement__scale=scale)
        .select_related("statement", "participant__department")
        .order_by("statement__position", "statement_id", "round", "participant__department__name")
    )
    for answer in answers:
        department = answer.participant.department
        yield [
            str(answer.statement),
            answer.round,
            department.name if department else "",
            "" if answer.value is None else answer.value,
            "" if answer.wish is None else answer.wish,
        ]


def answers_csv(scale):
    return csv_text(answers_rows(scale))
