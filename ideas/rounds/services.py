"""Every change of a question round: its questions, the tables' answers boards, the merge of
duplicate answers into conclusions, and the dot votes that rank them.

A round moves through four steps, read from its boards and votes (`step`): the tables answer
(their boards are open), the facilitator merges (boards closed, no vote yet), the room votes
(one dot vote per question, ideas/votes), and the ranked lists (every vote revealed).
"""

import uuid

from django.db import transaction
from django.utils.translation import gettext as _

from agenda.models import Clock
from ideas.domain import Refused, post_key
from ideas.live import current_item, publish_exercise
from ideas.models import Board, Idea, RoundQuestion, Vote
from ideas.rounds.presets import DEFAULT, TEMPLATES, questions_of
from ideas.votes import services as votes

ANSWER, MERGE, VOTE, RANKED = "answer", "merge", "vote", "ranked"
MAX_QUESTIONS = 12
QUESTION_MAX_LENGTH = RoundQuestion._meta.get_field("text").max_length
BUDGET_RANGE = (1, 10)


def _groups(item):
    return list(item.grouping.groups.all()) if item.grouping_id else [None]


def _lines(text):
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def questions_for(item):
    """The item's questions, made the first time they are asked for: the item's description
    one question a line, or the default template in the seminar's language."""
    questions = list(RoundQuestion.objects.filter(agenda_item=item))
    if questions:
        return questions
    with transaction.atomic():
        questions = list(RoundQuestion.objects.select_for_update().filter(agenda_item=item))
        if not questions:
            lines = _lines(item.description)[:MAX_QUESTIONS] or questions_of(
                DEFAULT, item.day.seminar.language
            )
            questions = RoundQuestion.objects.bulk_create(
                RoundQuestion(agenda_item=item, position=i, text=text[:QUESTION_MAX_LENGTH])
                for i, text in enumerate(lines)
            )
    return questions


@transaction.atomic
def set_up(item):
    """The questions and their boards: one per table per question to answer on, and one
    without a table for the question's conclusions. Tables added later get theirs too."""
    seminar = item.day.seminar
    groups = _groups(item)
    questions = questions_for(item)
    have = set(
        Board.objects.filter(question__in=questions).values_list(
            "question_id", "group_id", "holds_conclusions"
        )
    )
    new = []
    for question in questions:
        wanted = [(group, False) for group in groups] + [(None, True)]
        for group, conclusions in wanted:
            if (question.pk, group.pk if group else None, conclusions) not in have:
                new.append(
                    Board(
                        seminar=seminar,
                        agenda_item=item,
                        group=group,
                        question=question,
                        holds_conclusions=conclusions,
                        prompt=question.text,
                        is_open=not conclusions,
                    )
                )
    Board.objects.bulk_create(new)
    return questions


def answer_boards(item):
    return Board.objects.filter(agenda_item=item, question__isnull=False, holds_conclusions=False)


def conclusions_board(question):
    return Board.objects.filter(question=question, holds_conclusions=True).first()


def round_votes(item):
    """The dot votes of the round, one per question (on its conclusions board)."""
    return Vote.objects.filter(
        boards__question__agenda_item=item, boards__holds_conclusions=True
    ).distinct()


def step(item):
    """Where the round is: answering, merging, voting or the ranked lists."""
    states = list(round_votes(item).values_list("revealed", flat=True))
    if states:
        return RANKED if all(states) else VOTE
    if answer_boards(item).filter(is_open=True).exists():
        return ANSWER
    return MERGE


def _publish(item):
    """Every screen follows (the phones too): only while the item runs."""
    seminar = item.day.seminar
    transaction.on_commit(lambda: _publish_if_current(seminar, item.pk))


def _publish_if_current(seminar, item_id):
    item = current_item(seminar)
    if item is not None and item.pk == item_id:
        with transaction.atomic():
            publish_exercise(seminar, item=item, every_seat=True)


def _keep_in_programme(item, lines):
    """The item's description holds its questions, one a line: a seminar reused as a template
    (ideas/data/reuse.py) poses them again."""
    item.description = "\n".join(lines)
    type(item).objects.filter(pk=item.pk).update(description=item.description)


def _no_vote_yet(item):
    if round_votes(item).exists():
        raise Refused(_("The vote has started: the conclusions cannot change now."))


def _lock(item):
    """Serialise the facilitators' changes of one round (two consoles, a double press)."""
    RoundQuestion.objects.select_for_update().filter(agenda_item=item).exists()


@transaction.atomic
def set_questions(item, *, by, text):
    """The questions as the facilitator wrote them, one a line. Line n changes question n (its
    answers stay); a question with answers cannot be dropped."""
    _lock(item)
    lines = _lines(text)
    if not lines:
        raise Refused(_("Write at least one question."))
    if len(lines) > MAX_QUESTIONS:
        raise Refused(_("At most %(count)s questions.") % {"count": MAX_QUESTIONS})
    if any(len(line) > QUESTION_MAX_LENGTH for line in lines):
        raise Refused(
            _("A question is at most %(count)s characters.") % {"count": QUESTION_MAX_LENGTH}
        )
    questions = questions_for(item)
    dropped = questions[len(lines) :]
    if Idea.objects.filter(board__question__in=dropped).exists():
        raise Refused(_("A question that has answers cannot be removed: change its text instead."))
    if dropped:
        _no_vote_yet(item)
    RoundQuestion.objects.filter(pk__in=[q.pk for q in dropped]).delete()
    for position, line in enumerate(lines):
        if position < len(questions):
            question = questions[position]
            if question.text != line:
                question.text = line
                question.save(update_fields=["text"])
                Board.objects.filter(question=question).update(prompt=line)
                Vote.objects.filter(boards__question=question).update(
                    title=line[: Vote._meta.get_field("title").max_length]
                )
        else:
            RoundQuestion.objects.create(agenda_item=item, position=position, text=line)
    _keep_in_programme(item, lines)
    set_up(item)
    if step(item) in (MERGE, VOTE, RANKED):  # a new question's boards follow the round's step
        answer_boards(item).filter(is_open=True).update(is_open=False)
    _publish(item)


@transaction.atomic
def use_template(item, *, by, key):
    template = TEMPLATES.get(key)
    if template is None:
        raise Refused(_("There is no such template."))
    _lock(item)
    if Idea.objects.filter(board__question__agenda_item=item).exists():
        raise Refused(_("The tables have answered already: edit the questions instead."))
    RoundQuestion.objects.filter(agenda_item=item).delete()
    lines = questions_of(template, item.day.seminar.language)
    RoundQuestion.objects.bulk_create(
        RoundQuestion(agenda_item=item, position=i, text=text) for i, text in enumerate(lines)
    )
    _keep_in_programme(item, lines)
    set_up(item)
    _publish(item)


@transaction.atomic
def set_answering(item, *, by, is_open):
    """Open or close every table's answers boards at once (closed: the merge can begin)."""
    _lock(item)
    if is_open:
        _no_vote_yet(item)
    answer_boards(item).update(is_open=is_open)
    _publish(item)


def _cards_of(question, ids):
    """The answers of this question named by `ids`: visible cards of its tables' boards."""
    return list(
        Idea.objects.filter(
            pk__in=ids, board__question=question, board__holds_conclusions=False, hidden=False
        ).select_related("merged_into")
    )


def _drop_empty(conclusion_ids):
    """A conclusion whose every answer was moved elsewhere says nothing any more."""
    Idea.objects.filter(pk__in=conclusion_ids, merged__isnull=True).delete()


@transaction.atomic
def merge(question, *, by, card_ids, text="", into=None, key=None):
    """Merge answers into one conclusion of their question: a new one (worded `text`, or as
    the first answer) or `into`, an existing one. Each answer keeps its text and author."""
    item = question.agenda_item
    _lock(item)
    _no_vote_yet(item)
    key = post_key(key)
    if into is None and Idea.objects.filter(key=key).exists():
        return Idea.objects.get(key=key)  # the same press sent again
    cards = _cards_of(question, card_ids)
    if not cards:
        raise Refused(_("Tick the answers to merge."))
    text = (text or "").strip()
    set_up(item)
    board = conclusions_board(question)
    if into is None:
        into = Idea.objects.create(board=board, text=text or cards[0].text, key=key)
    elif into.board_id != board.pk:
        raise Refused(_("That conclusion belongs to another question."))
    elif text:
        into.text = text
        into.save(update_fields=["text", "updated_at"])
    before = {card.merged_into_id for card in cards} - {None, into.pk}
    Idea.objects.filter(pk__in=[card.pk for card in cards]).update(merged_into=into)
    _drop_empty(before)
    _publish(item)
    return into


@transaction.atomic
def rename(conclusion, *, by, text):
    text = (text or "").strip()
    if not text:
        raise Refused(_("Write the conclusion."))
    _lock(conclusion.board.agenda_item)
    conclusion.text = text
    conclusion.save(update_fields=["text", "updated_at"])
    _publish(conclusion.board.agenda_item)


@transaction.atomic
def take_apart(conclusion, *, by):
    """Undo a merge: its answers are loose again, the conclusion goes."""
    item = conclusion.board.agenda_item
    _lock(item)
    _no_vote_yet(item)
    conclusion.merged.update(merged_into=None)
    conclusion.delete()
    _publish(item)


def _budget(value):
    low, high = BUDGET_RANGE
    try:
        budget = int(value)
    except (TypeError, ValueError):
        budget = None
    if budget is None or not low <= budget <= high:
        raise Refused(
            _("Dots per person must be a whole number between %(low)s and %(high)s.")
            % {"low": low, "high": high}
        )
    return budget


@transaction.atomic
def open_votes(item, *, by, budget, key=None):
    """Close the answers, make every answer not merged a conclusion of its own (no card is
    lost), and open one dot vote per question over its conclusions."""
    budget = _budget(budget)
    seminar = item.day.seminar
    clock = Clock.objects.select_for_update().get(seminar=seminar)
    if clock.current_item_id != item.pk:
        raise Refused(_("The programme has moved on meanwhile."))
    _lock(item)
    if round_votes(item).exists():
        return  # pressed twice, or by another console
    set_up(item)
    answer_boards(item).update(is_open=False)
    key = post_key(key)
    opened = 0
    for question in questions_for(item):
        board = conclusions_board(question)
        singles = list(
            Idea.objects.filter(
                board__question=question,
                board__holds_conclusions=False,
                hidden=False,
                merged_into__isnull=True,
            ).order_by("created_at", "pk")
        )
        made = Idea.objects.bulk_create(Idea(board=board, text=card.text) for card in singles)
        for card, conclusion in zip(singles, made, strict=True):
            card.merged_into = conclusion
        Idea.objects.bulk_update(singles, ["merged_into"])
        if not board.ideas.filter(hidden=False).exists():
            continue  # nobody answered: nothing to vote on
        votes.open_vote(
            seminar,
            by=by,
            title=question.text[: Vote._meta.get_field("title").max_length],
            boards=[board],
            budget=budget,
            key=uuid.uuid5(key, str(question.pk)),
            publish=False,  # every screen is pushed once, below
        )
        opened += 1
    if not opened:
        raise Refused(_("There are no answers to vote on yet."))
    _publish(item)


@transaction.atomic
def reveal(item, *, by):
    """Close every vote of the round and show the ranked lists (on the projector too)."""
    _lock(item)
    for vote in round_votes(item).filter(revealed=False).select_related("seminar"):
        votes.set_vote_state(vote, by=by, is_open=False, revealed=True, publish=False)
    # The ranked lists of every question follow the item on the projector.
    Clock.objects.filter(seminar_id=item.day.seminar_id, current_item=item).update(stage="")
    _publish(item)
