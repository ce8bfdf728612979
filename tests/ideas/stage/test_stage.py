"""The projector's stage (issue 20): the facilitator chooses what the projector shows, a new
item clears the choice, and parts are pushed to the projector only while they are on stage."""

import re

import pytest
from django.test import Client
from django.urls import reverse

from agenda import services as agenda_services
from agenda.queries import get_clock
from ideas import services
from ideas.exercises import Exercise, register, unregister
from ideas.stage.options import StageOption, current_stage, stage_options
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.helpers import brainstorm

HTMX = {"hx-request": "true"}
BOARD_IDS = re.compile(r'<section id="board-(\d+)"')


def _audiences(sent):
    return {group.split(".")[1] for group, _html in sent if group.endswith(".da")}


def _choose(client, seminar, key, item, **headers):
    url = reverse("stage-choose", args=[seminar.pk])
    item_id = item.pk if item is not None else ""
    return client.post(url, {"stage": key, "item": item_id}, headers=headers or HTMX)


def _projector(client, seminar):
    return client.get(reverse("projector", args=[seminar.pk])).content.decode()


def test_stage_follows_the_item_by_default(seminar, alice, alice_client):
    _members, board = brainstorm(seminar, alice)
    item, option = current_stage(seminar)
    assert option.key == "" and item == board.agenda_item
    html = _projector(alice_client, seminar)
    assert 'data-stage="follow"' in html and "data-corner" in html
    assert set(BOARD_IDS.findall(html)) == {
        str(pk) for pk in item.boards.values_list("pk", flat=True)
    }


def test_stage_choose_puts_one_board_on_the_projector(seminar, alice, alice_client):
    _members, board = brainstorm(seminar, alice)
    response = _choose(alice_client, seminar, f"board:{board.pk}", board.agenda_item)
    assert response.status_code == 200
    assert 'aria-pressed="true">' in response.content.decode()
    assert get_clock(seminar).stage == f"board:{board.pk}"
    html = _projector(alice_client, seminar)
    assert BOARD_IDS.findall(html) == [str(board.pk)]


def test_stage_choose_join_and_clear_in_one_click(seminar, alice, alice_client):
    _members, board = brainstorm(seminar, alice)
    _choose(alice_client, seminar, "join", board.agenda_item)
    html = _projector(alice_client, seminar)
    assert 'data-layout="join"' in html and not BOARD_IDS.findall(html)
    _choose(alice_client, seminar, "", board.agenda_item)
    assert get_clock(seminar).stage == ""
    assert BOARD_IDS.findall(_projector(alice_client, seminar))


def test_stage_choose_without_htmx_goes_back_to_the_console(seminar, alice, alice_client):
    _members, board = brainstorm(seminar, alice)
    url = reverse("stage-choose", args=[seminar.pk])
    response = alice_client.post(url, {"stage": "item", "item": board.agenda_item.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("console", args=[seminar.pk])
    assert get_clock(seminar).stage == "item"


def test_stage_choose_for_an_item_no_longer_running_changes_nothing(seminar, alice, alice_client):
    _members, board = brainstorm(seminar, alice)
    item = board.agenda_item
    agenda_services.next_item(seminar, by=alice)
    response = _choose(alice_client, seminar, f"board:{board.pk}", item)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert get_clock(seminar).stage == ""


@pytest.mark.parametrize("key", ["board:999999", "vote:abc", "nonsense", "x" * 500])
def test_stage_choose_refuses_what_cannot_be_shown(seminar, alice, alice_client, key):
    _members, board = brainstorm(seminar, alice)
    response = _choose(alice_client, seminar, key, board.agenda_item)
    assert response.status_code == 200
    assert 'role="alert"' in response.content.decode()
    assert get_clock(seminar).stage == ""


def test_stage_choose_with_a_bad_item_is_refused(seminar, alice, alice_client):
    brainstorm(seminar, alice)
    url = reverse("stage-choose", args=[seminar.pk])
    response = alice_client.post(url, {"stage": "join", "item": "x"}, headers=HTMX)
    assert response.status_code == 200 and 'role="alert"' in response.content.decode()
    assert get_clock(seminar).stage == ""


def test_stage_choose_outsiders(seminar, alice, bob_client, carol):
    _members, board = brainstorm(seminar, alice)
    item = board.agenda_item
    assert _choose(bob_client, seminar, "join", item).status_code == 404
    director = Client()
    director.force_login(carol)
    assert _choose(director, seminar, "join", item).status_code == 404
    participant = client_for_participant(board.group.members.first())
    assert _choose(participant, seminar, "join", item).status_code == 302  # to the login
    assert _choose(Client(), seminar, "join", item).status_code == 302
    get = Client()
    get.force_login(alice)
    assert get.get(reverse("stage-choose", args=[seminar.pk])).status_code == 405
    assert get_clock(seminar).stage == ""


def test_a_new_item_clears_the_stage(seminar, alice, alice_client):
    _members, board = brainstorm(seminar, alice)
    _choose(alice_client, seminar, f"board:{board.pk}", board.agenda_item)
    agenda_services.next_item(seminar, by=alice)
    assert get_clock(seminar).stage == ""
    assert not BOARD_IDS.findall(_projector(alice_client, seminar))


def test_a_revealed_vote_goes_on_the_projector_and_is_cleared_in_one_click(
    seminar, alice, alice_client
):
    _members, board = brainstorm(seminar, alice)
    idea = services.add_idea(board, by=board.group.members.first(), text="Borgerpanel")
    vote = services.open_vote(seminar, by=alice, title="Det vigtigste?", boards=[board])
    assert "Det vigtigste?" not in _projector(alice_client, seminar)  # open: not on stage
    services.set_vote_state(vote, by=alice, is_open=False, revealed=True)
    keys = [option.key for option in stage_options(seminar, board.agenda_item)]
    assert f"vote:{vote.pk}" in keys
    assert get_clock(seminar).stage == f"vote:{vote.pk}"
    html = _projector(alice_client, seminar)
    assert "Det vigtigste?" in html and idea.text in html
    assert not BOARD_IDS.findall(html)
    _choose(alice_client, seminar, "", board.agenda_item)
    assert "Det vigtigste?" not in _projector(alice_client, seminar)
    _choose(alice_client, seminar, f"vote:{vote.pk}", board.agenda_item)
    assert "Det vigtigste?" in _projector(alice_client, seminar)


def test_a_vote_of_an_earlier_item_revealed_later_stays_off_the_projector(seminar, alice):
    _members, board = brainstorm(seminar, alice)
    vote = services.open_vote(seminar, by=alice, title="Det vigtigste?", boards=[board])
    agenda_services.next_item(seminar, by=alice)
    services.set_vote_state(vote, by=alice, is_open=False, revealed=True)
    assert get_clock(seminar).stage == ""


def test_highlights_are_on_the_projector_only_when_chosen(seminar, alice, alice_client):
    _members, board = brainstorm(seminar, alice)
    services.pin_highlight(seminar, by=alice, text="Om man er stor må man være snill")
    assert "være snill" not in _projector(alice_client, seminar)
    _choose(alice_client, seminar, "highlights", board.agenda_item)
    assert "være snill" in _projector(alice_client, seminar)


def test_a_board_is_pushed_to_the_projector_only_while_on_stage(
    seminar, alice, alice_client, pushes, django_capture_on_commit_callbacks
):
    _members, board = brainstorm(seminar, alice)
    other = board.agenda_item.boards.exclude(pk=board.pk).first()
    author = board.group.members.first()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_idea(board, by=author, text="Med")
    assert "projector" in _audiences(pushes)
    _choose(alice_client, seminar, f"board:{other.pk}", board.agenda_item)
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.add_idea(board, by=author, text="Uden")
    assert _audiences(pushes) == {"members", "screens", "facilitators"}


def test_choosing_pushes_the_stage_and_the_console_chooser(
    seminar, alice, pushes, django_capture_on_commit_callbacks
):
    from ideas.stage.services import choose_stage

    _members, board = brainstorm(seminar, alice)
    with django_capture_on_commit_callbacks(execute=True):
        choose_stage(seminar, by=alice, key="join", item_id=board.agenda_item_id)
    html = {group.split(".")[1]: text for group, text in pushes if group.endswith(".da")}
    assert 'id="stage"' in html["projector"] and 'data-layout="join"' in html["projector"]
    assert 'id="stage-chooser"' in html["facilitators"]
    assert 'id="stage-preview"' in html["facilitators"]
    # The preview is a still copy: none of the stage's ids twice on the console.
    preview = html["facilitators"].split('id="stage-preview"', 1)[1]
    assert 'id="' not in preview.split("</section>", 1)[1] or 'id="stage"' not in preview
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        choose_stage(seminar, by=alice, key="join", item_id=board.agenda_item_id)
    assert not pushes  # the same choice again changes nothing


def test_the_consoles_preview_speaks_the_seminars_language_as_the_projector_does(
    seminar, alice, pushes, django_capture_on_commit_callbacks
):
    """An English console of a Danish seminar: its chooser in English, its still copy of the
    projector in Danish, the projector's own words."""
    from ideas.stage.services import choose_stage
    from seminar import live

    _members, board = brainstorm(seminar, alice)
    live.listening("en", +1)
    try:
        with django_capture_on_commit_callbacks(execute=True):
            choose_stage(seminar, by=alice, key="join", item_id=board.agenda_item_id)
    finally:
        live.listening("en", -1)
    console = next(t for g, t in pushes if g == f"live.facilitators.{seminar.pk}.en")
    chooser, preview = console.split('id="stage-preview"', 1)
    assert "On the projector" in chooser
    assert 'aria-label="På projektoren"' in preview and "On the projector" not in preview


class Soapbox(Exercise):
    """An exercise of a test: it offers its own thing for the projector."""

    stage_template = "ideas/stage.html#highlights"

    def stage_options(self, seminar, item):
        return [
            StageOption(
                "soapbox-queue",
                "The speaker queue",
                "ideas/stage.html#highlights",
                lambda: {"highlights": [type("H", (), {"text": "Speaker Kenneth"})()]},
            )
        ]


@pytest.fixture
def soapbox():
    register(Soapbox("test_soapbox"))
    yield
    unregister("test_soapbox")


def test_a_registered_exercise_offers_its_own_stage(seminar, alice, alice_client, soapbox):
    _day, items = factories.make_programme(seminar, by=alice)
    items[0].kind = "test_soapbox"
    items[0].save()
    agenda_services.start_seminar(seminar, by=alice)
    keys = [option.key for option in stage_options(seminar, items[0])]
    assert keys[:2] == ["", "item"] and "soapbox-queue" in keys
    response = _choose(alice_client, seminar, "soapbox-queue", items[0])
    assert "The speaker queue" in response.content.decode()
    assert "Speaker Kenneth" in _projector(alice_client, seminar)


def test_shared_screens_speak_the_seminars_language(seminar, alice, alice_client):
    brainstorm(seminar, alice)
    assert seminar.language == "da"
    html = alice_client.get(
        reverse("projector", args=[seminar.pk]), headers={"accept-language": "en-US,en"}
    ).content.decode()
    assert '<html lang="da">' in html
    assert "Deltag med din mobil" in html
    console = alice_client.get(
        reverse("console", args=[seminar.pk]), headers={"accept-language": "en-US,en"}
    ).content.decode()
    assert '<html lang="en">' in console


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_the_projectors_socket_speaks_the_seminars_language():
    from asgiref.sync import sync_to_async
    from django.conf import settings

    from tests.live import communicator

    alice = await sync_to_async(factories.make_user)("alice")
    seminar = await sync_to_async(factories.make_seminar)(alice)
    client = Client()
    await sync_to_async(client.force_login)(alice)
    english = f"{settings.LANGUAGE_COOKIE_NAME}=en"
    states = {}
    for view in ("projector", "console"):
        socket = communicator(seminar, client=client, view=view, cookies=english)
        assert (await socket.connect())[0]
        states[view] = await socket.receive_from()
        await socket.disconnect()
    assert "Deltag med din mobil" in states["projector"]
    assert "Join on your phone" in states["console"]
