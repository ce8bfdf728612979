"""Boards' views: phones post, facilitators moderate, table screens arrange; markup stays text."""

import uuid

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from groups import services as group_services
from groups.models import Screen
from ideas import services
from ideas.models import Cluster, Idea
from seminar import live
from seminar.permissions import SCREEN_COOKIE
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.helpers import brainstorm
from tests.live import communicator


def test_participant_cannot_edit_anothers_card(seminar, setting):
    board, author, idea, _vote, _cluster = setting
    other = board.group.members.exclude(pk=author.pk).first()
    client = client_for_participant(other)
    assert (
        client.post(
            reverse("idea-edit", args=[seminar.pk, idea.pk]), {"text": "Hacked"}
        ).status_code
        == 403
    )
    assert client.post(reverse("idea-withdraw", args=[seminar.pk, idea.pk])).status_code == 403
    assert Idea.objects.get().text == "Borgerpanel"


def test_participant_cannot_moderate_or_cluster(seminar, setting):
    board, author, idea, _vote, cluster = setting
    client = client_for_participant(author)
    client.post(reverse("idea-hide", args=[seminar.pk, idea.pk]), {"hidden": "1"})
    client.post(reverse("cluster-dissolve", args=[seminar.pk, cluster.pk]))
    assert not Idea.objects.get().hidden and Cluster.objects.exists()


def test_phone_posts_with_htmx_and_a_retry_is_stored_once(seminar, setting):
    board, author, _idea, _vote, _cluster = setting
    client = client_for_participant(author)
    key = str(uuid.uuid4())
    for _ in range(2):
        response = client.post(
            reverse("idea-add", args=[seminar.pk, board.pk]),
            {"text": "Fælles mål", "key": key},
            headers={"hx-request": "true"},
        )
        assert response.status_code == 200
    assert Idea.objects.filter(text="Fælles mål").count() == 1


@pytest.mark.parametrize(
    "text,message",
    [
        ("", "Write your idea first."),
        ("x" * 281, "at most 280 characters"),
        ("bad\x07bell", "cannot be shown"),
    ],
)
def test_bad_input_gets_a_clear_message_and_changes_nothing(seminar, setting, text, message):
    board, author, _idea, _vote, _cluster = setting
    before = Idea.objects.count()
    response = client_for_participant(author).post(
        reverse("idea-add", args=[seminar.pk, board.pk]),
        {"text": text},
        headers={"hx-request": "true", "accept-language": "en"},
    )
    assert message in response.content.decode()
    assert Idea.objects.count() == before


def test_markup_in_a_card_is_shown_as_text(seminar, setting, alice_client):
    board, author, _idea, _vote, _cluster = setting
    services.add_idea(board, by=author, text="<img src=x onerror=alert(1)>")
    html = alice_client.get(reverse("console", args=[seminar.pk])).content.decode()
    assert "&lt;img src=x onerror=alert(1)&gt;" in html and "<img src=x" not in html


def test_hidden_card_is_absent_from_the_phone_and_the_projector(
    seminar, setting, alice, alice_client
):
    board, author, idea, _vote, _cluster = setting
    services.set_idea_hidden(idea, by=alice, hidden=True)
    phone = client_for_participant(author).get(reverse("phone", args=[seminar.pk]))
    assert "Borgerpanel" not in phone.content.decode()
    projector = alice_client.get(reverse("projector", args=[seminar.pk])).content.decode()
    assert "Borgerpanel" not in projector
    console = alice_client.get(reverse("console", args=[seminar.pk])).content.decode()
    assert "Borgerpanel" in console  # the facilitator can still unhide it


def test_table_screen_clusters_its_own_board_only(seminar, setting, alice):
    board, _author, idea, _vote, _cluster = setting
    screen = Screen.objects.create()
    group_services.pair_screen(
        seminar, by=alice, pairing_code=screen.pairing_code, group=board.group
    )
    client = Client()
    client.cookies[SCREEN_COOKIE] = screen.token
    assert (
        client.post(
            reverse("cluster-create", args=[seminar.pk, board.pk]), {"heading": "Ideer"}
        ).status_code
        == 204
    )
    other_board = board.agenda_item.boards.exclude(pk=board.pk).first()
    assert (
        client.post(
            reverse("cluster-create", args=[seminar.pk, other_board.pk]), {"heading": "Not mine"}
        ).status_code
        == 403
    )


@pytest.fixture
def a_danish_screen_listens():
    """Pushes are rendered only in languages someone reads: pretend a Danish screen is on."""
    live.listening("da", +1)
    yield
    live.listening("da", -1)


@pytest.mark.parametrize("cards", [1, 50])
def test_posting_costs_the_same_queries_on_a_board_of_1_or_50_cards(
    cards,
    seminar,
    alice,
    django_assert_num_queries,
    django_capture_on_commit_callbacks,
    a_danish_screen_listens,
):
    _members, board = brainstorm(seminar, alice)
    author = board.group.members.first()
    for i in range(cards):
        services.add_idea(board, by=author, text=f"Idea {i}")
    client = client_for_participant(author)
    url = reverse("idea-add", args=[seminar.pk, board.pk])
    # The request (9: no look-up of the key before the insert, one outbox row for both
    # variants) and the push after its commit: whether the board is on show now (1), the card
    # count with a check that the posted card is unchanged, and the board's headings, read once
    # for both variants (2; the whole board's two reads took 10, the card read anew 4).
    with django_assert_num_queries(13), django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"text": "One more", "key": str(uuid.uuid4())}, headers={"hx-request": "true"}
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_hidden_card_is_absent_from_a_reconnects_state():
    alice = await sync_to_async(factories.make_user)("alice")
    seminar = await sync_to_async(factories.make_seminar)(alice)
    _members, board = await sync_to_async(brainstorm)(seminar, alice)
    author = await sync_to_async(lambda: board.group.members.first())()
    idea = await sync_to_async(services.add_idea)(board, by=author, text="Secret plan")
    await sync_to_async(services.set_idea_hidden)(idea, by=alice, hidden=True)
    client = await sync_to_async(client_for_participant)(author)
    socket = communicator(seminar, client=client)
    assert (await socket.connect())[0]
    state = await socket.receive_from()
    assert 'id="my-work"' in state and "Secret plan" not in state
    await socket.disconnect()


def test_a_closed_board_still_takes_the_photo_of_the_poster(seminar, setting, alice):
    board, author, _idea, _vote, _cluster = setting
    services.set_board_open(board, by=alice, is_open=False)
    page = client_for_participant(author).get(reverse("phone", args=[seminar.pk])).content.decode()
    assert reverse("photo-add", args=[seminar.pk, board.pk]) in page
    assert 'id="post-idea"' not in page


def test_the_card_edit_page_shows_the_whole_card_and_no_facilitator_login(seminar, setting):
    _board, author, idea, _vote, _cluster = setting
    client = client_for_participant(author)
    page = client.get(reverse("idea-edit", args=[seminar.pk, idea.pk])).content.decode()
    assert '<textarea name="text"' in page and idea.text in page
    for url in (
        reverse("phone", args=[seminar.pk]),
        reverse("idea-edit", args=[seminar.pk, idea.pk]),
    ):
        assert reverse("login") not in client.get(url).content.decode()
