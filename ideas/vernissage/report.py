"""The highlights the facilitator pinned during the day, but none taken from a hidden card."""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy

from ideas.models import Highlight
from ideas.report.sections import Section, register


@dataclass
class Highlights:
    highlights: list[Highlight]


class HighlightsSection(Section):
    key = "highlights"
    title = gettext_lazy("Highlights")

    def collect(self, seminar):
        highlights = list(
            Highlight.objects.filter(seminar=seminar)
            .exclude(idea__hidden=True)
            .order_by("created_at", "pk")
        )
        return Highlights(highlights=highlights) if highlights else None

    def write(self, data, writer):
        writer.bullets([highlight.text for highlight in data.highlights])


register(HighlightsSection(), order=30)
