"""Question rounds: questions, answers boards, merging, dot votes and the ranked lists."""

import pytest

from ideas.domain import Refused
from ideas.exercises import board_kinds, exercise_for
from ideas.models import Board, Idea, RoundQuestion, Vote
from ideas.rounds import services
from ideas.votes import services as votes
from tests.ideas.rounds.conftest import answer, running_round


def _questions(item):
    return list(RoundQuestion.objects.filter(agenda_item=item))


def test_a_round_without_questions_is_posed_the_five_in_the_seminars_language(round_item):
    questions = _questions(round_item)
    assert [q.position for q in questions] == [0, 1, 2, 3, 4]
    assert questions[0].text.startswith("Hvad er vigtigst at gøre")
    assert "questions" in board_kinds() and exercise_for(round_item).makes_boards


def test_each_table_gets_a_board_per_question_and_each_question_a_conclusions_board(round_item):
    tables = list(round_item.grouping.groups.all())
    assert len(tables) == 2
    for question in _questions(round_item):
        assert question.boards.filter(holds_conclusions=False).count() == 2
        assert {b.group_id for b in question.boards.filter(holds_conclusions=False)} == {
            t.pk for t in tables
        }
        conclusions = question.boards.get(holds_conclusions=True)
        assert conclusions.group_id is None and not conclusions.is_open
        assert question.boards.filter(prompt=question.text).count() == 3


def test_the_items_own_questions_one_a_line(seminar, alice):
    item, _ = running_round(seminar, alice, description="Hvad gør vi?\r\n\r\nHvem gør det?")
    assert [q.text for q in _questions(item)] == ["Hvad gør vi?", "Hvem gør det?"]


def test_setting_up_twice_makes_no_second_boards(round_item):
    count = Board.objects.count()
    services.set_up(round_item)
    assert Board.objects.count() == count


def test_set_questions_keeps_answers_and_adds_boards(round_item, alice):
    first = _questions(round_item)[0]
    person = round_item.grouping.groups.first().members.first()
    answer(round_item, first, person, "Lyt")
    text = "Hvad er vigtigst?\n" + "\n".join(q.text for q in _questions(round_item)[1:]) + "\nNy?"
    services.set_questions(round_item, by=alice, text=text)
    questions = _questions(round_item)
    assert len(questions) == 6 and questions[0].pk == first.pk
    assert questions[0].text == "Hvad er vigtigst?"
    assert set(questions[0].boards.values_list("prompt", flat=True)) == {"Hvad er vigtigst?"}
    assert Idea.objects.filter(board__question=first, text="Lyt").exists()
    assert questions[5].boards.count() == 3


def test_a_question_with_answers_cannot_be_dropped(round_item, alice):
    last = _questions(round_item)[-1]
    person = round_item.grouping.groups.first().members.first()
    answer(round_item, last, person, "Noget")
    with pytest.raises(Refused):
        services.set_questions(round_item, by=alice, text="Kun en?")
    assert len(_questions(round_item)) == 5


@pytest.mark.parametrize("text", ["", "  \n ", "x" * 301, "\n".join(["q?"] * 13)])
def test_bad_questions_are_refused_and_nothing_changes(round_item, alice, text):
    before = [q.text for q in _questions(round_item)]
    with pytest.raises(Refused):
        services.set_questions(round_item, by=alice, text=text)
    assert [q.text for q in _questions(round_item)] == before


def test_the_together_template_replaces_the_questions_before_any_answer(round_item, alice):
    services.use_template(round_item, by=alice, key="together")
    assert [q.text for q in _questions(round_item)] == [
        "Hvad er de største udfordringer?",
        "Hvad kan vi gøre i fællesskab?",
    ]
    assert Board.objects.filter(agenda_item=round_item).count() == 2 * 3
    with pytest.raises(Refused):
        services.use_template(round_item, by=alice, key="nope")


def test_a_template_is_refused_once_answered(round_item, alice):
    person = round_item.grouping.groups.first().members.first()
    answer(round_item, _questions(round_item)[0], person, "Lyt")
    with pytest.raises(Refused):
        services.use_template(round_item, by=alice, key="together")


def _two_answers(item):
    """One answer from each table to the first question."""
    question = _questions(item)[0]
    one, two = [group.members.first() for group in item.grouping.groups.all()]
    return question, answer(item, question, one, "Lyt mere"), answer(item, question, two, "Lyt!")


def test_the_steps_answer_merge_vote_ranked(round_item, alice):
    question, first, second = _two_answers(round_item)
    assert services.step(round_item) == services.ANSWER
    services.set_answering(round_item, by=alice, is_open=False)
    assert services.step(round_item) == services.MERGE
    services.merge(question, by=alice, card_ids=[first.pk, second.pk], text="Lyt")
    services.open_votes(round_item, by=alice, budget=2)
    assert services.step(round_item) == services.VOTE
    services.reveal(round_item, by=alice)
    assert services.step(round_item) == services.RANKED


def test_merging_keeps_every_answer_with_its_author(round_item, alice):
    question, first, second = _two_answers(round_item)
    conclusion = services.merge(question, by=alice, card_ids=[first.pk, second.pk], text="Lyt")
    assert conclusion.board.holds_conclusions and conclusion.board.question == question
    assert conclusion.text == "Lyt"
    merged = list(conclusion.merged.order_by("pk"))
    assert [(m.text, m.author_id) for m in merged] == [
        ("Lyt mere", first.author_id),
        ("Lyt!", second.author_id),
    ]


def test_a_merge_without_words_takes_the_first_answers(round_item, alice):
    question, first, second = _two_answers(round_item)
    conclusion = services.merge(question, by=alice, card_ids=[first.pk, second.pk])
    assert conclusion.text == "Lyt mere"


def test_the_same_merge_sent_twice_makes_one_conclusion(round_item, alice):
    question, first, second = _two_answers(round_item)
    key = "2b1e0f5e-0d4a-4a38-9d0c-2c3f1f3c9b11"
    one = services.merge(question, by=alice, card_ids=[first.pk], key=key)
    two = services.merge(question, by=alice, card_ids=[first.pk, second.pk], key=key)
    assert one.pk == two.pk
    assert Idea.objects.filter(board__holds_conclusions=True).count() == 1


def test_answers_of_another_question_are_not_merged(round_item, alice):
    question, first, _second = _two_answers(round_item)
    other = _questions(round_item)[1]
    with pytest.raises(Refused):
        services.merge(other, by=alice, card_ids=[first.pk])
    assert not Idea.objects.filter(board__holds_conclusions=True).exists()


def test_moving_every_answer_out_of_a_conclusion_drops_it(round_item, alice):
    question, first, second = _two_answers(round_item)
    old = services.merge(question, by=alice, card_ids=[first.pk])
    new = services.merge(question, by=alice, card_ids=[second.pk])
    services.merge(question, by=alice, card_ids=[first.pk], into=new)
    assert not Idea.objects.filter(pk=old.pk).exists()
    assert set(new.merged.values_list("pk", flat=True)) == {first.pk, second.pk}


def test_taking_a_conclusion_apart_loosens_its_answers(round_item, alice):
    question, first, second = _two_answers(round_item)
    conclusion = services.merge(question, by=alice, card_ids=[first.pk, second.pk])
    services.take_apart(conclusion, by=alice)
    assert not Idea.objects.filter(pk=conclusion.pk).exists()
    assert Idea.objects.filter(pk__in=[first.pk, second.pk], merged_into=None).count() == 2


def test_opening_the_vote_makes_every_loose_answer_a_conclusion(round_item, alice):
    question, first, second = _two_answers(round_item)
    services.open_votes(round_item, by=alice, budget=3)
    first.refresh_from_db()
    second.refresh_from_db()
    assert first.merged_into.text == "Lyt mere" and second.merged_into.text == "Lyt!"
    assert not Board.objects.filter(
        agenda_item=round_item, holds_conclusions=False, is_open=True
    ).exists()
    vote = Vote.objects.get()  # only the first question was answered
    assert vote.title == question.text and vote.budget == 3
    assert list(vote.boards.all()) == [services.conclusions_board(question)]


def test_opening_the_vote_twice_opens_it_once(round_item, alice):
    _two_answers(round_item)
    services.open_votes(round_item, by=alice, budget=3)
    services.open_votes(round_item, by=alice, budget=3)
    assert Vote.objects.count() == 1
    assert Idea.objects.filter(board__holds_conclusions=True).count() == 2


@pytest.mark.parametrize("budget", [None, "", "0", "11", "x", "2.5"])
def test_a_bad_budget_is_refused(round_item, alice, budget):
    _two_answers(round_item)
    with pytest.raises(Refused):
        services.open_votes(round_item, by=alice, budget=budget)
    assert not Vote.objects.exists()


def test_no_vote_without_answers(round_item, alice):
    with pytest.raises(Refused):
        services.open_votes(round_item, by=alice, budget=3)
    assert not Vote.objects.exists()
    assert not Idea.objects.exists()


def test_the_conclusions_are_fixed_once_the_vote_starts(round_item, alice):
    question, first, second = _two_answers(round_item)
    conclusion = services.merge(question, by=alice, card_ids=[first.pk])
    services.open_votes(round_item, by=alice, budget=3)
    with pytest.raises(Refused):
        services.merge(question, by=alice, card_ids=[second.pk], into=conclusion)
    with pytest.raises(Refused):
        services.take_apart(conclusion, by=alice)
    with pytest.raises(Refused):
        services.set_answering(round_item, by=alice, is_open=True)


def test_the_ranked_list_counts_the_dots(round_item, alice):
    from ideas.rounds.exercise import round_context

    question, first, second = _two_answers(round_item)
    services.open_votes(round_item, by=alice, budget=3)
    vote = Vote.objects.get()
    second.refresh_from_db()
    for person in round_item.grouping.groups.last().members.all():
        votes.cast_dot(vote, by=person, idea=second.merged_into)
    context = round_context(round_item)
    assert context["questions"][0]["conclusions"][0]["dots"] == 0  # not revealed yet
    services.reveal(round_item, by=alice)
    context = round_context(round_item)
    row = context["questions"][0]
    assert row["revealed"]
    assert [(e["idea"].text, e["dots"]) for e in row["conclusions"]] == [
        ("Lyt!", 2),
        ("Lyt mere", 0),
    ]
    assert [a.text for a in row["conclusions"][0]["answers"]] == ["Lyt!"]


def test_a_round_without_tables_answers_on_one_board_per_question(seminar, alice):
    item, members = running_round(seminar, alice, grouped=False)
    question = _questions(item)[0]
    board = question.boards.get(holds_conclusions=False)
    assert board.group is None
    from ideas.boards import services as boards

    card = boards.add_idea(board, by=members[0], text="Alene")
    services.open_votes(item, by=alice, budget=1)
    card.refresh_from_db()
    assert card.merged_into.board.holds_conclusions


def test_a_question_reworded_during_the_vote_renames_its_ballot(round_item, alice):
    question, _first, _second = _two_answers(round_item)
    services.open_votes(round_item, by=alice, budget=3)
    lines = [q.text for q in _questions(round_item)]
    lines[0] = "Hvad betyder mest?"
    services.set_questions(round_item, by=alice, text="\n".join(lines))
    assert Vote.objects.get().title == "Hvad betyder mest?"
