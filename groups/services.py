"""Every change to groupings, groups and table screens: plain functions with an actor.

Forming a grouping is two steps: `plan_grouping` computes a preview (nothing saved) and
`apply_plan` stores it, replacing the grouping's groups. Moves and late joiners push the new
table to the phones concerned at once.
"""

import logging
import random

from django.conf import settings
from django.db import IntegrityError, transaction
from django.dispatch import receiver
from django.utils import timezone, translation
from django.utils.translation import gettext as _

from groups import allocation
from groups.live import publish_group, publish_groups
from groups.models import Group, Grouping, Membership, Screen, new_pairing_code
from seminar import live, signals
from seminar.input import create_once
from seminar.models import normalise_join_code
from seminar.permissions import SCREEN_COOKIE, screen_from_cookies

logger = logging.getLogger("plenum.groups")


class GroupingError(Exception):
    """A grouping that cannot be formed as asked; the message is for the facilitator."""


def _people(seminar):
    participants = seminar.participants.select_related("department").order_by("pk")
    return [
        allocation.Person(p.pk, p.department.name if p.department else None) for p in participants
    ]


def plan_grouping(seminar, *, method, size=None, count=None, leaders=(), seed=None):
    """A preview of groups for the seminar's participants; nothing is saved."""
    people = _people(seminar)
    rng = random.Random(seed)
    try:
        if method == Grouping.Method.RANDOM:
            return allocation.random_groups(people, size, rng)
        if method == Grouping.Method.CROSS_FUNCTIONAL:
            return allocation.cross_functional(people, size, rng)
        if method == Grouping.Method.BY_DEPARTMENT:
            return allocation.by_department(people)
        if method == Grouping.Method.WITH_LEADERS:
            return allocation.groups_with_leaders(people, count, list(leaders), rng)
    except ValueError as error:
        # The form checks what a facilitator can get wrong; this is the last line of defence.
        logger.warning("grouping refused by the allocation: %s", error)
        raise GroupingError(
            _("These groups cannot be formed with these settings. Check the size and leaders.")
        ) from error
    raise GroupingError(_("Choose how to form the groups."))


def _group_names(grouping, count, language):
    """The groups' names in the seminar's language, whoever formed them: "Table 1".. for the
    first grouping, "Group 1".. for another (four large groups beside the tables are no
    tables 1-4: a phone and a table screen would mistake one for the other), and the
    grouping's own name with the number where even those are taken."""
    taken = set(
        Group.objects.filter(grouping__seminar_id=grouping.seminar_id)
        .exclude(grouping=grouping)
        .values_list("name", flat=True)
    )
    with translation.override(language):
        for pattern in (_("Table %(number)d"), _("Group %(number)d")):
            names = [pattern % {"number": number} for number in range(1, count + 1)]
            if taken.isdisjoint(names):
                return names
    return [f"{grouping.name} {number}" for number in range(1, count + 1)]


@transaction.atomic
def apply_plan(grouping, *, by, plan):
    """Store a previewed plan as the grouping's groups (replacing any it had).

    Leaders are participant ids, or negated user ids for facilitators leading a group.
    """
    seminar = grouping.seminar
    valid_ids = set(seminar.participants.values_list("pk", flat=True))
    facilitator_ids = set(seminar.facilitators.values_list("pk", flat=True))
    # Screens stay on their table number when the tables are formed anew.
    screen_tables = dict(
        Screen.objects.filter(group__grouping=grouping).values_list("pk", "group__number")
    )
    grouping.groups.all().delete()
    numbers = {}
    plan = list(plan)
    names = _group_names(grouping, len(plan), seminar.language)
    for number, planned in enumerate(plan, start=1):
        leader = planned.leader or 0
        group = Group.objects.create(
            grouping=grouping,
            number=number,
            name=planned.label or names[number - 1],
            leader_id=leader if leader in valid_ids else None,
            leader_user_id=-leader if -leader in facilitator_ids else None,
        )
        numbers[number] = group
        Membership.objects.bulk_create(
            Membership(grouping=grouping, group=group, participant_id=member)
            for member in planned.members
            if member in valid_ids
        )
    for screen_id, number in screen_tables.items():
        Screen.objects.filter(pk=screen_id).update(group=numbers.get(number))
    _after_regrouping(grouping)
    return grouping


@transaction.atomic
def create_grouping(seminar, *, by, name, method, size=None, plan=None, key=None):
    """A new grouping; with a previewed `plan`, its groups are made at once. The same form sent
    twice (`key`) makes one grouping."""
    made = []

    def create(key):
        made.append(True)
        return Grouping.objects.create(
            seminar=seminar, name=name, method=method, group_size=size, key=key
        )

    grouping = create_once(Grouping, key, create)
    if plan is not None and made:
        apply_plan(grouping, by=by, plan=plan)
    return grouping


@transaction.atomic
def rename_group(group, *, by, name):
    group.name = name
    group.save(update_fields=["name"])
    publish_group(group)


@transaction.atomic
def delete_grouping(grouping, *, by):
    seminar_id = grouping.seminar_id
    grouping.delete()
    live.resubscribe_on_commit(live.seminar_audience(seminar_id))


@transaction.atomic
def move_member(participant, *, by, group):
    """Seat a participant at `group` (leaving their table of that grouping)."""
    if group.grouping.seminar_id != participant.seminar_id:
        raise GroupingError(_("That table belongs to another seminar."))
    old = Membership.objects.filter(participant=participant, grouping=group.grouping).first()
    old_group = old.group if old else None
    if old:
        old.delete()
    Membership.objects.create(grouping=group.grouping, group=group, participant=participant)
    if old_group is not None and old_group.pk != group.pk:
        publish_group(old_group)
    publish_group(group)
    # Last: the moved phone still hears its old table's push above; its resubscribe then
    # brings its whole state, new table included, and it listens to the new table from now.
    live.resubscribe_on_commit(live.participant_audience(participant.pk))


@receiver(signals.participant_joined)
def _seat_late_joiner(sender, participant, **kwargs):
    place_late_joiner(participant)


@receiver(signals.participants_merging)
def _move_memberships(sender, keep, duplicate, **kwargs):
    """A person who joined twice keeps the seats of the duplicate where they had none."""
    for membership in Membership.objects.filter(participant=duplicate):
        if not Membership.objects.filter(grouping=membership.grouping, participant=keep).exists():
            membership.participant = keep
            membership.save()


@transaction.atomic
def place_late_joiner(participant):
    """Seat someone who joined after the groups were formed: the smallest fitting table of
    every grouping that is not manual. A join storm pays this once per phone, so it reads the
    groupings, their tables and who sits where in three queries, whatever their number."""
    seminar = participant.seminar
    department = participant.department.name if participant.department else None
    person = allocation.Person(participant.pk, department)
    groupings = list(seminar.groupings.exclude(method=Grouping.Method.MANUAL))
    if not groupings:
        return
    tables = {grouping.pk: [] for grouping in groupings}
    for group in Group.objects.filter(grouping__in=groupings).order_by("number"):
        tables[group.grouping_id].append(group)
    by_group = {}
    for group_id, person_id, name in Membership.objects.filter(
        grouping__in=[g for g in groupings if g.method != Grouping.Method.BY_DEPARTMENT]
    ).values_list("group_id", "participant_id", "participant__department__name"):
        by_group.setdefault(group_id, []).append(allocation.Person(person_id, name))
    seats = []
    for grouping in groupings:
        groups = tables[grouping.pk]
        if not groups:
            continue
        if grouping.method == Grouping.Method.BY_DEPARTMENT:
            target = next((g for g in groups if g.name == department), None)
            if target is None:
                continue
        else:
            seated = [by_group.get(group.pk, []) for group in groups]
            target = groups[allocation.place_late_joiner(seated, person, grouping.group_size)]
        target.grouping = grouping
        seats.append(Membership(grouping=grouping, group=target, participant=participant))
    Membership.objects.bulk_create(seats)
    publish_groups([seat.group for seat in seats])


def _after_regrouping(grouping):
    # Every socket of the seminar recomputes which tables it listens to and gets its state:
    # one message per language instead of one per phone; regrouping happens a few times a day.
    live.resubscribe_on_commit(live.seminar_audience(grouping.seminar_id))


# --- Table screens ------------------------------------------------------------------------------


def screen_for_request(request):
    """The screen this browser is, or None before it asked for a pairing code."""
    return screen_from_cookies(request.COOKIES)


@transaction.atomic
def new_screen():
    """A screen waiting to be paired, with a code no other waiting screen shows."""
    for _attempt in range(10):
        try:
            with transaction.atomic():
                return Screen.objects.create(pairing_code=new_pairing_code())
        except IntegrityError:  # the code shows on another waiting screen: draw again
            continue
    raise GroupingError(_("No pairing code could be made. Please try again."))


def remember_screen(response, screen):
    response.set_cookie(
        SCREEN_COOKIE,
        screen.token,
        max_age=60 * 60 * 24 * 365,
        httponly=True,
        samesite="Lax",
        secure=settings.SESSION_COOKIE_SECURE,
    )


@transaction.atomic
def pair_screen(seminar, *, by, pairing_code, group):
    """Pair the unpaired screen showing `pairing_code` with a table of this seminar."""
    if group.grouping.seminar_id != seminar.pk:
        raise GroupingError(_("That table belongs to another seminar."))
    screen = (
        Screen.objects.select_for_update()
        .filter(pairing_code=normalise_join_code(pairing_code), seminar__isnull=True)
        .first()
    )
    if screen is None:
        raise GroupingError(_("No unpaired screen shows this code. Check the code on the screen."))
    screen.seminar, screen.group, screen.paired_at = seminar, group, timezone.now()
    screen.save()
    return screen


@transaction.atomic
def repoint_screen(screen, *, by, group):
    """Move a paired screen to another table of its seminar."""
    if group.grouping.seminar_id != screen.seminar_id:
        raise GroupingError(_("That table belongs to another seminar."))
    screen.group = group
    screen.save(update_fields=["group"])
    live.resubscribe_on_commit(live.screen_audience(screen.pk))


@transaction.atomic
def unpair_screen(screen, *, by):
    audience = live.screen_audience(screen.pk)
    screen.seminar = screen.group = None
    screen.save(update_fields=["seminar", "group"])
    live.resubscribe_on_commit(audience)
