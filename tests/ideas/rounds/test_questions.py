"""Question rounds: the tables' boards are posed the round's questions."""

from agenda import services as agenda_services
from ideas.exercises import board_kinds, exercise_for
from ideas.models import Board
from tests import factories


def _run(seminar, alice, description=""):
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, kind="questions", description=description)
    agenda_services.start_seminar(seminar, by=alice)
    return items[0]


def test_a_question_round_without_questions_is_posed_the_five_in_the_seminars_language(
    seminar, alice
):
    item = _run(seminar, alice)
    prompt = Board.objects.get(agenda_item=item).prompt
    assert prompt.startswith("Hvad er vigtigst at gøre")
    assert prompt.count("\n") == 4
    assert "questions" in board_kinds() and exercise_for(item).makes_boards


def test_the_facilitators_own_questions_stay(seminar, alice):
    item = _run(seminar, alice, description="Hvad gør vi anderledes i morgen?")
    assert Board.objects.get(agenda_item=item).prompt == "Hvad gør vi anderledes i morgen?"
