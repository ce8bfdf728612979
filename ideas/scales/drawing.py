"""A scale's chart for the Word and PDF documentation, drawn from the same chart data as the web
page's SVG (charts.py): the same shapes at the same coordinates as
ideas/templates/ideas/exercises/scales.html#svg, in its colours (static/css/plenum.css), with
the legend the page writes beside the chart drawn under it, in the documentation's language."""

from django.utils.formats import number_format
from django.utils.translation import gettext as _

from ideas.report.drawing import INK, Circle, Drawing, Line, Rect, Text, font
from ideas.scales.charts import WIDTH

BLUE, GREY, AMBER, GREEN, RUST = "#0b5cad", "#8fa3b8", "#e8a200", "#1d6b35", "#b5530a"
MARKS = {1: "#a4161a", 2: "#d9731a", 3: "#b9b9b9", 4: "#5b9bd5", 5: "#1d6b35"}
LEGEND_SIZE = 30


def drawing(chart):
    """The chart (charts.chart's dict) as a Drawing, its legend under it."""
    picture = Drawing(WIDTH, chart["height"])
    legend = {"dilemma": _dilemma, "self_assessment": _self_assessment, "rating": _rating}[
        chart["kind"]
    ](picture, chart)
    _legend(picture, *legend)
    return picture


def _number(value):
    return number_format(value, 1)


def _round_colour(round_):
    return GREY if round_ == 1 else BLUE


def _dilemma(picture, chart):
    for block in chart["blocks"]:
        shapes = [
            Text(0, 50, block["low"], size=50, bold=True),
            Text(WIDTH, 50, block["high"], size=50, bold=True, anchor="end"),
        ]
        if block["text"]:
            shapes.append(Text(WIDTH / 2, 50, block["text"], bold=True, anchor="middle"))
        for bar in block["bars"]:
            if bar["h"]:
                colour = BLUE if bar["round"] == 0 else _round_colour(bar["round"])
                shapes.append(Rect(bar["x"], bar["y"], bar["w"], bar["h"], fill=colour))
        shapes.append(Line(0, block["base"], WIDTH, block["base"], width=3))
        if block["shift"]:
            shift = block["shift"]
            shapes.append(Line(shift["x1"], 166, shift["x2"], 166, stroke=AMBER, width=8))
        for mean in block["means"]:
            colour = GREY if mean["round"] == 1 else AMBER
            shapes.append(Circle(mean["x"], 166, 14, fill=colour, stroke=INK, width=3))
        for department in block["departments"]:
            if department["x"] is not None:
                shapes.append(Circle(department["x"], department["y"], 9, fill=GREEN))
                shapes.append(
                    Text(
                        department["tx"],
                        department["y"] + 8,
                        department["name"],
                        size=26,
                        anchor=department["anchor"],
                    )
                )
        picture.add(*shapes, dy=block["y"])
    keys = []
    if len(chart["rounds"]) > 1:
        keys = [
            (Rect(0, 0, 1, 1, fill=GREY), _("Round 1")),
            (Rect(0, 0, 1, 1, fill=BLUE), _("Last round")),
        ]
    notes = [_("Bars: how many stand there. Dots: the mean.")]
    if chart["scale"].by_department:
        notes.append(_("Small dots: each department's mean."))
    return keys, " ".join(notes)


def _self_assessment(picture, chart):
    picture.add(
        *(
            Text(stage["x"], 44, stage["label"], bold=True, anchor="middle")
            for stage in chart["stages"]
        )
    )
    for block in chart["blocks"]:
        shapes = [
            Text(0, 34, block["text"], bold=True),
            Line(chart["left"], 80, chart["right"], 80, width=3),
            *(Line(stage["x"], 68, stage["x"], 92, width=3) for stage in chart["stages"]),
        ]
        today, wish = block["today"], block["wish"]
        if today is not None and wish is not None:
            shapes.append(Line(today, 80, wish, 80, stroke=AMBER, width=8))
        if today is not None:
            shapes.append(Circle(today, 80, 16, fill=BLUE, stroke=INK, width=2))
        if wish is not None:
            shapes.append(Rect(wish - 15, 65, 30, 30, fill=AMBER, stroke=INK, width=2))
        if block["gap"] is not None:
            shapes.append(Text(WIDTH, 92, _number(block["gap"]), bold=True, anchor="end"))
        for department in block["departments"]:
            y = department["y"]
            shapes.append(Text(0, y + 8, department["name"], size=26))
            if department["x"] is not None:
                shapes.append(Circle(department["x"], y, 9, fill=BLUE, stroke=INK, width=2))
            if department["wx"] is not None:
                shapes.append(
                    Rect(department["wx"] - 8, y - 8, 16, 16, fill=AMBER, stroke=INK, width=2)
                )
        picture.add(*shapes, dy=block["y"])
    keys = [
        (Circle(0, 0, 1, fill=BLUE, stroke=INK, width=2), _("Today")),
        (Rect(0, 0, 1, 1, fill=AMBER, stroke=INK, width=2), _("Where we want to be")),
    ]
    return keys, _("The number: the gap between them.")


def _rating(picture, chart):
    for block in chart["blocks"]:
        shapes = [Text(0, 34, block["text"], bold=True)]
        shapes += [
            Rect(part["x"], 48, part["w"], 40, fill=MARKS[part["mark"]]) for part in block["parts"]
        ]
        shapes.append(Rect(0, 48, chart["bar_width"], 40, stroke=INK, width=2))
        if block["mean"] is not None:
            shapes.append(Text(1180, 82, _number(block["mean"]), bold=True))
        if block["importance"] is not None:
            shapes.append(
                Text(WIDTH, 82, _number(block["importance"]), bold=True, anchor="end", fill=RUST)
            )
        picture.add(*shapes, dy=block["y"])
    keys = [(Rect(0, 0, 1, 1, fill=MARKS[mark]), str(mark)) for mark in MARKS]
    notes = [_("The number: the mean.")]
    if chart["scale"].asks_importance:
        notes.append(_("On the right: how much it matters."))
    return keys, " ".join(notes)


def _legend(picture, keys, note):
    """The keys (a swatch and its label) on one line under the chart, the note on the next."""
    y = picture.height + 50
    x = 0
    for swatch, label in keys:
        if isinstance(swatch, Circle):
            picture.add(Circle(x + 14, y - 10, 14, fill=swatch.fill, stroke=swatch.stroke, width=2))
        else:
            picture.add(Rect(x, y - 24, 28, 28, fill=swatch.fill, stroke=swatch.stroke, width=2))
        picture.add(Text(x + 40, y, label, size=LEGEND_SIZE))
        x += 40 + _width(label) + 40
    if keys:
        y += 50
    picture.add(Text(0, y, note, size=LEGEND_SIZE))
    picture.height = y + 16


def _width(label):
    """A label's width at the legend's size, in the font that draws it."""
    return font(LEGEND_SIZE).getlength(label)
