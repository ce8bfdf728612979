"""The question rounds in the documentation: each question's conclusions, ranked by the room's
dots once the vote was revealed or closed ("the most important conclusions according to the
participants"), each with the answers merged into it, their tables and authors.

Answers never merged (the round ended before its vote) are listed under their question, so no
card is lost. Hidden cards never appear."""

from dataclasses import dataclass, field

from django.db.models import Count
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from agenda.models import AgendaItem
from ideas.models import Board, Dot, Idea, RoundQuestion, Vote
from ideas.report.sections import Entry, Section, register


@dataclass
class ReportConclusion:
    text: str
    dots: int
    answers: list[str]  # "text (table, author)"


@dataclass
class ReportQuestion:
    number: int
    text: str
    ranked: bool  # the vote was revealed or closed: the order is the room's
    vote_open: bool
    conclusions: list[ReportConclusion] = field(default_factory=list)
    loose: list[str] = field(default_factory=list)


@dataclass
class ReportRound:
    item: AgendaItem
    day_label: str
    questions: list[ReportQuestion]


@dataclass
class Rounds:
    rounds: list[ReportRound]


def _answer(idea, board):
    table = board.group.name if board.group_id else _("Plenum")
    who = idea.author.display_name if idea.author_id else ""
    said = f"{table}, {who}" if who else table
    return f"{idea.text} ({said})"


class RoundsSection(Section):
    key = "rounds"
    title = gettext_lazy("The most important conclusions according to the participants")

    def collect(self, seminar):
        questions = list(
            RoundQuestion.objects.filter(agenda_item__day__seminar=seminar)
            .select_related("agenda_item__day")
            .order_by(
                "agenda_item__day__position",
                "agenda_item__day_id",
                "agenda_item__position",
                "agenda_item_id",
                "position",
                "pk",
            )
        )
        if not questions:
            return None
        boards = {
            board.pk: board
            for board in Board.objects.filter(
                seminar=seminar, question__isnull=False
            ).select_related("group")
        }
        ideas = list(
            Idea.objects.filter(board__in=boards, hidden=False)
            .select_related("author")
            .order_by("created_at", "pk")
        )
        votes = {}
        for vote in Vote.objects.filter(seminar=seminar, boards__holds_conclusions=True).distinct():
            votes[vote.pk] = vote
        vote_of_board = dict(
            Vote.boards.through.objects.filter(vote__in=votes).values_list("board_id", "vote_id")
        )
        dots = dict(
            Dot.objects.filter(vote__in=votes)
            .values("idea_id")
            .annotate(n=Count("pk"))
            .values_list("idea_id", "n")
        )
        by_question = {}
        for idea in ideas:
            by_question.setdefault(boards[idea.board_id].question_id, []).append(idea)
        rounds = {}
        numbers = {}
        for question in questions:
            item = question.agenda_item
            if item.pk not in rounds:
                rounds[item.pk] = ReportRound(item=item, day_label=item.day.label, questions=[])
            numbers[item.pk] = numbers.get(item.pk, 0) + 1
            mine = by_question.get(question.pk, [])
            conclusions_board = next(
                (
                    b
                    for b in boards.values()
                    if b.question_id == question.pk and b.holds_conclusions
                ),
                None,
            )
            vote = votes.get(vote_of_board.get(conclusions_board.pk)) if conclusions_board else None
            ranked = bool(vote and (vote.revealed or not vote.is_open))
            entry = ReportQuestion(
                number=numbers[item.pk],
                text=question.text,
                ranked=ranked,
                vote_open=bool(vote and not ranked),
            )
            conclusions = {}
            for idea in mine:
                if boards[idea.board_id].holds_conclusions:
                    conclusions[idea.pk] = ReportConclusion(
                        text=idea.text, dots=dots.get(idea.pk, 0) if ranked else 0, answers=[]
                    )
            for idea in mine:
                board = boards[idea.board_id]
                if board.holds_conclusions:
                    continue
                if idea.merged_into_id in conclusions:
                    conclusions[idea.merged_into_id].answers.append(_answer(idea, board))
                else:
                    entry.loose.append(_answer(idea, board))
            entry.conclusions = list(conclusions.values())
            if ranked:  # most dots first; a tie keeps the order they were merged in
                entry.conclusions.sort(key=lambda conclusion: -conclusion.dots)
            rounds[item.pk].questions.append(entry)
        return Rounds(rounds=list(rounds.values()))

    def write(self, data, writer):
        for entry in data.rounds:
            with writer.section(entry.item.title, aside=entry.day_label, kind="item"):
                for question in entry.questions:
                    _write_question(question, writer)


def _write_question(question, writer):
    with writer.section(f"{question.number}. {question.text}", kind="question"):
        if question.conclusions:
            if question.vote_open:
                writer.paragraph(_("The vote is still open."))
            entries = [
                Entry(
                    conclusion.text,
                    notes=[_dots(conclusion.dots)] if question.ranked else [],
                    children=conclusion.answers,
                    children_label=_("Merged answers"),
                )
                for conclusion in question.conclusions
            ]
            if question.ranked:
                writer.numbered(entries)
            else:
                writer.bullets(entries)
        if question.loose:
            writer.paragraph(_("Answers not merged into a conclusion"), style="strong")
            writer.bullets(question.loose)
        if not question.conclusions and not question.loose:
            writer.paragraph(_("No answers."))


def _dots(count):
    return ngettext("%(counter)s dot", "%(counter)s dots", count) % {"counter": count}


register(RoundsSection(), order=35)
