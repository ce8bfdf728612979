"""The importer's guesses for the middle of the Varde day: soapbox speeches by their words in
four languages, and a plenum that asks for the room's questions (an extra, not a kind)."""

import pytest

from agenda import services
from agenda.importer import guess_extras, guess_kind, parse_programme
from agenda.models import AgendaItem
from tests import factories


@pytest.mark.parametrize(
    "title",
    [
        "Op på ølkassen - speakerscorner og handlingsplaner",
        "Opp på ølkassa: medarbeidertale om visjonen",
        "Upp på ölbacken - håll ett tal om visionen",
        "Talarstol: mitt tal till medarbetarna",
        "Soapbox speeches",
    ],
)
def test_speeches_are_guessed_in_four_languages(title):
    assert guess_kind(title) == "speeches"


def test_numbers_are_no_speech():
    assert guess_kind("Tal og fakta om kommunen") == "plenum"


@pytest.mark.parametrize(
    ("title", "description"),
    [
        ("Visionen ifølge direktøren", "Hvad er styrkerne? Er der spørgsmål fra deltagerne?"),
        ("Visjonen ifølge rådmannen", "Er det spørsmål fra deltakerne?"),
        ("Visionen enligt kommundirektören", "Finns det frågor från deltagarna?"),
        ("The vision", "Are there questions from the participants?"),
        ("Spørgsmål fra salen", ""),
    ],
)
def test_a_plenum_with_the_rooms_questions_in_three_languages(title, description):
    assert guess_extras(title, description) == ("questions",)
    [day] = parse_programme(f"Torsdag\nKl 8.30: {title}\n{description}\nKl 9.00: Pause")
    assert day.items[0].kind == "plenum" and day.items[0].extras == ("questions",)


def test_a_question_round_at_the_tables_is_no_plenum_question():
    assert guess_extras("Spørgerunde ved bordene") == ()
    assert guess_kind("Spørgerunde ved bordene") == "questions"


def test_the_import_turns_the_questions_on(db):
    alice = factories.make_user("alice")
    seminar = factories.make_seminar(alice)
    days = parse_programme(
        "Torsdag\nKl 8.30: Visionen\nEr der spørgsmål fra deltagerne?\nKl 9.00: Pause"
    )
    services.apply_import(seminar, days, by=alice)
    vision, pause = AgendaItem.objects.filter(day__seminar=seminar).order_by("position")
    assert vision.extras == {"questions": {}} and pause.extras == {}
