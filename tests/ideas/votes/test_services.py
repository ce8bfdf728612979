"""Dot voting: the budget, the ranking, the seminar's own votes only."""

import uuid

import pytest

from ideas import queries, services
from ideas.models import Dot
from tests import factories
from tests.ideas.helpers import member_of, outsider_of


def test_dots_stay_within_the_budget_and_are_idempotent(seminar, boards, alice):
    board = boards[0]
    ideas = [services.add_idea(board, by=member_of(board), text=t) for t in "ABCD"]
    vote = services.open_vote(seminar, by=alice, title="Vigtigst?", boards=boards, budget=2)
    voter = outsider_of(board)
    key = uuid.uuid4()
    services.cast_dot(vote, by=voter, idea=ideas[0], key=key)
    services.cast_dot(vote, by=voter, idea=ideas[0], key=key)  # a retried press
    with pytest.raises(services.Refused):
        services.cast_dot(vote, by=voter, idea=ideas[0])  # one dot per card here
    services.cast_dot(vote, by=voter, idea=ideas[1])
    with pytest.raises(services.Refused):
        services.cast_dot(vote, by=voter, idea=ideas[2])  # budget spent
    assert Dot.objects.filter(participant=voter).count() == 2


def test_ranking_orders_by_dots_and_leaves_out_hidden_cards(seminar, boards, alice):
    board = boards[0]
    a, b, c = (services.add_idea(board, by=member_of(board), text=t) for t in "ABC")
    vote = services.open_vote(
        seminar, by=alice, title="?", boards=[board], budget=3, several_per_idea=True
    )
    voters = list(seminar.participants.all())
    for voter in voters[:3]:
        services.cast_dot(vote, by=voter, idea=b)
    services.cast_dot(vote, by=voters[0], idea=c)
    services.set_idea_hidden(a, by=alice, hidden=True)
    assert [idea.text for idea in queries.ranking(vote)] == ["B", "C"]


def test_vote_of_another_seminar_is_refused(seminar, other_seminar, boards, alice):
    vote = services.open_vote(seminar, by=alice, title="?", boards=boards)
    idea = services.add_idea(boards[0], by=member_of(boards[0]), text="A")
    with pytest.raises(services.Refused):
        services.cast_dot(vote, by=factories.make_participant(other_seminar, "Olav"), idea=idea)
