"""The soapbox's shared parts: each group's speaker queue (its phones and table screen), the
projector's overview of the groups and the console's. A person's own draft, the feedback
forms and the feedback they received are fetched by their phone alone (views.my_speech)."""

import datetime

from django.db.models import Count
from django.utils import timezone

from ideas.live import (
    CONSOLE,
    MY_WORK,
    STAGE,
    console_region_context,
    current_item,
    my_work_context,
    stage_region_context,
)
from ideas.models import Speech
from seminar import live

SPEAKERS_PER_GROUP = 3
MINUTES_PER_SPEECH = 3


def _ms(moment):
    return int(moment.timestamp() * 1000)


def group_queue(item, group):
    """The group's picked speeches in their order, each with its feedback count; the one being
    given now and its deadline."""
    if item is None or group is None:
        return {"picked": [], "speaking": None}
    picked = list(
        Speech.objects.filter(agenda_item=item, group=group, pick__isnull=False)
        .select_related("participant")
        .annotate(feedback_count=Count("feedback"))
        .order_by("pick")
    )
    speaking = next((s for s in picked if s.started_at and not s.ended_at), None)
    now = timezone.now()
    deadline = (
        speaking.started_at + datetime.timedelta(minutes=MINUTES_PER_SPEECH) if speaking else None
    )
    return {
        "picked": picked,
        "speaking": speaking,
        "done": bool(picked) and all(s.ended_at for s in picked),
        "next_up": next((s for s in picked if not s.started_at), None),
        "server_now_ms": _ms(now),
        "deadline_ms": _ms(deadline) if deadline else None,
        "minutes": MINUTES_PER_SPEECH,
    }


def overview(item):
    """Every group of the item's grouping with its queue (projector and console)."""
    grouping = item.grouping if item is not None else None
    if grouping is None:
        return []
    drafts = dict(
        Speech.objects.filter(agenda_item=item)
        .exclude(group=None)
        .exclude(vision="", why="", strengths="", alive="", implementation="")  # opened only
        .values_list("group_id")
        .annotate(count=Count("pk"))
    )
    groups = list(grouping.groups.select_related("leader").order_by("number"))
    return [
        {"group": group, "drafts": drafts.get(group.pk, 0), **group_queue(item, group)}
        for group in groups
    ]


def _running(seminar, item):
    return current_item(seminar) == item


def publish_group(item, group):
    """A group's queue changed: its phones and table screen, the projector and the console."""
    seminar = item.day.seminar
    live.publish_on_commit(
        [live.members_audience(group.pk), live.table_screens_audience(group.pk)],
        [
            live.Region(
                MY_WORK,
                lambda: my_work_context(seminar, item, group) if _running(seminar, item) else None,
            )
        ],
    )
    publish_overview(item)


QUEUE = "ideas/exercises/soapbox.html#queue"
RECEIVED = "ideas/exercises/soapbox.html#received"


def publish_feedback(speech):
    """Feedback was given: the group's queue (its counts) on its phones and table screen, and
    the feedback on the speaker's own phone; the console's overview."""
    item, group = speech.agenda_item, speech.group
    seminar = item.day.seminar

    def queue():
        if not _running(seminar, item):
            return None
        return {"seminar": seminar, "group": group, "queue": group_queue(item, group)}

    def received():
        if not _running(seminar, item):
            return None
        return {"received": list(speech.feedback.all()), "oob": True}

    live.publish_on_commit(
        [live.members_audience(group.pk), live.table_screens_audience(group.pk)],
        [live.Region(QUEUE, queue)],
    )
    live.publish_on_commit(
        [live.participant_audience(speech.participant_id)], [live.Region(RECEIVED, received)]
    )
    publish_overview(item)


def publish_overview(item):
    seminar = item.day.seminar
    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [
            live.Region(
                STAGE,
                lambda: stage_region_context(seminar) if _running(seminar, item) else None,
            )
        ],
    )
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [
            live.Region(
                CONSOLE,
                lambda: console_region_context(seminar, item) if _running(seminar, item) else None,
            )
        ],
    )
