"""The room's answers to a scale, read in three queries and laid out as an SVG chart.

`chart(scale)` returns plain numbers and shapes (coordinates in a 1600-unit wide viewBox) that
ideas/templates/ideas/exercises/scales.html#chart draws, plus the rows of the table that says
the same for screen readers and the documentation. Labels are translated by the template, so
one chart serves every language of a push.
"""

from dataclasses import dataclass, field

from django.utils.text import Truncator, format_lazy
from django.utils.translation import gettext_lazy as _

from ideas.models import Answer, Participant

WIDTH = 1600
BINS = 10


def _mean(values):
    return sum(values) / len(values) if values else None


def _one(value):
    """A number as the table shows it: one decimal, or None (no answers)."""
    return None if value is None else round(value, 1)


def _clip(text, length):
    return Truncator(text).chars(length)


@dataclass
class Row:
    """One statement's numbers: per round (1, 2...) and, if split, per department."""

    statement: object
    label: str
    values: dict = field(default_factory=dict)  # round -> [value]
    wishes: dict = field(default_factory=dict)  # round -> [wish]
    departments: dict = field(default_factory=dict)  # name -> ([values], [wishes]) last round

    def mean(self, round_):
        return _mean(self.values.get(round_, []))

    def wish_mean(self, round_):
        return _mean(self.wishes.get(round_, []))

    def count(self, round_):
        return len(self.values.get(round_, []))


ANSWER_FIELDS = ("statement_id", "round", "value", "wish", "participant__department__name")


def read(scale, statements, answers=None):
    """Every answer of the scale (one query, unless given), with the department names."""
    rows = {statement.pk: Row(statement, _label(statement)) for statement in statements}
    if answers is None:
        answers = Answer.objects.filter(statement__scale=scale).values_list(*ANSWER_FIELDS)
    for statement_id, round_, value, wish, department in answers:
        row = rows.get(statement_id)
        if row is None:
            continue
        if value is not None:
            row.values.setdefault(round_, []).append(value)
        if wish is not None:
            row.wishes.setdefault(round_, []).append(wish)
        if round_ == scale.round:
            values, wishes = row.departments.setdefault(department or "", ([], []))
            if value is not None:
                values.append(value)
            if wish is not None:
                wishes.append(wish)
    return list(rows.values())


def _label(statement):
    if statement.text:
        return statement.text
    return f"{statement.low} / {statement.high}"


def chart(scale, kind, *, statements=None, answers=None, people=None):
    """The chart's numbers and shapes; the documentation passes what it read for every scale
    at once, the live push lets it read (three queries)."""
    if statements is None:
        statements = list(scale.statements.all())
    rows = read(scale, statements, answers)
    if people is None:
        people = Participant.objects.filter(seminar_id=scale.seminar_id).count()
    answered = max((row.count(scale.round) for row in rows), default=0)
    total = sum(row.count(scale.round) for row in rows)  # every answer of the round
    drawn = {"dilemma": _dilemma, "self_assessment": _self_assessment, "rating": _rating}[kind]
    return {
        "kind": kind,
        "scale": scale,
        "rows": rows,
        "people": people,
        "answered": answered,
        "total": total,
        **drawn(scale, rows),
    }


def _department_rows(row, y, mean_x, *, wish_x=None):
    """Small rows under a statement: each department's mean (and wish) as dots."""
    shapes = []
    for name, (values, wishes) in sorted(row.departments.items()):
        if not values and not wishes:
            continue
        x = mean_x(_mean(values)) if values else None
        wx = wish_x(_mean(wishes)) if wish_x and wishes else None
        shapes.append({"y": y, "name": _clip(name or "-", 16), "x": x, "wx": wx})
        y += 36
    return shapes, y


def _bin(value):
    return min(value * BINS // 100, BINS - 1)


def _dilemma(scale, rows):
    rounds = list(range(1, scale.round + 1))
    blocks, y = [], 0
    bin_width = WIDTH / BINS

    def position(value):
        return round(value / 100 * WIDTH, 1)

    for row in rows:
        counts = {
            r: [sum(1 for v in row.values.get(r, []) if _bin(v) == b) for b in range(BINS)]
            for r in rounds
        }
        top = max((c for r in rounds for c in counts[r]), default=0) or 1
        base = 150  # inside the block (<g transform>), as every y below
        bars = []
        shown = [r for r in rounds if row.count(r)] or rounds[-1:]
        for b in range(BINS):
            for i, r in enumerate(shown):
                width = (bin_width - 12) / len(shown)
                height = round(counts[r][b] / top * 80, 1)
                bars.append(
                    {
                        "x": round(b * bin_width + 6 + i * width, 1),
                        "y": round(base - height, 1),
                        "w": round(width - 2, 1),
                        "h": height,
                        "round": min(r, 2) if len(shown) > 1 else 0,
                        "count": counts[r][b],
                    }
                )
        means = [
            {"x": position(row.mean(r)), "round": r, "value": row.mean(r)}
            for r in shown
            if row.mean(r) is not None
        ]
        shift = None
        if len(means) > 1:
            shift = {"x1": means[0]["x"], "x2": means[-1]["x"]}
        departments, end = [], base + 30
        if scale.by_department:
            departments, end = _department_rows(row, base + 64, position)
            for department in departments:
                department["anchor"] = "start" if (department["x"] or 0) < WIDTH / 2 else "end"
                department["tx"] = (department["x"] or 0) + (
                    24 if department["anchor"] == "start" else -24
                )
        blocks.append(
            {
                "row": row,
                "y": y,
                "low": _clip(row.statement.low, 30),
                "high": _clip(row.statement.high, 30),
                "text": _clip(row.statement.text, 70),
                "base": base,
                "bars": bars,
                "means": means,
                "shift": shift,
                "departments": departments,
            }
        )
        y += end + 16
    columns = [_("Dilemma")]
    for r in rounds:
        columns += [
            format_lazy(_("Answers, round {round}"), round=r),
            format_lazy(_("Mean (0-100), round {round}"), round=r),
        ]
    if len(rounds) > 1:
        columns.append(_("Shift"))
    table = []
    for row in rows:
        cells = [row.label]
        for r in rounds:
            cells += [row.count(r), _one(row.mean(r))]
        if len(rounds) > 1:
            first, last = row.mean(rounds[0]), row.mean(rounds[-1])
            cells.append(_one(last - first) if first is not None and last is not None else None)
        table.append(cells)
    return {
        "blocks": blocks,
        "height": max(y, 100),
        "rounds": rounds,
        "columns": columns,
        "table": table,
    }


def _track(stages, left=320, right=WIDTH - 140):
    low, high = 1, stages

    def x(value):
        return round(left + (value - low) / (high - low) * (right - left), 1)

    return x


def _self_assessment(scale, rows):
    x = _track(3)
    blocks, y = [], 70  # the stages' names head the chart
    gaps = []
    for row in rows:
        today, wish = row.mean(scale.round), row.wish_mean(scale.round)
        gap = wish - today if today is not None and wish is not None else None
        if gap is not None:
            gaps.append((abs(gap), row, gap))
        departments, end = [], 110
        if scale.by_department:
            departments, end = _department_rows(row, 136, x, wish_x=x)
        blocks.append(
            {
                "row": row,
                "y": y,
                "text": _clip(row.statement.text, 60),
                "track": 80,
                "today": x(today) if today is not None else None,
                "wish": x(wish) if wish is not None else None,
                "today_value": today,
                "wish_value": wish,
                "gap": gap,
                "departments": departments,
            }
        )
        y += end + 10
    gaps.sort(key=lambda entry: -entry[0])
    table = [
        [
            row.label,
            row.count(scale.round),
            _one(row.mean(scale.round)),
            _one(row.wish_mean(scale.round)),
            _one(block["gap"]),
        ]
        for row, block in zip(rows, blocks, strict=True)
    ]
    return {
        "columns": [_("Dimension"), _("Answers"), _("Today (1-3)"), _("Wish (1-3)"), _("Gap")],
        "table": table,
        "blocks": blocks,
        "height": y,
        "stages": [{"x": x(stage), "label": f"{stage}.0"} for stage in (1, 2, 3)],
        "left": x(1),
        "right": x(3),
        "largest_gaps": [(row, gap) for size, row, gap in gaps[:3] if size > 0],
    }


def _rating(scale, rows):
    bar_width = 1150
    blocks, y = [], 0
    for row in rows:
        values = row.values.get(scale.round, [])
        counts = [values.count(mark) for mark in range(1, 6)]
        total = sum(counts) or 1
        parts, left = [], 0.0
        for mark, count in enumerate(counts, start=1):
            width = count / total * bar_width
            if count:
                parts.append(
                    {"x": round(left, 1), "w": round(width, 1), "mark": mark, "count": count}
                )
            left += width
        mean, importance = row.mean(scale.round), row.wish_mean(scale.round)
        blocks.append(
            {
                "row": row,
                "y": y,
                "text": _clip(row.statement.text, 66),
                "bar_y": 48,
                "parts": parts,
                "counts": counts,
                "mean": mean,
                "mean_x": round((mean - 1) / 4 * bar_width, 1) if mean is not None else None,
                "importance": importance,
                "gap": importance - mean if importance is not None and mean is not None else None,
            }
        )
        y += 120
    columns = [_("Point"), _("Answers"), _("Mean (1-5)"), "1", "2", "3", "4", "5"]
    if scale.asks_importance:
        columns += [_("Importance (1-5)"), _("Importance minus performance")]
    table = []
    for block in blocks:
        row = block["row"]
        cells = [row.label, row.count(scale.round), _one(block["mean"]), *block["counts"]]
        if scale.asks_importance:
            cells += [_one(block["importance"]), _one(block["gap"])]
        table.append(cells)
    return {
        "blocks": blocks,
        "height": max(y, 100),
        "bar_width": bar_width,
        "columns": columns,
        "table": table,
    }
