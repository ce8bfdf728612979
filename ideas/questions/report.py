"""The room's questions to the stage, item by item: the most upvoted first, with the answer
notes the facilitator wrote. Questions waiting for approval or hidden are not part of it."""

from dataclasses import dataclass

from django.db.models import Count, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agenda.models import AgendaItem
from ideas.models import Question
from ideas.report.sections import Entry, Section, register


@dataclass
class ItemQuestions:
    item: AgendaItem
    day_label: str
    questions: list[Question]


@dataclass
class Questions:
    items: list[ItemQuestions]


class QuestionsSection(Section):
    key = "questions"
    title = gettext_lazy("Questions from the room")

    def collect(self, seminar):
        questions = (
            Question.objects.filter(
                seminar=seminar,
                status__in=[
                    Question.Status.OPEN,
                    Question.Status.ANSWERING,
                    Question.Status.ANSWERED,
                ],
                agenda_item__isnull=False,
            )
            .select_related("participant", "agenda_item__day")
            .annotate(vote_count=Count("votes", filter=Q(votes__up=True)))
            .order_by(
                "agenda_item__day__position",
                "agenda_item__day_id",
                "agenda_item__position",
                "agenda_item_id",
            )
        )
        items = {}
        for question in questions:
            item = question.agenda_item
            if item.pk not in items:
                items[item.pk] = ItemQuestions(item=item, day_label=item.day.label, questions=[])
            items[item.pk].questions.append(question)
        for entry in items.values():
            entry.questions.sort(key=lambda q: (-q.vote_count, q.created_at, q.pk))
        return Questions(items=list(items.values())) if items else None

    def write(self, data, writer):
        for entry in data.items:
            with writer.section(entry.item.title, aside=entry.day_label, kind="item"):
                writer.numbered([_entry(question) for question in entry.questions])


def _entry(question):
    asker = question.participant.display_name if question.participant_id else _("Anonymous")
    votes = ngettext("%(counter)s vote", "%(counter)s votes", question.vote_count) % {
        "counter": question.vote_count
    }
    notes = [asker, votes]
    if question.status != Question.Status.ANSWERED:
        notes.append(_("not answered"))
    return Entry(
        text=question.text,
        notes=notes,
        children=[question.answer] if question.answer else [],
        children_label=_("Answer"),
    )


register(QuestionsSection(), order=35)
