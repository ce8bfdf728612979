"""Boards: cards posted, edited, withdrawn and hidden; headings; photos of the poster.

Every change runs in a transaction and schedules its push on commit (ideas/live.py).
"""

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from groups.models import Membership
from ideas.boards import live
from ideas.domain import Refused, post_key
from ideas.models import Board, Cluster, Idea, Photo


def may_post(board, participant):
    if participant is None or participant.seminar_id != board.seminar_id:
        return False
    if board.group_id is None:
        return True
    return Membership.objects.filter(group_id=board.group_id, participant=participant).exists()


@transaction.atomic
def boards_for_item(item, *, by=None):
    """The boards of an agenda item: one per group of its grouping, or one for the plenum."""
    seminar = item.day.seminar
    groups = list(item.grouping.groups.all()) if item.grouping_id else [None]
    boards = []
    for group in groups:
        board, _created = Board.objects.get_or_create(
            agenda_item=item,
            group=group,
            defaults={"seminar": seminar, "prompt": item.description[:500]},
        )
        boards.append(board)
    return boards


@transaction.atomic
def set_board_open(board, *, by, is_open):
    board.is_open = is_open
    board.save(update_fields=["is_open"])
    live.publish_board(board)


@transaction.atomic
def add_idea(board, *, by, text, key=None):
    """Post a card once: a retry with the same key returns the card already stored.

    The common case, a new card from someone who may post, is one insert: the key's unique
    constraint finds a retry, which is then checked and answered as before."""
    key = post_key(key)
    allowed = may_post(board, by)
    if allowed and board.is_open:
        try:
            with transaction.atomic():
                idea = Idea.objects.create(board=board, author=by, text=text, key=key)
        except IntegrityError:  # the key is stored: a retry, or the same post twice at once
            pass
        else:
            live.publish_new_card(board, idea, posted=True)  # its outbox row commits with it
            return idea
    existing = Idea.objects.filter(key=key).first()
    if existing is not None:
        if existing.board_id != board.pk or existing.author_id != getattr(by, "pk", None):
            raise Refused(_("This card could not be saved. Please try again."))
        # Pushed again: the first attempt's process may have died before its push. A repeated
        # append is harmless (plenum.js drops a card the page already has).
        live.publish_new_card(board, existing)
        return existing
    if not allowed:
        raise Refused(_("You can only post on your own table's board."))
    if not board.is_open:
        raise Refused(_("This exercise is closed."))
    raise Refused(_("This card could not be saved. Please try again."))


def _own_open_idea(idea, by):
    if by is None or idea.author_id != by.pk:
        raise Refused(_("You can only change your own cards."))
    if not idea.board.is_open:
        raise Refused(_("This exercise is closed."))


@transaction.atomic
def edit_idea(idea, *, by, text):
    _own_open_idea(idea, by)
    idea.text = text
    idea.save(update_fields=["text", "updated_at"])
    live.publish_board(idea.board)
    return idea


@transaction.atomic
def withdraw_idea(idea, *, by):
    _own_open_idea(idea, by)
    board = idea.board
    idea.delete()
    live.publish_board(board)


@transaction.atomic
def set_idea_hidden(idea, *, by, hidden):
    """The facilitator hides a card: it leaves every screen and export, and can come back."""
    idea.hidden = hidden
    idea.save(update_fields=["hidden"])
    live.publish_board(idea.board)


@transaction.atomic
def create_cluster(board, *, by, heading, ideas=()):
    cluster = Cluster.objects.create(board=board, heading=heading)
    Idea.objects.filter(board=board, pk__in=[idea.pk for idea in ideas]).update(cluster=cluster)
    live.publish_board(board)
    return cluster


@transaction.atomic
def move_to_cluster(idea, *, by, cluster):
    if cluster is not None and cluster.board_id != idea.board_id:
        raise Refused(_("That heading belongs to another board."))
    idea.cluster = cluster
    idea.save(update_fields=["cluster"])
    live.publish_board(idea.board)


@transaction.atomic
def rename_cluster(cluster, *, by, heading):
    cluster.heading = heading
    cluster.save(update_fields=["heading"])
    live.publish_board(cluster.board)


@transaction.atomic
def dissolve_cluster(cluster, *, by):
    board = cluster.board
    cluster.delete()  # its cards stay, without a heading
    live.publish_board(board)


# Photos of the poster: what a phone may send and the size they are kept at are in settings
# (PHOTO_MAX_BYTES, PHOTO_MAX_PIXELS, PHOTO_MAX_SIDE) and ideas/boards/photos.py.
PHOTO_MAX_BYTES = settings.PHOTO_MAX_BYTES
PHOTO_MAX_SIDE = settings.PHOTO_MAX_SIDE


def reencode_photo(upload):
    """A phone's photo as a clean JPEG (ideas/boards/photos.py); Refused for anything else."""
    from ideas.boards import photos  # Pillow loads with the first photo, not at start-up

    return photos.reencode_photo(upload)


@transaction.atomic
def add_photo(board, *, by, upload):
    from django.core.files.base import ContentFile

    if not may_post(board, by):
        raise Refused(_("You can only post on your own table's board."))
    data = reencode_photo(upload)
    photo = Photo(board=board, author=by)
    photo.image.save("poster.jpg", ContentFile(data), save=False)
    photo.save()
    live.publish_board(board)
    return photo


@transaction.atomic
def set_photo_hidden(photo, *, by, hidden):
    photo.hidden = hidden
    photo.save(update_fields=["hidden"])
    live.publish_board(photo.board)
