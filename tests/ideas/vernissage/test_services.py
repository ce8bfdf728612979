"""The vernissage's services: comments and stars on the posters."""

import uuid

import pytest

from ideas import services
from ideas.models import Comment, Star
from tests.ideas.helpers import member_of, outsider_of


def test_star_once_and_take_it_back(boards):
    board = boards[0]
    idea = services.add_idea(board, by=member_of(board), text="A")
    visitor = outsider_of(board)
    assert services.toggle_star(idea, by=visitor) is True
    assert Star.objects.count() == 1
    assert services.toggle_star(idea, by=visitor) is False
    assert not Star.objects.exists()


def test_comment_is_idempotent_and_refused_on_hidden_cards(boards, alice):
    board = boards[0]
    idea = services.add_idea(board, by=member_of(board), text="A")
    key = uuid.uuid4()
    services.add_comment(idea, by=outsider_of(board), text="Godt!", key=key)
    services.add_comment(idea, by=outsider_of(board), text="Godt!", key=key)
    assert Comment.objects.count() == 1
    services.set_idea_hidden(idea, by=alice, hidden=True)
    with pytest.raises(services.Refused):
        services.add_comment(idea, by=outsider_of(board), text="Hm")
