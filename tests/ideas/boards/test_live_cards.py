"""A posted card is pushed alone and appended (issue #6): the work of a post does not grow with
the board; what rearranges a board still pushes all of it."""

import re
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.urls import reverse

from groups import services as group_services
from groups.models import Screen
from ideas import services
from seminar.permissions import SCREEN_COOKIE
from tests.conftest import client_for_participant
from tests.ideas.helpers import brainstorm
from tests.live import communicator

CARD_TEXT = re.compile(r'class="idea-text">([^<]*)<')


def _by_audience(sent, language="da"):
    """{audience kind: html} of the pushes in one language (with Redis other processes'
    languages are rendered too; every group of a kind gets the same html)."""
    return {group.split(".")[1]: html for group, html in sent if group.endswith(f".{language}")}


def _post(seminar, board, author, text, django_capture_on_commit_callbacks):
    url = reverse("idea-add", args=[seminar.pk, board.pk])
    with django_capture_on_commit_callbacks(execute=True):
        response = client_for_participant(author).post(
            url, {"text": text, "key": str(uuid.uuid4())}, headers={"hx-request": "true"}
        )
    assert response.status_code == 200


def test_a_post_pushes_only_its_card_whatever_the_board_size(
    seminar, alice, pushes, django_capture_on_commit_callbacks
):
    _members, small = brainstorm(seminar, alice)
    large = small.agenda_item.boards.exclude(pk=small.pk).get()
    for board, cards in ((small, 1), (large, 50)):
        author = board.group.members.first()
        for i in range(cards):
            services.add_idea(board, by=author, text=f"Idea {board.pk}-{i}")
    lengths = {}
    for board in (small, large):
        pushes.clear()
        _post(
            seminar,
            board,
            board.group.members.first(),
            "One more",
            django_capture_on_commit_callbacks,
        )
        html = _by_audience(pushes)
        assert set(html) == {"projector", "members", "screens", "facilitators"}
        for kind, text in html.items():
            suffix = "-f" if kind == "facilitators" else ""
            assert CARD_TEXT.findall(text) == ["One more"], kind
            assert f'hx-swap-oob="beforeend:#board-{board.pk}-loose{suffix}"' in text
            assert f'id="board-{board.pk}-count{suffix}"' in text
            assert "<section" not in text  # not the board
        lengths[board.pk] = len(html["facilitators"]) + len(html["screens"])
    # The same markup on a board of 2 cards and of 51: only the numbers in it differ.
    assert abs(lengths[small.pk] - lengths[large.pk]) < 20, lengths


def test_the_pushed_card_and_count_of_each_variant(
    seminar, alice, pushes, django_capture_on_commit_callbacks
):
    _members, board = brainstorm(seminar, alice)
    author = board.group.members.first()
    hidden = services.add_idea(board, by=author, text="Hidden one")
    services.set_idea_hidden(hidden, by=alice, hidden=True)
    pushes.clear()
    _post(seminar, board, author, "Visible one", django_capture_on_commit_callbacks)
    idea = board.ideas.get(text="Visible one")
    html = _by_audience(pushes)
    public, console = html["screens"], html["facilitators"]
    assert f'id="idea-{idea.pk}"' in public and f'data-author="{author.pk}"' in public
    assert f'id="idea-{idea.pk}-f"' in console
    assert reverse("idea-hide", args=[seminar.pk, idea.pk]) in console  # the console's controls
    assert reverse("idea-hide", args=[seminar.pk, idea.pk]) not in public
    # The hidden card is not counted, on the console either; both are versioned.
    for text in (public, console):
        assert re.search(r'data-card-count data-version="\d+" hx-swap-oob="true">1 kort<', text)
        assert re.search(
            r'<li class="idea" id="idea-\d+(-f)?" data-author="\d+" data-version', text
        )


def test_a_card_hidden_before_its_push_is_left_out_but_counted_right(
    seminar, alice, pushes, django_capture_on_commit_callbacks
):
    _members, board = brainstorm(seminar, alice)
    author = board.group.members.first()
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        idea = services.add_idea(board, by=author, text="Gone at once")
    services.set_idea_hidden(idea, by=alice, hidden=True)  # pushes the whole board
    pushes.clear()
    for callback in callbacks:  # the card's push, rendered only now
        callback()
    for text in _by_audience(pushes).values():
        assert "Gone at once" not in text and "beforeend" not in text
        assert ">0 kort<" in text


def test_the_written_out_query_of_a_posted_card_names_the_models_tables():
    from ideas.models import Comment, Idea, Star
    from ideas.queries import POSTED_STATE_SQL

    named = {
        "ideas_idea": (Idea, ["id", "board_id", "cluster_id", "hidden", "text"]),
        "ideas_star": (Star, ["idea_id"]),
        "ideas_comment": (Comment, ["idea_id", "hidden"]),
    }
    for table, (model, columns) in named.items():
        assert model._meta.db_table == table and table in POSTED_STATE_SQL
        assert set(columns) <= {field.column for field in model._meta.concrete_fields}


@pytest.mark.parametrize("change", ["edited", "starred", "commented"])
def test_a_card_changed_before_its_push_is_pushed_as_it_is_now(
    change, seminar, alice, pushes, django_capture_on_commit_callbacks
):
    """The push reuses the card its request stored only while it is unchanged: one edited,
    starred or commented before the push is read again."""
    from ideas.vernissage import services as vernissage

    _members, board = brainstorm(seminar, alice)
    author, visitor = board.group.members.all()[:2]
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        idea = services.add_idea(board, by=author, text="First words")
    if change == "edited":
        services.edit_idea(idea, by=author, text="Better words")
    elif change == "starred":
        vernissage.toggle_star(idea, by=visitor)
    else:
        vernissage.add_comment(idea, by=visitor, text="Agreed")
    pushes.clear()
    for callback in callbacks:  # the card's push, rendered only now
        callback()
    for text in _by_audience(pushes).values():
        assert "beforeend" in text
        if change == "edited":
            assert CARD_TEXT.findall(text) == ["Better words"]
        elif change == "starred":
            assert "★ 1" in text
        else:
            assert "Agreed" in text


def test_changes_that_rearrange_a_board_still_push_all_of_it(
    seminar, alice, pushes, django_capture_on_commit_callbacks
):
    _members, board = brainstorm(seminar, alice)
    author = board.group.members.first()
    first = services.add_idea(board, by=author, text="First")
    services.add_idea(board, by=author, text="Second")
    for change in (
        lambda: services.edit_idea(first, by=author, text="First, edited"),
        lambda: services.set_idea_hidden(first, by=alice, hidden=True),
        lambda: services.withdraw_idea(first, by=author),
    ):
        pushes.clear()
        with django_capture_on_commit_callbacks(execute=True):
            change()
        html = _by_audience(pushes)
        assert f'<section id="board-{board.pk}"' in html["screens"]
        assert f'<section id="board-{board.pk}-f"' in html["facilitators"]
        assert f'id="board-{board.pk}-loose"' in html["screens"]
        assert "Second" in html["screens"]
    assert ">1 kort<" in html["screens"]


@sync_to_async
def _table_with_screen():
    from tests import factories

    alice = factories.make_user("alice")
    seminar = factories.make_seminar(alice)
    _members, board = brainstorm(seminar, alice)
    screen = Screen.objects.create()
    screen = group_services.pair_screen(
        seminar, by=alice, pairing_code=screen.pairing_code, group=board.group
    )
    author, neighbour = list(board.group.members.order_by("pk"))
    return seminar, board, screen, author, neighbour


async def _receive_until(socket, needle, tries=4):
    received = ""
    for _ in range(tries):
        received += await socket.receive_from(timeout=3)
        if needle in received:
            break
    return received


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_members_phone_and_the_table_screen_get_the_appended_card():
    seminar, board, screen, author, neighbour = await _table_with_screen()
    phone_client = await sync_to_async(client_for_participant)(neighbour)
    phone = communicator(seminar, client=phone_client)
    table = communicator(seminar, view="screen", cookies=f"{SCREEN_COOKIE}={screen.token}")
    for socket in (phone, table):
        assert (await socket.connect())[0]
        state = await socket.receive_from()
        # The state on connect: the board with the ids an appended card and count swap into.
        assert f'id="board-{board.pk}-loose"' in state
        assert f'id="board-{board.pk}-count"' in state and "data-empty" in state
    idea = await sync_to_async(services.add_idea)(board, by=author, text="Fælles kalender")
    for socket in (phone, table):
        pushed = await _receive_until(socket, "Fælles kalender")
        assert f'hx-swap-oob="beforeend:#board-{board.pk}-loose"' in pushed
        assert f'id="idea-{idea.pk}"' in pushed and f'data-author="{author.pk}"' in pushed
        assert f'id="board-{board.pk}-count"' in pushed and "<section" not in pushed
    # A screen that reconnects gets the whole board again, with the card once.
    await table.disconnect()
    table = communicator(seminar, view="screen", cookies=f"{SCREEN_COOKIE}={screen.token}")
    assert (await table.connect())[0]
    state = await table.receive_from()
    assert CARD_TEXT.findall(state) == ["Fælles kalender"] and "data-empty" not in state
    await table.disconnect()
    await phone.disconnect()
