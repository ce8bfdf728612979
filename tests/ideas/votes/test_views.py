"""Dot voting's views: the phone's vote page and the revealed ranking."""

import uuid

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


def test_a_dot_is_answered_in_place_with_the_ballot(seminar, setting):
    board, author, idea, vote, _cluster = setting
    client = client_for_participant(author)
    url = reverse("vote-dot", args=[seminar.pk, vote.pk])
    htmx = {"hx-request": "true"}
    response = client.post(url, {"idea": idea.pk, "key": str(uuid.uuid4())}, headers=htmx)
    page = response.content.decode()
    assert response.status_code == 200 and page.lstrip().startswith('<section id="ballot"')
    assert "<html" not in page and 'data-dots-left="2"' in page
    for _ in range(2):
        client.post(url, {"idea": idea.pk, "key": str(uuid.uuid4())}, headers=htmx)
    # A refusal comes inside the ballot (swapped, not lost), in the phone's language.
    refused = client.post(url, {"idea": idea.pk}, headers={**htmx, "accept-language": "en"})
    assert refused.status_code == 200 and 'role="alert"' in refused.content.decode()
    assert Dot.objects.count() == 1  # one dot per card in this vote
