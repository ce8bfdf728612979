"""Outsiders reach no board, card, vote or vernissage of a seminar that is not theirs."""

import pytest
from django.test import Client
from django.urls import reverse

from ideas import services
from ideas.models import (
    Board,
    Cluster,
    Comment,
    Dot,
    Highlight,
    Idea,
    Presenter,
    Star,
    Vernissage,
    Vote,
)


def _endpoints(seminar, board, idea, vote, cluster, item):
    s = seminar.pk
    highlight = services.pin_highlight(seminar, by=None, text="Pinned", idea=idea)
    comment = Comment.objects.create(idea=idea, text="Godt")
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
        reverse("highlight-remove", args=[s, highlight.pk]),
        reverse("comment-hide", args=[s, comment.pk]),
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
        list(Highlight.objects.values_list("pk", "text")),
        list(Comment.objects.values_list("pk", "hidden")),
        list(Board.objects.values_list("pk", "is_open")),
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
    endpoints = _endpoints(seminar, board, idea, vote, cluster, board.agenda_item)
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
    for url in endpoints:
        response = client.post(url, data)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    assert _state() == before
