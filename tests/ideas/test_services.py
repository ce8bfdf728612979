import uuid

import pytest

from groups import services as group_services
from groups.models import Grouping
from ideas import queries, services
from ideas.models import Comment, Dot, Idea, Star
from tests import factories


@pytest.fixture
def tables(seminar, alice):
    people = [factories.make_participant(seminar, f"P{i}") for i in range(4)]
    plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=1)
    grouping = group_services.create_grouping(
        seminar, by=alice, name="Borde", method="random", size=2, plan=plan
    )
    return grouping, people


@pytest.fixture
def boards(seminar, alice, tables):
    grouping, _people = tables
    _day, items = factories.make_programme(seminar, by=alice)
    items[0].grouping, items[0].kind = grouping, "brainstorm"
    items[0].save()
    return services.boards_for_item(items[0])


def _member(board):
    return board.group.members.first()


def _outsider(board):
    return board.seminar.participants.exclude(groups=board.group).first()


def test_each_table_gets_its_own_board(boards, tables):
    grouping, _people = tables
    assert sorted(board.group_id for board in boards) == sorted(
        grouping.groups.values_list("pk", flat=True)
    )


def test_a_retried_post_is_stored_once(boards):
    board = boards[0]
    key = uuid.uuid4()
    first = services.add_idea(board, by=_member(board), text="Borgerpanel", key=key)
    again = services.add_idea(board, by=_member(board), text="Borgerpanel", key=key)
    assert first == again and Idea.objects.count() == 1


def test_a_stolen_key_does_not_overwrite_anything(boards):
    board = boards[0]
    key = uuid.uuid4()
    services.add_idea(board, by=_member(board), text="Mine", key=key)
    other = board.group.members.last()
    with pytest.raises(services.Refused):
        services.add_idea(board, by=other, text="Theirs", key=key)
    assert list(Idea.objects.values_list("text", flat=True)) == ["Mine"]


def test_only_the_tables_members_post_on_its_board(boards):
    board = boards[0]
    with pytest.raises(services.Refused):
        services.add_idea(board, by=_outsider(board), text="Not my table")
    assert not Idea.objects.exists()


def test_participant_of_another_seminar_cannot_post(boards, other_seminar):
    stranger = factories.make_participant(other_seminar, "Olav")
    with pytest.raises(services.Refused):
        services.add_idea(boards[0], by=stranger, text="Hello")


def test_only_the_author_edits_or_withdraws(boards):
    board = boards[0]
    idea = services.add_idea(board, by=_member(board), text="First")
    other = board.group.members.last()
    with pytest.raises(services.Refused):
        services.edit_idea(idea, by=other, text="Changed")
    with pytest.raises(services.Refused):
        services.withdraw_idea(idea, by=other)
    services.edit_idea(idea, by=_member(board), text="Better")
    assert Idea.objects.get().text == "Better"
    services.withdraw_idea(idea, by=_member(board))
    assert not Idea.objects.exists()


def test_closed_board_takes_no_posts_or_edits(boards, alice):
    board = boards[0]
    idea = services.add_idea(board, by=_member(board), text="Before")
    services.set_board_open(board, by=alice, is_open=False)
    with pytest.raises(services.Refused):
        services.add_idea(board, by=_member(board), text="After")
    with pytest.raises(services.Refused):
        services.edit_idea(idea, by=_member(board), text="Changed")


def test_clusters_group_cards_and_dissolve_without_losing_them(boards, alice):
    board = boards[0]
    ideas = [services.add_idea(board, by=_member(board), text=t) for t in ("A", "B")]
    cluster = services.create_cluster(board, by=alice, heading="Borgere", ideas=ideas)
    assert set(cluster.ideas.all()) == set(ideas)
    services.rename_cluster(cluster, by=alice, heading="Borgerne")
    services.dissolve_cluster(cluster, by=alice)
    assert Idea.objects.filter(cluster__isnull=True).count() == 2


def test_cluster_of_another_board_is_refused(boards, alice):
    idea = services.add_idea(boards[0], by=_member(boards[0]), text="A")
    foreign = services.create_cluster(boards[1], by=alice, heading="Other")
    with pytest.raises(services.Refused):
        services.move_to_cluster(idea, by=alice, cluster=foreign)


def test_star_once_and_take_it_back(boards):
    board = boards[0]
    idea = services.add_idea(board, by=_member(board), text="A")
    visitor = _outsider(board)
    assert services.toggle_star(idea, by=visitor) is True
    assert Star.objects.count() == 1
    assert services.toggle_star(idea, by=visitor) is False
    assert not Star.objects.exists()


def test_comment_is_idempotent_and_refused_on_hidden_cards(boards, alice):
    board = boards[0]
    idea = services.add_idea(board, by=_member(board), text="A")
    key = uuid.uuid4()
    services.add_comment(idea, by=_outsider(board), text="Godt!", key=key)
    services.add_comment(idea, by=_outsider(board), text="Godt!", key=key)
    assert Comment.objects.count() == 1
    services.set_idea_hidden(idea, by=alice, hidden=True)
    with pytest.raises(services.Refused):
        services.add_comment(idea, by=_outsider(board), text="Hm")


def test_dots_stay_within_the_budget_and_are_idempotent(seminar, boards, alice):
    board = boards[0]
    ideas = [services.add_idea(board, by=_member(board), text=t) for t in "ABCD"]
    vote = services.open_vote(seminar, by=alice, title="Vigtigst?", boards=boards, budget=2)
    voter = _outsider(board)
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
    a, b, c = (services.add_idea(board, by=_member(board), text=t) for t in "ABC")
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
    idea = services.add_idea(boards[0], by=_member(boards[0]), text="A")
    with pytest.raises(services.Refused):
        services.cast_dot(vote, by=factories.make_participant(other_seminar, "Olav"), idea=idea)
