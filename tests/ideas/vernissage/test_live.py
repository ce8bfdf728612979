"""The gallery's posters and a vote's ballot are live on the phones that have them open."""

import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from ideas import services
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.boards.test_live_cards import _receive_until
from tests.ideas.helpers import brainstorm, outsider_of, running_vernissage
from tests.live import communicator

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@sync_to_async
def _vernissage_with_a_card():
    alice = factories.make_user("alice")
    seminar = factories.make_seminar(alice)
    _members, board = brainstorm(seminar, alice)
    author = board.group.members.first()
    idea = services.add_idea(board, by=author, text="Borgerpanel")
    running_vernissage(seminar, alice, board)
    return seminar, alice, board, idea


async def _reader(seminar, participant, view, page_id):
    client = await sync_to_async(client_for_participant)(participant)
    socket = communicator(seminar, client=client, view=view, page_id=page_id)
    connected, _code = await socket.connect()
    return socket, connected


async def test_a_star_and_a_comment_reach_every_phone_reading_the_poster():
    seminar, _alice, board, idea = await _vernissage_with_a_card()
    reader, connected = await _reader(
        seminar, await sync_to_async(outsider_of)(board), "poster", board.pk
    )
    assert connected
    state = await reader.receive_from()
    # A reconnect's state: every card's shared part, never a person's own star or form.
    assert f'id="visit-{idea.pk}-shared"' in state and "★ 0 " in state
    assert "aria-pressed" not in state and "<form" not in state
    visitor = await sync_to_async(lambda: seminar.participants.exclude(groups=board.group).last())()
    await sync_to_async(services.toggle_star)(idea, by=visitor)
    assert "★ 1 " in await _receive_until(reader, "★ 1 ")
    await sync_to_async(services.add_comment)(idea, by=visitor, text="Godt tænkt")
    pushed = await _receive_until(reader, "Godt tænkt")
    assert f'id="visit-{idea.pk}-shared"' in pushed and 'hx-swap-oob="true"' in pushed
    # A card taken down leaves every reader's poster.
    alice = await sync_to_async(lambda: seminar.facilitators.first())()
    await sync_to_async(services.set_idea_hidden)(idea, by=alice, hidden=True)
    gone = await _receive_until(reader, "delete")
    assert f'<li id="visit-{idea.pk}" hx-swap-oob="delete">' in gone
    await reader.disconnect()


async def test_closing_and_revealing_a_vote_tell_open_ballots_their_state():
    seminar, alice, board, _idea = await _vernissage_with_a_card()
    vote = await sync_to_async(services.open_vote)(seminar, by=alice, title="?", boards=[board])
    reader, connected = await _reader(
        seminar, await sync_to_async(outsider_of)(board), "vote", vote.pk
    )
    assert connected
    state = await reader.receive_from()
    assert f'id="vote-{vote.pk}-state"' in state and 'data-ballot-state="open"' in state
    await sync_to_async(services.set_vote_state)(vote, by=alice, is_open=False, revealed=True)
    pushed = await _receive_until(reader, 'data-state="revealed"')
    assert 'data-state="revealed"' in pushed and f"/votes/{vote.pk}/" in pushed
    await reader.disconnect()


@pytest.mark.parametrize("view", ["poster", "vote", "gallery"])
async def test_outsiders_cannot_open_a_poster_or_a_ballot(view):
    seminar, alice, board, _idea = await _vernissage_with_a_card()
    vote = await sync_to_async(services.open_vote)(seminar, by=alice, title="?", boards=[board])
    page_id = {"poster": board.pk, "vote": vote.pk, "gallery": seminar.pk}[view]
    other = await sync_to_async(factories.make_seminar)(alice, title="Andet")
    stranger = await sync_to_async(factories.make_participant)(other, "Olav")
    member = await sync_to_async(outsider_of)(board)
    facilitator = Client()
    await sync_to_async(facilitator.force_login)(alice)
    refused = [
        communicator(seminar, view=view, page_id=page_id),  # nobody
        communicator(
            seminar,
            client=await sync_to_async(client_for_participant)(stranger),
            view=view,
            page_id=page_id,
        ),
        communicator(seminar, client=facilitator, view=view, page_id=page_id),  # not a phone
    ]
    own = await sync_to_async(client_for_participant)(member)
    for hostile_id in ("abc", "-1", "99999999999999999999999", "0"):
        refused.append(communicator(seminar, client=own, view=view, page_id=hostile_id))
    # Their own seminar's page, asked for through another seminar's socket.
    theirs = await sync_to_async(client_for_participant)(stranger)
    refused.append(communicator(other, client=theirs, view=view, page_id=page_id))
    for socket in refused:
        connected, _code = await socket.connect()
        assert not connected


async def test_the_gallery_fills_when_the_vernissage_starts():
    @sync_to_async
    def before_the_vernissage():
        alice = factories.make_user("alice")
        seminar = factories.make_seminar(alice)
        _members, board = brainstorm(seminar, alice)
        services.add_idea(board, by=board.group.members.first(), text="Borgerpanel")
        return seminar, alice, board

    seminar, alice, board = await before_the_vernissage()
    reader, connected = await _reader(
        seminar, await sync_to_async(outsider_of)(board), "gallery", seminar.pk
    )
    assert connected
    state = await reader.receive_from()
    assert 'id="gallery-posters"' in state and f"/gallery/{board.pk}/" not in state
    await sync_to_async(running_vernissage)(seminar, alice, board)
    pushed = await _receive_until(reader, f"/gallery/{board.pk}/")
    assert f"/gallery/{board.pk}/" in pushed
    await reader.disconnect()
