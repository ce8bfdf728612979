"""A seminar's personal data from start to end: anonymised after its retention date, purged
whole on request, and what one person contributed, for that person to take home."""

import datetime

from django.db import transaction
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from ideas.models import Comment, Dot, Goal, Idea, Message, MondayAction, Photo, Pledge, Star
from seminar.models import Participant, Seminar


def due_for_retention(today=None):
    """Seminars past their retention date and not yet anonymised."""
    today = today or datetime.date.today()
    return [
        seminar
        for seminar in Seminar.objects.filter(anonymised_at__isnull=True)
        if seminar.retention_date < today
    ]


def _delete_photo_files(photos):
    """Photo files go from the disk after the rows' commit (a rollback keeps both)."""
    names = [(photo.image.storage, photo.image.name) for photo in photos if photo.image]

    def delete():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def anonymise_seminar(seminar):
    """Names become "Participant 12" (in the seminar's language), photos go from disk and
    database, free text that names a participant loses the name. Goals, their follow-up and the
    documentation stay."""
    seminar = Seminar.objects.select_for_update().get(pk=seminar.pk)
    participants = list(seminar.participants.order_by("joined_at", "pk"))
    names = {p.display_name.strip().casefold() for p in participants if p.display_name.strip()}
    with translation.override(seminar.language):
        for number, participant in enumerate(participants, start=1):
            participant.display_name = _("Participant %(number)s") % {"number": number}
    Participant.objects.bulk_update(participants, ["display_name"])
    photos = list(Photo.objects.filter(board__seminar=seminar))
    _delete_photo_files(photos)
    Photo.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
    # An owner or a sender written as a participant's name is that person: unlinked.
    for goal in Goal.objects.filter(seminar=seminar).exclude(owner=""):
        if goal.owner.strip().casefold() in names:
            Goal.objects.filter(pk=goal.pk).update(owner="")
    for message in Message.objects.filter(commitment__goal__seminar=seminar).exclude(sender=""):
        if message.sender.strip().casefold() in names:
            Message.objects.filter(pk=message.pk).update(sender="")
    seminar.anonymised_at = timezone.now()
    seminar.save(update_fields=["anonymised_at"])
    return len(participants)


@transaction.atomic
def purge_seminar(seminar):
    """Delete the seminar and everything of it; its photos' files go too."""
    _delete_photo_files(list(Photo.objects.filter(board__seminar=seminar)))
    seminar.delete()


def contributions(participant):
    """What this person contributed, as plain data (their phone downloads it as JSON)."""
    seminar = participant.seminar
    ideas = Idea.objects.filter(author=participant, hidden=False).select_related("board")
    comments = Comment.objects.filter(author=participant, hidden=False).select_related("idea")
    stars = Star.objects.filter(participant=participant).select_related("idea")
    dots = Dot.objects.filter(participant=participant).select_related("idea")
    group_ids = list(participant.memberships.values_list("group_id", flat=True))
    drafted = Goal.objects.filter(seminar=seminar, group_id__in=group_ids)
    shaken = Goal.objects.filter(pledges__in=Pledge.objects.filter(participant=participant))
    commitments = [
        commitment
        for goal in Goal.objects.filter(seminar=seminar).prefetch_related("commitments")
        for commitment in goal.commitments.all()
        if participant.department_id and commitment.department_id == participant.department_id
    ]
    return {
        "seminar": {
            "title": seminar.title,
            "municipality": seminar.municipality,
            "first_day": _iso(seminar.starts_on),
            "last_day": _iso(seminar.ends_on),
        },
        "name": participant.display_name,
        "department": participant.department.name if participant.department else "",
        "cards": [{"text": idea.text, "written": _iso(idea.created_at)} for idea in ideas],
        "comments": [
            {"text": c.text, "on": c.idea.text, "written": _iso(c.created_at)} for c in comments
        ],
        "stars": [star.idea.text for star in stars],
        "dots": [dot.idea.text for dot in dots],
        "goals_drafted": [_goal(goal) for goal in drafted.distinct()],
        "goals_shaken": [_goal(goal) for goal in shaken.distinct()],
        "commitments": [
            {"goal": c.goal.title, "demands": c.demands, "agreements": c.agreements}
            for c in commitments
        ],
        "monday_actions": [
            {"text": action.text, "goal": action.goal.title if action.goal else ""}
            for action in MondayAction.objects.filter(participant=participant).select_related(
                "goal"
            )
        ],
    }


def _goal(goal):
    return {"title": goal.title, "why": goal.why, "measure": goal.measure}


def _iso(value):
    return value.isoformat() if value else None
