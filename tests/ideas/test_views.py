import uuid

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from agenda import services as agenda_services
from groups import services as group_services
from groups.models import Grouping, Screen
from ideas import services
from ideas.models import Cluster, Comment, Dot, Idea, Presenter, Star, Vernissage, Vote
from seminar import live
from seminar.models import Participant
from seminar.permissions import SCREEN_COOKIE
from tests import factories
from tests.conftest import client_for_participant
from tests.live import communicator


def _brainstorm(seminar, alice, people=4):
    members = [factories.make_participant(seminar, f"P{i}") for i in range(people)]
    plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=1)
    grouping = group_services.create_grouping(
        seminar, by=alice, name="Borde", method="random", size=2, plan=plan
    )
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, grouping=grouping, kind="brainstorm")
    agenda_services.start_seminar(seminar, by=alice)  # makes the boards
    board = items[0].boards.order_by("group__number").first()
    return members, board


@pytest.fixture
def setting(seminar, alice):
    members, board = _brainstorm(seminar, alice)
    author = board.group.members.first()
    idea = services.add_idea(board, by=author, text="Borgerpanel")
    vote = services.open_vote(seminar, by=alice, title="?", boards=[board])
    cluster = services.create_cluster(board, by=alice, heading="Borgere")
    return board, author, idea, vote, cluster


def _endpoints(seminar, board, idea, vote, cluster, item):
    s = seminar.pk
    return [
        reverse("idea-add", args=[s, board.pk]),
        reverse("idea-edit", args=[s, idea.pk]),
        reverse("idea-withdraw", args=[s, idea.pk]),
        reverse("idea-hide", args=[s, idea.pk]),
        reverse("idea-cluster", args=[s, idea.pk]),
        reverse("comment-add", args=[s, idea.pk]),
        reverse("star-toggle", args=[s, idea.pk]),
        reverse("cluster-create", args=[s, board.pk]),
        reverse("cluster-rename", args=[s, cluster.pk]),
        reverse("cluster-dissolve", args=[s, cluster.pk]),
        reverse("board-open", args=[s, board.pk]),
        reverse("highlight-pin", args=[s]),
        reverse("vernissage-setup", args=[s, item.pk]),
        reverse("vernissage-round", args=[s, item.pk]),
        reverse("vernissage-presenters", args=[s, item.pk, board.pk]),
        reverse("vote-create", args=[s]),
        reverse("vote-dot", args=[s, vote.pk]),
        reverse("vote-state", args=[s, vote.pk]),
    ]


def _state():
    return (
        list(Idea.objects.values_list("pk", "text", "hidden", "cluster_id")),
        Comment.objects.count(),
        Star.objects.count(),
        Dot.objects.count(),
        list(Cluster.objects.values_list("pk", "heading")),
        list(Vote.objects.values_list("is_open", "revealed")),
        list(Presenter.objects.values_list("participant_id", "turn")),
        list(Vernissage.objects.values_list("round_number", flat=True)),
    )


@pytest.mark.parametrize(
    "who", ["anonymous", "other_facilitator", "director", "other_seminars_participant"]
)
def test_outsiders_cannot_touch_boards_ideas_or_votes(
    who, seminar, setting, bob_client, carol_client, outsider_participant_client
):
    board, _author, idea, vote, cluster = setting
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "other_seminars_participant": outsider_participant_client,
    }[who]
    before = _state()
    data = {
        "text": "X",
        "heading": "X",
        "idea": idea.pk,
        "action": "reveal",
        "hidden": "1",
        "title": "X",
        "boards": [board.pk],
        "budget": "3",
        "open": "0",
    }
    for url in _endpoints(seminar, board, idea, vote, cluster, board.agenda_item):
        response = client.post(url, data)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    assert _state() == before


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


def test_vote_page_counts_dots_and_refuses_past_the_budget(seminar, setting, alice):
    board, author, idea, vote, _cluster = setting
    client = client_for_participant(author)
    url = reverse("vote-dot", args=[seminar.pk, vote.pk])
    extra = [services.add_idea(board, by=author, text=t) for t in ("B", "C", "D")]
    for each in [idea, *extra[:2]]:
        assert client.post(url, {"idea": each.pk}).status_code == 302
    response = client.post(url, {"idea": extra[2].pk}, headers={"accept-language": "en"})
    assert response.status_code == 422
    assert "You have used all your dots." in response.content.decode()
    assert Dot.objects.count() == 3


def test_revealed_vote_shows_the_ranking(seminar, setting, alice, alice_client):
    board, author, idea, vote, _cluster = setting
    services.cast_dot(vote, by=author, idea=idea)
    alice_client.post(reverse("vote-state", args=[seminar.pk, vote.pk]), {"action": "reveal"})
    html = client_for_participant(author).get(reverse("vote", args=[seminar.pk, vote.pk]))
    assert "Borgerpanel" in html.content.decode()


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
    _members, board = _brainstorm(seminar, alice)
    author = board.group.members.first()
    for i in range(cards):
        services.add_idea(board, by=author, text=f"Idea {i}")
    client = client_for_participant(author)
    url = reverse("idea-add", args=[seminar.pk, board.pk])
    # The request (11) and the push after its commit: whether the board is on show now (1),
    # the new card alone, its board's headings and card count, read once for both variants (4;
    # the whole board's two reads took 10).
    with django_assert_num_queries(16), django_capture_on_commit_callbacks(execute=True):
        client.post(
            url, {"text": "One more", "key": str(uuid.uuid4())}, headers={"hx-request": "true"}
        )


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_hidden_card_is_absent_from_a_reconnects_state():
    alice = await sync_to_async(factories.make_user)("alice")
    seminar = await sync_to_async(factories.make_seminar)(alice)
    _members, board = await sync_to_async(_brainstorm)(seminar, alice)
    author = await sync_to_async(lambda: board.group.members.first())()
    idea = await sync_to_async(services.add_idea)(board, by=author, text="Secret plan")
    await sync_to_async(services.set_idea_hidden)(idea, by=alice, hidden=True)
    client = await sync_to_async(client_for_participant)(author)
    socket = communicator(seminar, client=client)
    assert (await socket.connect())[0]
    state = await socket.receive_from()
    assert 'id="my-work"' in state and "Secret plan" not in state
    await socket.disconnect()


def _vernissage(seminar, alice, board):
    source = board.agenda_item
    item = agenda_services.add_item(source.day, by=alice, title="Fernisering", duration=30)
    agenda_services.go_to(seminar, by=alice, item=item)
    return services.set_up_vernissage(item, by=alice, source_item=source)


def test_facilitator_chooses_the_presenters_of_a_poster_in_turns(
    seminar, setting, alice, alice_client
):
    board, *_rest = setting
    vernissage = _vernissage(seminar, alice, board)
    first, second = board.group.members.order_by("pk")
    url = reverse("vernissage-presenters", args=[seminar.pk, vernissage.agenda_item_id, board.pk])
    response = alice_client.post(
        url, {"participant": [second.pk, first.pk]}, headers={"hx-request": "true"}
    )
    assert response.status_code == 204
    assert list(board.presenters.values_list("participant_id", "turn")) == [
        (second.pk, 0),
        (first.pk, 1),
    ]


def test_presenters_come_from_the_posters_own_table(seminar, setting, alice, alice_client):
    board, *_rest = setting
    vernissage = _vernissage(seminar, alice, board)
    stranger = (
        Participant.objects.filter(seminar=seminar)
        .exclude(pk__in=board.group.members.values("pk"))
        .first()
    )
    url = reverse("vernissage-presenters", args=[seminar.pk, vernissage.agenda_item_id, board.pk])
    alice_client.post(reverse("set_language"), {"language": "da"})
    response = alice_client.post(
        url, {"participant": [stranger.pk]}, headers={"hx-request": "true"}
    )
    assert response.status_code == 400
    assert "eget bord" in response.content.decode()
    assert not board.presenters.exists()
