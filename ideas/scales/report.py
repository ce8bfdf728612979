"""The scales in the documentation: each item's chart and its numbers, in every format (the
web page draws the SVG, Word and the PDF the same chart's shapes), the largest gaps of a
self-assessment named. Read in four queries, however many scales the seminar ran."""

from dataclasses import dataclass

from django.template.loader import render_to_string
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ideas.models import Answer, Participant, Scale, Statement
from ideas.report.sections import Column, Section, register
from ideas.scales.charts import ANSWER_FIELDS, chart
from ideas.scales.drawing import drawing
from ideas.scales.kinds import MEASURES

SVG = "ideas/exercises/scales.html#svg"


@dataclass
class ReportScale:
    title: str
    svg: str
    drawing: object  # the same chart as shapes, for Word and the PDF (ideas/report/drawing.py)
    columns: list
    rows: list
    gaps: list  # (label, gap) of a self-assessment, largest first


class ScalesSection(Section):
    key = "scales"
    title = gettext_lazy("Dilemmas, self-assessments and ratings")

    def collect(self, seminar):
        scales = list(
            Scale.objects.filter(seminar=seminar)
            .select_related("agenda_item", "seminar")
            .order_by("agenda_item__day__position", "agenda_item__position", "pk")
        )
        if not scales:
            return None
        statements, answers = {}, {}
        for statement in Statement.objects.filter(scale__seminar=seminar).order_by(
            "position", "pk"
        ):
            statements.setdefault(statement.scale_id, []).append(statement)
        for row in Answer.objects.filter(statement__scale__seminar=seminar).values_list(
            "statement__scale_id", *ANSWER_FIELDS
        ):
            answers.setdefault(row[0], []).append(row[1:])
        people = Participant.objects.filter(seminar=seminar).count()
        report = []
        for scale in scales:
            mine = statements.get(scale.pk, [])
            if not answers.get(scale.pk) or scale.agenda_item.kind not in MEASURES:
                continue  # nobody answered, or the item is no longer a scale (set before
                # answers locked its kind): its answers stay in the seminar's export
            drawn = chart(
                scale,
                scale.agenda_item.kind,
                statements=mine,
                answers=answers[scale.pk],
                people=people,
            )
            report.append(
                ReportScale(
                    title=scale.agenda_item.title,
                    svg=render_to_string(SVG, {"chart": drawn}),
                    drawing=drawing(drawn),
                    columns=[
                        Column(str(label), share=4 if i == 0 else 1, names_row=i == 0)
                        for i, label in enumerate(drawn["columns"])
                    ],
                    rows=[[_cell(cell) for cell in cells] for cells in drawn["table"]],
                    gaps=[(row.label, _cell(gap)) for row, gap in drawn.get("largest_gaps", [])],
                )
            )
        return report or None

    def write(self, data, writer):
        for scale in data:
            with writer.section(scale.title, kind="scale"):
                writer.chart(scale.svg, caption=scale.title, drawing=scale.drawing)
                writer.table(scale.columns, scale.rows, caption=_("The numbers"))
                if scale.gaps:
                    writer.paragraph(_("The largest gaps"), style="strong")
                    writer.numbered([f"{label} ({gap})" for label, gap in scale.gaps])


def _cell(value):
    if value is None:
        return "-"
    if isinstance(value, float):
        return number_format(value, 1)
    return str(value)


register(ScalesSection(), order=45)
