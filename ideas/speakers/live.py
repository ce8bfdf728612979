"""The speaker queue's live parts: a phone's place in the queue, the projector's speaker with
the next three and a countdown, the console's queue; pushed while a plenum item with the queue
on runs."""

import datetime

from django.utils import timezone

from ideas.exercises import extra_settings
from ideas.live import publish_extra
from ideas.models import SpeakerRequest
from ideas.speakers.forms import SpeakerSettingsForm

KEY = "speakers"
DEFAULTS = {"minutes": 2}
TEMPLATE = "ideas/extras/speakers.html"
PHONE = f"{TEMPLATE}#speakers"
STAGE = f"{TEMPLATE}#speakers-stage"
CONSOLE = f"{TEMPLATE}#speakers-console"
NEXT_SHOWN = 3  # the projector shows who speaks and the next three


def speaker_settings(item):
    """The queue's settings for the item, or None when the queue is not on."""
    return extra_settings(KEY, item)


def _ms(moment):
    return int(moment.timestamp() * 1000)


def speakers_context(seminar, item, *, role):
    settings = speaker_settings(item) or DEFAULTS
    active = list(
        SpeakerRequest.objects.filter(
            agenda_item=item,
            status__in=[SpeakerRequest.Status.WAITING, SpeakerRequest.Status.SPEAKING],
        ).select_related("participant")
    )
    speaking = next((r for r in active if r.status == SpeakerRequest.Status.SPEAKING), None)
    waiting = [r for r in active if r.status == SpeakerRequest.Status.WAITING]
    now = timezone.now()
    deadline = (
        speaking.started_at + datetime.timedelta(minutes=settings["minutes"])
        if speaking and speaking.started_at
        else None
    )
    context = {
        "seminar": seminar,
        "item": item,
        "settings": settings,
        "speaking": speaking,
        "waiting": waiting,
        "next": waiting[:NEXT_SHOWN],
        "queued": ",".join(str(r.participant_id) for r in waiting),
        "server_now_ms": _ms(now),
        "deadline_ms": _ms(deadline) if deadline else None,
    }
    if role == "console":
        context["settings_form"] = SpeakerSettingsForm(initial=settings)
        context["spoke_count"] = SpeakerRequest.objects.filter(
            agenda_item=item, status=SpeakerRequest.Status.SPOKE
        ).count()
    return context


def publish_queue(seminar):
    """The queue changed: the phones, the projector and the console, each rendered once."""
    publish_extra(
        seminar, KEY, {"phone": PHONE, "projector": STAGE, "console": CONSOLE}, speakers_context
    )
