"""The soapbox: save a speech and plan (never overwriting a newer save), pick three speakers per
group (volunteers first, then a draw seeded by the item and group, so it is fair and the same
however often it is pressed), give the floor in turn, and give feedback once per listener."""

import random

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from groups.models import Group
from groups.queries import group_of
from ideas.domain import Conflict, Refused, post_key
from ideas.models import Speech, SpeechFeedback
from ideas.soapbox.forms import SPEECH_FIELDS
from ideas.soapbox.live import SPEAKERS_PER_GROUP, publish_feedback, publish_group
from seminar.models import Participant

TEXT_FIELDS = (*SPEECH_FIELDS, "plan")


def _normal(name, value):
    return value.replace("\r\n", "\n") if name in TEXT_FIELDS else value


def seat_of(item, participant):
    return group_of(participant, item.grouping) if item.grouping_id else None


def speech_for(item, participant):
    """The participant's speech for the item (made empty the first time)."""
    speech, _created = Speech.objects.get_or_create(
        agenda_item=item,
        participant=participant,
        defaults={"seminar_id": item.day.seminar_id, "group": seat_of(item, participant)},
    )
    return speech


@transaction.atomic
def save_speech(item, *, by, version, **fields):
    """Save the draft, the plan and the flags. A save from an older version than the stored one
    (another tab or phone of the same person) raises Conflict with what is stored."""
    if by is None or by.seminar_id != item.day.seminar_id:
        raise Refused(_("This seminar is not yours."))
    speech = speech_for(item, by)
    speech = Speech.objects.select_for_update().get(pk=speech.pk)
    if version and version != speech.version:
        if all(getattr(speech, name) == _normal(name, value) for name, value in fields.items()):
            return speech  # the same save again (a retry): nothing to decide
        raise Conflict(_("You saved this speech elsewhere meanwhile."), current=speech)
    for name, value in fields.items():
        setattr(speech, name, _normal(name, value))
    speech.version += 1
    if speech.group_id is None:
        speech.group = seat_of(item, by)
    speech.save()  # private: nothing on a shared screen shows a draft, nothing is pushed
    return speech


def may_lead(group, by):
    """The group's process leader (on their phone) or a facilitator (the view checked that the
    user runs this seminar)."""
    if isinstance(by, Participant):
        return group.leader_id == by.pk
    return by is not None and getattr(by, "is_authenticated", False)


@transaction.atomic
def pick_speakers(item, group, *, by):
    """Three speakers for the group: volunteers first (drawn among them if more), then drawn
    among those who drafted, then among the others. Picked once: a second press changes
    nothing."""
    if not may_lead(group, by):
        raise Refused(_("Only the group's process leader or the facilitator picks the speakers."))
    Group.objects.select_for_update().get(pk=group.pk)
    if Speech.objects.filter(agenda_item=item, group=group, pick__isnull=False).exists():
        return list(Speech.objects.filter(agenda_item=item, group=group, pick__isnull=False))
    members = list(group.members.order_by("pk"))
    speeches = {s.participant_id: s for s in Speech.objects.filter(agenda_item=item)}
    draw = random.Random(f"{item.pk}:{group.pk}")

    def drawn(people):
        people = sorted(people, key=lambda person: person.pk)
        draw.shuffle(people)
        return people

    volunteers = [m for m in members if speeches.get(m.pk) and speeches[m.pk].volunteer]
    drafted = [
        m for m in members if m not in volunteers and speeches.get(m.pk) and speeches[m.pk].drafted
    ]
    others = [m for m in members if m not in volunteers and m not in drafted]
    chosen = (drawn(volunteers) + drawn(drafted) + drawn(others))[:SPEAKERS_PER_GROUP]
    picked = []
    for order, person in enumerate(chosen, start=1):
        speech = speeches.get(person.pk) or speech_for(item, person)
        speech.pick, speech.group = order, group
        speech.save(update_fields=["pick", "group"])
        picked.append(speech)
    publish_group(item, group)
    return picked


@transaction.atomic
def next_speaker(item, group, *, by, after):
    """End the speech `after` (0: none is being given) and give the floor to the next picked
    speaker. A press made before someone else took the floor is stale and changes nothing."""
    if not may_lead(group, by):
        raise Refused(_("Only the group's process leader or the facilitator gives the floor."))
    Group.objects.select_for_update().get(pk=group.pk)
    picked = list(Speech.objects.filter(agenda_item=item, group=group, pick__isnull=False))
    speaking = next((s for s in picked if s.started_at and not s.ended_at), None)
    if (speaking.pk if speaking else 0) != after:
        return speaking
    now = timezone.now()
    if speaking is not None:
        speaking.ended_at = now
        speaking.save(update_fields=["ended_at"])
    following = next((s for s in sorted(picked, key=lambda s: s.pick) if not s.started_at), None)
    if following is not None:
        following.started_at = now
        following.save(update_fields=["started_at"])
    publish_group(item, group)
    return following


@transaction.atomic
def give_feedback(speech, *, by, worked="", suggestion="", key=None):
    """A listener's feedback on a picked speech of their group: one per listener (a later one
    replaces it), stored once however often it is sent."""
    key = post_key(key)
    if (stored := SpeechFeedback.objects.filter(key=key).first()) is not None:
        return stored
    if by is None or by.seminar_id != speech.seminar_id:
        raise Refused(_("This seminar is not yours."))
    if speech.participant_id == by.pk:
        raise Refused(_("Your own speech gets its feedback from the others."))
    if speech.pick is None or seat_of(speech.agenda_item, by) != speech.group:
        raise Refused(_("You give feedback on the speeches of your own group."))
    feedback, _created = SpeechFeedback.objects.update_or_create(
        speech=speech,
        participant=by,
        defaults={"worked": worked.strip(), "suggestion": suggestion.strip(), "key": key},
    )
    publish_feedback(speech)
    return feedback
