"""The groups' live regions: "my table" on a phone, the table screen's group panel."""

from groups import queries
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


def publish_tables(seminar, grouping):
    """The current grouping changed: every table of it gets its "my table" region, once.

    Everyone first gets the region for "no table" (people who are in no group of the new
    grouping), then each group's audience gets its own; a socket processes its messages in
    order, so the group's version wins where it applies.
    """
    live.publish_on_commit(
        [live.seminar_audience(seminar.pk)],
        [live.Region(MY_TABLE, {"grouping": grouping, "group": None, "members": []})],
    )
    if grouping is None:
        return
    for group in queries.groups_with_members(grouping):
        context = {"grouping": grouping, "group": group, "members": list(group.members.all())}
        live.publish_on_commit([live.group_audience(group.pk)], [live.Region(MY_TABLE, context)])


def publish_group(group):
    """A group's members or name changed: its table screens, and its phones when the group's
    grouping is the one seated now (phones show the table of the current item)."""
    members = _members(group)
    if queries.current_grouping(group.grouping.seminar) == group.grouping:
        context = {"grouping": group.grouping, "group": group, "members": members}
        live.publish_on_commit([live.group_audience(group.pk)], [live.Region(MY_TABLE, context)])
    for screen in group.screens.all():
        live.publish_on_commit(
            [live.screen_audience(screen.pk)], [live.Region(TABLE, table_context(screen))]
        )


@live.state_provider
def groups_state(viewer):
    if viewer.role == "participant":
        return [live.Region(MY_TABLE, my_table_context(viewer.participant))]
    if viewer.role == "screen":
        return [live.Region(TABLE, table_context(viewer.screen))]
    return []
