"""The citizen interviews in the documentation: those their authors shared (named or not), each
table's common threads and differences, and the interviews flagged for the plenum."""

from dataclasses import dataclass, field

from django.db.models import Prefetch
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas.interviews.models import (
    Interview,
    InterviewDifference,
    InterviewFlag,
    InterviewThread,
)
from ideas.report.sections import Entry, Section, register


@dataclass
class Interviews:
    shared: list[Interview]
    kept: int  # interviews kept at their table: counted, not shown
    threads: list[InterviewThread] = field(default_factory=list)
    differences: list[InterviewDifference] = field(default_factory=list)
    flagged: list[tuple[str, list[InterviewFlag]]] = field(default_factory=list)


def _who(interview):
    """An interview as others may read it: kept ones only as "an interview"."""
    return interview.who if interview.in_plenum else _("an interview kept at its table")


class InterviewsSection(Section):
    key = "interviews"
    title = gettext_lazy("Citizen interviews")

    def collect(self, seminar):
        interviews = list(
            Interview.objects.filter(seminar=seminar)
            .select_related("author")
            .order_by("created_at", "pk")
        )
        if not interviews:
            return None
        members = Interview.objects.order_by("created_at", "pk")
        flags = list(
            InterviewFlag.objects.filter(seminar=seminar)
            .exclude(interview__sharing=Interview.Sharing.TABLE)
            .select_related("interview__author", "group")
            .order_by("created_at", "pk")
        )
        return Interviews(
            shared=[interview for interview in interviews if interview.in_plenum],
            kept=sum(not interview.in_plenum for interview in interviews),
            threads=list(
                InterviewThread.objects.filter(seminar=seminar)
                .select_related("group")
                .prefetch_related(Prefetch("interviews", queryset=members))
                .order_by("group__number", "created_at", "pk")
            ),
            differences=list(
                InterviewDifference.objects.filter(seminar=seminar)
                .select_related("group", "first", "second")
                .order_by("group__number", "created_at", "pk")
            ),
            flagged=[
                (label, [flag for flag in flags if flag.heading == value])
                for value, label in InterviewFlag.Heading.choices
            ],
        )

    def write(self, data, writer):
        writer.paragraph(
            _("What do the citizens say about working with the municipality?"), style="prompt"
        )
        for interview in data.shared:
            with writer.section(interview.who, kind="interview"):
                writer.facts(
                    [
                        (_("Quote"), f"“{interview.quote}”" if interview.quote else ""),
                        (_("What they said"), interview.said),
                        (_("Interviewed by"), interview.byline),
                    ]
                )
        if data.kept:
            writer.paragraph(
                _("%(count)d more interviews were shared only at their tables.")
                % {"count": data.kept}
            )
        if data.threads:
            with writer.section(_("Common threads"), kind="threads"):
                writer.bullets(
                    [
                        Entry(
                            thread.label,
                            notes=[thread.group.name],
                            children=[_who(interview) for interview in thread.interviews.all()],
                            children_label=_("Interviews"),
                        )
                        for thread in data.threads
                    ]
                )
        if data.differences:
            with writer.section(_("Differences"), kind="differences"):
                writer.bullets(
                    [
                        Entry(
                            difference.note,
                            notes=[
                                f"{_who(difference.first)} ↔ {_who(difference.second)}",
                                difference.group.name,
                            ],
                        )
                        for difference in data.differences
                    ]
                )
        if any(flags for _label, flags in data.flagged):
            with writer.section(_("Brought to the plenum"), kind="flags"):
                for label, flags in data.flagged:
                    if flags:
                        writer.facts([(label, [flag.interview.who for flag in flags])])


register(InterviewsSection(), order=35)
