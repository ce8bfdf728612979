"""The speaker queue's live parts: a phone's place in the queue, the projector's speaker with
the next three and a countdown, the console's queue; pushed while a plenum item with the queue
on runs."""

import datetime
import functools

from django.utils import timezone

from ideas.exercises import exercise_for
from ideas.live import current_item
from ideas.models import SpeakerRequest
from ideas.speakers.forms import SpeakerSettingsForm
from ideas.stage.options import extra_part, stage_shows
from seminar import live

KEY = "speakers"
DEFAULTS = {"minutes": 2}
TEMPLATE = "ideas/extras/speakers.html"
PHONE = f"{TEMPLATE}#speakers"
STAGE = f"{TEMPLATE}#speakers-stage"
CONSOLE = f"{TEMPLATE}#speakers-console"
NEXT_SHOWN = 3  # the projector shows who speaks and the next three


def speaker_settings(item):
    """The queue's settings for the item, or None when the queue is not on."""
    extras = item.extras if item is not None and isinstance(item.extras, dict) else {}
    value = extras.get(KEY)
    if value is None or not exercise_for(item).takes_extras:
        return None
    return {**DEFAULTS, **(value if isinstance(value, dict) else {})}


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


def _on_show(seminar):
    item = current_item(seminar)
    return item if speaker_settings(item) is not None else None


def _on_the_stage(seminar):
    return stage_shows(seminar, extra_part(KEY))


def publish_queue(seminar):
    """The queue changed: the phones, the projector and the console, each rendered once."""
    item = functools.cache(lambda: _on_show(seminar))

    def on_stage(context):
        return context if context is not None and _on_the_stage(seminar) else None

    def region(template, role):
        def context():
            shown = item()
            if shown is None:
                return None
            return {
                "seminar": seminar,
                "item": shown,
                "extra": speakers_context(seminar, shown, role=role),
            }

        return live.Region(template, context)

    live.publish_on_commit([live.phones_audience(seminar.pk)], [region(PHONE, "phone")])
    # The projector only while the facilitator has put them on its stage (ideas/stage/).
    live.publish_on_commit(
        [live.projector_audience(seminar.pk)],
        [live.Region(STAGE, lambda: on_stage(region(STAGE, "projector").context()))],
    )
    live.publish_on_commit([live.facilitators_audience(seminar.pk)], [region(CONSOLE, "console")])
