"""Reused reads of groupings: the current grouping, a participant's table, groups with members."""

from django.db.models import Prefetch

from agenda.models import Clock
from agenda.queries import get_clock
from groups.models import Group, Membership, Screen
from seminar import live
from seminar.models import Participant
from seminar.permissions import screen_finder


def current_grouping(seminar):
    """The grouping of the item running now (None in plenum or before the start); read once
    per state read (seminar.live)."""
    return live.read_once(("current_grouping", seminar.pk), lambda: _current_grouping(seminar))


def _current_grouping(seminar):
    if live.reading():  # a state read has (or makes) the clock anyway: the same one
        item = get_clock(seminar).current_item
    else:  # a service: no clock is made for it
        clock = (
            Clock.objects.filter(seminar=seminar).select_related("current_item__grouping").first()
        )
        item = clock.current_item if clock else None
    return item.grouping if item else None


def _groups_with_members(groups):
    members = Participant.objects.select_related("department").order_by("display_name")
    return (
        groups.select_related("leader", "leader_user")
        .prefetch_related(Prefetch("members", queryset=members))
        .order_by("number")
    )


def groups_with_members(grouping):
    return list(_groups_with_members(Group.objects.filter(grouping=grouping)))


def groupings_with_groups(seminar):
    """[(grouping, [groups with members]), ...] for the whole seminar in four queries."""
    groupings = list(seminar.groupings.all())
    by_grouping = {grouping.pk: [] for grouping in groupings}
    for group in _groups_with_members(Group.objects.filter(grouping__seminar=seminar)):
        by_grouping[group.grouping_id].append(group)
    return [(grouping, by_grouping[grouping.pk]) for grouping in groupings]


def group_of(participant, grouping):
    """The participant's table in the grouping (None: none); read once per state read."""
    if grouping is None:
        return None
    return live.read_once(
        ("group_of", participant.pk, grouping.pk), lambda: _group_of(participant, grouping)
    )


def _group_of(participant, grouping):
    membership = (
        Membership.objects.filter(participant=participant, grouping=grouping)
        .select_related("group")
        .first()
    )
    return membership.group if membership else None


@screen_finder
def screen_by_token(token):
    """The table screen a cookie names (seminar.permissions asks, knowing no screens itself)."""
    return Screen.objects.filter(token=token).select_related("group__grouping").first()
