"""The importer reads the other seminars' exercises from their own words (the seeds 000-003 in
Danish, Norwegian and Swedish), as titles and as lines of a pasted timetable.

Pure Python like test_importer.py: no database, no Django."""

import pytest

from agenda.importer import guess_kind, parse_programme

SEED_PHRASES = [
    # 001, Odsherred 2012 (da): the dilemma pairs and the strategy that plays them.
    ("Hvordan møder vi kompleksiteten? Dilemmaer på spil", "dilemma"),
    ("Dilemma-spil", "dilemma"),
    ("Være undersøgende i et dilemma", "dilemma"),
    # 000, Kommunen 1.0 / 2.0 / 3.0 (da): the self-assessment's model.
    ("Kommunen 1.0 - frem til ca. 1970", "self_assessment"),
    ("Gør kommunen 3.0 til dit personlige arbejdsgrundlag", "self_assessment"),
    # 002, KS (nb): the ten points, and the closing questions.
    ("10 punkter for god ledelse i kommunene", "rating"),
    (
        "Hva er hovedutfordringene for rådmennene som ledere i M&R? Hva kan vi gjøre i fellesskap?",
        "questions",
    ),
    # 003, Stockholm 2012 (sv): the questions, the conclusions, the action list.
    (
        "Vad är viktigast att göra i rollen som spelledare/motor i samhällsutvecklingen? Vad ska"
        " ni undvika?",
        "questions",
    ),
    ("De viktigaste slutsatserna enligt deltagarna", "questions"),
    ("Kommundirektörens Action list", "action_list"),
    ("”Det här är det första jag vill göra när jag kommer hem”", "action_list"),
]


@pytest.mark.parametrize(("title", "kind"), SEED_PHRASES)
def test_a_seeds_words_name_its_exercise(title, kind):
    assert guess_kind(title) == kind


def test_a_timetable_in_the_seeds_words_imports_their_exercises():
    (day,) = parse_programme(
        "Onsdag 24. oktober\n"
        "Kl 9.00: Dilemmaer på spil\n"
        "Kl 9.45: Kommunen 3.0 - hvor står vi?\n"
        "Kl 10.30: Pause\n"
        "Kl 10.45: KS' ti punkter for god ledelse\n"
        "Kl 11.30: Spørsmålsrunde: Hva kan vi gjøre i fellesskap?\n"
        "Kl 12.15: De viktigaste slutsatserna\n"
        "Kl 12.45: Action list: det första jag vill göra när jag kommer hem\n"
    )
    assert [item.kind for item in day.items] == [
        "dilemma",
        "self_assessment",
        "break",
        "rating",
        "questions",
        "questions",
        "action_list",
    ]


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Hvad synes I?", "plenum"),  # one question is a plenum's, not a round
        ("KS' ten points of good leadership", "rating"),
        ("The municipality 3.0: where are we?", "self_assessment"),
        ("Tiltaksliste", "action_list"),
        ("Fra myndighed over servicevirksomhed til lokalt fællesskab", "plenum"),  # a talk's title
    ],
)
def test_the_other_languages_names_and_what_stays_a_plenum(title, kind):
    assert guess_kind(title) == kind
