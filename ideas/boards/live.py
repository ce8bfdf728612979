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
from ideas.live import current_item
from seminar import live

BOARD = "ideas/live.html#board"
CARD_ADDED = "ideas/live.html#card-added"
HIGHLIGHTS = "ideas/live.html#highlights"


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


BOARD_READERS = "ideas/poster.html#poster-live"


def board_readers_audience(board_id):
    """The phones reading a board as a poster of the gallery (ideas/poster.html)."""
    return live.Audience("poster", board_id)


def _board_shown_by(board):
    """The exercise showing the board now, or None. Read once per push, after the commit."""
    clock = Clock.objects.filter(seminar_id=board.seminar_id).select_related("current_item").first()
    item = clock.current_item if clock else None
    if item is None:
        return None
    exercise = exercise_for(item)
    return exercise if exercise.shows_board(item, board) else None


def _board_on_show(board):
    return _board_shown_by(board) is not None


def poster_context(board):
    """Every card of a board as its readers share it, and the cards taken down since."""
    return {
        **queries.board_context(board),
        "taken_down": list(board.ideas.filter(hidden=True).values_list("pk", flat=True)),
    }


def _if(on_show, context):
    """A region context that is None (no push) when its part is not on the screens."""
    return lambda: context() if on_show() else None


def publish_board(board):
    shown_by = functools.cache(lambda: _board_shown_by(board))
    on_show = functools.cache(lambda: shown_by() is not None)
    live.publish_on_commit(
        board_audiences(board),
        [live.Region(BOARD, _if(on_show, lambda: queries.board_context(board)))],
    )
    as_poster = functools.cache(lambda: on_show() and shown_by().shows_posters)
    live.publish_on_commit(
        [board_readers_audience(board.pk)],
        [live.Region(BOARD_READERS, _if(as_poster, lambda: poster_context(board)))],
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
    """The highlights on the projector, and on the consoles with the button that takes one down.

    Read once for both variants: whether they are on show, and the highlights themselves.
    """

    @functools.cache
    def highlights():
        if not exercise_for(current_item(seminar)).stage_template:
            return None
        return list(seminar.highlights.all())

    def context(facilitator):
        shown = highlights()
        if shown is None:
            return None
        return {"seminar": seminar, "highlights": shown, "facilitator": facilitator}

    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(HIGHLIGHTS, lambda: context(False))],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [live.Region(HIGHLIGHTS, lambda: context(True))],
    )
