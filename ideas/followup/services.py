"""The directors' follow-up: a goal's status, progress notes and the next follow-up date."""

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from ideas.domain import Refused
from ideas.models import ProgressNote
from seminar.permissions import may_follow_up


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
