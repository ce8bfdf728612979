"""Reused reads of boards: cards with their comments and stars in a fixed number of queries."""

import time

from django.db import connection
from django.db.models import Count, Prefetch, Q

from ideas.models import Board, Cluster, Comment, Idea, Photo, Presenter
from seminar import live

BOARD_KINDS = {"brainstorm", "group_work", "interviews", "cases", "questions"}


def _cards(board):
    """The cards of a board, or of a list of board ids."""
    comments = Comment.objects.filter(hidden=False).select_related("author")
    boards = {"board__in": board} if isinstance(board, list) else {"board": board}
    return (
        Idea.objects.filter(**boards)
        .select_related("author", "cluster")
        .annotate(star_count=Count("stars", distinct=True))
        .prefetch_related(Prefetch("comments", queryset=comments, to_attr="visible_comments"))
        .order_by("created_at", "pk")
    )


def cards(board, *, include_hidden=False):
    """The board's ideas in order, each with `.visible_comments` and `.star_count`."""
    ideas = _cards(board)
    if not include_hidden:
        ideas = ideas.filter(hidden=False)
    return list(ideas)


def board_context(board, *, facilitator=False):
    return boards_contexts([board], facilitator=facilitator)[0]


def _board_rows(ids):
    """Every card (hidden ones too), heading, photo and presenter of the boards, by board id,
    and the version of this read."""
    # Read before the cards: a render that starts later shows at least as new a board, so a
    # screen keeps the push with the highest version when two arrive out of order.
    version = time.time_ns()
    cards_of, clusters_of, photos_of, presenters_of = ({pk: [] for pk in ids} for _ in range(4))
    for idea in _cards(list(ids)):
        cards_of[idea.board_id].append(idea)
    for cluster in Cluster.objects.filter(board__in=ids):
        clusters_of[cluster.board_id].append(cluster)
    for photo in Photo.objects.filter(board__in=ids):
        photos_of[photo.board_id].append(photo)
    for presenter in Presenter.objects.filter(board__in=ids).select_related("participant"):
        presenters_of[presenter.board_id].append(presenter)
    return version, cards_of, clusters_of, photos_of, presenters_of


def boards_contexts(boards, *, facilitator=False):
    """The context of each board (cards under their headings, photos, presenters) in five
    queries, however many boards: the console and the projector show every table's board.
    Within one read (seminar.live.one_read) the boards are read once for both variants: the
    console shows them as the facilitators see them and in the projector's preview."""
    if not boards:
        return []
    ids = tuple(board.pk for board in boards)
    version, cards_of, clusters_of, photos_of, presenters_of = live.read_once(
        ("boards", ids), lambda: _board_rows(ids)
    )
    contexts = []
    for board in boards:
        cards = cards_of[board.pk]
        photos = photos_of[board.pk]
        if not facilitator:
            cards = [idea for idea in cards if not idea.hidden]
            photos = [photo for photo in photos if not photo.hidden]
        by_cluster = {cluster.pk: [] for cluster in clusters_of[board.pk]}
        loose = []
        for idea in cards:
            by_cluster.get(idea.cluster_id, loose).append(idea)
        contexts.append(
            {
                "board": board,
                "version": version,
                "photos": photos,
                "clusters": [
                    (cluster, by_cluster[cluster.pk]) for cluster in clusters_of[board.pk]
                ],
                "loose": loose,
                "count": sum(1 for idea in cards if not idea.hidden),
                "facilitator": facilitator,
                "presenters": presenters_of[board.pk],
            }
        )
    return contexts


def card(board, idea_pk):
    """One visible card of the board with its comments and stars (None when hidden or gone)."""
    return _cards(board).filter(pk=idea_pk, hidden=False).first()


def new_card_context(board, idea_pk, *, posted=None):
    """A card just posted, to append to the board's loose cards, and the board's new count.

    A fixed number of queries and one card to render, however many cards the board has. The
    card is None when it is no longer a visible loose card (hidden, withdrawn or moved under a
    heading since): the push of that change shows the board as it is. The version is read
    after the card's commit and before the reads, like a board's (see board_context), so
    plenum.js can tell whether a board it receives was read before this card existed.

    `posted`, the card as its request stored it (its author loaded), saves reading it again:
    one query counts the board's cards and checks that the card is still as stored (visible,
    loose, its text unchanged, no star or comment yet); only when it is not is it read whole.
    """
    version = time.time_ns()
    if posted is not None:
        with connection.cursor() as cursor:
            cursor.execute(POSTED_STATE_SQL, [posted.pk, posted.text, False, board.pk, False])
            count, untouched = cursor.fetchone()
        if untouched:
            idea = posted
            idea.star_count, idea.visible_comments = 0, []
        else:
            idea = _cards(board).filter(pk=idea_pk, hidden=False, cluster__isnull=True).first()
    else:
        idea = _cards(board).filter(pk=idea_pk, hidden=False, cluster__isnull=True).first()
        count = Idea.objects.filter(board=board, hidden=False).count()
    clusters = list(board.clusters.all())  # the card's "move under a heading" menu
    return {
        "board": board,
        "idea": idea,
        "card_version": version,
        "version": version,
        "clusters": [(cluster, ()) for cluster in clusters],
        "count": count,
    }


# The board's visible cards, and whether one of them is still a loose card with the given text
# and no star or visible comment (1) or not (0). Written out: the ORM spent longer compiling
# this one query than the database running it, on every post. tests/ideas/boards checks the
# tables and columns against the models.
POSTED_STATE_SQL = (
    "SELECT COUNT(*), COUNT(CASE WHEN i.id = %s AND i.cluster_id IS NULL AND i.text = %s"
    " AND NOT EXISTS (SELECT 1 FROM ideas_star s WHERE s.idea_id = i.id)"
    " AND NOT EXISTS (SELECT 1 FROM ideas_comment c WHERE c.idea_id = i.id AND c.hidden = %s)"
    " THEN 1 END) FROM ideas_idea i WHERE i.board_id = %s AND i.hidden = %s"
)


def boards_of_item(item):
    if item is None:
        return []
    return list(
        Board.objects.filter(agenda_item=item)
        .select_related("group", "agenda_item")
        .order_by("group__number", "pk")
    )


def board_for_seat(item, group):
    """The board a phone at `group` works on during `item` (the plenum board if no group)."""
    if item is None:
        return None
    if item.grouping_id and group is not None and group.grouping_id == item.grouping_id:
        return Board.objects.filter(agenda_item=item, group=group).first()
    if not item.grouping_id:
        return Board.objects.filter(agenda_item=item, group=None).first()
    return None


def ranking(vote):
    """The ideas of the vote by dots, most first: "the most important conclusions"."""
    return list(
        Idea.objects.filter(board__in=vote.boards.all(), hidden=False)
        .annotate(dot_count=Count("dots", filter=Q(dots__vote=vote)))
        .select_related("board__group")
        .order_by("-dot_count", "created_at")
    )


def vote_context(vote):
    """A vote as its region shows it: the ranking once its result is revealed."""
    return {"vote": vote, "ranking": ranking(vote) if vote.revealed else []}
