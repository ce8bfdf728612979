"""The vernissage: comments and stars on the posters, presenters in turns, rounds, highlights."""

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.queries import get_clock
from groups.models import Membership
from ideas import live
from ideas.boards import live as board_live
from ideas.boards.services import boards_for_item
from ideas.domain import Refused, post_key
from ideas.models import Comment, Highlight, Presenter, Star, Vernissage
from ideas.vernissage.live import publish_gallery


def _visitor_check(idea, by):
    if by is None or by.seminar_id != idea.board.seminar_id or idea.hidden:
        raise Refused(_("This card is not in your seminar's gallery."))


@transaction.atomic
def add_comment(idea, *, by, text, key=None):
    _visitor_check(idea, by)
    key = post_key(key)
    existing = Comment.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            comment = Comment.objects.create(idea=idea, author=by, text=text, key=key)
    except IntegrityError:
        return Comment.objects.get(key=key)
    board_live.publish_board(idea.board)
    return comment


@transaction.atomic
def set_comment_hidden(comment, *, by, hidden):
    comment.hidden = hidden
    comment.save(update_fields=["hidden"])
    board_live.publish_board(comment.idea.board)


@transaction.atomic
def toggle_star(idea, *, by):
    """Star an idea, or take the star back; a person stars an idea once."""
    _visitor_check(idea, by)
    deleted, _rows = Star.objects.filter(idea=idea, participant=by).delete()
    if not deleted:
        Star.objects.get_or_create(idea=idea, participant=by)
    board_live.publish_board(idea.board)
    return not deleted


@transaction.atomic
def set_presenters(vernissage, board, *, by, participants):
    """Who stays at the poster, in the order they take turns: people of the poster's table."""
    if board.agenda_item_id != vernissage.source_item_id:
        raise Refused(_("That poster is not part of this vernissage."))
    members = set(
        Membership.objects.filter(group=board.group_id).values_list("participant_id", flat=True)
    )
    if any(participant.pk not in members for participant in participants):
        raise Refused(_("Presenters stay at their own table's poster."))
    Presenter.objects.filter(vernissage=vernissage, board=board).delete()
    Presenter.objects.bulk_create(
        Presenter(vernissage=vernissage, board=board, participant=p, turn=turn)
        for turn, p in enumerate(participants)
    )
    live.publish_exercise(board.seminar)


@transaction.atomic
def next_round(vernissage, *, by):
    vernissage.round_number += 1
    vernissage.round_started_at = timezone.now()
    vernissage.save(update_fields=["round_number", "round_started_at"])
    live.publish_exercise(vernissage.agenda_item.day.seminar)


@transaction.atomic
def pin_highlight(seminar, *, by, text, idea=None, vernissage=None):
    if idea is not None and idea.board.seminar_id != seminar.pk:
        raise Refused(_("That card belongs to another seminar."))
    # Pinning a card twice (a double click, a second facilitator) keeps one highlight.
    highlight, _created = Highlight.objects.get_or_create(
        seminar=seminar, idea=idea, text=text, defaults={"vernissage": vernissage}
    )
    board_live.publish_highlights(seminar)
    return highlight


@transaction.atomic
def remove_highlight(highlight, *, by):
    seminar = highlight.seminar
    highlight.delete()
    board_live.publish_highlights(seminar)


@transaction.atomic
def set_up_vernissage(item, *, by, source_item, round_minutes=10):
    """Turn an agenda item into a gallery walk over the boards of an earlier item."""
    if source_item.day.seminar_id != item.day.seminar_id:
        raise Refused(_("Those boards belong to another seminar."))
    if source_item.pk == item.pk:
        raise Refused(_("A vernissage shows the boards of another item."))
    boards_for_item(source_item)  # its posters exist, even when it has not run yet
    vernissage, _created = Vernissage.objects.update_or_create(
        agenda_item=item, defaults={"source_item": source_item, "round_minutes": round_minutes}
    )
    if item.kind != "vernissage":
        item.kind = "vernissage"
        item.save(update_fields=["kind"])
    seminar = item.day.seminar
    if get_clock(seminar).current_item_id == item.pk:
        # Set up while it runs: every screen's exercise region changes at once.
        live.publish_exercise(seminar, item=item, every_seat=True)
        publish_gallery(seminar)
    return vernissage
