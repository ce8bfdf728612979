"""The vernissage's views: set-up, presenters in turns."""

import uuid

import pytest
from django.urls import reverse

from agenda import services as agenda_services
from ideas import services
from ideas.models import Comment, Highlight
from seminar.models import Participant
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.helpers import outsider_of, running_vernissage


def test_facilitator_chooses_the_presenters_of_a_poster_in_turns(
    seminar, setting, alice, alice_client
):
    board, *_rest = setting
    vernissage = running_vernissage(seminar, alice, board)
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
    vernissage = running_vernissage(seminar, alice, board)
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


def test_vernissage_set_up_offers_the_last_board_item_before_it(
    seminar, setting, alice, alice_client
):
    board, *_rest = setting
    source = board.agenda_item
    item = agenda_services.add_item(source.day, by=alice, title="Fernisering", duration=30)
    response = alice_client.get(reverse("vernissage-setup", args=[seminar.pk, item.pk]))
    assert response.context["form"]["source_item"].value() == source.pk
    choices = [choice for choice, _label in response.context["form"].fields["source_item"].choices]
    assert item.pk not in [getattr(choice, "value", choice) for choice in choices]


def test_a_vernissage_cannot_show_its_own_boards(seminar, setting, alice):
    board, *_rest = setting
    with pytest.raises(services.Refused):
        services.set_up_vernissage(board.agenda_item, by=alice, source_item=board.agenda_item)


def test_a_vernissage_set_up_before_its_brainstorm_ran_has_its_posters(seminar, alice):
    _day, items = factories.make_programme(seminar, by=alice)
    brainstorm, gallery, _rest = items
    agenda_services.update_item(brainstorm, by=alice, kind="brainstorm")
    services.set_up_vernissage(gallery, by=alice, source_item=brainstorm)
    assert brainstorm.boards.count() == 1


def test_facilitator_takes_down_a_highlight_pinned_once(seminar, setting, alice, alice_client):
    _board, _author, idea, _vote, _cluster = setting
    url = reverse("highlight-pin", args=[seminar.pk])
    for _ in range(2):  # a double click
        alice_client.post(url, {"idea": idea.pk}, headers={"hx-request": "true"})
    (highlight,) = Highlight.objects.all()
    alice_client.post(
        reverse("highlight-remove", args=[seminar.pk, highlight.pk]), headers={"hx-request": "true"}
    )
    assert not Highlight.objects.exists()


def test_the_console_offers_to_hide_a_comment_and_close_a_board(seminar, setting, alice_client):
    board, _author, idea, _vote, _cluster = setting
    comment = Comment.objects.create(idea=idea, text="Skjul mig")
    page = alice_client.get(reverse("console", args=[seminar.pk])).content.decode()
    assert reverse("comment-hide", args=[seminar.pk, comment.pk]) in page
    assert reverse("board-open", args=[seminar.pk, board.pk]) in page
    alice_client.post(
        reverse("comment-hide", args=[seminar.pk, comment.pk]), headers={"hx-request": "true"}
    )
    alice_client.post(
        reverse("board-open", args=[seminar.pk, board.pk]),
        {"open": "0"},
        headers={"hx-request": "true"},
    )
    comment.refresh_from_db()
    board.refresh_from_db()
    assert comment.hidden and not board.is_open


def test_a_star_and_a_comment_are_answered_in_place(seminar, setting, alice):
    board, _author, idea, _vote, _cluster = setting
    running_vernissage(seminar, alice, board)
    visitor = outsider_of(board)
    client = client_for_participant(visitor)
    htmx = {"hx-request": "true"}
    star = client.post(reverse("star-toggle", args=[seminar.pk, idea.pk]), headers=htmx)
    card = star.content.decode()
    assert card.lstrip().startswith(f'<li class="idea card" id="visit-{idea.pk}"')
    assert 'aria-pressed="true"' in card and "★ 1 " in card
    url = reverse("comment-add", args=[seminar.pk, idea.pk])
    said = client.post(url, {"text": "Godt tænkt", "key": str(uuid.uuid4())}, headers=htmx)
    assert "Godt tænkt" in said.content.decode() and 'role="status"' in said.content.decode()
    empty = client.post(url, {"text": "   "}, headers=htmx)
    assert empty.status_code == 200 and 'role="alert"' in empty.content.decode()
    assert Comment.objects.filter(idea=idea).count() == 1


def test_the_poster_page_shows_the_posters_photos(seminar, setting, alice, settings, tmp_path):
    from tests.ideas.boards.test_photos import _jpeg_with_gps

    settings.MEDIA_ROOT = tmp_path
    board, author, _idea, _vote, _cluster = setting
    photo = services.add_photo(board, by=author, upload=_jpeg_with_gps((400, 300)))
    running_vernissage(seminar, alice, board)
    page = client_for_participant(outsider_of(board)).get(
        reverse("poster", args=[seminar.pk, board.pk])
    )
    assert reverse("photo", args=[seminar.pk, photo.pk]) in page.content.decode()
