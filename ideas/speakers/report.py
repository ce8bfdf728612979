"""Who spoke from the floor, item by item, in the order they spoke, with their speaking time."""

from dataclasses import dataclass

from django.utils import formats, timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from agenda.models import AgendaItem
from ideas.models import SpeakerRequest
from ideas.report.sections import Column, Section, register


@dataclass
class ItemSpeakers:
    item: AgendaItem
    day_label: str
    rows: list[list[str]]


@dataclass
class Speakers:
    items: list[ItemSpeakers]


def _duration(request):
    if not request.started_at or not request.ended_at:
        return ""
    minutes, seconds = divmod(int((request.ended_at - request.started_at).total_seconds()), 60)
    return f"{minutes}:{seconds:02d}"


class SpeakersSection(Section):
    key = "speakers"
    title = gettext_lazy("Who spoke")

    def collect(self, seminar):
        spoke = (
            SpeakerRequest.objects.filter(
                seminar=seminar,
                status__in=[SpeakerRequest.Status.SPOKE, SpeakerRequest.Status.SPEAKING],
                started_at__isnull=False,
            )
            .select_related("participant", "agenda_item__day")
            .order_by(
                "agenda_item__day__position",
                "agenda_item__day_id",
                "agenda_item__position",
                "agenda_item_id",
                "started_at",
                "pk",
            )
        )
        items = {}
        for request in spoke:
            item = request.agenda_item
            if item.pk not in items:
                items[item.pk] = ItemSpeakers(item=item, day_label=item.day.label, rows=[])
            started = formats.time_format(timezone.localtime(request.started_at), "TIME_FORMAT")
            items[item.pk].rows.append(
                [request.participant.display_name, started, _duration(request)]
            )
        return Speakers(items=list(items.values())) if items else None

    def write(self, data, writer):
        columns = [
            Column(_("Speaker"), share=3, names_row=True),
            Column(_("Started"), compact=True),
            Column(_("Spoke for"), compact=True),
        ]
        for entry in data.items:
            with writer.section(entry.item.title, aside=entry.day_label, kind="item"):
                writer.table(columns, entry.rows)


register(SpeakersSection(), order=36)
