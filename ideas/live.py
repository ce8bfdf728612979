"""The ideas' live regions: each screen's exercise region, and the parts of it that change.

Every screen has one exercise region, filled by the exercise of the item running now
(ideas/exercises.py): `#my-work` on phones and table screens (rendered per table), `#stage` on
the projector and `#exercise` on the run console. When the item changes, or an exercise is set
up (a vernissage, a vote), those regions are pushed whole: nothing of the previous item
survives on any screen.

Between item changes, a change pushes only its part: a board's cards (`#board-<id>`, and a new
card alone, appended), the handshake tally (`#goal-stage`), the votes (`#votes`). Each such
push is gated on the item running when it is rendered: a part that is not on the screens now
(a late comment on a board of the morning) is not pushed, so no screen receives a region it
does not have. A board goes to its table (members' phones and screens), the projector, and, in
a variant that still shows hidden cards, the facilitators: two renders per change per language.
"""

import functools

from agenda.models import Clock
from agenda.queries import get_clock
from groups.live import publish_to_seats
from groups.queries import group_of
from ideas import queries
from ideas.exercises import exercise_for
from ideas.models import Goal, GoalStage, Pledge, Vote
from seminar import live

MY_WORK = "ideas/exercise.html#my-work"
STAGE = "ideas/exercise.html#stage"
CONSOLE = "ideas/exercise.html#exercise"

BOARD = "ideas/live.html#board"
CARD_ADDED = "ideas/live.html#card-added"
HIGHLIGHTS = "ideas/live.html#highlights"
VOTES = "ideas/live.html#votes"

GOAL_STAGE = "ideas/goals.html#goal-stage"
GOAL_CARD = "ideas/goals.html#goal-card"
GOALS = "ideas/goals.html#goals"


def current_item(seminar):
    return get_clock(seminar).current_item


def seat_group(seminar, item, participant):
    """The participant's table for what runs now (the exercise says which grouping seats)."""
    grouping = exercise_for(item).seating(item)
    return group_of(participant, grouping) if grouping else None


# --- The exercise regions -------------------------------------------------------------------------


def item_votes(item):
    if item is None:
        return []
    return list(Vote.objects.filter(agenda_item=item).order_by("-created_at", "-pk"))


def vote_context(vote):
    return {"vote": vote, "ranking": queries.ranking(vote) if vote.revealed else []}


def votes_context(item, *, facilitator):
    """The item's votes, newest first: all for the console, open or revealed ones for the
    projector."""
    votes = item_votes(item)
    if not facilitator:
        votes = [vote for vote in votes if vote.is_open or vote.revealed][:3]
    return {"votes": [vote_context(vote) for vote in votes], "facilitator": facilitator}


def my_work_context(seminar, item, group):
    exercise = exercise_for(item)
    return {
        "seminar": seminar,
        "item": item,
        "exercise": exercise,
        "group": group,
        "open_votes": [vote for vote in item_votes(item) if vote.is_open],
        **exercise.work(seminar, item, group),
    }


def stage_region_context(seminar, item):
    exercise = exercise_for(item)
    return {
        "seminar": seminar,
        "item": item,
        "exercise": exercise,
        **votes_context(item, facilitator=False),
        **exercise.stage(seminar, item),
    }


def console_region_context(seminar, item):
    exercise = exercise_for(item)
    return {
        "seminar": seminar,
        "item": item,
        "exercise": exercise,
        **votes_context(item, facilitator=True),
        **exercise.console(seminar, item),
    }


def has_work(item):
    """Does a phone see something of this item in its work region (a task, a vote)?"""
    if item is None:
        return False
    return bool(exercise_for(item).work_template) or Vote.objects.filter(agenda_item=item).exists()


def publish_exercise(seminar, *, previous=None, regroup=False, item=None, every_seat=False):
    """Push every screen's exercise region for the item running now (after the commit).

    From one item with nothing for the phones to another (plenum to break), the phones and
    table screens keep their empty work region: nothing is pushed to them.
    """
    if item is None:
        item = current_item(seminar)
    if every_seat or regroup or has_work(item) or has_work(previous):
        publish_to_seats(
            seminar,
            item,
            lambda group: [live.Region(MY_WORK, lambda: my_work_context(seminar, item, group))],
            grouping=exercise_for(item).seating(item),
        )
    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(STAGE, lambda: stage_region_context(seminar, item))],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(CONSOLE, lambda: console_region_context(seminar, item))],
    )


@live.on_item_change(order=-1)
def set_up_exercise(seminar, item, *, previous, regroup):
    """The item's exercise prepares what it needs as it starts (a board-kind item's boards)."""
    if item is not None:
        exercise_for(item).setup(item)


@live.on_item_change
def publish_item_exercise(seminar, item, *, previous, regroup):
    publish_exercise(seminar, item=item, previous=previous, regroup=regroup)


@live.state_provider(order=20)
def exercise_state(viewer):
    seminar = viewer.seminar
    item = current_item(seminar)
    if viewer.role == "participant":
        group = seat_group(seminar, item, viewer.participant)
        return [live.Region(MY_WORK, my_work_context(seminar, item, group))]
    if viewer.role == "screen":
        return [live.Region(MY_WORK, my_work_context(seminar, item, viewer.screen.group))]
    if viewer.role == "projector":
        return [live.Region(STAGE, stage_region_context(seminar, item))]
    if viewer.role == "facilitator":
        return [live.Region(CONSOLE, console_region_context(seminar, item))]
    return []


# --- Boards ---------------------------------------------------------------------------------------


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


def _board_on_show(board):
    """Is the board on the screens now? Read once per push, after the commit (one query)."""
    clock = Clock.objects.filter(seminar_id=board.seminar_id).select_related("current_item").first()
    item = clock.current_item if clock else None
    return item is not None and exercise_for(item).shows_board(item, board)


def _if(on_show, context):
    """A region context that is None (no push) when its part is not on the screens."""
    return lambda: context() if on_show() else None


def publish_board(board):
    on_show = functools.cache(lambda: _board_on_show(board))
    live.publish_on_commit(
        board_audiences(board),
        [live.Region(BOARD, _if(on_show, lambda: queries.board_context(board)))],
    )
    live.publish_on_commit(
        [live.facilitators_audience(board.seminar_id)],
        [live.Region(BOARD, _if(on_show, lambda: queries.board_context(board, facilitator=True)))],
    )


def publish_new_card(board, idea):
    """A card was posted: append it on every screen showing the board, and the new count.

    The card and count are read once (one query set, shared by both variants) and rendered
    twice per language, for the public screens and the facilitators' console: a fixed cost,
    whatever the board's size. plenum.js makes the append idempotent (see its comments).
    """
    on_show = functools.cache(lambda: _board_on_show(board))
    shared = functools.cache(lambda: queries.new_card_context(board, idea.pk))
    live.publish_on_commit(board_audiences(board), [live.Region(CARD_ADDED, _if(on_show, shared))])
    live.publish_on_commit(
        [live.facilitators_audience(board.seminar_id)],
        [live.Region(CARD_ADDED, _if(on_show, lambda: {**shared(), "facilitator": True}))],
    )


def publish_highlights(seminar):
    def context():
        item = current_item(seminar)
        if not exercise_for(item).stage_template:
            return None
        return {"seminar": seminar, "highlights": list(seminar.highlights.all())}

    context = functools.cache(context)
    live.publish_on_commit(
        [live.projector_audience(seminar.pk), live.facilitators_audience(seminar.pk)],
        [live.Region(HIGHLIGHTS, context)],
    )


# --- Votes ----------------------------------------------------------------------------------------


def publish_tally(vote):
    """A dot was cast: the console and projector (the tally shows only once revealed)."""
    seminar = vote.seminar
    item = functools.cache(lambda: current_item(seminar))
    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(VOTES, lambda: votes_context(item(), facilitator=False))],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(VOTES, lambda: votes_context(item(), facilitator=True))],
    )


def publish_vote(vote):
    """A vote opened, closed or was revealed: every screen's exercise region (phones link to
    the open votes)."""
    publish_exercise(vote.seminar, every_seat=True)


# --- Goals ----------------------------------------------------------------------------------------


def stage_context(seminar):
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

    context = stage_context(seminar)
    context["goals"] = list(
        Goal.objects.filter(seminar=seminar)
        .select_related("group")
        .annotate(pledge_count=Count("pledges"))
        .order_by("created_at", "pk")
    )
    return context


def _goals_on_show(seminar):
    return exercise_for(current_item(seminar)).shows_goals()


def publish_goals(seminar):
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(GOALS, lambda: goals_context(seminar) if _goals_on_show(seminar) else None)],
    )


def publish_stage(seminar, *, cards=False):
    """A handshake or a new goal on show: the projector and console count live. With `cards`
    (a goal shown or the goals sealed) phones and table screens get the goal to shake on."""
    context = functools.cache(lambda: stage_context(seminar) if _goals_on_show(seminar) else None)
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
