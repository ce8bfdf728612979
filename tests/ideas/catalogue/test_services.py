"""Adding a template to the programme: a new item, or an item's empty parts; never the
facilitator's words overwritten, a second post changes nothing, bad input changes nothing."""

import uuid

import pytest
from django.utils import translation

from agenda import services as agenda_services
from agenda.models import AgendaItem
from ideas.catalogue import services
from ideas.domain import Refused
from ideas.models import Answer, Statement
from ideas.rounds.presets import MOTOR
from ideas.scales import services as scale_services
from ideas.scales.presets import DILEMMAS, KS_TEN_POINTS, statements_of
from tests import factories


@pytest.fixture(autouse=True)
def _in_english():
    with translation.override("en"):
        yield


def _statements(item):
    return list(
        Statement.objects.filter(scale__agenda_item=item).values_list("text", "low", "high")
    )


def _rows(preset, language="da"):
    return [(text, low, high) for text, low, _middle, high in statements_of(preset, language)]


def test_a_new_item_from_a_template_speaks_the_seminars_language(seminar, alice, programme):
    day, items = programme
    seminar.language = "sv"
    seminar.save()
    applied = services.add_from_template(day, by=alice, template="five-questions")
    item = applied.item
    assert item.kind == "questions" and item.day == day and item.position > items[-1].position
    assert item.title == "Frågerunda: kommunen som motor i samhällsutvecklingen"
    assert item.description.splitlines() == MOTOR.questions["sv"]
    assert applied.kept == []


def test_a_new_scale_item_gets_the_templates_statements(seminar, alice, programme):
    day, _items = programme
    item = services.add_from_template(day, by=alice, template="ks-ten-points").item
    assert item.kind == "rating" and item.title == "KS' ti punkter for god ledelse i kommunerne"
    assert _statements(item) == _rows(KS_TEN_POINTS)


def test_the_same_form_sent_twice_adds_one_item(seminar, alice, programme):
    day, _items = programme
    key = uuid.uuid4()
    first = services.add_from_template(day, by=alice, template="dilemmas", key=key).item
    again = services.add_from_template(day, by=alice, template="dilemmas", key=key).item
    assert first == again
    assert AgendaItem.objects.filter(day=day, kind="dilemma").count() == 1
    assert len(_statements(first)) == len(_rows(DILEMMAS))


def test_a_template_sets_the_kind_and_fills_an_empty_description(seminar, alice, programme):
    _day, items = programme
    item = items[2]
    applied = services.apply_template(item, by=alice, template="first-thing-at-home")
    item.refresh_from_db()
    assert (item.kind, item.title) == ("action_list", "Hvad synes I?")  # the title stays
    assert item.description.startswith("Fra ord til handling")
    assert applied.kept == []


def test_a_template_keeps_the_description_the_facilitator_wrote(seminar, alice, programme):
    _day, items = programme
    agenda_services.update_item(items[1], by=alice, description="Vores egne spørgsmål")
    applied = services.apply_template(items[1], by=alice, template="five-questions")
    items[1].refresh_from_db()
    assert items[1].kind == "questions" and items[1].description == "Vores egne spørgsmål"
    assert applied.kept == ["The description you wrote was kept."]


def test_a_template_replaces_a_presets_statements_but_keeps_written_ones(seminar, alice, programme):
    _day, items = programme
    agenda_services.update_item(items[0], by=alice, kind="dilemma")
    scale = scale_services.scale_for(items[0])  # made with the dilemmas, nobody's own words
    services.apply_template(items[0], by=alice, template="ks-ten-points")
    assert _statements(items[0]) == _rows(KS_TEN_POINTS)

    scale_services.save_statement(scale, by=alice, text="Vores eget punkt")
    applied = services.apply_template(items[0], by=alice, template="dilemmas")
    items[0].refresh_from_db()
    assert items[0].kind == "dilemma"
    assert _statements(items[0])[-1] == ("Vores eget punkt", "", "")
    assert applied.kept == ["The statements you wrote were kept."]


def test_choosing_the_same_template_again_changes_nothing(seminar, alice, programme):
    _day, items = programme
    services.apply_template(items[2], by=alice, template="municipality-3.0")
    items[2].refresh_from_db()
    before = (items[2].kind, items[2].description, _statements(items[2]))
    applied = services.apply_template(items[2], by=alice, template="municipality-3.0")
    items[2].refresh_from_db()
    assert (items[2].kind, items[2].description, _statements(items[2])) == before
    assert applied.kept == []


@pytest.mark.parametrize("key", ["", "nope", None, "dilemmas\x00", "../ks-ten-points"])
def test_an_unknown_template_is_refused_and_changes_nothing(seminar, alice, programme, key):
    day, items = programme
    before = list(AgendaItem.objects.values_list("pk", "kind", "description"))
    with pytest.raises(Refused, match="There is no such template"):
        services.apply_template(items[0], by=alice, template=key)
    with pytest.raises(Refused, match="There is no such template"):
        services.add_from_template(day, by=alice, template=key)
    assert list(AgendaItem.objects.values_list("pk", "kind", "description")) == before


def test_the_running_items_kind_is_not_changed(seminar, alice, programme):
    _day, items = programme
    agenda_services.start_seminar(seminar, by=alice)
    with pytest.raises(Refused, match="running now"):
        services.apply_template(items[0], by=alice, template="dilemmas")
    items[0].refresh_from_db()
    assert items[0].kind == "plenum" and items[0].description == ""


def test_an_answered_scale_keeps_its_kind_and_statements(seminar, alice, programme):
    _day, items = programme
    agenda_services.update_item(items[1], by=alice, kind="dilemma")
    scale = scale_services.scale_for(items[1])
    statement = scale.statements.first()
    person = factories.make_participant(seminar, "Bo")
    Answer.objects.create(statement=statement, participant=person, value=40)
    with pytest.raises(Refused, match="answered"):
        services.apply_template(items[1], by=alice, template="ks-ten-points")
    assert services.apply_template(items[1], by=alice, template="dilemmas").kept == []
    assert _statements(items[1]) == _rows(DILEMMAS)
