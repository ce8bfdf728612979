"""Every change of a seminar's own state: plain functions with an explicit actor.

Each runs in a transaction and schedules its live push on commit (seminar/live.py).
"""

from django.contrib.auth import get_user_model
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from seminar import live, signals
from seminar.models import Department, Participant, Seminar, new_join_code
from seminar.permissions import DIRECTORS_GROUP, FACILITATORS_GROUP


class JoinRefused(Exception):
    """A join that must not happen; the message is for the person at the phone."""


class TeamRefused(Exception):
    """A change of who runs or follows a seminar that must not happen; the message is for the
    facilitator on the settings page."""


@transaction.atomic
def create_seminar(
    *,
    by,
    title,
    municipality="",
    venue="",
    language="da",
    starts_on=None,
    ends_on=None,
    retain_until=None,
    departments=(),
):
    seminar = Seminar.objects.create(
        title=title,
        municipality=municipality,
        venue=venue,
        language=language,
        starts_on=starts_on,
        ends_on=ends_on,
        retain_until=retain_until,
    )
    if by is not None:
        seminar.facilitators.add(by)
    for name in departments:
        Department.objects.get_or_create(seminar=seminar, name=name)
    signals.seminar_created.send(sender=Seminar, seminar=seminar)
    return seminar


@transaction.atomic
def update_seminar(seminar, *, by, **fields):
    for name, value in fields.items():
        setattr(seminar, name, value)
    seminar.save()
    return seminar


@transaction.atomic
def set_departments(seminar, *, by, names):
    """Make the seminar's department list exactly `names`; people keep departments still listed."""
    wanted = {name.strip() for name in names if name.strip()}
    seminar.departments.exclude(name__in=wanted).delete()
    existing = set(seminar.departments.values_list("name", flat=True))
    Department.objects.bulk_create(
        [Department(seminar=seminar, name=name) for name in sorted(wanted - existing)]
    )


@transaction.atomic
def join_seminar(seminar, *, display_name, department):
    seminar = Seminar.objects.select_for_update().get(pk=seminar.pk)
    if seminar.joining_locked:
        raise JoinRefused(_("Joining this seminar is closed. Ask the facilitator."))
    if department is not None and department.seminar_id != seminar.pk:
        raise JoinRefused(_("Choose one of this seminar's departments."))
    participant = Participant.objects.create(
        seminar=seminar, display_name=display_name, department=department
    )
    _after_participants_changed(seminar)
    signals.participant_joined.send(sender=Participant, participant=participant)
    return participant


@transaction.atomic
def rename_participant(participant, *, by, display_name, department=None):
    participant.display_name = display_name
    participant.department = department
    participant.save()
    _after_participants_changed(participant.seminar)
    return participant


@transaction.atomic
def remove_participant(participant, *, by):
    seminar = participant.seminar
    audience = live.participant_audience(participant.pk)
    participant.delete()
    live.resubscribe_on_commit(audience)
    _after_participants_changed(seminar)


@transaction.atomic
def merge_participants(keep, *, by, duplicate):
    """One person joined twice (two phones): keep one, move the other's traces to it."""
    if keep.seminar_id != duplicate.seminar_id or keep.pk == duplicate.pk:
        raise ValueError("merge needs two participants of one seminar")
    signals.participants_merging.send(sender=Participant, keep=keep, duplicate=duplicate)
    remove_participant(duplicate, by=by)
    return keep


@transaction.atomic
def set_joining_locked(seminar, *, by, locked):
    seminar.joining_locked = locked
    seminar.save(update_fields=["joining_locked"])
    _after_join_changed(seminar)


@transaction.atomic
def rotate_join_code(seminar, *, by):
    for _attempt in range(10):
        code = new_join_code()
        try:
            with transaction.atomic():
                seminar.join_code = code
                seminar.save(update_fields=["join_code"])
                break
        except IntegrityError:
            continue
    _after_join_changed(seminar)
    return seminar.join_code


def _after_join_changed(seminar):
    live.publish_on_commit(
        [live.projector_audience(seminar.pk), live.facilitators_audience(seminar.pk)],
        [live.Region("seminar/live.html#join", {"seminar": seminar})],
    )


def _after_participants_changed(seminar):
    live.publish_on_commit(
        [live.facilitators_audience(seminar.pk)],
        [
            live.Region(
                "seminar/live.html#participant-count",
                lambda: {"seminar": seminar, "count": seminar.participants.count()},
            )
        ],
    )


# Who runs and who follows a seminar. Adding and removing are idempotent by nature (a set of
# people), so a post sent twice changes nothing the second time.
TEAM_ROLES = {"facilitator": "facilitators", "director": "directors"}


@transaction.atomic
def add_team_member(seminar, *, by, username, role):
    """Add an existing facilitator or director (by username) to the seminar."""
    group = {"facilitator": FACILITATORS_GROUP, "director": DIRECTORS_GROUP}[role]
    user = get_user_model().objects.filter(username__iexact=(username or "").strip()).first()
    if user is None:
        raise TeamRefused(
            _("There is no user called %(name)s. Ask your administrator to create the account.")
            % {"name": username}
        )
    if not user.groups.filter(name=group).exists():
        message = (
            _(
                "%(name)s is not a facilitator. Only users in the facilitators group can run "
                "a seminar."
            )
            if role == "facilitator"
            else _(
                "%(name)s is not a director. Only users in the directors group can follow "
                "a seminar."
            )
        )
        raise TeamRefused(message % {"name": user.username})
    getattr(seminar, TEAM_ROLES[role]).add(user)
    return user


@transaction.atomic
def remove_team_member(seminar, *, by, user, role):
    """Take a facilitator or director off the seminar; the last facilitator always stays."""
    seminar = Seminar.objects.select_for_update().get(pk=seminar.pk)
    if role == "facilitator":
        facilitators = seminar.facilitators.all()
        if facilitators.filter(pk=user.pk).exists() and facilitators.count() <= 1:
            raise TeamRefused(
                _(
                    "A seminar needs at least one facilitator. Add another one before removing "
                    "this one."
                )
            )
    getattr(seminar, TEAM_ROLES[role]).remove(user)
