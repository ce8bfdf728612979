"""What every exercise's services share: the refusals a person reads, and a post's key."""

import uuid

from django.contrib.auth.models import AnonymousUser, User

from groups.models import Membership, Screen
from seminar.models import Participant
from seminar.permissions import is_facilitator


class Refused(Exception):
    """An action this person may not take now; the message is for them."""


class Conflict(Refused):
    """Someone saved the same shared text meanwhile. Nothing is overwritten: the later writer is
    shown `current` (what is saved now) beside their own text and decides."""

    def __init__(self, message, *, current):
        super().__init__(message)
        self.current = current


def post_key(value):
    try:
        return uuid.UUID(str(value))
    except (TypeError, ValueError):
        return uuid.uuid4()  # no usable key: the post is stored, just not deduplicated


def works_at(seminar, group, by):
    """May `by` work on a table's shared things: a member on their phone, the table's screen,
    or a facilitator of the seminar?"""
    if group is None or group.grouping.seminar_id != seminar.pk:
        return False
    if isinstance(by, User | AnonymousUser):
        return is_facilitator(by, seminar)
    if isinstance(by, Screen):
        return by.seminar_id == seminar.pk and by.group_id == group.pk
    if isinstance(by, Participant):
        return (
            by.seminar_id == seminar.pk
            and Membership.objects.filter(group=group, participant=by).exists()
        )
    return False
