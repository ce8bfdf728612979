"""The plug-in side of the documentation: what a section is, how it registers, what it writes.

A section reads its own part of the seminar (`collect`) and writes it through any writer
(`write`), using only the vocabulary of `ideas.report.writers.Writer`: nested sections,
paragraphs, bulleted and numbered lists, facts, tables and pictures. It never knows whether it
is becoming a web page, a Word file or a PDF, which is what keeps the three alike.

Sections do not know about each other; each registers itself with `register(section, order=...)`
and the documentation follows the order numbers. An exercise's package adds its own the same
way (`ForecastSection` in tests/ideas/test_report_walk.py is a small example).
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass


class Section:
    """One part of the documentation, headed by `title` (translated when the walk reads it)."""

    key = ""  # unique, and the part's anchor on the web page (#boards)
    title = ""  # usually gettext_lazy: read in the seminar's language

    def __repr__(self):
        return f"<{type(self).__name__} {self.key}>"

    def collect(self, seminar):
        """This section's data, read in a fixed number of queries; None leaves it out.

        Runs in the seminar's language, so labels and dates may be formatted here."""
        raise NotImplementedError

    def write(self, data, writer):
        """Write `data` (what `collect` returned) under the section's heading. No queries:
        everything was read by `collect`."""
        raise NotImplementedError


@dataclass(frozen=True)
class Entry:
    """A line of a list: the text, small notes after it ("2 stars", "Table 3") and, under it,
    lines of its own (an idea's comments), named by `children_label` for screen readers."""

    text: str
    notes: Sequence[str] = ()
    children: Sequence[str] = ()
    children_label: str = ""


@dataclass(frozen=True)
class Column:
    """A table column; `share` is its part of the width in Word and the PDF."""

    label: str
    share: float = 1
    compact: bool = False  # times and durations: as narrow as they go, never wrapped
    names_row: bool = False  # the cell that says what the row is about (a row header)


@dataclass(frozen=True)
class Picture:
    """An image: the web page links to `url`, the files embed what `read()` returns."""

    alt: str
    url: str
    read: Callable[[], bytes]


_registry: dict[str, tuple[float, Section]] = {}


def register(section: Section, *, order: float):
    """Add a section to every documentation, at `order` (the built-in ones use 10, 20, ...)."""
    if not section.key:
        raise ValueError(f"{section!r} has no key")
    if section.key in _registry:
        raise ValueError(f"a report section is already registered as {section.key!r}")
    _registry[section.key] = (order, section)
    return section


def unregister(key):
    """For tests that register a section of their own."""
    _registry.pop(key, None)


def sections() -> list[Section]:
    """The registered sections in documentation order."""
    return [section for _order, section in sorted(_registry.values(), key=lambda e: e[0])]
