"""The templates: every one in da, nb, sv and en, its kind read back by the importer from its
own words, and listed by `manage.py exercises`."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import translation

from agenda.importer import guess_kind, parse_programme
from ideas.exercises import all_templates, exercises, template_for
from ideas.rounds.presets import MOTOR
from ideas.scales.presets import PRESETS

LANGUAGES = ("da", "nb", "sv", "en")


def test_the_seeds_exercises_each_have_a_template():
    kinds = {template.key: template.kind for template in all_templates()}
    assert kinds == {
        "dilemmas": "dilemma",
        "municipality-3.0": "self_assessment",
        "ks-ten-points": "rating",
        "five-questions": "questions",
        "challenges-together": "questions",
        "first-thing-at-home": "action_list",
    }


@pytest.mark.parametrize("language", LANGUAGES)
@pytest.mark.parametrize("key", [t.key for t in all_templates()])
def test_a_template_is_written_in_each_language_and_read_back_as_its_kind(key, language):
    template = template_for(key)
    title, description = template.title(language), template.description(language)
    assert template.titles[language] == title and title.strip()
    assert template.descriptions[language] == description and description.strip()
    assert guess_kind(title, description) == template.kind
    # As a line of a pasted timetable too.
    (day,) = parse_programme(f"Kl 9.00: {title}\nKl 10.00: Pause")
    assert day.items[0].kind == template.kind


def test_a_templates_name_and_line_are_translated():
    for template in all_templates():
        names = set()
        for language in ("da", "nb", "sv"):
            with translation.override(language):
                names.add((str(template.name), str(template.summary)))
        with translation.override("en"):
            english = (str(template.name), str(template.summary))
        assert english not in names and len(names) == 3, template.key


def test_the_questions_and_statements_are_the_seeds_own():
    assert template_for("five-questions").description("sv").splitlines() == MOTOR.questions["sv"]
    assert template_for("dilemmas").fill is not None
    assert set(PRESETS) <= {template.key for template in all_templates()}


def test_unknown_keys_find_no_template():
    for key in ("", "nope", None, 7, ["dilemmas"]):
        assert template_for(key) is None


def test_the_exercises_command_lists_each_exercise_with_its_templates():
    out = StringIO()
    call_command("exercises", "--json", stdout=out)
    listed = {entry["kind"]: entry for entry in json.loads(out.getvalue()) if "kind" in entry}
    assert set(listed) == {exercise.kind for exercise in exercises()}
    assert [t["key"] for t in listed["dilemma"]["templates"]] == ["dilemmas"]
    assert listed["plenum"]["templates"] == []
    questions = listed["questions"]["templates"][0]
    assert questions["name"]["sv"] != questions["name"]["en"]
    assert questions["title"]["sv"] == "Frågerunda: kommunen som motor i samhällsutvecklingen"
    assert set(questions["summary"]) == {"en", "da", "nb", "sv"}
