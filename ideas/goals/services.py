"""Goals: drafted per table, shown one at a time on the projector, sealed with handshakes."""

from django.contrib.auth.models import AnonymousUser, User
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from groups.models import Membership, Screen
from ideas.domain import Conflict, Refused, post_key
from ideas.goals import live
from ideas.models import Goal, GoalStage, Pledge
from seminar.models import Participant
from seminar.permissions import is_facilitator

SAVED_MEANWHILE = gettext_lazy(
    "Someone at your table saved the goal meanwhile. Their version is shown below, and your "
    "text is still in the form: save again to replace theirs, or change yours first."
)


def _stage(seminar):
    stage, _created = GoalStage.objects.get_or_create(seminar=seminar)
    return GoalStage.objects.select_for_update().get(pk=stage.pk)


def _may_draft(seminar, group, by):
    """Members of the group (on their phones), its table screen, or a facilitator."""
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
    key = post_key(key)
    existing = Goal.objects.filter(key=key).first()
    if existing is not None:
        return _same_post(existing, seminar, group)
    if group is not None and group.grouping.seminar_id != seminar.pk:
        raise Refused(_("That table belongs to another seminar."))
    if not _may_draft(seminar, group, by):
        raise Refused(_("Only the table's members can draft its goal."))
    if group is None and not isinstance(by, User):  # a facilitator may add a seminar's goal
        raise Refused(_("Goals are drafted at the tables, and you have no table now."))
    try:
        with transaction.atomic():  # a savepoint: the table's goal may have been made meanwhile
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
    except IntegrityError:
        # The same key stored meanwhile (a retry racing its first try), or the table's goal.
        existing = Goal.objects.filter(key=key).first()
        if existing is not None:
            return _same_post(existing, seminar, group)
        current = Goal.objects.filter(group=group).first() if group else None
        if current is None:
            raise
        raise Conflict(SAVED_MEANWHILE, current=current) from None
    live.publish_goals(seminar)
    return goal


def _same_post(goal, seminar, group):
    """The goal a repeated post stored, if it is this table's; a key used elsewhere is refused."""
    if goal.seminar_id != seminar.pk or goal.group_id != getattr(group, "pk", None):
        raise Refused(_("This goal could not be saved. Please try again."))
    return goal


@transaction.atomic
def edit_goal(goal, *, by, version=None, **fields):
    """Change the table's goal. With `version` (the one the phone's form was made from), a goal
    saved meanwhile by someone else is not overwritten: Conflict shows what is saved now."""
    if not _may_draft(goal.seminar, goal.group, by):
        raise Refused(_("Only the table's members can change its goal."))
    goal = Goal.objects.select_for_update().get(pk=goal.pk)
    if goal.sealed_at is not None:
        raise Refused(_("This goal is sealed and can no longer change."))
    if version is not None and version != goal.version:
        raise Conflict(SAVED_MEANWHILE, current=goal)
    for name in ("title", "why", "measure", "target_date", "owner"):
        if name in fields:
            setattr(goal, name, fields[name])
    goal.version += 1
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
    if Goal.objects.filter(pk=goal.pk, sealed_at__isnull=False).exists():
        raise Refused(_("This goal is sealed: its handshakes can no longer change."))
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
def seal_goal(goal, *, by):
    """The goal and its handshakes become the seminar's record; the next goal can be shown.

    Sealing twice keeps the first moment."""
    _stage(goal.seminar)  # orders this with the handshakes, which lock the stage too
    Goal.objects.filter(pk=goal.pk, sealed_at__isnull=True).update(sealed_at=timezone.now())
    live.publish_stage(goal.seminar, cards=True)


@transaction.atomic
def reopen_goal(goal, *, by):
    """A goal sealed by mistake takes handshakes and changes again."""
    _stage(goal.seminar)
    Goal.objects.filter(pk=goal.pk).update(sealed_at=None)
    live.publish_stage(goal.seminar, cards=True)
