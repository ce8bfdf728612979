"""The seminar's own regions on the screens: the join box and the count of participants.

Every screen's page and its socket state are one list of regions (`live.screen_regions`);
each app adds its own with `live.state_provider`. These come first on the projector's and the
console's side column.
"""

from seminar import live
from seminar.qr import join_qr_svg, join_url

JOIN_BOX = "seminar/live.html#join-box"
PARTICIPANT_COUNT = "seminar/live.html#participant-count"


def join_box_context(seminar, base_url):
    return {
        "seminar": seminar,
        "join_url": join_url(base_url, seminar),
        "join_qr": join_qr_svg(base_url, seminar),
    }


def participant_count_context(seminar):
    return {"seminar": seminar, "count": seminar.participants.count()}


@live.state_provider(order=90)
def seminar_state(viewer):
    seminar = viewer.seminar
    regions = []
    if viewer.role == "facilitator":
        regions.append(
            live.Region(PARTICIPANT_COUNT, participant_count_context(seminar), slot="aside")
        )
    if viewer.role in {"facilitator", "projector"}:
        regions.append(
            live.Region(JOIN_BOX, lambda: join_box_context(seminar, viewer.base_url), slot="aside")
        )
    return regions
