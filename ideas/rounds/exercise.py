"""The question round: the tables answer the facilitator's questions, the facilitator merges the
answers into conclusions, the room ranks them by dot voting.

Design. A board per table per question (not one board per question with a column per table):
a phone at 360 px shows only its own table's answers, one question under the other, each with
its own answer field, and the table screen shows the same; the boards' live cards, headings and
moderation (ideas/boards) work unchanged. Each question also has a board without a table that
holds its conclusions: a merged conclusion is a card there, and every answer merged into it
points to it (`Idea.merged_into`), keeping its text and author for the documentation. Headings
(clusters) live inside one board, so they cannot merge across the tables: hence a board of
conclusions. Dot voting is ideas/votes, one vote per question over its conclusions board; the
ranked list is that vote's ranking. The questions are the item's own (`RoundQuestion`, edited
on the console one a line), or a template (presets.py) in the seminar's language.

Steps (services.step): answer -> merge -> vote -> ranked. Every step, merge and edit pushes
every screen's exercise region whole (services._publish); cards arriving while the tables
answer are pushed as a board's cards (ideas/boards/live.py).
"""

from collections import Counter

from django.db.models import Count
from django.utils.translation import gettext_lazy as _

from ideas import queries
from ideas.exercises import Exercise, register
from ideas.models import Board, Dot, Idea
from ideas.rounds import services
from ideas.rounds.presets import TEMPLATES
from ideas.stage.options import ON_BOARD, StageOption

TEMPLATE = "ideas/exercises/rounds.html"


def table_name(board):
    return board.group.name if board.group_id else _("Plenum")


def round_context(item, *, facilitator=False):
    """Every question with its conclusions (their answers, and their dots once revealed) and
    the answers not merged yet: a fixed number of queries, however many tables and cards."""
    questions = services.questions_for(item)
    current = services.step(item)
    boards = list(
        Board.objects.filter(agenda_item=item, question__isnull=False).select_related("group")
    )
    by_pk = {board.pk: board for board in boards}
    ideas = list(
        Idea.objects.filter(board__in=by_pk, hidden=False)
        .select_related("author")
        .order_by("created_at", "pk")
    )
    votes = {}
    for vote in services.round_votes(item).prefetch_related("boards"):
        for board in vote.boards.all():
            votes[board.pk] = vote
    revealed = {vote.pk for vote in votes.values() if vote.revealed}
    dots = Counter(
        dict(
            Dot.objects.filter(vote_id__in=revealed)
            .values("idea_id")
            .annotate(n=Count("pk"))
            .values_list("idea_id", "n")
        )
    )
    rows = {
        question.pk: {"question": question, "number": i + 1, "conclusions": [], "loose": []}
        for i, question in enumerate(questions)
    }
    conclusions = {}
    for idea in ideas:
        board = by_pk[idea.board_id]
        if board.holds_conclusions:
            entry = {"idea": idea, "answers": [], "dots": dots.get(idea.pk, 0)}
            conclusions[idea.pk] = entry
            rows[board.question_id]["conclusions"].append(entry)
    for idea in ideas:
        board = by_pk[idea.board_id]
        if board.holds_conclusions:
            continue
        idea.table = table_name(board)
        if idea.merged_into_id in conclusions:
            conclusions[idea.merged_into_id]["answers"].append(idea)
        else:
            rows[board.question_id]["loose"].append(idea)
    for question in questions:
        row = rows[question.pk]
        board = next(
            (b for b in boards if b.question_id == question.pk and b.holds_conclusions), None
        )
        vote = votes.get(board.pk) if board else None
        row["vote"] = vote
        row["revealed"] = bool(vote and vote.revealed)
        if row["revealed"]:  # most dots first; a tie keeps the order they were merged in
            row["conclusions"].sort(key=lambda entry: -entry["dots"])
    return {
        "questions": [rows[question.pk] for question in questions],
        "step": current,
        "facilitator": facilitator,
    }


class Questions(Exercise):
    work_template = f"{TEMPLATE}#work"
    stage_template = f"{TEMPLATE}#stage"
    console_template = f"{TEMPLATE}#console"
    offers_vernissage = False
    makes_boards = True

    def setup(self, item):
        services.set_up(item)

    def shared(self, seminar, item):
        return {"round": round_context(item)}

    def work(self, seminar, item, group, shared):
        context = {"round": shared["round"], "tables": []}
        if shared["round"]["step"] == services.ANSWER:
            boards = Board.objects.filter(
                agenda_item=item, question__isnull=False, holds_conclusions=False
            )
            if item.grouping_id:
                boards = boards.filter(group=group) if group else boards.none()
            else:
                boards = boards.filter(group=None)
            by_question = {board.question_id: board for board in boards.select_related("group")}
            context["tables"] = [
                {"row": row, "board": queries.board_context(by_question[row["question"].pk])}
                for row in shared["round"]["questions"]
                if row["question"].pk in by_question
            ]
        return context

    def stage(self, seminar, item):
        return {"round": round_context(item)}

    def console(self, seminar, item):
        context = round_context(item, facilitator=True)
        if context["step"] == services.ANSWER:
            answer_boards = services.answer_boards(item).select_related("group", "agenda_item")
            for row in context["questions"]:
                row["boards"] = [
                    queries.board_context(board, facilitator=True)
                    for board in answer_boards
                    if board.question_id == row["question"].pk
                ]
        return {
            "round": context,
            "question_lines": "\n".join(row["question"].text for row in context["questions"]),
            "templates": list(TEMPLATES.values()),
            "has_answers": Idea.objects.filter(
                board__agenda_item=item, board__question__isnull=False
            ).exists(),
        }

    def shows_board(self, item, board):
        # The tables' boards are on the phones, screens and console while they answer.
        return (
            board.agenda_item_id == item.pk
            and board.question_id is not None
            and not board.holds_conclusions
            and services.step(item) == services.ANSWER
        )

    def stage_shows(self, item, part, obj=None):
        return False  # the stage holds questions and conclusions, pushed whole

    def stage_options(self, seminar, item):
        """While the tables answer: one question with every table's answers, live."""
        if services.step(item) != services.ANSWER:
            return []
        boards = list(services.answer_boards(item).select_related("group", "agenda_item"))
        return [
            StageOption(
                f"question:{question.pk}",
                _("Question %(number)s: the tables' answers") % {"number": number},
                f"{TEMPLATE}#stage-question",
                lambda question=question, number=number: {
                    "question": question,
                    "number": number,
                    "boards": [
                        queries.board_context(board)
                        for board in boards
                        if board.question_id == question.pk
                    ],
                },
                shows=lambda part, obj=None, pk=question.pk: (
                    part == ON_BOARD and obj is not None and obj.question_id == pk
                ),
                group="boards",
            )
            for number, question in enumerate(services.questions_for(item), start=1)
        ]


register(Questions("questions"))
