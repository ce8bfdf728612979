"""The groups' live regions: "my table" on a phone, the table screen's group panel."""

import functools

from groups import queries
from groups.models import Membership, Screen
from seminar import live

MY_TABLE = "groups/live.html#my-table"
TABLE = "groups/live.html#table"


def _members(group):
    return list(group.members.select_related("department").order_by("display_name"))


def my_table_context(participant):
    grouping = queries.current_grouping(participant.seminar)
    group = queries.group_of(participant, grouping)
    return {"grouping": grouping, "group": group, "members": _members(group) if group else []}


def table_context(screen):
    group = screen.group
    return {"screen": screen, "group": group, "members": _members(group) if group else []}


def publish_to_seats(seminar, item, regions_for, *, grouping=None):
    """Push `regions_for(group)` to the phones and table screens at each table of the grouping
    (by default the item's), and `regions_for(None)` to the phones and table screens with no
    table in it.

    Each phone gets one version, its final one: a seated phone never first receives the
    no-table version and then its table's (the task would vanish and come back). Without a
    grouping every phone is unseated (one push to all phones); with one, the unseated are
    usually a few late joiners, addressed one by one.
    A table's phones get all its regions in one message and its screens those `for_screens`
    (live.publish). Cost: one render per region, table and language, none per phone or screen.
    """
    if grouping is None and item is not None:
        grouping = item.grouping
    groups = queries.groups_with_members(grouping) if grouping is not None else []
    regions = regions_for(None)
    if regions:
        if grouping is None:
            phones = [live.phones_audience(seminar.pk)]
        else:
            phones = [
                live.participant_audience(pk)
                for pk in seminar.participants.exclude(memberships__grouping=grouping).values_list(
                    "pk", flat=True
                )
            ]
        seated = {group.pk for group in groups}
        screens = []
        if any(region.for_screens for region in regions):
            screens = [
                live.screen_audience(screen.pk)
                for screen in Screen.objects.filter(seminar=seminar).only("pk", "group_id")
                if screen.group_id not in seated
            ]
        if phones or screens:  # the screens get the regions for screens (live.publish)
            live.publish_on_commit([*phones, *screens], regions)
    for group in groups:
        regions = regions_for(group)
        if not regions:
            continue
        members, screens = live.members_audience(group.pk), live.table_screens_audience(group.pk)
        # One message to the phones (their seat and their task), the task to the screens,
        # each region rendered once per language (live.publish).
        live.publish_on_commit([members, screens], regions)


@live.on_item_change
def publish_seats(seminar, item, *, previous, regroup):
    """The item changed: each table's phones get their seat's regions (seat providers: their
    table, and their task when the exercise seats them at the item's tables), in one message."""
    publish_to_seats(
        seminar, item, live.seat_regions(seminar, item, previous=previous, regroup=regroup)
    )


@live.seat_provider
def my_table_seat(seminar, item, *, previous, regroup):
    if not regroup:
        return lambda group: []
    grouping = item.grouping if item else None

    def regions_for(group):
        members = _members(group) if group else []  # one query, departments included
        context = {"grouping": grouping, "group": group, "members": members}
        return [live.Region(MY_TABLE, context, for_screens=False)]

    return regions_for


def publish_group(group):
    """A group's members or name changed: its table screens, and its phones when the group's
    grouping is the one seated now (phones show the table of the current item)."""
    publish_groups([group])


def publish_groups(groups):
    """Several groups' members changed (a late joiner seated in every grouping): for each, one
    render per language of "my table" for its phones (when its grouping is the one seated now)
    and one of the table panel for its screens (when it has any), read after the commit.

    Costs two queries now (the current grouping, which groups have screens), and after the
    commit one query of members per group and one render per region and language; nothing per
    phone or screen. Every screen of a group shows the same panel (a paired screen always has
    its group), so they share one audience: `table_screens_audience`.
    """
    if not groups:
        return
    current = queries.current_grouping(groups[0].grouping.seminar)
    with_screens = set(
        Screen.objects.filter(group__in=groups).values_list("group_id", flat=True).distinct()
    )
    for group in groups:
        members = functools.cache(lambda group=group: _members(group))
        if current is not None and group.grouping_id == current.pk:
            live.publish_on_commit(
                [live.members_audience(group.pk)],
                [
                    live.Region(
                        MY_TABLE,
                        lambda group=group, members=members: {
                            "grouping": group.grouping,
                            "group": group,
                            "members": members(),
                        },
                    )
                ],
            )
        if group.pk in with_screens:
            live.publish_on_commit(
                [live.table_screens_audience(group.pk)],
                [
                    live.Region(
                        TABLE,
                        lambda group=group, members=members: {
                            "screen": None,
                            "group": group,
                            "members": members(),
                        },
                    )
                ],
            )


@live.audience_provider
def table_audiences(viewer):
    """A phone listens to each table it sits at; a table screen to its table."""
    if viewer.role == "participant":
        group_ids = Membership.objects.filter(participant=viewer.participant).values_list(
            "group_id", flat=True
        )
        return [live.members_audience(group_id) for group_id in group_ids]
    if viewer.role == "screen" and viewer.screen.group_id:
        return [live.table_screens_audience(viewer.screen.group_id)]
    return []


@live.state_provider(order=10)
def groups_state(viewer):
    if viewer.role == "participant":
        return [live.Region(MY_TABLE, my_table_context(viewer.participant))]
    if viewer.role == "screen":
        return [live.Region(TABLE, table_context(viewer.screen))]
    return []
