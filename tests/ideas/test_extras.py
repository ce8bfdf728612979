"""Extras of a plenum item (questions, a speaker queue): every screen's page and its socket
state carry the same regions with both turned on, as they do for every kind."""

import pytest
from asgiref.sync import sync_to_async

from agenda.queries import get_clock
from ideas.extras import services as extras
from ideas.questions import services as questions
from ideas.speakers import services as speakers
from ideas.stage.services import choose_stage
from seminar.permissions import SCREEN_COOKIE
from tests.ideas.test_exercises import build_room, oob_ids
from tests.live import communicator


def _room_with_extras():
    seminar, pages = build_room("plenum")
    item = get_clock(seminar).current_item
    for key in ("questions", "speakers"):
        item = extras.switch_extra(item, by=None, key=key, on=True)
    person = seminar.participants.first()
    questions.ask(seminar, by=person, text="Hvem ejer visionen?")
    speakers.ask_to_speak(seminar, by=person)
    # The projector shows an extra once the facilitator puts it on its stage.
    choose_stage(seminar, by=None, key="extra:questions", item_id=item.pk)
    return seminar, pages


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_page_and_socket_carry_the_same_regions_with_extras_on():
    seminar, pages = await sync_to_async(_room_with_extras)()
    expected = {
        "console": {"questions-console", "speakers-console"},
        "projector": {"questions-stage"},
        "phone": {"questions", "speakers"},
        "screen": set(),
    }
    for view, (client, url) in pages.items():
        response = await sync_to_async(client.get)(url)
        html = response.content.decode()
        page = oob_ids(html)
        cookies = (
            f"{SCREEN_COOKIE}={client.cookies[SCREEN_COOKIE].value}" if view == "screen" else ""
        )
        socket = communicator(
            seminar, client=None if view == "screen" else client, view=view, cookies=cookies
        )
        connected, _code = await socket.connect()
        assert connected, view
        state = oob_ids(await socket.receive_from())
        await socket.disconnect()
        assert page == state, (view, page ^ state)
        assert expected[view] <= page, view
        if view != "screen":  # a table screen carries them hidden (.phone-only), as the votes
            assert "Hvem ejer visionen?" in html, view
