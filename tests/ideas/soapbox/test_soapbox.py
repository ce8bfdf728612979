"""The soapbox: private drafts saved without overwriting a newer save, three speakers per group
picked by the process leader or the facilitator (volunteers first, then a seeded draw), the
floor given in turn, feedback once per listener, the documentation with what was shared."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from agenda import services as agenda_services
from groups import services as group_services
from groups.models import Grouping
from ideas import report
from ideas.domain import Conflict, Refused
from ideas.live import console_region_context, my_work_context, stage_region_context
from ideas.models import Speech, SpeechFeedback
from ideas.report.walk import walk
from ideas.soapbox import services
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.report.test_report import _docx_text, _html, _pdf_text

HTMX = {"hx-request": "true"}


@pytest.fixture
def soapbox(seminar, alice):
    """Two large groups of five with a process leader each; the soapbox item running."""
    people = [factories.make_participant(seminar, f"P{i}") for i in range(10)]
    plan = group_services.plan_grouping(
        seminar,
        method=Grouping.Method.WITH_LEADERS,
        count=2,
        leaders=[people[0].pk, people[5].pk],
        seed=1,
    )
    grouping = group_services.create_grouping(
        seminar, by=alice, name="Store grupper", method="with_leaders", plan=plan
    )
    _day, items = factories.make_programme(seminar, by=alice)
    item = agenda_services.update_item(
        items[0], by=alice, grouping=grouping, kind="speeches", title="Op på ølkassen"
    )
    agenda_services.start_seminar(seminar, by=alice)
    groups = list(grouping.groups.order_by("number"))
    return item, groups


def _members(group):
    return list(group.members.order_by("pk"))


def _listener(group):
    """A member of the group who was not picked to speak."""
    picked = set(Speech.objects.filter(pick__isnull=False).values_list("participant", flat=True))
    return next(m for m in _members(group) if m.pk not in picked)


def test_a_draft_is_saved_and_an_older_version_is_not_overwritten(seminar, soapbox):
    item, groups = soapbox
    anne = _members(groups[0])[1]
    first = services.save_speech(item, by=anne, version=0, vision="Borgeren først")
    assert first.version == 2 and first.group == groups[0]
    services.save_speech(item, by=anne, version=first.version, why="Fordi")
    with pytest.raises(Conflict) as conflict:
        services.save_speech(item, by=anne, version=first.version, vision="Fra en anden fane")
    assert conflict.value.current.vision == "Borgeren først"
    assert Speech.objects.get().why == "Fordi"


def test_the_leader_picks_volunteers_first_then_a_draw_and_only_once(seminar, soapbox):
    item, groups = soapbox
    leader, *others = _members(groups[0])
    assert groups[0].leader == leader
    services.save_speech(item, by=others[3], version=0, vision="Jeg melder mig", volunteer=True)
    services.save_speech(item, by=others[2], version=0, vision="Et udkast")
    picked = services.pick_speakers(item, groups[0], by=leader)
    assert [s.participant for s in picked][:2] == [others[3], others[2]]
    assert len(picked) == 3 and len({s.participant_id for s in picked}) == 3
    again = services.pick_speakers(item, groups[0], by=leader)
    assert {s.pk for s in again} == {s.pk for s in picked}
    with pytest.raises(Refused):
        services.pick_speakers(item, groups[1], by=leader)  # not their group
    with pytest.raises(Refused):
        services.pick_speakers(item, groups[1], by=others[0])  # no leader


def test_the_draw_is_the_same_however_often_it_is_made(seminar, alice, soapbox):
    item, groups = soapbox
    first = [s.participant_id for s in services.pick_speakers(item, groups[1], by=alice)]
    Speech.objects.update(pick=None)
    second = [s.participant_id for s in services.pick_speakers(item, groups[1], by=alice)]
    assert first == second


def test_the_floor_is_given_in_turn_and_a_stale_press_skips_no_one(seminar, alice, soapbox):
    item, groups = soapbox
    picked = services.pick_speakers(item, groups[0], by=alice)
    first = services.next_speaker(item, groups[0], by=alice, after=0)
    assert first == picked[0]
    services.next_speaker(item, groups[0], by=alice, after=0)  # the same press again
    second = services.next_speaker(item, groups[0], by=alice, after=first.pk)
    assert second == picked[1]
    queue = my_work_context(seminar, item, groups[0])["queue"]
    assert queue["speaking"] == second and queue["deadline_ms"] > queue["server_now_ms"]


def test_feedback_once_per_listener_of_the_group(seminar, alice, soapbox, outsider_participant):
    item, groups = soapbox
    picked = services.pick_speakers(item, groups[0], by=alice)
    speaker = picked[0]
    listener = next(
        m for m in _members(groups[0]) if m.pk not in {s.participant_id for s in picked}
    )
    key = str(uuid.uuid4())
    for _ in range(2):
        services.give_feedback(speaker, by=listener, worked="Klart", suggestion="Kortere", key=key)
    services.give_feedback(speaker, by=listener, worked="Meget klart", key=str(uuid.uuid4()))
    assert list(SpeechFeedback.objects.values_list("worked", flat=True)) == ["Meget klart"]
    with pytest.raises(Refused):
        services.give_feedback(speaker, by=speaker.participant, worked="Mig selv")
    with pytest.raises(Refused):
        services.give_feedback(speaker, by=_members(groups[1])[1], worked="Anden gruppe")
    with pytest.raises(Refused):
        services.give_feedback(speaker, by=outsider_participant, worked="Udefra")


def test_every_screen_shows_the_soapbox(seminar, alice, alice_client, soapbox):
    item, groups = soapbox
    services.pick_speakers(item, groups[0], by=alice)
    services.next_speaker(item, groups[0], by=alice, after=0)
    stage = stage_region_context(seminar)
    assert [entry["group"] for entry in stage["groups"]] == groups
    assert console_region_context(seminar, item)["groups"][0]["speaking"] is not None
    member = _members(groups[0])[1]
    phone = client_for_participant(member).get(reverse("phone", args=[seminar.pk]))
    assert "data-fetch-mine" in phone.text and f'data-leader="{groups[0].leader_id}"' in phone.text
    mine = client_for_participant(member).get(reverse("my-speech", args=[seminar.pk]))
    assert 'id="speech-form"' in mine.text
    console = alice_client.get(reverse("console", args=[seminar.pk]))
    assert f"soapbox-queue-{groups[0].pk}" in console.text


def test_a_phone_saves_as_it_types_and_gets_the_new_version(seminar, soapbox):
    item, groups = soapbox
    member = _members(groups[0])[1]
    phone = client_for_participant(member)
    url = reverse("speech-save", args=[seminar.pk])
    saved = phone.post(url, {"vision": "Sammen\r\nmed borgerne", "version": "0"}, headers=HTMX)
    assert saved.status_code == 200 and 'id="speech-version" value="2"' in saved.text
    assert Speech.objects.get().vision == "Sammen\nmed borgerne"
    second = {"vision": "Sammen med borgerne", "why": "Fordi", "version": "2"}
    for _ in range(2):  # the second try of the same save is no conflict
        again = phone.post(url, second, headers=HTMX)
        assert 'id="speech-version" value="3"' in again.text
    stale = phone.post(url, {"vision": "Gammel fane", "version": "2"}, headers=HTMX)
    assert "speech-form" in stale.text and Speech.objects.get().vision == "Sammen med borgerne"


def test_posts_are_idempotent_from_the_phones_and_console(seminar, alice_client, soapbox):
    item, groups = soapbox
    leader = groups[0].leader
    lead = reverse("soapbox-lead", args=[seminar.pk, groups[0].pk])
    for _ in range(2):
        response = client_for_participant(leader).post(lead, {"action": "pick"}, headers=HTMX)
        assert response.status_code == 204
    assert Speech.objects.filter(pick__isnull=False).count() == 3
    run = reverse("soapbox-run", args=[seminar.pk, groups[0].pk])
    for _ in range(2):
        alice_client.post(run, {"action": "next", "after": "0"}, headers=HTMX)
    assert Speech.objects.filter(started_at__isnull=False).count() == 1
    speaker = Speech.objects.get(started_at__isnull=False)
    listener = next(
        m
        for m in _members(groups[0])
        if not Speech.objects.filter(participant=m, pick__isnull=False).exists()
    )
    url = reverse("speech-feedback", args=[seminar.pk, speaker.pk])
    data = {f"f{speaker.pk}-worked": "Godt", "key": str(uuid.uuid4())}
    for _ in range(2):
        response = client_for_participant(listener).post(url, data, headers=HTMX)
        assert response.status_code == 204
    assert SpeechFeedback.objects.count() == 1
    empty = client_for_participant(listener).post(url, {"key": str(uuid.uuid4())}, headers=HTMX)
    assert empty.status_code == 422


@pytest.mark.parametrize(
    "who", ["anonymous", "other_facilitator", "director", "other_seminars_participant", "member"]
)
def test_outsiders_cannot_pick_speak_or_read_a_draft(
    who, seminar, alice, soapbox, bob_client, carol_client, outsider_participant_client
):
    item, groups = soapbox
    author = _members(groups[0])[1]
    services.save_speech(item, by=author, version=0, vision="Privat udkast")
    picked = services.pick_speakers(item, groups[1], by=alice)
    member = next(m for m in _members(groups[0]) if m != groups[0].leader and m != author)
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "other_seminars_participant": outsider_participant_client,
        "member": client_for_participant(member),  # neither leader nor facilitator
    }[who]
    s = seminar.pk
    before = list(Speech.objects.values_list("pk", "pick", "started_at", "vision"))
    urls = [
        reverse("soapbox-lead", args=[s, groups[0].pk]),
        reverse("soapbox-run", args=[s, groups[0].pk]),
    ]
    if who != "member":
        urls += [
            reverse("speech-save", args=[s]),
            reverse("speech-feedback", args=[s, picked[0].pk]),
        ]
    for url in urls:
        response = client.post(url, {"action": "pick", "vision": "X", "version": "0"})
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    if who != "member":
        mine = client.get(reverse("my-speech", args=[s]))
        assert mine.status_code in (302, 403, 404) and "Privat udkast" not in mine.text
    assert list(Speech.objects.values_list("pk", "pick", "started_at", "vision")) == before
    assert SpeechFeedback.objects.count() == 0


def test_the_documentation_has_speakers_feedback_counts_and_shared_speeches(
    seminar, alice, soapbox
):
    item, groups = soapbox
    members = _members(groups[0])
    services.save_speech(item, by=members[1], version=0, vision="Delt tale", shared=True)
    services.save_speech(item, by=members[2], version=0, vision="Privat tale", volunteer=True)
    services.save_speech(item, by=members[1], version=2, plan="Mandag: personalemøde")
    services.pick_speakers(item, groups[0], by=alice)
    first = services.next_speaker(item, groups[0], by=alice, after=0)
    listener = _listener(groups[0])
    services.give_feedback(first, by=listener, worked="Godt")
    [entry] = walk(seminar)["soapbox"].items
    assert entry.drafted == 2 and entry.speakers == [first]
    assert [s.vision for s in entry.shared] == ["Delt tale"]
    html = _html(seminar)
    assert "Delt tale" in html and "Mandag: personalemøde" in html and "Privat tale" not in html
    for text in (_docx_text(report.report_docx(seminar)), _pdf_text(report.report_pdf(seminar))):
        assert "Delt tale" in text and "Privat tale" not in text
