"""The walk through a seminar's documentation: each registered section reads its part, once.

It runs in the seminar's language, and what it returns is what every writer writes."""

from dataclasses import dataclass

from django.utils import formats, translation

from ideas.report.sections import Section, sections
from seminar.models import Seminar

EN_DASH = "\u2013"


@dataclass(frozen=True)
class Part:
    """A section with what it read, ready to be written any number of times."""

    section: Section
    title: str
    data: object

    @property
    def key(self):
        return self.section.key


@dataclass(frozen=True)
class Documentation:
    seminar: Seminar
    language: str
    title: str
    lines: list[str]  # under the title: municipality, venue, dates
    parts: list[Part]

    def __getitem__(self, key):
        """The data of the section `key`: `documentation["goals"].goals`."""
        for part in self.parts:
            if part.key == key:
                return part.data
        raise KeyError(key)


def walk(seminar) -> Documentation:
    """Read the whole documentation: each section's own queries, so a fixed number in all."""
    with translation.override(seminar.language):
        parts = []
        for section in sections():
            data = section.collect(seminar)
            if data is not None:
                parts.append(Part(section=section, title=str(section.title), data=data))
        return Documentation(
            seminar=seminar,
            language=seminar.language,
            title=seminar.title,
            lines=[line for line in (seminar.municipality, seminar.venue, _dates(seminar)) if line],
            parts=parts,
        )


def _dates(seminar):
    dates = [day for day in (seminar.starts_on, seminar.ends_on) if day]
    if len(dates) == 2 and dates[0] == dates[1]:
        dates = dates[:1]
    return EN_DASH.join(formats.date_format(day, "DATE_FORMAT") for day in dates)
