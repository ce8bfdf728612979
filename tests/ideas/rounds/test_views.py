"""Question rounds' views and screens: a phone answers its table's questions, the console
merges and runs the votes, every screen follows live, and outsiders touch nothing."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse

from groups import services as group_services
from groups.models import Screen
from ideas.live import my_work_context, stage_region_context
from ideas.models import Idea, RoundQuestion, Vote
from ideas.rounds import services
from seminar import live
from seminar.permissions import SCREEN_COOKIE
from tests.conftest import client_for_participant
from tests.ideas.rounds.conftest import answer, table_board

HX = {"HX-Request": "true"}


def _first(item):
    return RoundQuestion.objects.filter(agenda_item=item).first()


def _tables(item):
    return list(item.grouping.groups.order_by("number"))


def test_a_phone_answers_on_its_tables_board_once_per_key(seminar, round_item):
    table = _tables(round_item)[0]
    person = table.members.first()
    board = table_board(round_item, _first(round_item), table)
    url = reverse("round-answer", args=[seminar.pk, board.pk])
    key = str(uuid.uuid4())
    client = client_for_participant(person)
    response = client.post(url, {"text": "Lyt til borgerne", "key": key}, headers=HX)
    assert response.status_code == 200
    assert f'id="answer-{board.pk}"' in response.text and 'role="status"' in response.text
    client.post(url, {"text": "Lyt til borgerne", "key": key}, headers=HX)
    assert Idea.objects.get().board == board


def test_an_empty_answer_says_why_and_stores_nothing(seminar, round_item):
    table = _tables(round_item)[0]
    board = table_board(round_item, _first(round_item), table)
    client = client_for_participant(table.members.first())
    url = reverse("round-answer", args=[seminar.pk, board.pk])
    response = client.post(url, {"text": "  "}, headers=HX)
    assert response.status_code == 200 and 'role="alert"' in response.text
    assert client.post(url, {"text": ""}).status_code == 422
    assert not Idea.objects.exists()


def test_a_phone_cannot_answer_on_another_tables_board(seminar, round_item):
    mine, theirs = _tables(round_item)
    board = table_board(round_item, _first(round_item), theirs)
    client = client_for_participant(mine.members.first())
    url = reverse("round-answer", args=[seminar.pk, board.pk])
    response = client.post(url, {"text": "Snyd"}, headers=HX)
    assert 'role="alert"' in response.text
    assert not Idea.objects.exists()


def test_nobody_answers_on_a_conclusions_board(seminar, round_item):
    board = services.conclusions_board(_first(round_item))
    client = client_for_participant(_tables(round_item)[0].members.first())
    url = reverse("round-answer", args=[seminar.pk, board.pk])
    assert client.post(url, {"text": "Direkte"}, headers=HX).status_code == 404
    assert not Idea.objects.exists()


def test_the_facilitator_runs_the_round_from_the_console(seminar, alice_client, round_item):
    question = _first(round_item)
    one, two = _tables(round_item)
    first = answer(round_item, question, one.members.first(), "Lyt mere")
    second = answer(round_item, question, two.members.first(), "Lyt!")
    console = alice_client.get(reverse("console", args=[seminar.pk]))
    assert "Luk svarene og saml dem" in console.text
    step = reverse("round-step", args=[seminar.pk, round_item.pk])
    assert alice_client.post(step, {"action": "close"}, headers=HX).status_code == 204
    console = alice_client.get(reverse("console", args=[seminar.pk]))
    assert f'id="merge-{first.pk}"' in console.text and "P" in console.text
    merge = reverse("round-merge", args=[seminar.pk, question.pk])
    response = alice_client.post(
        merge, {"cards": [first.pk, second.pk], "text": "Lyt til borgerne"}, headers=HX
    )
    assert response.status_code == 204
    conclusion = Idea.objects.get(board__holds_conclusions=True)
    assert conclusion.text == "Lyt til borgerne" and conclusion.merged.count() == 2
    rename = reverse("round-conclusion", args=[seminar.pk, conclusion.pk])
    alice_client.post(rename, {"text": "Lyt"}, headers=HX)
    assert Idea.objects.get(pk=conclusion.pk).text == "Lyt"
    assert alice_client.post(step, {"action": "vote", "budget": "0"}).status_code == 422
    assert alice_client.post(step, {"action": "vote", "budget": "2"}).status_code == 302
    assert Vote.objects.get().budget == 2
    assert alice_client.post(step, {"action": "reveal"}, headers=HX).status_code == 204
    assert Vote.objects.get().revealed
    assert alice_client.post(step, {"action": "explode"}).status_code == 422


def test_the_facilitator_edits_the_questions_and_picks_the_template(
    seminar, alice_client, round_item
):
    url = reverse("round-questions", args=[seminar.pk, round_item.pk])
    response = alice_client.post(url, {"questions": "Hvad nu?\r\nHvem?"}, headers=HX)
    assert response.status_code == 204
    assert list(RoundQuestion.objects.values_list("text", flat=True)) == ["Hvad nu?", "Hvem?"]
    assert alice_client.post(url, {"questions": ""}).status_code == 422
    assert alice_client.post(url, {"questions": "a\x00b"}).status_code == 422
    alice_client.post(url, {"template": "together"})
    assert RoundQuestion.objects.count() == 2
    assert RoundQuestion.objects.first().text == "Hvad er de største udfordringer?"


def test_taking_apart_from_the_console(seminar, alice_client, round_item):
    question = _first(round_item)
    first = answer(round_item, question, _tables(round_item)[0].members.first(), "Lyt")
    conclusion = services.merge(question, by=None, card_ids=[first.pk])
    url = reverse("round-conclusion", args=[seminar.pk, conclusion.pk])
    assert alice_client.post(url, {"action": "apart"}, headers=HX).status_code == 204
    assert Idea.objects.get().merged_into is None


def _pages(seminar, round_item, alice_client):
    table = _tables(round_item)[0]
    phone = client_for_participant(table.members.first())
    screen = Screen.objects.create()
    group_services.pair_screen(
        seminar, by=seminar.facilitators.first(), pairing_code=screen.pairing_code, group=table
    )
    screen_client = Client()
    screen_client.cookies[SCREEN_COOKIE] = screen.token
    return {
        "phone": phone.get(reverse("phone", args=[seminar.pk])).text,
        "screen": screen_client.get("/screen/").text,
        "projector": alice_client.get(reverse("projector", args=[seminar.pk])).text,
        "console": alice_client.get(reverse("console", args=[seminar.pk])).text,
    }


def test_every_screen_shows_the_step_it_is_at(seminar, alice, alice_client, round_item):
    question = _first(round_item)
    table = _tables(round_item)[0]
    board = table_board(round_item, question, table)
    card = answer(round_item, question, table.members.first(), "Lyt til borgerne")
    pages = _pages(seminar, round_item, alice_client)
    assert f'id="answer-{board.pk}"' in pages["phone"]  # the phone answers each question
    assert f'id="board-{board.pk}"' in pages["phone"] and "Lyt til borgerne" in pages["phone"]
    assert f'id="board-{board.pk}"' in pages["screen"]
    assert question.text in pages["projector"] and "Lyt til borgerne" not in pages["projector"]
    assert f'id="board-{board.pk}-f"' in pages["console"]
    services.set_answering(round_item, by=alice, is_open=False)
    services.merge(question, by=alice, card_ids=[card.pk], text="Borgerne først")
    services.open_votes(round_item, by=alice, budget=3)
    services.reveal(round_item, by=alice)
    pages = _pages(seminar, round_item, alice_client)
    heading = "De vigtigste konklusioner ifølge deltagerne"
    for role in ("phone", "screen", "projector", "console"):
        assert heading in pages[role], role
        assert "Borgerne først" in pages[role], role
    assert f'id="answer-{board.pk}"' not in pages["phone"]
    assert "P" in pages["console"] and "Lyt til borgerne" in pages["console"]


@pytest.fixture
def pushes(monkeypatch):
    sent = []

    def capture(sends, resubscribe=(), touched=()):
        sent.extend(sends)
        return True

    monkeypatch.setattr(live, "_send", capture)
    live.listening("da", +1)
    yield sent
    live.listening("da", -1)


def test_a_merge_pushes_every_screens_exercise_region(
    seminar, alice, round_item, pushes, django_capture_on_commit_callbacks
):
    question = _first(round_item)
    card = answer(round_item, question, _tables(round_item)[0].members.first(), "Lyt")
    services.set_answering(round_item, by=alice, is_open=False)
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.merge(question, by=alice, card_ids=[card.pk], text="Borgerne først")
    kinds = {group.split(".")[1] for group, html in pushes if "Borgerne først" in html}
    assert {"members", "screens", "projector", "facilitators"} <= kinds


def test_a_round_not_running_pushes_nothing(
    seminar, alice, round_item, pushes, django_capture_on_commit_callbacks
):
    from agenda import services as agenda_services

    question = _first(round_item)
    card = answer(round_item, question, _tables(round_item)[0].members.first(), "Lyt")
    agenda_services.next_item(seminar, by=alice)
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        services.merge(question, by=alice, card_ids=[card.pk], text="Borgerne først")
    assert not [html for _group, html in pushes if "Borgerne først" in html]


def test_the_phones_work_region_reads_alike_in_a_fixed_number_of_queries(
    seminar, alice, round_item, django_assert_num_queries
):
    """The round's part of a table's region costs the same with one answer or many."""
    question = _first(round_item)
    table = _tables(round_item)[0]

    def count():
        from django.db import connection
        from django.test.utils import CaptureQueriesContext

        with CaptureQueriesContext(connection) as captured:
            live.Region(
                "ideas/exercise.html#my-work", my_work_context(seminar, round_item, table)
            ).render()
        return len(captured)

    answer(round_item, question, table.members.first(), "En")
    one = count()
    for i in range(5):
        answer(round_item, question, table.members.first(), f"Flere {i}")
    assert count() == one


def test_the_stage_lists_the_questions_while_the_tables_answer(seminar, round_item):
    html = live.Region("ideas/exercise.html#stage", stage_region_context(seminar)).render()
    for question in RoundQuestion.objects.filter(agenda_item=round_item):
        assert question.text in html


def _endpoints(seminar, item, question, board, conclusion):
    s = seminar.pk
    return [
        ("post", reverse("round-questions", args=[s, item.pk]), {"questions": "Hack?"}),
        ("post", reverse("round-questions", args=[s, item.pk]), {"template": "together"}),
        ("post", reverse("round-step", args=[s, item.pk]), {"action": "close"}),
        ("post", reverse("round-merge", args=[s, question.pk]), {"cards": [1, 2, 3]}),
        ("post", reverse("round-conclusion", args=[s, conclusion.pk]), {"action": "apart"}),
        ("post", reverse("round-conclusion", args=[s, conclusion.pk]), {"text": "Hack"}),
        ("post", reverse("round-answer", args=[s, board.pk]), {"text": "Hack"}),
    ]


def _state():
    return (
        list(RoundQuestion.objects.values_list("pk", "text")),
        list(Idea.objects.values_list("pk", "text", "merged_into")),
        list(Vote.objects.values_list("pk")),
        sorted(Idea._meta.get_field("board").related_model.objects.values_list("pk", "is_open")),
    )


@pytest.fixture
def merged(seminar, alice, round_item):
    question = _first(round_item)
    table = _tables(round_item)[0]
    card = answer(round_item, question, table.members.first(), "Lyt")
    conclusion = services.merge(question, by=alice, card_ids=[card.pk])
    return round_item, question, table_board(round_item, question, table), conclusion


@pytest.mark.parametrize(
    "who", ["anonymous", "other_facilitator", "director", "other_seminars_participant", "screen"]
)
def test_outsiders_cannot_touch_a_round(
    who, seminar, merged, bob_client, carol_client, outsider_participant_client
):
    item, question, board, conclusion = merged
    screen_client = Client()
    if who == "screen":  # another table's screen
        screen = Screen.objects.create()
        group_services.pair_screen(
            seminar,
            by=seminar.facilitators.first(),
            pairing_code=screen.pairing_code,
            group=_tables(item)[1],
        )
        screen_client.cookies[SCREEN_COOKIE] = screen.token
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "other_seminars_participant": outsider_participant_client,
        "screen": screen_client,
    }[who]
    if who == "director":
        seminar.directors.add(_director(seminar))  # a director of this very seminar
    before = _state()
    for method, url, data in _endpoints(seminar, item, question, board, conclusion):
        response = getattr(client, method)(url, data)
        assert response.status_code in (302, 403, 404), (who, url, response.status_code)
        if response.status_code == 302:
            assert "login" in response["Location"]
    assert _state() == before


def _director(seminar):
    from django.contrib.auth import get_user_model

    return get_user_model().objects.get(username="carol")


def test_a_participant_cannot_run_the_round(seminar, merged):
    item, question, board, conclusion = merged
    person = board.group.members.first()
    client = client_for_participant(person)
    before = _state()
    for method, url, data in _endpoints(seminar, item, question, board, conclusion)[:-1]:
        response = getattr(client, method)(url, data)
        assert response.status_code in (302, 403, 404)
    assert _state() == before


def test_hostile_ids_are_404_not_500(seminar, alice_client, merged):
    item, question, _board, _conclusion = merged
    merge = reverse("round-merge", args=[seminar.pk, question.pk])
    assert alice_client.post(merge, {"cards": ["x", "-1", "9" * 30]}).status_code == 422
    assert alice_client.post(merge, {"cards": ["1"], "into": "9" * 30}).status_code == 404
    other = reverse("round-step", args=[seminar.pk, 999999])
    assert alice_client.post(other, {"action": "close"}).status_code == 404


def test_opening_and_revealing_the_votes_push_every_screen_once(
    seminar, alice, round_item, pushes, django_capture_on_commit_callbacks
):
    """Five questions, five votes: the console's region is rendered once per step, not per vote."""
    for question in RoundQuestion.objects.filter(agenda_item=round_item):
        answer(round_item, question, _tables(round_item)[0].members.first(), f"Svar {question.pk}")
    for step in (services.open_votes, services.reveal):
        pushes.clear()
        with django_capture_on_commit_callbacks(execute=True):
            if step is services.open_votes:
                step(round_item, by=alice, budget=3)
            else:
                step(round_item, by=alice)
        # The Danish console's (with Redis, other processes' languages are rendered too, each once).
        consoles = [
            html
            for group, html in pushes
            if group.startswith("live.facilitators.") and group.endswith(".da")
        ]
        assert sum('id="exercise"' in html for html in consoles) == 1
    assert Vote.objects.filter(revealed=True).count() == 5


def test_a_phone_finds_each_questions_ballot_under_its_question(
    seminar, alice, round_item, participant
):
    question = _first(round_item)
    table = _tables(round_item)[0]
    answer(round_item, question, table.members.first(), "Lyt")
    services.open_votes(round_item, by=alice, budget=3)
    vote = Vote.objects.get()
    html = live.Region(
        "ideas/exercise.html#my-work", my_work_context(seminar, round_item, table)
    ).render()
    section = html.split(f'id="round-q-{question.pk}"')[1].split("</section>")[0]
    assert reverse("vote", args=[seminar.pk, vote.pk]) in section


def test_one_questions_answers_on_the_projector_follow_live(
    seminar, alice, round_item, pushes, django_capture_on_commit_callbacks
):
    from ideas.stage import services as stage

    question = _first(round_item)
    stage.choose_stage(seminar, by=alice, key=f"question:{question.pk}", item_id=round_item.pk)
    html = live.Region("ideas/exercise.html#stage", stage_region_context(seminar)).render()
    for board in question.boards.filter(holds_conclusions=False):
        assert f'id="board-{board.pk}"' in html
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer(round_item, question, _tables(round_item)[0].members.first(), "Lyt til borgerne")
    assert any(
        group.startswith("live.projector.") and "Lyt til borgerne" in html for group, html in pushes
    )
    pushes.clear()
    other = RoundQuestion.objects.filter(agenda_item=round_item)[1]
    with django_capture_on_commit_callbacks(execute=True):
        answer(round_item, other, _tables(round_item)[0].members.first(), "Andet")
    assert not any(group.startswith("live.projector.") for group, _html in pushes)
