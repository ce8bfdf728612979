"""The gallery and its posters, live on every phone reading them.

The gallery page (ideas/gallery.html, `view=gallery&id=<seminar>`) lists the posters of the
running vernissage: it changes when a vernissage starts, is set up or ends.

The poster page (ideas/poster.html) opens its own socket (`view=poster&id=<board>`): it hears
only its board's readers and its own person. A star, a comment or a card taken down reaches
every phone reading that poster in place (ideas/boards/live.py pushes it). Only what the
readers share is pushed, card by card: a person's own stars and the comment they are typing
are never replaced. A reconnect sends the whole poster's shared parts again.
"""

from agenda.queries import get_clock
from ideas import queries
from ideas.boards.live import BOARD_READERS, board_readers_audience, poster_context
from ideas.exercises import exercise_for
from ideas.models import Board
from seminar import live

GALLERY = "ideas/gallery.html#posters"


def _audiences(viewer, board_id):
    if not Board.objects.filter(pk=board_id, seminar=viewer.seminar).exists():
        return None
    return [board_readers_audience(board_id)]


def _regions(viewer, board_id):
    board = Board.objects.filter(pk=board_id, seminar=viewer.seminar).first()
    return [live.Region(BOARD_READERS, lambda: poster_context(board) if board else None)]


live.page("poster", audiences=_audiences, regions=_regions)


def gallery_audience(seminar_id):
    return live.Audience("gallery", seminar_id)


def gallery_context(seminar):
    """The posters of the vernissage running now (none when no vernissage runs)."""
    item = get_clock(seminar).current_item
    vernissage = getattr(item, "vernissage", None) if item else None
    boards = queries.boards_of_item(vernissage.source_item) if vernissage else []
    return {
        "seminar": seminar,
        "vernissage": vernissage,
        "posters": queries.boards_contexts(boards),
    }


def publish_gallery(seminar):
    live.publish_on_commit(
        [gallery_audience(seminar.pk)], [live.Region(GALLERY, lambda: gallery_context(seminar))]
    )


@live.on_item_change
def _item_changed(seminar, item, *, previous, regroup):
    """A vernissage starts or ends: the gallery pages show its posters, or that none runs."""
    if any(each is not None and exercise_for(each).shows_posters for each in (item, previous)):
        publish_gallery(seminar)


live.page(
    "gallery",
    audiences=lambda viewer, seminar_id: (
        [gallery_audience(seminar_id)] if seminar_id == viewer.seminar.pk else None
    ),
    regions=lambda viewer, _id: [live.Region(GALLERY, lambda: gallery_context(viewer.seminar))],
)
