"""The soapbox in the documentation: who gave a speech in each group and how much feedback it
got, how many drafted, and the speeches and action plans their authors shared (the rest stay
private)."""

from dataclasses import dataclass

from django.db.models import Count
from django.utils.translation import gettext_lazy, ngettext

from agenda.models import AgendaItem
from ideas.models import Speech
from ideas.report.sections import Entry, Section, register
from ideas.soapbox.forms import SPEECH_FIELDS


@dataclass
class ItemSpeeches:
    item: AgendaItem
    day_label: str
    drafted: int
    speakers: list[Speech]
    shared: list[Speech]


@dataclass
class Soapbox:
    items: list[ItemSpeeches]


class SoapboxSection(Section):
    key = "soapbox"
    title = gettext_lazy("On the soapbox")

    def collect(self, seminar):
        speeches = list(
            Speech.objects.filter(seminar=seminar)
            .select_related("participant", "group", "agenda_item__day")
            .annotate(feedback_count=Count("feedback"))
            .order_by(
                "agenda_item__day__position",
                "agenda_item__day_id",
                "agenda_item__position",
                "agenda_item_id",
                "group__number",
                "pick",
                "pk",
            )
        )
        items = {}
        for speech in speeches:
            item = speech.agenda_item
            if item.pk not in items:
                items[item.pk] = ItemSpeeches(item, item.day.label, 0, [], [])
            entry = items[item.pk]
            entry.drafted += speech.drafted
            if speech.pick is not None and speech.started_at is not None:
                entry.speakers.append(speech)
            if speech.shared:
                entry.shared.append(speech)
        return Soapbox(items=list(items.values())) if items else None

    def write(self, data, writer):
        for entry in data.items:
            with writer.section(entry.item.title, aside=entry.day_label, kind="item"):
                drafted = ngettext(
                    "%(counter)s speech drafted.", "%(counter)s speeches drafted.", entry.drafted
                )
                writer.paragraph(drafted % {"counter": entry.drafted})
                if entry.speakers:
                    writer.bullets(
                        [
                            Entry(
                                speech.participant.display_name,
                                notes=[
                                    speech.group.name if speech.group_id else "",
                                    _feedback(speech.feedback_count),
                                ],
                            )
                            for speech in entry.speakers
                        ]
                    )
                for speech in entry.shared:
                    with writer.section(speech.participant.display_name, kind="speech"):
                        writer.facts(
                            [
                                (str(Speech._meta.get_field(name).verbose_name), value)
                                for name in (*SPEECH_FIELDS, "plan")
                                if (value := getattr(speech, name).strip())
                            ]
                        )


def _feedback(count):
    return ngettext("%(counter)s feedback", "%(counter)s feedbacks", count) % {"counter": count}


register(SoapboxSection(), order=37)
