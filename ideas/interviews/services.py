"""Citizen interviews: each leader's own notes, and what their table makes of them together.

Every change is checked against the actor (a phone of a member, the table's screen, or a
facilitator), runs in one transaction and pushes its table's part after the commit. Posts that
create something carry a key: a retried post is stored once.
"""

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ideas.domain import Refused, post_key, works_at
from ideas.interviews import live, queries
from ideas.interviews.models import (
    Interview,
    InterviewDifference,
    InterviewFlag,
    InterviewStage,
    InterviewThread,
)
from ideas.live import seat_group


def seat(seminar, participant):
    """The participant's table for the interviews item running now (None: no table)."""
    item = live.running(seminar)
    return seat_group(seminar, item, participant) if item else None


def _check_table(seminar, group, by):
    if not works_at(seminar, group, by):
        raise Refused(_("Only the table's members can do this."))


def _of_table(group, interviews):
    """The interviews, checked to be those of the table's members."""
    ids = {interview.pk for interview in interviews}
    found = set(
        Interview.objects.filter(pk__in=ids, author__memberships__group=group).values_list(
            "pk", flat=True
        )
    )
    if found != ids:
        raise Refused(_("Choose interviews from your own table."))


@transaction.atomic
def save_interview(seminar, *, by, who, said, quote="", sharing=Interview.Sharing.NAMED, key=None):
    """A leader writes their interview (one each); writing again changes it."""
    if by is None or by.seminar_id != seminar.pk:
        raise Refused(_("Only the seminar's participants write interviews."))
    key = post_key(key)
    existing = Interview.objects.filter(key=key).first()
    if existing is not None:
        return existing
    fields = {"who": who, "said": said, "quote": quote, "sharing": sharing}
    interview = Interview.objects.select_for_update().filter(author=by).first()
    if interview is None:
        try:
            with transaction.atomic():  # a savepoint: a second tab may have saved meanwhile
                interview = Interview.objects.create(seminar=seminar, author=by, key=key, **fields)
        except IntegrityError:
            interview = Interview.objects.select_for_update().get(author=by)
    if interview.key != key:
        for name, value in fields.items():
            setattr(interview, name, value)
        interview.save()
    group = seat(seminar, by)
    if group is not None:
        live.publish_table(seminar, group)
    else:
        live.publish_stage(seminar)
    return interview


@transaction.atomic
def add_thread(group, *, by, label, interviews, key=None):
    """A common thread over two or more of the table's interviews."""
    seminar = group.grouping.seminar
    _check_table(seminar, group, by)
    key = post_key(key)
    existing = InterviewThread.objects.filter(key=key).first()
    if existing is not None:
        return existing
    if len(set(interviews)) < 2:
        raise Refused(_("A common thread joins at least two interviews."))
    _of_table(group, interviews)
    thread = InterviewThread.objects.create(seminar=seminar, group=group, label=label, key=key)
    thread.interviews.set(interviews)
    live.publish_table(seminar, group)
    return thread


@transaction.atomic
def remove_thread(thread, *, by):
    seminar = thread.seminar
    _check_table(seminar, thread.group, by)
    group = thread.group
    thread.delete()
    live.publish_table(seminar, group)


@transaction.atomic
def add_difference(group, *, by, first, second, note, key=None):
    """A difference noted between two of the table's interviews."""
    seminar = group.grouping.seminar
    _check_table(seminar, group, by)
    key = post_key(key)
    existing = InterviewDifference.objects.filter(key=key).first()
    if existing is not None:
        return existing
    if first.pk == second.pk:
        raise Refused(_("A difference is between two different interviews."))
    _of_table(group, [first, second])
    difference = InterviewDifference.objects.create(
        seminar=seminar, group=group, first=first, second=second, note=note, key=key
    )
    live.publish_table(seminar, group)
    return difference


@transaction.atomic
def remove_difference(difference, *, by):
    seminar = difference.seminar
    _check_table(seminar, difference.group, by)
    group = difference.group
    difference.delete()
    live.publish_table(seminar, group)


@transaction.atomic
def set_flag(interview, *, by, group, heading, on=True):
    """Flag an interview of the table for the plenum under a heading, or take the flag back.
    Setting a flag twice (or taking it back twice) changes nothing the second time."""
    seminar = interview.seminar
    _check_table(seminar, group, by)
    _of_table(group, [interview])
    if heading not in InterviewFlag.Heading.values:
        raise Refused(_("Choose one of the four headings."))
    if on and not interview.in_plenum:
        raise Refused(_("Its author keeps this interview at the table."))
    if on:
        InterviewFlag.objects.get_or_create(
            interview=interview, heading=heading, defaults={"seminar": seminar, "group": group}
        )
    else:
        InterviewFlag.objects.filter(interview=interview, heading=heading).delete()
    live.publish_table(seminar, group)


def _stage(seminar):
    stage, _created = InterviewStage.objects.get_or_create(seminar=seminar)
    return InterviewStage.objects.select_for_update().get(pk=stage.pk)


@transaction.atomic
def show_flag(seminar, *, by, flag=None):
    """Put one flagged interview on the projector (None: the headings again)."""
    if flag is not None and flag.seminar_id != seminar.pk:
        raise Refused(_("That interview belongs to another seminar."))
    stage = _stage(seminar)
    stage.flag = flag
    stage.save(update_fields=["flag"])
    live.publish_stage(seminar)


@transaction.atomic
def step(seminar, *, by, forward=True):
    """The next (or previous) flagged interview, by heading; from nothing, the first."""
    stage = _stage(seminar)
    flags = queries.flagged(seminar)
    if not flags:
        return None
    ids = [flag.pk for flag in flags]
    if stage.flag_id in ids:
        index = ids.index(stage.flag_id) + (1 if forward else -1)
        index = max(0, min(index, len(flags) - 1))
    else:
        index = 0 if forward else len(flags) - 1
    stage.flag = flags[index]
    stage.save(update_fields=["flag"])
    live.publish_stage(seminar)
    return stage.flag
