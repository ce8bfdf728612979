"""The ideas' live regions: a board's cards, a phone's task, the gallery, highlights, votes.

A board's cards go to its table (members' phones and screens), the projector, and, in a
variant that still shows hidden cards, the facilitators: two renders per change per language.
A new card, the most frequent change, is pushed alone and appended (`publish_new_card`), so a
post costs the same on a board of 1 card or 100; what rearranges a board pushes all of it.
"""

import functools

from agenda.queries import get_clock
from groups.queries import group_of
from ideas import queries
from ideas.models import Vernissage, Vote
from seminar import live

BOARD = "ideas/live.html#board"
MY_WORK = "ideas/live.html#my-work"
BOARDS = "ideas/live.html#boards"
HIGHLIGHTS = "ideas/live.html#highlights"
VOTES = "ideas/live.html#votes"


CARD_ADDED = "ideas/live.html#card-added"


def board_audiences(board):
    """Every screen showing the public variant of a board."""
    public = [live.projector_audience(board.seminar_id)]
    if board.group_id:
        public += [
            live.members_audience(board.group_id),
            live.table_screens_audience(board.group_id),
        ]
    else:
        public.append(live.phones_audience(board.seminar_id))
    return public


def publish_board(board):
    public = board_audiences(board)
    live.publish_on_commit(public, [live.Region(BOARD, lambda: queries.board_context(board))])
    live.publish_on_commit(
        [live.facilitators_audience(board.seminar_id)],
        [live.Region(BOARD, lambda: queries.board_context(board, facilitator=True))],
    )


def publish_new_card(board, idea):
    """A card was posted: append it on every screen showing the board, and the new count.

    The card and count are read once (one query set, shared by both variants) and rendered
    twice per language, for the public screens and the facilitators' console: a fixed cost,
    whatever the board's size. plenum.js makes the append idempotent (see its comments).
    """
    shared = functools.cache(lambda: queries.new_card_context(board, idea.pk))
    live.publish_on_commit(board_audiences(board), [live.Region(CARD_ADDED, shared)])
    live.publish_on_commit(
        [live.facilitators_audience(board.seminar_id)],
        [live.Region(CARD_ADDED, lambda: {**shared(), "facilitator": True})],
    )


def goal_form_context(seminar, group):
    """The table's goal form: prefilled with the goal the table already drafted."""
    from ideas.forms import GoalForm
    from ideas.models import Goal

    table_goal = Goal.objects.filter(seminar=seminar, group=group).first() if group else None
    initial = {}
    if table_goal:
        initial = {
            name: getattr(table_goal, name)
            for name in ("title", "why", "measure", "target_date", "owner")
        }
    return {"seminar": seminar, "table_goal": table_goal, "goal_form": GoalForm(initial=initial)}


def vernissage_of(item):
    """The vernissage an item runs (its posters are the boards of an earlier item), or None."""
    if item is None:
        return None
    return Vernissage.objects.filter(agenda_item=item).select_related("source_item").first()


def board_item(item):
    """The item whose boards are on show: during a vernissage, the one it exhibits."""
    vernissage = vernissage_of(item)
    return vernissage.source_item if vernissage else item


def seat_group(seminar, item, participant):
    """The participant's table for what runs now (a vernissage: the exhibited item's table)."""
    grouping = item.grouping if item and item.grouping_id else None
    if grouping is None and item is not None:
        grouping = board_item(item).grouping
    return group_of(participant, grouping) if grouping else None


def my_work_context(seminar, item, group):
    board = queries.board_for_seat(board_item(item), group)
    kind = item.kind if item else None
    return {
        "kind": kind,
        "goal": goal_form_context(seminar, group) if kind == "goals" and group else None,
        "seminar": seminar,
        "item": item,
        "board": board,
        "board_context": queries.board_context(board) if board else None,
        "vernissage": vernissage_of(item),
        "votes": list(Vote.objects.filter(seminar=seminar, is_open=True)),
    }


def boards_context(seminar, item, *, facilitator):
    boards = queries.boards_of_item(board_item(item))
    return {
        "seminar": seminar,
        "item": item,
        "boards": [queries.board_context(board, facilitator=facilitator) for board in boards],
        "facilitator": facilitator,
        "highlights": list(seminar.highlights.all()),
    }


def publish_highlights(seminar):
    context = {"seminar": seminar, "highlights": list(seminar.highlights.all())}
    live.publish_on_commit(
        [live.projector_audience(seminar.pk), live.facilitators_audience(seminar.pk)],
        [live.Region(HIGHLIGHTS, context)],
    )


def vote_context(vote):
    from ideas.services import ranking

    return {"vote": vote, "ranking": ranking(vote) if vote.revealed else []}


def votes_context(seminar, *, facilitator):
    """The seminar's votes, newest first: all for the console, open or revealed ones for the
    projector."""
    votes = seminar.votes.order_by("-created_at")
    if not facilitator:
        votes = [vote for vote in votes if vote.is_open or vote.revealed][:3]
    return {"votes": [vote_context(vote) for vote in votes], "facilitator": facilitator}


def publish_tally(vote):
    """A dot was cast, or the vote changed: the console and projector (the tally shows only
    once revealed)."""
    seminar = vote.seminar
    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(VOTES, lambda: votes_context(seminar, facilitator=False))],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(VOTES, lambda: votes_context(seminar, facilitator=True))],
    )


def publish_vote(vote):
    """The vote opened, closed or was revealed: the screens, and every phone's task again
    (it links to the open votes)."""
    from groups.live import publish_to_seats

    publish_tally(vote)
    seminar = vote.seminar
    item = get_clock(seminar).current_item
    publish_to_seats(
        seminar,
        item,
        lambda group: [live.Region(MY_WORK, lambda: my_work_context(seminar, item, group))],
    )


def publish_gallery(vernissage):
    seminar = vernissage.agenda_item.day.seminar
    publish_highlights(seminar)


@live.on_item_change(order=-1)
def make_boards(seminar, item, *, previous, regroup):
    """An item of a board kind gets its boards as it starts (registered before the pushes)."""
    from ideas.services import boards_for_item

    if item is not None and item.kind in queries.BOARD_KINDS:
        boards_for_item(item)


WORK_KINDS = queries.BOARD_KINDS | {"goals", "commitments", "action_list", "vernissage"}


def has_work(item):
    """Does a phone do something on its own during this item (post, draft, visit, commit)?"""
    if item is None:
        return False
    return item.kind in WORK_KINDS or Vernissage.objects.filter(agenda_item=item).exists()


@live.on_item_change
def publish_vernissage_seats(seminar, item, *, previous, regroup):
    """A vernissage without a grouping of its own: each exhibited table's phones and screen
    get their poster (publish_seats reached only the phones, with no table)."""
    vernissage = vernissage_of(item)
    if vernissage is None or item.grouping_id:
        return
    for board in queries.boards_of_item(vernissage.source_item):
        if board.group_id is None:
            continue
        live.publish_on_commit(
            [live.members_audience(board.group_id), live.table_screens_audience(board.group_id)],
            [live.Region(MY_WORK, lambda group=board.group: my_work_context(seminar, item, group))],
        )


@live.seat_provider
def my_work_seat(seminar, item, group, *, previous, regroup):
    # From one plenum item to the next, every phone's task stays "listen": push nothing.
    if not regroup and not has_work(item) and not has_work(previous):
        return []
    return [live.Region(MY_WORK, lambda: my_work_context(seminar, item, group))]


@live.on_item_change
def publish_boards_panels(seminar, item, *, previous, regroup):
    if not has_work(item) and not has_work(previous):
        return
    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(BOARDS, lambda: boards_context(seminar, item, facilitator=False))],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(BOARDS, lambda: boards_context(seminar, item, facilitator=True))],
    )


@live.state_provider
def ideas_state(viewer):
    seminar = viewer.seminar
    item = get_clock(seminar).current_item
    if viewer.role == "participant":
        group = seat_group(seminar, item, viewer.participant)
        return [live.Region(MY_WORK, my_work_context(seminar, item, group))]
    if viewer.role == "screen":
        return [live.Region(MY_WORK, my_work_context(seminar, item, viewer.screen.group))]
    if viewer.role in {"facilitator", "projector"}:
        facilitator = viewer.role == "facilitator"
        return [live.Region(BOARDS, boards_context(seminar, item, facilitator=facilitator))]
    return []


# --- Goals ---------------------------------------------------------------------------------------

GOAL_STAGE = "ideas/goals.html#goal-stage"
GOAL_CARD = "ideas/goals.html#goal-card"
GOALS = "ideas/goals.html#goals"


def stage_context(seminar):
    from ideas.models import GoalStage, Pledge

    stage = GoalStage.objects.filter(seminar=seminar).select_related("current_goal__group").first()
    goal = stage.current_goal if stage else None
    pledges = (
        list(Pledge.objects.filter(goal=goal).select_related("participant", "group"))
        if goal
        else []
    )
    return {
        "seminar": seminar,
        "stage": stage,
        "goal": goal,
        "sealed": bool(stage and stage.sealed_at),
        "pledges": pledges,
        "shakers": ",".join(str(p.participant_id) for p in pledges if p.participant_id),
        "tables": ",".join(str(p.group_id) for p in pledges if p.group_id),
    }


def goals_context(seminar):
    from django.db.models import Count

    from ideas.models import Goal

    context = stage_context(seminar)
    context["goals"] = list(
        Goal.objects.filter(seminar=seminar)
        .select_related("group")
        .annotate(pledge_count=Count("pledges"))
        .order_by("created_at", "pk")
    )
    return context


def publish_goals(seminar):
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)], [live.Region(GOALS, goals_context(seminar))]
    )


def publish_stage(seminar, *, cards=False):
    """A handshake or a new goal on show: the projector and console count live. With `cards`
    (a goal shown or the goals sealed) phones and table screens get the goal to shake on."""
    context = stage_context(seminar)
    live.publish_on_commit(
        [live.projector_audience(seminar.pk), live.facilitators_audience(seminar.pk)],
        [live.Region(GOAL_STAGE, context)],
    )
    if cards:
        live.publish_on_commit(
            [live.phones_audience(seminar.pk), live.all_table_screens_audience(seminar.pk)],
            [live.Region(GOAL_CARD, context)],
        )
        publish_goals(seminar)


@live.state_provider
def goals_state(viewer):
    seminar = viewer.seminar
    if viewer.role in {"participant", "screen"}:
        return [live.Region(GOAL_CARD, stage_context(seminar))]
    if viewer.role == "projector":
        return [live.Region(GOAL_STAGE, stage_context(seminar))]
    if viewer.role == "facilitator":
        return [
            live.Region(GOAL_STAGE, stage_context(seminar)),
            live.Region(GOALS, goals_context(seminar)),
        ]
    return []
