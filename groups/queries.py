"""Reused reads of groupings: the current grouping, a participant's table, groups with members."""

from django.db.models import Prefetch

from groups.models import Group, Membership
from seminar.models import Participant


def current_grouping(seminar):
    """The grouping of the item running now (None in plenum or before the start)."""
    from agenda.models import Clock

    clock = Clock.objects.filter(seminar=seminar).select_related("current_item__grouping").first()
    item = clock.current_item if clock else None
    return item.grouping if item else None


def groups_with_members(grouping):
    members = Participant.objects.select_related("department").order_by("display_name")
    return list(
        Group.objects.filter(grouping=grouping)
        .select_related("leader", "leader_user")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("number")
    )


def group_of(participant, grouping):
    if grouping is None:
        return None
    membership = (
        Membership.objects.filter(participant=participant, grouping=grouping)
        .select_related("group")
        .first()
    )
    return membership.group if membership else None
