"""The chart follows the answers: to the projector and the console only, and coalesced."""

import threading
import time
import uuid

from django.urls import reverse

from ideas.scales import live as scale_live
from tests import factories
from tests.conftest import client_for_participant


def _audiences(sent):
    return sorted({group.split(".")[1] for group, _html in sent if group.endswith(".da")})


def test_an_answer_pushes_the_chart_to_the_projector_and_console_only(
    seminar, dilemma, pushes, django_capture_on_commit_callbacks
):
    person = factories.make_participant(seminar, "P")
    url = reverse("scale-answer", args=[seminar.pk, dilemma.statements.first().pk])
    with django_capture_on_commit_callbacks(execute=True):
        client_for_participant(person).post(
            url, {"value": "80", "key": str(uuid.uuid4())}, headers={"HX-Request": "true"}
        )
    assert _audiences(pushes) == ["facilitators", "projector"]
    assert all('id="scale-chart"' in html for _group, html in pushes)
    assert any("1 af" in html or "1 of" in html for _group, html in pushes)


def test_answers_in_quick_succession_share_one_push(settings, monkeypatch, dilemma):
    settings.SCALE_CHART_INTERVAL_MS = 100
    pushed = []
    done = threading.Event()

    def publish_chart(scale_id):
        pushed.append(scale_id)
        done.set()

    monkeypatch.setattr(scale_live, "publish_chart", publish_chart)
    for _answer in range(20):
        scale_live._ask(dilemma.pk)
    assert done.wait(5)
    time.sleep(0.3)  # a second timer would have fired by now
    assert pushed == [dilemma.pk]


def test_no_chart_is_pushed_for_a_scale_that_is_not_running(seminar, alice, dilemma, pushes):
    from agenda import services as agenda_services

    agenda_services.go_to(seminar, by=alice, item=seminar.days.first().items.last())
    pushes.clear()
    scale_live.publish_chart(dilemma.pk)
    assert pushes == []
