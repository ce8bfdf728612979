"""The programme as it ran: every day's items, planned and actual times side by side."""

import datetime
from dataclasses import dataclass

from django.db.models import Prefetch
from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.models import AgendaItem, Day
from ideas.report.sections import Column, Section, register

EN_DASH = "\u2013"


@dataclass
class ReportItem:
    item: AgendaItem
    planned_start: str = ""  # "08:15", or "" when the item had no time
    planned_end: str = ""
    actual_start: str = ""  # local wall-clock time the clock entered the item
    actual_end: str = ""
    actual_minutes: int | None = None

    @property
    def title(self):
        return self.item.title

    @property
    def planned(self):
        if not self.planned_start:
            return ""
        return EN_DASH.join(time for time in (self.planned_start, self.planned_end) if time)


@dataclass
class ReportDay:
    day: Day
    date_text: str
    items: list[ReportItem]


@dataclass
class Programme:
    days: list[ReportDay]


def _hhmm(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.strftime("%H:%M")


def _entry(item):
    minutes = None
    if item.actual_start and item.actual_end:
        minutes = round((item.actual_end - item.actual_start).total_seconds() / 60)
    return ReportItem(
        item=item,
        planned_start=_hhmm(item.start),
        planned_end=_hhmm(item.end),
        actual_start=_hhmm(item.actual_start),
        actual_end=_hhmm(item.actual_end),
        actual_minutes=minutes,
    )


class ProgrammeSection(Section):
    key = "programme"
    title = gettext_lazy("Programme")

    def collect(self, seminar):
        # Never left out, even without days: the documentation opens with the programme.
        items = AgendaItem.objects.order_by("position", "pk")
        days = Day.objects.filter(seminar=seminar).prefetch_related(
            Prefetch("items", queryset=items, to_attr="report_items")
        )
        return Programme(
            days=[
                ReportDay(
                    day=day,
                    date_text=_date_text(day),
                    items=[_entry(item) for item in day.report_items],
                )
                for day in days
            ]
        )

    def write(self, data, writer):
        columns = [
            Column(_("Planned"), share=3, compact=True),
            Column(_("Item"), share=10, names_row=True),
            Column(_("Duration"), share=3, compact=True),
            Column(_("Started"), share=3, compact=True),
            Column(_("Ended"), share=3, compact=True),
        ]
        for day in data.days:
            with writer.section(day.day.label, aside=day.date_text, kind="day"):
                writer.table(columns, [_row(entry) for entry in day.items])


def _date_text(day):
    """The date beside a day's heading, unless its label already says it ("Torsdag d. 30.
    oktober"): the heading would repeat it."""
    date = day.date_beside_label
    return formats.date_format(date, "DATE_FORMAT") if date else ""


def _row(entry):
    duration = entry.item.duration
    return [
        entry.planned,
        entry.title,
        _("%(minutes)s min") % {"minutes": duration} if duration else "",
        entry.actual_start,
        entry.actual_end,
    ]


register(ProgrammeSection(), order=10)
