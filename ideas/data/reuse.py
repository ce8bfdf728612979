"""A seminar used as a template: its programme, the exercise set-up on its items and its
groupings' rules copied into a new seminar, without people or content."""

import datetime

from django.db import transaction

from agenda.models import AgendaItem, Day
from groups.models import Grouping
from ideas.models import Vernissage
from seminar import services as seminar_services


def _first_day(seminar):
    if seminar.starts_on:
        return seminar.starts_on
    dated = seminar.days.exclude(date=None).order_by("date").first()
    return dated.date if dated else None


@transaction.atomic
def copy_as_template(seminar, *, by, title, starts_on=None):
    """The new seminar, run by `by`; dates move by as many days as the first day moves."""
    old_first = _first_day(seminar)
    shift = (starts_on - old_first) if (starts_on and old_first) else datetime.timedelta(0)

    def moved(day):
        return day + shift if day else None

    copy = seminar_services.create_seminar(
        by=by,
        title=title,
        municipality=seminar.municipality,
        venue=seminar.venue,
        language=seminar.language,
        starts_on=starts_on or moved(seminar.starts_on),
        ends_on=moved(seminar.ends_on),
        departments=list(seminar.departments.values_list("name", flat=True)),
    )
    groupings = {}
    for grouping in Grouping.objects.filter(seminar=seminar).order_by("pk"):
        groupings[grouping.pk] = Grouping.objects.create(
            seminar=copy, name=grouping.name, method=grouping.method, group_size=grouping.group_size
        )
    items = {}
    for day in Day.objects.filter(seminar=seminar).order_by("position", "pk"):
        new_day = Day.objects.create(
            seminar=copy, position=day.position, label=day.label, date=moved(day.date)
        )
        for item in AgendaItem.objects.filter(day=day).order_by("position", "pk"):
            items[item.pk] = AgendaItem.objects.create(
                day=new_day,
                position=item.position,
                start=item.start,
                duration=item.duration,
                title=item.title,
                description=item.description,
                kind=item.kind,
                grouping=groupings.get(item.grouping_id),
                flagged=item.flagged,
            )
    for vernissage in Vernissage.objects.filter(agenda_item__day__seminar=seminar):
        if vernissage.agenda_item_id in items and vernissage.source_item_id in items:
            Vernissage.objects.create(
                agenda_item=items[vernissage.agenda_item_id],
                source_item=items[vernissage.source_item_id],
                round_minutes=vernissage.round_minutes,
            )
    return copy
