"""Boards: posting, editing, withdrawing, clusters; who may post where."""

import uuid

import pytest

from ideas import services
from ideas.models import Idea
from tests import factories
from tests.ideas.helpers import member_of, outsider_of


def test_each_table_gets_its_own_board(boards, tables):
    grouping, _people = tables
    assert sorted(board.group_id for board in boards) == sorted(
        grouping.groups.values_list("pk", flat=True)
    )


def test_a_retried_post_is_stored_once(boards):
    board = boards[0]
    key = uuid.uuid4()
    first = services.add_idea(board, by=member_of(board), text="Borgerpanel", key=key)
    again = services.add_idea(board, by=member_of(board), text="Borgerpanel", key=key)
    assert first == again and Idea.objects.count() == 1


def test_a_retry_after_the_board_closed_still_finds_the_stored_card(boards, alice):
    """The insert comes first and the key's constraint finds a retry: a retry answered after
    the board closed (or the poster moved) gets its card, not a refusal."""
    board = boards[0]
    key = uuid.uuid4()
    first = services.add_idea(board, by=member_of(board), text="Borgerpanel", key=key)
    services.set_board_open(board, by=alice, is_open=False)
    again = services.add_idea(board, by=member_of(board), text="Borgerpanel", key=key)
    assert first == again and Idea.objects.count() == 1


def test_a_stolen_key_does_not_overwrite_anything(boards):
    board = boards[0]
    key = uuid.uuid4()
    services.add_idea(board, by=member_of(board), text="Mine", key=key)
    other = board.group.members.last()
    with pytest.raises(services.Refused):
        services.add_idea(board, by=other, text="Theirs", key=key)
    assert list(Idea.objects.values_list("text", flat=True)) == ["Mine"]


def test_only_the_tables_members_post_on_its_board(boards):
    board = boards[0]
    with pytest.raises(services.Refused):
        services.add_idea(board, by=outsider_of(board), text="Not my table")
    assert not Idea.objects.exists()


def test_participant_of_another_seminar_cannot_post(boards, other_seminar):
    stranger = factories.make_participant(other_seminar, "Olav")
    with pytest.raises(services.Refused):
        services.add_idea(boards[0], by=stranger, text="Hello")


def test_only_the_author_edits_or_withdraws(boards):
    board = boards[0]
    idea = services.add_idea(board, by=member_of(board), text="First")
    other = board.group.members.last()
    with pytest.raises(services.Refused):
        services.edit_idea(idea, by=other, text="Changed")
    with pytest.raises(services.Refused):
        services.withdraw_idea(idea, by=other)
    services.edit_idea(idea, by=member_of(board), text="Better")
    assert Idea.objects.get().text == "Better"
    services.withdraw_idea(idea, by=member_of(board))
    assert not Idea.objects.exists()


def test_closed_board_takes_no_posts_or_edits(boards, alice):
    board = boards[0]
    idea = services.add_idea(board, by=member_of(board), text="Before")
    services.set_board_open(board, by=alice, is_open=False)
    with pytest.raises(services.Refused):
        services.add_idea(board, by=member_of(board), text="After")
    with pytest.raises(services.Refused):
        services.edit_idea(idea, by=member_of(board), text="Changed")


def test_clusters_group_cards_and_dissolve_without_losing_them(boards, alice):
    board = boards[0]
    ideas = [services.add_idea(board, by=member_of(board), text=t) for t in ("A", "B")]
    cluster = services.create_cluster(board, by=alice, heading="Borgere", ideas=ideas)
    assert set(cluster.ideas.all()) == set(ideas)
    services.rename_cluster(cluster, by=alice, heading="Borgerne")
    services.dissolve_cluster(cluster, by=alice)
    assert Idea.objects.filter(cluster__isnull=True).count() == 2


def test_cluster_of_another_board_is_refused(boards, alice):
    idea = services.add_idea(boards[0], by=member_of(boards[0]), text="A")
    foreign = services.create_cluster(boards[1], by=alice, heading="Other")
    with pytest.raises(services.Refused):
        services.move_to_cluster(idea, by=alice, cluster=foreign)
