"""Scales' services: presets in the seminar's language, answers per round, the facilitator's
buttons, and the chart's numbers."""

import uuid

import pytest

from ideas.domain import Refused
from ideas.models import Answer, Statement
from ideas.scales import services
from ideas.scales.charts import chart
from tests import factories
from tests.ideas.scales.conftest import running


def test_a_dilemma_starts_with_the_seeds_pairs_in_the_seminars_language(dilemma):
    pairs = list(dilemma.statements.values_list("low", "high"))
    assert pairs[0] == ("Spare", "Udvikle kvalitet")
    assert ("Tællelighedslogik", "Tillidslogik") in pairs
    assert len(pairs) == 6


def test_a_norwegian_seminar_gets_the_ks_points_in_norwegian(alice):
    seminar = factories.make_seminar(alice)
    seminar.language = "nb"
    seminar.save()
    scale = running(seminar, alice, "rating")
    first = scale.statements.first()
    assert first.text.startswith("Skape forståelse for oppdraget")
    assert scale.statements.count() == 10


def test_a_self_assessment_has_three_stages_per_dimension(self_assessment):
    first = self_assessment.statements.first()
    assert (first.low, first.middle, first.high) == (
        "en myndighed",
        "en organisation",
        "et lokalsamfund",
    )
    assert self_assessment.statements.count() == 8


def test_an_answer_is_changed_in_place_and_a_retry_counts_once(seminar, dilemma):
    person = factories.make_participant(seminar, "P")
    statement = dilemma.statements.first()
    key = uuid.uuid4()
    services.answer(statement, by=person, value=20, key=key)
    services.answer(statement, by=person, value=20, key=key)
    services.answer(statement, by=person, value=70, key=uuid.uuid4())
    assert list(Answer.objects.values_list("value", flat=True)) == [70]


def test_an_answer_outside_the_scale_or_after_the_round_is_refused(seminar, alice, dilemma):
    person = factories.make_participant(seminar, "P")
    statement = dilemma.statements.first()
    with pytest.raises(Refused):
        services.answer(statement, by=person, value=101)
    with pytest.raises(Refused):
        services.answer(statement, by=person, value="a lot")
    services.set_scale_state(dilemma, by=alice, action="close")
    with pytest.raises(Refused):
        services.answer(statement, by=person, value=40)
    assert not Answer.objects.exists()


def test_another_seminars_participant_cannot_answer(dilemma, other_seminar):
    stranger = factories.make_participant(other_seminar, "O")
    with pytest.raises(Refused):
        services.answer(dilemma.statements.first(), by=stranger, value=50)


def test_a_second_round_keeps_the_first_and_shows_the_shift(seminar, alice, dilemma):
    people = [factories.make_participant(seminar, f"P{i}") for i in range(3)]
    statement = dilemma.statements.first()
    for person in people:
        services.answer(statement, by=person, value=10)
    services.set_scale_state(dilemma, by=alice, action="close")
    services.set_scale_state(dilemma, by=alice, action="next-round", seen_round=1)
    services.set_scale_state(dilemma, by=alice, action="next-round", seen_round=1)  # twice
    dilemma.refresh_from_db()
    assert (dilemma.round, dilemma.is_open) == (2, True)
    for person in people:
        services.answer(statement, by=person, value=90)
    drawn = chart(dilemma, "dilemma")
    first = drawn["table"][0]
    assert first[1:] == [3, 10.0, 3, 90.0, 80.0]
    assert drawn["blocks"][0]["shift"] is not None
    assert drawn["answered"] == 3


def test_self_assessment_names_the_largest_gaps(seminar, self_assessment):
    person = factories.make_participant(seminar, "P")
    statements = list(self_assessment.statements.all())
    services.answer(statements[0], by=person, value=1, wish=3)
    services.answer(statements[1], by=person, value=2, wish=2)
    drawn = chart(self_assessment, "self_assessment")
    assert [row.statement for row, _gap in drawn["largest_gaps"]] == [statements[0]]
    assert drawn["table"][0][2:] == [1.0, 3.0, 2.0]


def test_rating_counts_marks_and_the_importance_gap(seminar, alice, rating):
    services.set_scale_state(rating, by=alice, action="importance-on")
    rating.refresh_from_db()
    point = rating.statements.first()
    for mark, importance in ((2, 5), (4, 5)):
        person = factories.make_participant(seminar, f"P{mark}")
        services.answer(point, by=person, value=mark, wish=importance)
    drawn = chart(rating, "rating")
    assert drawn["table"][0][1:] == [2, 3.0, 0, 1, 0, 1, 0, 5.0, 2.0]


def test_statements_are_added_once_edited_and_removed(alice, dilemma):
    key = uuid.uuid4()
    for _try in range(2):
        added = services.save_statement(dilemma, by=alice, low="Nu", high="Senere", key=key)
    assert dilemma.statements.filter(low="Nu").count() == 1
    services.save_statement(dilemma, by=alice, statement=added, low="I dag", high="I morgen")
    assert Statement.objects.get(pk=added.pk).low == "I dag"
    with pytest.raises(Refused):
        services.save_statement(dilemma, by=alice, low="Kun den ene")
    services.remove_statement(dilemma, by=alice, statement=added)
    assert not Statement.objects.filter(pk=added.pk).exists()


def test_a_preset_replaces_the_statements_only_before_anyone_answered(seminar, alice, dilemma):
    services.use_preset(dilemma, by=alice, key="dilemmas")
    assert dilemma.statements.count() == 6
    person = factories.make_participant(seminar, "P")
    services.answer(dilemma.statements.first(), by=person, value=30)
    with pytest.raises(Refused):
        services.use_preset(dilemma, by=alice, key="dilemmas")
    with pytest.raises(Refused):
        services.use_preset(dilemma, by=alice, key="nothing")


def test_the_chart_splits_by_department(seminar, alice, dilemma):
    departments = list(seminar.departments.all())
    statement = dilemma.statements.first()
    for i, department in enumerate(departments):
        person = factories.make_participant(seminar, f"P{i}", department=department)
        services.answer(statement, by=person, value=10 + 80 * i)
    services.set_scale_state(dilemma, by=alice, action="split")
    dilemma.refresh_from_db()
    names = [d["name"] for d in chart(dilemma, "dilemma")["blocks"][0]["departments"]]
    assert sorted(names) == sorted(d.name for d in departments)


def test_the_chart_reads_in_the_same_queries_for_one_or_many_answers(
    seminar, dilemma, django_assert_num_queries
):
    statement = dilemma.statements.first()
    services.answer(statement, by=factories.make_participant(seminar, "A"), value=10)
    with django_assert_num_queries(3):
        chart(dilemma, "dilemma")
    for i in range(3):
        services.answer(statement, by=factories.make_participant(seminar, f"B{i}"), value=60)
    with django_assert_num_queries(3):
        chart(dilemma, "dilemma")
