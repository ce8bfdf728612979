"""A state larger than one websocket message goes in parts (issue #15, item 4), and a state read
under a flood of broadcasts completes instead of dropping the socket (item 5)."""

import asyncio
import re
import uuid

import pytest
from asgiref.sync import sync_to_async
from django.test import Client

from ideas.models import Idea
from seminar import hub, parts
from tests.ideas.helpers import brainstorm
from tests.live import communicator

CARD_ID = re.compile(r'<li class="idea[^"]*" id="(idea-\d+(?:-f)?)"')


def _board_html(cards, comments=False):
    comment = '<ul class="comments"><li>nice</li><li>yes</li></ul>' if comments else ""
    items = "".join(
        f'<li class="idea" id="idea-{n}" data-author="1"><p class="idea-text">card {n}</p>'
        f"{comment}</li>"
        for n in range(cards)
    )
    return (
        '<div id="exercise" hx-swap-oob="true"><section id="board-7" class="board">'
        '<h3><span id="board-7-count">N</span></h3>'
        f'<ul class="ideas" id="board-7-loose" data-loose>{items}</ul><form></form></section>'
        "</div>"
    )


def test_a_message_within_the_limit_is_sent_whole():
    html = _board_html(3)
    assert parts.split(html, 10_000) == [html]


def test_a_large_board_goes_as_its_skeleton_then_its_cards_in_order():
    html = _board_html(400, comments=True)
    messages = parts.split(html, 4_000)
    assert len(messages) > 5
    assert all(len(message.encode()) <= 4_000 for message in messages)
    skeleton = messages[0]
    assert skeleton.startswith('<div id="exercise"') and "</form></section></div>" in skeleton
    assert '<ul class="ideas" id="board-7-loose" data-loose></ul>' in skeleton
    appended = "".join(messages)
    # One append per message: the browser swaps one element per list and part, not per card.
    assert all(m.count('hx-swap-oob="beforeend:#board-7-loose"') == 1 for m in messages)
    ids = CARD_ID.findall(appended)
    assert ids == [f"idea-{n}" for n in range(400)]  # each card once, in order
    assert appended.count('<ul class="comments"><li>nice</li><li>yes</li></ul>') == 400


def _many_cards(seminar, alice, count):
    _members, board = brainstorm(seminar, alice)
    boards = list(board.agenda_item.boards.all())
    Idea.objects.bulk_create(
        Idea(board=boards[n % len(boards)], text=f"card {n:05}", key=uuid.uuid4())
        for n in range(count)
    )
    return boards


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_seminar_of_5000_cards_resyncs_the_console_and_the_projector(seminar, alice):
    await sync_to_async(_many_cards)(seminar, alice, 5000)
    client = Client()
    await sync_to_async(client.force_login)(alice)
    for view, suffix in (("console", "-f"), ("projector", "")):
        screen = communicator(seminar, client=client, view=view)
        connected, _code = await screen.connect(timeout=60)
        assert connected
        messages = [await screen.receive_from(timeout=60)]
        while not await screen.receive_nothing(timeout=3):  # the parts follow at once
            messages.append(await screen.receive_from())
        assert len(messages) > 1, view
        # Each part fits daphne's limit (1 MiB) with room to spare.
        assert max(len(message.encode()) for message in messages) <= hub.PART_LIMIT, view
        shown = set()
        for message in messages:
            shown.update(CARD_ID.findall(message))
        assert len(shown) == 5000, (view, len(shown))
        assert all(card.endswith(suffix) for card in shown) if suffix else True
        await screen.disconnect()


class _FloodedDuringRead:
    """A consumer whose state read takes a while, during which broadcasts pour in."""

    def __init__(self, hub_, flood):
        self.hub, self.flood, self.reads, self.written = hub_, flood, 0, []

    async def audience_groups(self):
        return ["live.test.flood"]

    async def state_html(self):
        self.reads += 1
        if self.reads == 1:  # more than a queue holds arrive while the first read runs
            for n in range(self.flood):
                self.hub.fanout({"f": [f"<p>{n}</p>"], "s": [["live.test.flood", 0]]})
        await asyncio.sleep(0.01)
        return f"<state read={self.reads}>"

    async def write(self, text):
        self.written.append(text)

    async def close_for_resync(self):
        self.written.append("closed")

    async def close_forbidden(self):
        self.written.append("forbidden")


@pytest.mark.asyncio
async def test_broadcasts_during_a_state_read_wait_for_it_beyond_the_queue_limit():
    local = hub.Hub(asyncio.get_running_loop())
    consumer = _FloodedDuringRead(local, flood=hub.QUEUE_LIMIT * 3)
    socket = local.attach(consumer, seminar_id=1, view="participant")
    await local.sync(socket)
    # One read; the broadcasts that came during it follow the state, in order.
    assert consumer.reads == 1
    assert consumer.written == ["<state read=1>"] + [f"<p>{n}</p>" for n in range(192)]
    assert not socket.closed
    await local.aclose()


@pytest.mark.asyncio
async def test_a_state_read_overtaken_by_a_flood_is_read_again_not_dropped():
    local = hub.Hub(asyncio.get_running_loop())
    consumer = _FloodedDuringRead(local, flood=hub.SYNC_QUEUE_LIMIT + 10)
    socket = local.attach(consumer, seminar_id=1, view="participant")
    await local.sync(socket)
    # Read twice: the second read covers the flood; the socket was never closed.
    assert consumer.written == ["<state read=2>"]
    assert not socket.closed and local.stats[1]["drops"] == 0
    # Afterwards broadcasts flow as before.
    local.fanout({"f": ["<p>after</p>"], "s": [["live.test.flood", 0]]})
    assert consumer.written[-1] == "<p>after</p>"
    await local.aclose()
