"""Scales' views: a phone answers in place, the console runs the rounds, outsiders touch
nothing, and the stage draws the chart only once revealed."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from ideas.live import stage_region_context
from ideas.models import Answer, Scale, Statement
from ideas.scales import live as scales_live
from ideas.scales import services
from ideas.scales.live import CHART, chart_context
from seminar import live
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.scales.conftest import running


def test_a_phone_answers_in_place_and_sees_its_answer_again(seminar, dilemma):
    person = factories.make_participant(seminar, "P")
    client = client_for_participant(person)
    statement = dilemma.statements.first()
    url = reverse("scale-answer", args=[seminar.pk, statement.pk])
    key = str(uuid.uuid4())
    response = client.post(url, {"value": "35", "key": key}, headers={"HX-Request": "true"})
    assert response.status_code == 200
    assert f'id="statement-{statement.pk}"' in response.text
    assert 'value="35"' in response.text
    client.post(url, {"value": "35", "key": key}, headers={"HX-Request": "true"})
    assert Answer.objects.get().value == 35
    page = client.get(reverse("scale-answers", args=[seminar.pk, dilemma.pk]))
    assert page.status_code == 200
    assert 'type="range"' in page.text and 'value="35"' in page.text


def test_an_answer_overtaken_by_a_later_one_from_the_same_page_changes_nothing(
    seminar, dilemma, monkeypatch
):
    """The phone moved the slider to 20, then to 70; the post of 20 was slow (a flaky network,
    another server process) and arrives last: 70 stays, and the phone is answered with it."""
    person = factories.make_participant(seminar, "P")
    client = client_for_participant(person)
    statement = dilemma.statements.first()
    url = reverse("scale-answer", args=[seminar.pk, statement.pk])
    page, other_page = uuid.uuid4(), uuid.uuid4()

    def post(value, sent):
        data = {"value": value, "key": str(uuid.uuid4()), "sent": sent}
        return client.post(url, data, headers={"HX-Request": "true"})

    charts = []
    monkeypatch.setattr(scales_live, "publish_answers", charts.append)
    post("70", f"{page}.2")
    late = post("20", f"{page}.1")
    assert late.status_code == 200 and 'value="70"' in late.text
    assert Answer.objects.get().value == 70
    assert len(charts) == 1  # nothing changed: no chart pushed for the late one
    post("40", f"{page}.3")
    assert Answer.objects.get().value == 40
    # Another page (the same person's other tab) is not ordered against this one: the later
    # post wins, and so does a post without an order (no script).
    post("55", f"{other_page}.1")
    assert Answer.objects.get().value == 55
    client.post(url, {"value": "60", "key": str(uuid.uuid4())}, headers={"HX-Request": "true"})
    assert Answer.objects.get().value == 60
    post("10", "not an order")
    assert Answer.objects.get().value == 10


def test_a_refused_answer_says_why_in_the_form_and_changes_nothing(seminar, alice, dilemma):
    person = factories.make_participant(seminar, "P")
    client = client_for_participant(person)
    statement = dilemma.statements.first()
    url = reverse("scale-answer", args=[seminar.pk, statement.pk])
    response = client.post(url, {"value": "500"}, headers={"HX-Request": "true"})
    assert response.status_code == 200 and 'role="alert"' in response.text
    response = client.post(url, {"value": "500"})  # without JavaScript: a plain refusal
    assert response.status_code == 422
    assert not Answer.objects.exists()


def test_the_facilitator_closes_reveals_and_starts_round_two(seminar, alice_client, dilemma):
    url = reverse("scale-state", args=[seminar.pk, dilemma.pk])
    for action in ("close", "reveal", "split"):
        assert alice_client.post(url, {"action": action}).status_code == 302
    alice_client.post(url, {"action": "next-round", "round": "1"}, headers={"HX-Request": "true"})
    scale = Scale.objects.get()
    assert (scale.is_open, scale.revealed, scale.by_department, scale.round) == (
        True,
        True,
        True,
        2,
    )
    assert alice_client.post(url, {"action": "explode"}).status_code == 422


def test_the_facilitator_edits_statements_and_picks_a_template(seminar, alice_client, dilemma):
    add = reverse("scale-statement-add", args=[seminar.pk, dilemma.pk])
    key = str(uuid.uuid4())
    alice_client.post(add, {"low": "Nu", "high": "Senere", "key": key})
    alice_client.post(add, {"low": "Nu", "high": "Senere", "key": key})
    added = Statement.objects.get(low="Nu")
    edit = reverse("scale-statement", args=[seminar.pk, dilemma.pk, added.pk])
    alice_client.post(edit, {"low": "Straks", "high": "Senere"})
    assert Statement.objects.get(pk=added.pk).low == "Straks"
    assert alice_client.post(edit, {"low": ""}).status_code == 422
    alice_client.post(edit, {"action": "remove"})
    assert not Statement.objects.filter(pk=added.pk).exists()
    preset = reverse("scale-preset", args=[seminar.pk, dilemma.pk])
    assert alice_client.post(preset, {"preset": "dilemmas"}).status_code == 302


def test_the_console_shows_the_controls_the_chart_and_the_statements(
    seminar, alice_client, dilemma
):
    page = alice_client.get(reverse("console", args=[seminar.pk]))
    assert page.status_code == 200
    assert 'id="scale-chart"' in page.text and "<svg" in page.text
    assert "Udvikle kvalitet" in page.text
    assert 'name="action" value="close"' in page.text


def test_the_stage_shows_the_count_and_the_chart_only_once_revealed(seminar, alice, dilemma):
    html = live.Region("ideas/exercise.html#stage", stage_region_context(seminar)).render()
    assert 'id="scale-chart"' in html and "<svg" not in html
    dilemma.revealed = True
    dilemma.save()
    html = live.Region(CHART, chart_context(dilemma, facilitator=False)).render()
    assert "<svg" in html and "<style" not in html and "style=" not in html


@pytest.mark.parametrize("kind", ["dilemma", "self_assessment", "rating"])
def test_each_kind_draws_its_chart_and_its_numbers_in_danish(seminar, alice, kind):
    scale = running(seminar, alice, kind)
    person = factories.make_participant(seminar, "P")
    for statement in scale.statements.all():
        services.answer(statement, by=person, value=2, wish=3)
    html = live.render_regions([live.Region(CHART, chart_context(scale, facilitator=True))], "da")
    assert "<svg" in html and "<table" in html
    assert "translate(0 " in html  # coordinates are never written with a decimal comma
    assert 'x="1,' not in html


def _endpoints(seminar, scale, statement):
    s = seminar.pk
    return [
        ("get", reverse("scale-answers", args=[s, scale.pk]), {}),
        ("get", reverse("scale-export", args=[s, scale.pk]), {}),
        ("post", reverse("scale-answer", args=[s, statement.pk]), {"value": "50"}),
        ("post", reverse("scale-state", args=[s, scale.pk]), {"action": "close"}),
        ("post", reverse("scale-preset", args=[s, scale.pk]), {"preset": "dilemmas"}),
        ("post", reverse("scale-statement-add", args=[s, scale.pk]), {"low": "a", "high": "b"}),
        (
            "post",
            reverse("scale-statement", args=[s, scale.pk, statement.pk]),
            {"action": "remove"},
        ),
    ]


def _state():
    return (
        list(Scale.objects.values_list("is_open", "round", "revealed")),
        list(Statement.objects.values_list("pk", "low", "high")),
        Answer.objects.count(),
    )


@pytest.mark.parametrize(
    "who", ["anonymous", "other_facilitator", "director", "other_seminars_participant"]
)
def test_outsiders_cannot_read_or_touch_a_scale(
    who, seminar, dilemma, bob_client, carol_client, outsider_participant_client
):
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "other_seminars_participant": outsider_participant_client,
    }[who]
    before = _state()
    for method, url, data in _endpoints(seminar, dilemma, dilemma.statements.first()):
        response = getattr(client, method)(url, data)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert "login" in response["Location"]
    assert _state() == before


def test_a_participant_cannot_run_the_rounds(seminar, dilemma, participant_client):
    before = _state()
    for method, url, data in _endpoints(seminar, dilemma, dilemma.statements.first())[1:]:
        if "/answer/" in url:
            continue  # answering is what a participant does
        response = getattr(participant_client, method)(url, data)
        assert response.status_code in (302, 403, 404)
    assert _state() == before


def test_the_facilitator_downloads_the_answers_without_names(seminar, alice_client, dilemma):
    person = factories.make_participant(seminar, "Hemmelig Hansen")
    services.answer(dilemma.statements.first(), by=person, value=30)
    response = alice_client.get(reverse("scale-export", args=[seminar.pk, dilemma.pk]))
    text = response.content.decode("utf-8-sig")
    assert response.status_code == 200 and "Spare / Udvikle kvalitet" in text
    assert ";30;" in text and "Hemmelig" not in text
