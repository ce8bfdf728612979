"""The co-creation cases in the documentation: each group's poster of best practices, the case
it picked with its analysis in three columns, and every leader's case with what they took
back to it."""

from dataclasses import dataclass, field

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from ideas.cases.models import BestPractice, Case, CasePoster
from ideas.report.sections import Entry, Section, register


@dataclass
class Poster:
    group: str
    practices: list[str] = field(default_factory=list)
    picked: Case | None = None
    analysis: CasePoster | None = None


@dataclass
class Cases:
    posters: list[Poster]
    cases: list[Case]


class CasesSection(Section):
    key = "cases"
    title = gettext_lazy("Co-creation cases")

    def collect(self, seminar):
        cases = list(
            Case.objects.filter(seminar=seminar)
            .select_related("author")
            .order_by("author__display_name", "pk")
        )
        practices = list(
            BestPractice.objects.filter(seminar=seminar)
            .select_related("group")
            .order_by("group__grouping_id", "group__number", "created_at", "pk")
        )
        if not (cases or practices):
            return None
        # A poster's analysis is of a picked case: without cases there is none to read.
        stored = (
            list(
                CasePoster.objects.filter(seminar=seminar)
                .select_related("group", "picked__author")
                .order_by("group__grouping_id", "group__number")
            )
            if cases
            else []
        )

        posters = {}
        for poster in stored:
            posters[poster.group_id] = Poster(
                group=poster.group.name, picked=poster.picked, analysis=poster
            )
        for practice in practices:
            posters.setdefault(practice.group_id, Poster(group=practice.group.name))
            posters[practice.group_id].practices.append(practice.text)
        return Cases(posters=list(posters.values()), cases=cases)

    def write(self, data, writer):
        for poster in data.posters:
            with writer.section(poster.group, kind="poster"):
                if poster.practices:
                    writer.paragraph(_("Best practices"), style="strong")
                    writer.bullets(poster.practices)
                if poster.picked is not None:
                    analysis = poster.analysis
                    writer.facts(
                        [
                            (_("The group's case"), poster.picked.title),
                            (_("Partners"), poster.picked.partners),
                            (_("What went well"), analysis.went_well),
                            (_("What can be improved"), analysis.to_improve),
                            (pgettext("case analysis", "How"), analysis.how),
                        ]
                    )
        if data.cases:
            with writer.section(_("Every leader's case"), kind="cases"):
                writer.bullets(
                    [
                        Entry(
                            case.title,
                            notes=[case.author.display_name],
                            children=[
                                text
                                for text in (
                                    case.partners
                                    and _("Partners: %(who)s") % {"who": case.partners},
                                    case.what_happened,
                                    case.learning
                                    and _("Learning for my case: %(text)s")
                                    % {"text": case.learning},
                                )
                                if text
                            ],
                            children_label=_("About the case"),
                        )
                        for case in data.cases
                    ]
                )


register(CasesSection(), order=45)
