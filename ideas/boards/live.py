"""A board's live parts: its cards (whole, or a new card alone, appended) and the highlights.

A board goes to its table (members' phones and screens), the projector, and, in a variant
that still shows hidden cards, the facilitators: two renders per change per language. Each
push is gated on the board being on show when it is rendered (ideas/live.py). While a
vernissage shows the board as a poster, the phones reading it (ideas/vernissage/live.py) get
each card's shared part (its text, comments and stars) too: a third render.
"""

import functools

from agenda.models import Clock
from ideas import queries
from ideas.exercises import exercise_for
from ideas.live import current_item, publish_after_commit
from ideas.stage.options import ON_BOARD, ON_HIGHLIGHTS, stage_shows
from seminar import live

BOARD = "ideas/live.html#board"
CARD_ADDED = "ideas/live.html#card-added"
HIGHLIGHTS_REGION = "ideas/live.html#highlights"


def board_audiences(board, *, projector=True):
    """Every screen showing the public variant of a board (the projector: while on stage)."""
    public = [live.projector_audience(board.seminar_id)] if projector else []
    if board.group_id:
        public += [
            live.members_audience(board.group_id),
            live.table_screens_audience(board.group_id),
        ]
    else:
        public.append(live.phones_audience(board.seminar_id))
    return public


BOARD_READERS = "ideas/poster.html#poster-live"


def board_readers_audience(board_id):
    """The phones reading a board as a poster of the gallery (ideas/poster.html)."""
    return live.Audience("poster", board_id)


def poster_context(board):
    """Every card of a board as its readers share it, and the cards taken down since."""
    return {
        **queries.board_context(board),
        "taken_down": list(board.ideas.filter(hidden=True).values_list("pk", flat=True)),
    }


def _clock(board):
    """The seminar's clock with its item: read once per push, after the commit (one query)."""
    return Clock.objects.filter(seminar_id=board.seminar_id).select_related("current_item").first()


def _board_on_show(board, clock):
    """Is the board on the screens now?"""
    item = clock.current_item if clock else None
    return item is not None and exercise_for(item).shows_board(item, board)


def _audiences(board, clock):
    """The board's public audiences as they are after the commit: the projector only while
    the board is on its stage."""
    return lambda: board_audiences(
        board, projector=stage_shows(board.seminar_id, ON_BOARD, board, clock=clock())
    )


def _if(on_show, context):
    """A region context that is None (no push) when its part is not on the screens."""
    return lambda: context() if on_show() else None


def publish_board(board):
    clock = functools.cache(lambda: _clock(board))
    on_show = functools.cache(lambda: _board_on_show(board, clock()))
    publish_after_commit(
        _audiences(board, clock),
        [live.Region(BOARD, _if(on_show, lambda: queries.board_context(board)))],
        at_most=board_audiences(board),
    )
    live.publish_on_commit(
        [live.facilitators_audience(board.seminar_id)],
        [live.Region(BOARD, _if(on_show, lambda: queries.board_context(board, facilitator=True)))],
    )
    as_poster = functools.cache(
        lambda: on_show() and exercise_for(clock().current_item).shows_posters
    )
    live.publish_on_commit(
        [board_readers_audience(board.pk)],
        [live.Region(BOARD_READERS, _if(as_poster, lambda: poster_context(board)))],
    )


def publish_new_card(board, idea, *, posted=False):
    """A card was posted: append it on every screen showing the board, and the new count.

    The card and count are read once (one query set, shared by both variants) and rendered
    twice per language, for the public screens and the facilitators' console: a fixed cost,
    whatever the board's size. plenum.js makes the append idempotent (see its comments).
    `posted`: `idea` is the card as this request stored it, its author loaded, so the push
    only checks that it is unchanged (queries.new_card_context). One outbox row names both
    variants' audiences (written once in the transaction).
    """
    clock = functools.cache(lambda: _clock(board))
    on_show = functools.cache(lambda: _board_on_show(board, clock()))
    shared = functools.cache(
        lambda: queries.new_card_context(board, idea.pk, posted=idea if posted else None)
    )
    facilitators = live.facilitators_audience(board.seminar_id)
    publish_after_commit(
        _audiences(board, clock),
        [live.Region(CARD_ADDED, _if(on_show, shared))],
        at_most=[*board_audiences(board), facilitators],
    )
    live.publish_on_commit(
        [facilitators],
        [live.Region(CARD_ADDED, _if(on_show, lambda: {**shared(), "facilitator": True}))],
    )


def publish_highlights(seminar):
    """The highlights on the projector (while on its stage), and on the consoles with the
    button that takes one down. The highlights are read once for both variants."""

    highlights = functools.cache(lambda: list(seminar.highlights.all()))

    def context(facilitator):
        # The console shows them beside the boards; the projector when they are on its stage.
        if facilitator and not exercise_for(current_item(seminar)).stage_template:
            return None
        if not facilitator and not stage_shows(seminar, ON_HIGHLIGHTS):
            return None
        return {"seminar": seminar, "highlights": highlights(), "facilitator": facilitator}

    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(HIGHLIGHTS_REGION, lambda: context(False))],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(HIGHLIGHTS_REGION, lambda: context(True))],
    )
