"""The speaker queue: phones ask to speak and withdraw, the facilitator orders the queue and
calls the next; the projector shows the speaker, the next three and the time; the
documentation says who spoke."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from agenda import services as agenda_services
from ideas import report
from ideas.domain import Refused
from ideas.extras import services as extras
from ideas.live import console_region_context, my_work_context, stage_region_context
from ideas.models import SpeakerRequest
from ideas.report.walk import walk
from ideas.speakers import services
from ideas.stage.services import choose_stage
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.report.test_report import _docx_text, _html, _pdf_text

HTMX = {"hx-request": "true"}


def _queue(item):
    return [
        r.participant.display_name
        for r in SpeakerRequest.objects.filter(agenda_item=item, status="waiting")
    ]


def _speaking(item):
    request = SpeakerRequest.objects.filter(agenda_item=item, status="speaking").first()
    return request.participant.display_name if request else None


# --- Services ------------------------------------------------------------------------------


def test_asking_twice_keeps_one_place_in_the_queue(seminar, plenum):
    item, (anne, bo, _cai) = plenum
    key = str(uuid.uuid4())
    first = services.ask_to_speak(seminar, by=anne, key=key)
    assert services.ask_to_speak(seminar, by=anne, key=key) == first  # a retry
    assert services.ask_to_speak(seminar, by=anne, key=str(uuid.uuid4())) == first  # again
    services.ask_to_speak(seminar, by=bo)
    assert _queue(item) == ["Anne", "Bo"]


def test_a_phone_withdraws_and_may_ask_again_at_the_end(seminar, plenum):
    item, (anne, bo, _cai) = plenum
    services.ask_to_speak(seminar, by=anne)
    services.ask_to_speak(seminar, by=bo)
    services.withdraw(seminar, by=anne)
    services.withdraw(seminar, by=anne)
    assert _queue(item) == ["Bo"]
    services.ask_to_speak(seminar, by=anne)
    assert _queue(item) == ["Bo", "Anne"]


def test_no_queue_when_it_is_off_or_for_another_seminar(
    seminar, alice, plenum, outsider_participant
):
    item, (anne, _bo, _cai) = plenum
    with pytest.raises(Refused):
        services.ask_to_speak(seminar, by=outsider_participant)
    extras.switch_extra(item, by=alice, key="speakers", on=False)
    with pytest.raises(Refused):
        services.ask_to_speak(seminar, by=anne)
    assert SpeakerRequest.objects.count() == 0


def test_the_facilitator_reorders_and_calls_the_next(seminar, alice, plenum):
    item, (anne, bo, cai) = plenum
    requests = [services.ask_to_speak(seminar, by=person) for person in (anne, bo, cai)]
    services.move(requests[2], by=alice, to=1)
    services.move(requests[2], by=alice, to=1)  # the same press again: it is there already
    assert _queue(item) == ["Anne", "Cai", "Bo"]
    services.move(requests[0], by=alice, to=-1)  # no such place: nothing
    services.move(requests[0], by=alice, to=1)
    assert _queue(item) == ["Cai", "Anne", "Bo"]
    first = services.call_next(item, by=alice, after=0)
    assert first.participant == cai and _speaking(item) == "Cai"
    services.call_next(item, by=alice, after=0)  # the same press again: stale, nothing
    assert _speaking(item) == "Cai" and _queue(item) == ["Anne", "Bo"]
    services.call_next(item, by=alice, after=first.pk)
    assert _speaking(item) == "Anne" and _queue(item) == ["Bo"]
    services.finish(item, by=alice, after=first.pk)  # stale
    assert _speaking(item) == "Anne"
    anne_request = SpeakerRequest.objects.get(participant=anne, status="speaking")
    services.finish(item, by=alice, after=anne_request.pk)
    assert _speaking(item) is None and _queue(item) == ["Bo"]
    services.remove(SpeakerRequest.objects.get(participant=bo), by=alice)
    assert _queue(item) == []


def test_every_screen_shows_its_part_of_the_queue(seminar, alice, plenum):
    item, people = plenum
    more = [factories.make_participant(seminar, f"P{i}") for i in range(3)]
    for person in [*people, *more]:
        services.ask_to_speak(seminar, by=person)
    services.call_next(item, by=alice, after=0)
    item.refresh_from_db()
    phone = my_work_context(seminar, item, None)["extras"][0]["context"]
    assert phone["speaking"].participant.display_name == "Anne"
    assert phone["queued"] == ",".join(str(p.pk) for p in [*people[1:], *more])
    # On the projector once the facilitator puts it on its stage (ideas/stage/).
    choose_stage(seminar, by=alice, key="extra:speakers", item_id=item.pk)
    stage = stage_region_context(seminar)["extra"]
    assert [r.participant.display_name for r in stage["next"]] == ["Bo", "Cai", "P0"]
    assert stage["deadline_ms"] - stage["server_now_ms"] <= 2 * 60 * 1000
    console = console_region_context(seminar, item)["extras"][0]["context"]
    assert len(console["waiting"]) == 5


def test_the_pages_render_the_queue(seminar, alice, alice_client, plenum):
    item, (anne, bo, _cai) = plenum
    services.ask_to_speak(seminar, by=bo)
    services.call_next(item, by=alice, after=0)
    services.ask_to_speak(seminar, by=anne)
    phone = client_for_participant(anne).get(reverse("phone", args=[seminar.pk]))
    assert 'id="speakers"' in phone.text and f'data-queue="{anne.pk}"' in phone.text
    projector = alice_client.get(reverse("projector", args=[seminar.pk]))
    assert 'id="speakers-stage"' not in projector.text  # until put on the projector's stage
    choose_stage(seminar, by=alice, key="extra:speakers", item_id=item.pk)
    projector = alice_client.get(reverse("projector", args=[seminar.pk]))
    assert 'id="speakers-stage"' in projector.text and "data-deadline-ms" in projector.text
    console = alice_client.get(reverse("console", args=[seminar.pk]))
    assert 'id="speakers-console"' in console.text


def test_a_change_is_pushed_to_phones_projector_and_console(
    seminar, alice, plenum, pushes, django_capture_on_commit_callbacks
):
    item, (anne, bo, _cai) = plenum
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_to_speak(seminar, by=anne)
    kinds = {group.split(".")[1] for group, html in pushes if 'id="speakers' in html}
    assert kinds == {"phones", "facilitators"}  # the projector only while it is on its stage
    choose_stage(seminar, by=alice, key="extra:speakers", item_id=item.pk)
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.ask_to_speak(seminar, by=bo)
    kinds = {group.split(".")[1] for group, html in pushes if 'id="speakers' in html}
    assert kinds == {"phones", "projector", "facilitators"}


def test_nothing_is_pushed_once_the_item_is_over(
    seminar, alice, plenum, pushes, django_capture_on_commit_callbacks
):
    item, (anne, _bo, _cai) = plenum
    services.ask_to_speak(seminar, by=anne)
    agenda_services.next_item(seminar, by=alice)
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.call_next(item, by=alice, after=0)
    assert not [html for _group, html in pushes if 'id="speakers' in html]


# --- Views ---------------------------------------------------------------------------------


def test_a_phone_asks_and_withdraws_with_idempotent_posts(seminar, plenum):
    item, (anne, _bo, _cai) = plenum
    phone = client_for_participant(anne)
    url = reverse("speaker-ask", args=[seminar.pk])
    key = str(uuid.uuid4())
    for _ in range(2):
        assert phone.post(url, {"key": key}, headers=HTMX).status_code == 204
    assert _queue(item) == ["Anne"]
    for _ in range(2):
        assert phone.post(url, {"action": "withdraw"}, headers=HTMX).status_code == 204
    assert _queue(item) == []


def test_the_console_orders_and_calls(seminar, alice, alice_client, plenum):
    item, (anne, bo, _cai) = plenum
    services.ask_to_speak(seminar, by=anne)
    second = services.ask_to_speak(seminar, by=bo)
    url = reverse("speaker-queue", args=[seminar.pk, item.pk])
    data = {"action": "move", "speaker": second.pk, "to": "0"}
    for _ in range(2):  # a repeated press moves no further
        assert alice_client.post(url, data, headers=HTMX).status_code == 204
    assert _queue(item) == ["Bo", "Anne"]
    for _ in range(2):  # a double press calls one speaker
        alice_client.post(url, {"action": "next", "after": "0"}, headers=HTMX)
    assert _speaking(item) == "Bo" and _queue(item) == ["Anne"]
    assert alice_client.post(url, {"action": "next"}, headers=HTMX).status_code == 400
    assert alice_client.post(url, {"action": "jump"}, headers=HTMX).status_code == 400
    assert _speaking(item) == "Bo"


def test_the_minutes_per_speaker_are_set_in_the_console(seminar, alice_client, plenum):
    item, _people = plenum
    url = reverse("extra-settings", args=[seminar.pk, item.pk, "speakers"])
    saved = alice_client.post(url, {"minutes": "3"}, headers=HTMX)
    assert saved.status_code == 200 and 'id="speakers-settings"' in saved.text
    assert alice_client.post(url, {"minutes": "0"}, headers=HTMX).status_code == 422
    assert alice_client.post(url, {"minutes": "x"}, headers=HTMX).status_code == 422
    item.refresh_from_db()
    assert item.extras["speakers"] == {"minutes": 3}


@pytest.mark.parametrize(
    "who", ["anonymous", "other_facilitator", "director", "other_seminars_participant", "phone"]
)
def test_outsiders_cannot_queue_or_order(
    who, seminar, plenum, bob_client, carol_client, outsider_participant_client
):
    item, (anne, _bo, _cai) = plenum
    request = services.ask_to_speak(seminar, by=anne)
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "other_seminars_participant": outsider_participant_client,
        "phone": client_for_participant(anne),
    }[who]
    s = seminar.pk
    urls = [
        reverse("speaker-queue", args=[s, item.pk]),
        reverse("extra-switch", args=[s, item.pk, "speakers"]),
        reverse("extra-settings", args=[s, item.pk, "speakers"]),
    ]
    if who != "phone":
        urls.append(reverse("speaker-ask", args=[s]))
    before = list(SpeakerRequest.objects.values_list("pk", "status", "position"))
    data = {"action": "withdraw", "speaker": request.pk, "after": "0", "on": "0", "minutes": "9"}
    for url in urls:
        response = client.post(url, data)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    assert list(SpeakerRequest.objects.values_list("pk", "status", "position")) == before
    item.refresh_from_db()
    assert item.extras["speakers"] == {"minutes": 2}


# --- The documentation ---------------------------------------------------------------------


def test_the_documentation_says_who_spoke(seminar, alice, plenum):
    item, (anne, bo, cai) = plenum
    for person in (anne, bo, cai):
        services.ask_to_speak(seminar, by=person)
    first = services.call_next(item, by=alice, after=0)
    services.call_next(item, by=alice, after=first.pk)
    [entry] = walk(seminar)["speakers"].items
    assert [row[0] for row in entry.rows] == ["Anne", "Bo"]  # Cai is still waiting
    assert "Anne" in _html(seminar)
    for text in (_docx_text(report.report_docx(seminar)), _pdf_text(report.report_pdf(seminar))):
        assert "Anne" in text and "Bo" in text and "Cai" not in text
