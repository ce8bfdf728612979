"""Dot voting's views: the phone's vote page and the revealed ranking."""

from django.urls import reverse

from ideas import services
from ideas.models import Dot
from tests.conftest import client_for_participant


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


def test_the_default_question_is_in_the_seminars_language(seminar, alice_client):
    seminar.language = "sv"
    seminar.save()
    alice_client.post(reverse("set_language"), {"language": "en"})
    page = alice_client.get(reverse("vote-create", args=[seminar.pk])).content.decode()
    assert "Question" in page  # the console speaks the facilitator's English
    assert 'value="Vilka idéer är viktigast?"' in page
