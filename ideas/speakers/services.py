"""The speaker queue: ask to speak and withdraw (phones), move up or down, call the next,
finish (the facilitator). Every post is safe to repeat: a request has its phone's key, and
"next" says which speaker it ends, so a second press does not skip anyone."""

from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from agenda.models import AgendaItem
from ideas.domain import Refused, post_key
from ideas.live import current_item
from ideas.models import SpeakerRequest
from ideas.speakers.live import publish_queue, speaker_settings

ACTIVE = [SpeakerRequest.Status.WAITING, SpeakerRequest.Status.SPEAKING]


def _lock(item):
    """Queue changes of one item happen one after the other (the item's row orders them)."""
    return AgendaItem.objects.select_for_update().get(pk=item.pk)


@transaction.atomic
def ask_to_speak(seminar, *, by, key=None):
    key = post_key(key)
    if (request := SpeakerRequest.objects.filter(key=key).first()) is not None:
        return request
    if by is None or by.seminar_id != seminar.pk:
        raise Refused(_("This seminar is not yours."))
    item = current_item(seminar)
    if speaker_settings(item) is None:
        raise Refused(_("The speaker queue is closed now."))
    _lock(item)
    request = SpeakerRequest.objects.filter(agenda_item=item, participant=by, status__in=ACTIVE)
    if (existing := request.first()) is not None:
        return existing
    last = SpeakerRequest.objects.filter(agenda_item=item).aggregate(Max("position"))
    request = SpeakerRequest.objects.create(
        seminar=seminar,
        agenda_item=item,
        participant=by,
        position=(last["position__max"] or 0) + 1,
        key=key,
    )
    publish_queue(seminar)
    return request


@transaction.atomic
def withdraw(seminar, *, by):
    """The phone leaves the queue (a second press finds nothing to withdraw)."""
    item = current_item(seminar)
    if item is None:
        return
    _lock(item)
    changed = SpeakerRequest.objects.filter(
        agenda_item=item, participant=by, status=SpeakerRequest.Status.WAITING
    ).update(status=SpeakerRequest.Status.WITHDRAWN)
    if changed:
        publish_queue(seminar)


@transaction.atomic
def move(request, *, by, to):
    """Put a waiting speaker at place `to` (0 first) of the queue: the console's up and down
    buttons send the place they mean, so a repeated press moves no further."""
    _lock(request.agenda_item)
    waiting = list(
        SpeakerRequest.objects.filter(
            agenda_item_id=request.agenda_item_id, status=SpeakerRequest.Status.WAITING
        )
    )
    index = next((i for i, r in enumerate(waiting) if r.pk == request.pk), None)
    if index is None or not 0 <= to < len(waiting) or index == to:
        return
    waiting.insert(to, waiting.pop(index))
    for position, each in enumerate(waiting, start=1):
        each.position = position
    SpeakerRequest.objects.bulk_update(waiting, ["position"])
    publish_queue(request.seminar)


@transaction.atomic
def remove(request, *, by):
    """The facilitator takes someone off the queue."""
    _lock(request.agenda_item)
    changed = SpeakerRequest.objects.filter(
        pk=request.pk, status=SpeakerRequest.Status.WAITING
    ).update(status=SpeakerRequest.Status.WITHDRAWN)
    if changed:
        publish_queue(request.seminar)


@transaction.atomic
def call_next(item, *, by, after):
    """End the speaker `after` (the id on the console when pressed; 0 for nobody) and call the
    first in the queue. If someone else speaks now the press is stale: nothing changes."""
    _lock(item)
    now = timezone.now()
    speaking = SpeakerRequest.objects.filter(
        agenda_item=item, status=SpeakerRequest.Status.SPEAKING
    ).first()
    if (speaking.pk if speaking else 0) != after:
        return speaking
    if speaking is not None:
        speaking.status, speaking.ended_at = SpeakerRequest.Status.SPOKE, now
        speaking.save(update_fields=["status", "ended_at"])
    following = SpeakerRequest.objects.filter(
        agenda_item=item, status=SpeakerRequest.Status.WAITING
    ).first()
    if following is not None:
        following.status, following.started_at = SpeakerRequest.Status.SPEAKING, now
        following.save(update_fields=["status", "started_at"])
    publish_queue(item.day.seminar)
    return following


@transaction.atomic
def finish(item, *, by, after):
    """The speaker `after` is done; nobody is called."""
    _lock(item)
    changed = SpeakerRequest.objects.filter(
        pk=after, agenda_item=item, status=SpeakerRequest.Status.SPEAKING
    ).update(status=SpeakerRequest.Status.SPOKE, ended_at=timezone.now())
    if changed:
        publish_queue(item.day.seminar)
