"""Every change to boards, ideas, comments, stars, the vernissage and dot votes.

Plain functions with an explicit actor, each in one transaction, pushing on commit. A
participant may touch only boards of their own seminar; on a group's board only its members
post; only authors edit or withdraw their cards, and only while the board is open.
"""

import uuid

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.queries import get_clock
from groups.models import Membership, Screen
from ideas import live
from ideas.models import (
    Board,
    Cluster,
    Comment,
    Commitment,
    Dot,
    Goal,
    GoalStage,
    Highlight,
    Idea,
    Message,
    MondayAction,
    Photo,
    Pledge,
    Presenter,
    ProgressNote,
    Star,
    Vernissage,
    Vote,
)
from seminar.models import Participant
from seminar.permissions import is_facilitator, may_follow_up


class Refused(Exception):
    """An action this person may not take now; the message is for them."""


def _key(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return uuid.uuid4()  # no usable key: the post is stored, just not deduplicated


def may_post(board, participant):
    if participant is None or participant.seminar_id != board.seminar_id:
        return False
    if board.group_id is None:
        return True
    return Membership.objects.filter(group_id=board.group_id, participant=participant).exists()


# --- Boards -------------------------------------------------------------------------------------


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


# --- Ideas --------------------------------------------------------------------------------------


@transaction.atomic
def add_idea(board, *, by, text, key=None):
    """Post a card once: a retry with the same key returns the card already stored."""
    key = _key(key)
    existing = Idea.objects.filter(key=key).first()
    if existing is not None:
        if existing.board_id != board.pk or existing.author_id != getattr(by, "pk", None):
            raise Refused(_("This card could not be saved. Please try again."))
        return existing
    if not may_post(board, by):
        raise Refused(_("You can only post on your own table's board."))
    if not board.is_open:
        raise Refused(_("This exercise is closed."))
    try:
        with transaction.atomic():
            idea = Idea.objects.create(board=board, author=by, text=text, key=key)
    except IntegrityError:  # the same key arrived twice at once: the other request stored it
        return Idea.objects.get(key=key)
    live.publish_new_card(board, idea)
    return idea


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


# --- Clusters -----------------------------------------------------------------------------------


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


# --- Vernissage ---------------------------------------------------------------------------------


def _visitor_check(idea, by):
    if by is None or by.seminar_id != idea.board.seminar_id or idea.hidden:
        raise Refused(_("This card is not in your seminar's gallery."))


@transaction.atomic
def add_comment(idea, *, by, text, key=None):
    _visitor_check(idea, by)
    key = _key(key)
    existing = Comment.objects.filter(key=key).first()
    if existing is not None:
        return existing
    try:
        with transaction.atomic():
            comment = Comment.objects.create(idea=idea, author=by, text=text, key=key)
    except IntegrityError:
        return Comment.objects.get(key=key)
    live.publish_board(idea.board)
    return comment


@transaction.atomic
def set_comment_hidden(comment, *, by, hidden):
    comment.hidden = hidden
    comment.save(update_fields=["hidden"])
    live.publish_board(comment.idea.board)


@transaction.atomic
def toggle_star(idea, *, by):
    """Star an idea, or take the star back; a person stars an idea once."""
    _visitor_check(idea, by)
    deleted, _rows = Star.objects.filter(idea=idea, participant=by).delete()
    if not deleted:
        Star.objects.get_or_create(idea=idea, participant=by)
    live.publish_board(idea.board)
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
    highlight = Highlight.objects.create(
        seminar=seminar, idea=idea, text=text, vernissage=vernissage
    )
    live.publish_highlights(seminar)
    return highlight


@transaction.atomic
def remove_highlight(highlight, *, by):
    seminar = highlight.seminar
    highlight.delete()
    live.publish_highlights(seminar)


# --- Dot voting ---------------------------------------------------------------------------------


@transaction.atomic
def open_vote(seminar, *, by, title, boards, budget=3, several_per_idea=False):
    vote = Vote.objects.create(
        seminar=seminar,
        agenda_item=get_clock(seminar).current_item,  # shown while this item runs
        title=title,
        budget=budget,
        several_per_idea=several_per_idea,
    )
    vote.boards.set([board for board in boards if board.seminar_id == seminar.pk])
    live.publish_vote(vote)
    return vote


@transaction.atomic
def cast_dot(vote, *, by, idea, key=None):
    """Put one dot on an idea, within the budget; a retried press with the same key counts once."""
    key = _key(key)
    if Dot.objects.filter(key=key).exists():
        return Dot.objects.get(key=key)
    if by is None or by.seminar_id != vote.seminar_id:
        raise Refused(_("This vote belongs to another seminar."))
    if not vote.is_open:
        raise Refused(_("The vote is closed."))
    if idea.hidden or not vote.boards.filter(pk=idea.board_id).exists():
        raise Refused(_("This card is not part of the vote."))
    # Lock the voter's row so two quick presses cannot both pass the budget check.
    type(by).objects.select_for_update().get(pk=by.pk)
    spent = Dot.objects.filter(vote=vote, participant=by)
    if spent.count() >= vote.budget:
        raise Refused(_("You have used all your dots."))
    if not vote.several_per_idea and spent.filter(idea=idea).exists():
        raise Refused(_("One dot per card in this vote."))
    dot = Dot.objects.create(vote=vote, participant=by, idea=idea, key=key)
    live.publish_tally(vote)
    return dot


@transaction.atomic
def remove_dot(vote, *, by, idea):
    if not vote.is_open:
        raise Refused(_("The vote is closed."))
    dot = Dot.objects.filter(vote=vote, participant=by, idea=idea).order_by("-pk").first()
    if dot is not None:
        dot.delete()
        live.publish_tally(vote)


@transaction.atomic
def set_vote_state(vote, *, by, is_open=None, revealed=None):
    if is_open is not None:
        vote.is_open = is_open
    if revealed is not None:
        vote.revealed = revealed
    vote.save(update_fields=["is_open", "revealed"])
    live.publish_vote(vote)


@transaction.atomic
def set_up_vernissage(item, *, by, source_item, round_minutes=10):
    """Turn an agenda item into a gallery walk over the boards of an earlier item."""

    if source_item.day.seminar_id != item.day.seminar_id:
        raise Refused(_("Those boards belong to another seminar."))
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
    return vernissage


# --- Goals and handshakes -------------------------------------------------------------------------


def _stage(seminar):
    stage, _created = GoalStage.objects.get_or_create(seminar=seminar)
    return GoalStage.objects.select_for_update().get(pk=stage.pk)


def goals_sealed(seminar):
    return GoalStage.objects.filter(seminar=seminar, sealed_at__isnull=False).exists()


def _may_draft(seminar, group, by):
    """Members of the group (on their phones), its table screen, or a facilitator."""
    from django.contrib.auth.models import AnonymousUser, User

    if isinstance(by, User | AnonymousUser):
        return is_facilitator(by, seminar)
    if isinstance(by, Screen):
        return by.seminar_id == seminar.pk and (group is None or by.group_id == group.pk)
    if isinstance(by, Participant):
        if by.seminar_id != seminar.pk:
            return False
        return group is None or Membership.objects.filter(group=group, participant=by).exists()
    return False


@transaction.atomic
def draft_goal(
    seminar, *, by, group=None, title, why="", measure="", target_date=None, owner="", key=None
):
    key = _key(key)
    existing = Goal.objects.filter(key=key).first()
    if existing is not None:
        return existing
    if group is not None and group.grouping.seminar_id != seminar.pk:
        raise Refused(_("That table belongs to another seminar."))
    if not _may_draft(seminar, group, by):
        raise Refused(_("Only the table's members can draft its goal."))
    if goals_sealed(seminar):
        raise Refused(_("The goals are sealed and can no longer change."))
    goal = Goal.objects.create(
        seminar=seminar,
        group=group,
        title=title,
        why=why,
        measure=measure,
        target_date=target_date,
        owner=owner,
        key=key,
    )
    live.publish_goals(seminar)
    return goal


@transaction.atomic
def edit_goal(goal, *, by, **fields):
    if not _may_draft(goal.seminar, goal.group, by):
        raise Refused(_("Only the table's members can change its goal."))
    if goals_sealed(goal.seminar):
        raise Refused(_("The goals are sealed and can no longer change."))
    for name in ("title", "why", "measure", "target_date", "owner"):
        if name in fields:
            setattr(goal, name, fields[name])
    goal.save()
    live.publish_goals(goal.seminar)
    return goal


@transaction.atomic
def show_goal(seminar, *, by, goal):
    """Put one goal on the projector; phones and table screens can shake on it."""
    if goal is not None and goal.seminar_id != seminar.pk:
        raise Refused(_("That goal belongs to another seminar."))
    stage = _stage(seminar)
    stage.current_goal = goal
    stage.save(update_fields=["current_goal"])
    live.publish_stage(seminar, cards=True)


def _shaker(goal, by):
    """(participant, group) of a handshake: a phone for its person, a screen for its table."""

    stage = _stage(goal.seminar)
    if stage.sealed_at is not None:
        raise Refused(_("The goals are sealed: handshakes can no longer change."))
    if stage.current_goal_id != goal.pk:
        raise Refused(_("Shake on the goal that is shown now."))
    if isinstance(by, Screen):
        if by.seminar_id != goal.seminar_id or by.group_id is None:
            raise Refused(_("This screen is not at a table of this seminar."))
        return None, by.group
    if by is None or by.seminar_id != goal.seminar_id:
        raise Refused(_("This goal belongs to another seminar."))
    return by, None


@transaction.atomic
def shake(goal, *, by):
    """A handshake on the goal shown: once per person or table; a repeat changes nothing."""

    participant, group = _shaker(goal, by)
    pledge, created = Pledge.objects.get_or_create(goal=goal, participant=participant, group=group)
    if created:
        live.publish_stage(goal.seminar)
    return pledge


@transaction.atomic
def unshake(goal, *, by):
    participant, group = _shaker(goal, by)
    deleted, _rows = Pledge.objects.filter(goal=goal, participant=participant, group=group).delete()
    if deleted:
        live.publish_stage(goal.seminar)


@transaction.atomic
def seal_goals(seminar, *, by):
    """The goals and their handshakes become the seminar's record."""
    stage = _stage(seminar)
    stage.sealed_at = stage.sealed_at or timezone.now()
    stage.save(update_fields=["sealed_at"])
    live.publish_stage(seminar, cards=True)


# --- Department commitments and the communication plan ----------------------------------------


def _department_member(participant, department):
    return participant.seminar_id == department.seminar_id and (
        participant.department_id == department.pk
    )


def _may_commit(by, goal, department):
    from django.contrib.auth.models import User

    if department.seminar_id != goal.seminar_id:
        raise Refused(_("That department belongs to another seminar."))
    allowed = (
        is_facilitator(by, goal.seminar)
        if isinstance(by, User)
        else _department_member(by, department)
    )
    if not allowed:
        raise Refused(_("Only the department's leaders can write its commitments."))


@transaction.atomic
def save_commitment(goal, *, by, department, demands, agreements):
    _may_commit(by, goal, department)
    commitment, _created = Commitment.objects.update_or_create(
        goal=goal,
        department=department,
        defaults={"demands": demands, "agreements": agreements},
    )
    return commitment


@transaction.atomic
def add_message(goal, *, by, department, message, audience, sender, when):
    """A line of the department's communication plan for a goal."""

    _may_commit(by, goal, department)
    commitment, _created = Commitment.objects.get_or_create(goal=goal, department=department)
    return Message.objects.create(
        commitment=commitment, message=message, audience=audience, sender=sender, when=when
    )


@transaction.atomic
def add_monday_action(participant, *, text, goal=None, key=None):
    key = _key(key)
    existing = MondayAction.objects.filter(key=key).first()
    if existing is not None:
        return existing
    if goal is not None and goal.seminar_id != participant.seminar_id:
        raise Refused(_("That goal belongs to another seminar."))
    return MondayAction.objects.create(participant=participant, goal=goal, text=text, key=key)


# --- Directors' follow-up -------------------------------------------------------------------------


@transaction.atomic
def record_progress(goal, *, by, status, note="", noted_on=None, next_follow_up=None, owner=None):
    """A dated follow-up entry by a director (or the seminar's facilitator)."""

    if not may_follow_up(by, goal.seminar):
        raise Refused(_("You do not follow up this seminar's goals."))
    ProgressNote.objects.create(
        goal=goal,
        author=by,
        status=status,
        note=note,
        noted_on=noted_on or timezone.localdate(),
        next_follow_up=next_follow_up,
    )
    goal.status = status
    goal.next_follow_up = next_follow_up
    if owner is not None:
        goal.owner = owner
    goal.save(update_fields=["status", "next_follow_up", "owner", "updated_at"])
    return goal


# --- Photos of the poster -------------------------------------------------------------------------

PHOTO_MAX_BYTES = 12 * 1024 * 1024
PHOTO_MAX_SIDE = 2000


def reencode_photo(upload):
    """A phone's photo as a clean JPEG: turned upright, at most 2000 px, and without EXIF
    (no GPS position, no camera serial). Raises Refused for anything that is not an image."""
    from io import BytesIO

    from PIL import Image, ImageOps, UnidentifiedImageError

    if upload.size > PHOTO_MAX_BYTES:
        raise Refused(_("The photo is too large (at most 12 MB)."))
    try:
        with Image.open(upload) as original:
            original.verify()
        upload.seek(0)
        with Image.open(upload) as original:
            image = ImageOps.exif_transpose(original).convert("RGB")
    except (UnidentifiedImageError, OSError, ValueError, Image.DecompressionBombError) as error:
        raise Refused(_("This file is not a photo we can read.")) from error
    image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
    out = BytesIO()
    image.save(out, format="JPEG", quality=85, optimize=True)  # no exif= : metadata is dropped
    return out.getvalue()


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
