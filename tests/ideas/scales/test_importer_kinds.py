"""The importer recognises the scales, question rounds and action lists in three languages."""

import pytest

from agenda.importer import guess_kind


@pytest.mark.parametrize(
    ("title", "kind"),
    [
        ("Dilemmaspil: spare eller udvikle kvalitet", "dilemma"),
        ("Dilemmaer i spill", "dilemma"),
        ("Kommunen 3.0: hvor står vi?", "self_assessment"),
        ("Egenvurdering av kommunen", "self_assessment"),
        ("Självutvärdering: kommun 3,0", "self_assessment"),
        ("KS' ti punkter for god ledelse", "rating"),
        ("Tio punkter för gott ledarskap", "rating"),
        ("Frågerunda: kommunen som motor", "questions"),
        ("Spørsmålsrunde i grupper", "questions"),
        ("Action list: det första jag vill göra när jag kommer hem", "action_list"),
        ("Handlingsliste", "action_list"),
    ],
)
def test_the_importer_guesses_the_scales_and_rounds(title, kind):
    assert guess_kind(title) == kind
