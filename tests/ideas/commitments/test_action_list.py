"""The action list: one to three actions per person, written on the phone while an action_list
item runs, the same actions as Friday's "on Monday I will ...", beside the goals in follow-up."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from agenda import services as agenda_services
from ideas.commitments import services
from ideas.domain import Refused
from ideas.live import stage_region_context
from ideas.models import Goal, MondayAction
from seminar import live
from tests import factories
from tests.conftest import client_for_participant


@pytest.fixture
def action_list(seminar, alice):
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, kind="action_list")
    agenda_services.start_seminar(seminar, by=alice)
    return items[0]


def test_one_to_three_actions_and_a_retry_counts_once(seminar, participant):
    key = uuid.uuid4()
    services.add_monday_action(participant, text="Ring til KSO", key=key)
    services.add_monday_action(participant, text="Ring til KSO", key=key)
    services.add_monday_action(participant, text="Samtal med ledningsgruppen")
    services.add_monday_action(participant, text="Formalisera nätverken")
    with pytest.raises(Refused):
        services.add_monday_action(participant, text="En fjärde")
    assert participant.monday_actions.count() == 3


def test_a_phone_writes_and_removes_its_actions_in_place(seminar, participant, action_list):
    client = client_for_participant(participant)
    url = reverse("my-actions", args=[seminar.pk])
    response = client.post(
        url,
        {"text": "Kontakta grannkommunerna", "key": str(uuid.uuid4())},
        headers={"HX-Request": "true"},
    )
    assert response.status_code == 200 and "Kontakta grannkommunerna" in response.text
    action = MondayAction.objects.get()
    response = client.post(
        reverse("my-action-remove", args=[seminar.pk, action.pk]), headers={"HX-Request": "true"}
    )
    assert response.status_code == 200 and not MondayAction.objects.exists()
    assert client.post(url, {"text": ""}, headers={"HX-Request": "true"}).status_code == 200
    assert not MondayAction.objects.exists()


def test_the_projector_lists_the_actions(seminar, participant, action_list):
    services.add_monday_action(participant, text="Ta strid för frågan")
    html = live.Region("ideas/exercise.html#stage", stage_region_context(seminar)).render()
    assert "Ta strid för frågan" in html


def test_the_follow_up_goal_page_shows_the_personal_actions(seminar, participant, alice_client):
    goal = Goal.objects.create(seminar=seminar, title="Samskabelse 2017")
    services.add_monday_action(participant, text="Tal med min leder", goal=goal)
    response = alice_client.get(reverse("goal-detail", args=[goal.pk]))
    assert response.status_code == 200
    assert "Tal med min leder" in response.text and "Anne" in response.text


@pytest.mark.parametrize(
    "who", ["anonymous", "other_facilitator", "director", "other_seminars_participant"]
)
def test_outsiders_cannot_read_write_or_remove_actions(
    who, seminar, participant, bob_client, carol_client, outsider_participant_client
):
    action = services.add_monday_action(participant, text="Min egen")
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "other_seminars_participant": outsider_participant_client,
    }[who]
    for method, url, data in [
        ("get", reverse("my-actions", args=[seminar.pk]), {}),
        ("post", reverse("my-actions", args=[seminar.pk]), {"text": "Indtrænger"}),
        ("post", reverse("my-action-remove", args=[seminar.pk, action.pk]), {}),
    ]:
        assert getattr(client, method)(url, data).status_code in (302, 403, 404)
    assert list(MondayAction.objects.values_list("text", flat=True)) == ["Min egen"]


def test_a_tablemate_cannot_remove_my_action(seminar, participant):
    action = services.add_monday_action(participant, text="Min egen")
    other = client_for_participant(factories.make_participant(seminar, "Bo"))
    response = other.post(reverse("my-action-remove", args=[seminar.pk, action.pk]))
    assert response.status_code == 404 and MondayAction.objects.exists()
