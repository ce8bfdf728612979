"""The seminar's documentation: the programme as it ran, the boards, the conclusions, the goals
with their handshakes, the departments' commitments and everyone's "on Monday I will ...".

One context (`report_context`) feeds the web page, the Word file and the PDF, so the three
agree. Everything is in the seminar's own language and read in a fixed number of queries.
Hidden ideas and hidden comments never appear, nor a highlight pinned from a hidden idea.
"""

import datetime
import io
import unicodedata
from dataclasses import dataclass, field

from django.db.models import Count, Prefetch
from django.shortcuts import render
from django.utils import formats, timezone, translation
from django.utils.text import capfirst
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from docx import Document
from docx.shared import Cm
from fpdf import FPDF

from agenda.models import AgendaItem, Day
from ideas.exports import goals_for_export
from ideas.models import (
    Board,
    Comment,
    Commitment,
    Dot,
    Goal,
    GoalStage,
    Highlight,
    Idea,
    Message,
    MondayAction,
    Photo,
    Vote,
)

TEMPLATE = "ideas/report.html"
EN_DASH = "\u2013"


@dataclass
class ReportItem:
    item: AgendaItem
    planned_start: str = ""  # "08:15", or "" when the item had no time
    planned_end: str = ""
    actual_start: str = ""  # local wall-clock time the clock entered the item
    actual_end: str = ""
    actual_minutes: int | None = None

    @property
    def title(self):
        return self.item.title


@dataclass
class ReportDay:
    day: Day
    date_text: str
    items: list[ReportItem]


@dataclass
class ReportCluster:
    heading: str
    ideas: list[Idea]


@dataclass
class ReportBoard:
    board: Board
    name: str
    prompt: str
    clusters: list[ReportCluster]
    loose: list[Idea]
    photos: list = field(default_factory=list)  # the visible photos of the poster

    @property
    def ideas(self):
        return [idea for cluster in self.clusters for idea in cluster.ideas] + self.loose


@dataclass
class BoardSection:
    item: AgendaItem
    day_label: str
    boards: list[ReportBoard]


@dataclass
class RankedIdea:
    idea: Idea
    dots: int
    table: str


@dataclass
class ReportVote:
    vote: Vote
    ranking: list[RankedIdea]
    shown: bool  # the tally is part of the record once revealed or closed


@dataclass
class ReportGoal:
    goal: Goal
    table: str
    department: str
    status: str
    target_date_text: str
    people: list[str]
    tables: list[str]

    @property
    def handshakes(self):
        return len(self.people) + len(self.tables)


@dataclass
class DepartmentCommitments:
    department: str
    commitments: list[Commitment] = field(default_factory=list)


@dataclass
class ReportAction:
    text: str
    name: str
    department: str
    goal: str


# --- Reading -------------------------------------------------------------------------------


def _hhmm(value):
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        value = timezone.localtime(value)
    return value.strftime("%H:%M")


def _date_text(value):
    return formats.date_format(value, "DATE_FORMAT") if value else ""


def _programme(seminar):
    items = AgendaItem.objects.order_by("position", "pk")
    days = Day.objects.filter(seminar=seminar).prefetch_related(
        Prefetch("items", queryset=items, to_attr="report_items")
    )
    report_days = []
    for day in days:
        entries = []
        for item in day.report_items:
            minutes = None
            if item.actual_start and item.actual_end:
                minutes = round((item.actual_end - item.actual_start).total_seconds() / 60)
            entries.append(
                ReportItem(
                    item=item,
                    planned_start=_hhmm(item.start),
                    planned_end=_hhmm(item.end),
                    actual_start=_hhmm(item.actual_start),
                    actual_end=_hhmm(item.actual_end),
                    actual_minutes=minutes,
                )
            )
        report_days.append(ReportDay(day=day, date_text=_date_text(day.date), items=entries))
    return report_days


def _visible_ideas(seminar):
    """Every visible idea of the seminar's boards, with visible comments and a star count."""
    comments = Comment.objects.filter(hidden=False).order_by("created_at", "pk")
    return list(
        Idea.objects.filter(board__seminar=seminar, hidden=False)
        .select_related("board__group")
        .annotate(star_count=Count("stars", distinct=True))
        .prefetch_related(Prefetch("comments", queryset=comments, to_attr="visible_comments"))
        .order_by("created_at", "pk")
    )


def _board_name(board):
    return board.group.name if board.group_id else _("Plenum")


def _boards(seminar, days, ideas):
    boards = (
        Board.objects.filter(seminar=seminar)
        .select_related("group")
        .prefetch_related(
            "clusters",
            Prefetch("photos", queryset=Photo.objects.filter(hidden=False), to_attr="shown"),
        )
        .order_by("group__number", "pk")
    )
    by_board = {}
    for idea in ideas:
        by_board.setdefault(idea.board_id, []).append(idea)
    by_item = {}
    for board in boards:
        board_ideas = by_board.get(board.pk, [])
        clusters = []
        for cluster in board.clusters.all():
            cluster_ideas = [idea for idea in board_ideas if idea.cluster_id == cluster.pk]
            if cluster_ideas:  # a heading over hidden cards only says nothing
                clusters.append(ReportCluster(heading=cluster.heading, ideas=cluster_ideas))
        clustered = {idea.pk for cluster in clusters for idea in cluster.ideas}
        loose = [idea for idea in board_ideas if idea.pk not in clustered]
        by_item.setdefault(board.agenda_item_id, []).append(
            ReportBoard(
                board=board,
                name=_board_name(board),
                prompt=board.prompt,
                clusters=clusters,
                loose=loose,
                photos=board.shown,
            )
        )
    sections = []
    for day in days:  # in programme order
        for entry in day.items:
            if entry.item.pk in by_item:
                sections.append(
                    BoardSection(
                        item=entry.item, day_label=day.day.label, boards=by_item[entry.item.pk]
                    )
                )
    return sections


def _votes(seminar, ideas):
    """Each vote's ideas by dots, most first (as `services.ranking`, but for all votes at once)."""
    votes = list(Vote.objects.filter(seminar=seminar).order_by("created_at", "pk"))
    vote_boards = {}
    through = Vote.boards.through.objects.filter(vote__seminar=seminar)
    for vote_id, board_id in through.values_list("vote_id", "board_id"):
        vote_boards.setdefault(vote_id, set()).add(board_id)
    dots = dict(
        ((vote_id, idea_id), count)
        for vote_id, idea_id, count in Dot.objects.filter(vote__seminar=seminar)
        .values("vote_id", "idea_id")
        .annotate(count=Count("pk"))
        .values_list("vote_id", "idea_id", "count")
    )
    report = []
    for vote in votes:
        boards = vote_boards.get(vote.pk, set())
        ranked = [
            RankedIdea(
                idea=idea,
                dots=dots.get((vote.pk, idea.pk), 0),
                table=_board_name(idea.board),
            )
            for idea in ideas
            if idea.board_id in boards
        ]
        ranked.sort(key=lambda entry: (-entry.dots, entry.idea.created_at, entry.idea.pk))
        report.append(
            ReportVote(vote=vote, ranking=ranked, shown=vote.revealed or not vote.is_open)
        )
    return report


def _goals(seminar):
    goals = goals_for_export(Goal.objects.filter(seminar=seminar).order_by("created_at", "pk"))
    report = []
    for goal in goals:
        pledges = goal.export_pledges
        report.append(
            ReportGoal(
                goal=goal,
                table=goal.group.name if goal.group_id else "",
                department=goal.department.name if goal.department_id else "",
                status=goal.get_status_display(),
                target_date_text=_date_text(goal.target_date),
                people=[p.participant.display_name for p in pledges if p.participant_id],
                tables=[p.group.name for p in pledges if not p.participant_id and p.group_id],
            )
        )
    return report


def _commitments(seminar):
    messages = Message.objects.order_by("created_at", "pk")
    commitments = (
        Commitment.objects.filter(goal__seminar=seminar)
        .select_related("goal", "department")
        .prefetch_related(Prefetch("messages", queryset=messages, to_attr="plan"))
        .order_by("department__name", "goal__created_at", "goal_id", "pk")
    )
    departments = {}
    for commitment in commitments:
        name = commitment.department.name
        departments.setdefault(name, DepartmentCommitments(department=name))
        departments[name].commitments.append(commitment)
    return list(departments.values())


def _actions(seminar):
    actions = (
        MondayAction.objects.filter(participant__seminar=seminar)
        .select_related("participant__department", "goal")
        .order_by("created_at", "pk")
    )
    return [
        ReportAction(
            text=action.text,
            name=action.participant.display_name,
            department=action.participant.department.name
            if action.participant.department_id
            else "",
            goal=action.goal.title if action.goal_id else "",
        )
        for action in actions
    ]


def report_context(seminar):
    """Everything the documentation shows, in the seminar's language (about 15 queries)."""
    with translation.override(seminar.language):
        days = _programme(seminar)
        ideas = _visible_ideas(seminar)
        highlights = list(
            Highlight.objects.filter(seminar=seminar)
            .exclude(idea__hidden=True)
            .order_by("created_at", "pk")
        )
        sealed_at = (
            GoalStage.objects.filter(seminar=seminar).values_list("sealed_at", flat=True).first()
        )
        dates = [d for d in (seminar.starts_on, seminar.ends_on) if d]
        if len(dates) == 2 and dates[0] == dates[1]:
            dates = dates[:1]
        return {
            "seminar": seminar,
            "report_language": seminar.language,
            "dates_text": EN_DASH.join(_date_text(d) for d in dates),
            "days": days,
            "board_sections": _boards(seminar, days, ideas),
            "highlights": highlights,
            "votes": _votes(seminar, ideas),
            "goals": _goals(seminar),
            "sealed_at": sealed_at,
            "sealed_text": formats.date_format(timezone.localtime(sealed_at), "DATETIME_FORMAT")
            if sealed_at
            else "",
            "departments": _commitments(seminar),
            "actions": _actions(seminar),
        }


def render_report(request, seminar, **extra):
    """The documentation page, wholly in the seminar's language (menu and title included).

    `extra` may carry `docx_url` and `pdf_url`, shown as download links.
    """
    context = report_context(seminar)
    context.update(extra)
    with translation.override(seminar.language):
        return render(request, TEMPLATE, context)


# --- Labels shared by the Word and PDF files (same msgids as report.html) ------------------


def _labels():
    return {
        "documentation": _("Documentation"),
        "programme": _("Programme"),
        "planned": _("Planned"),
        "item": _("Item"),
        "duration": _("Duration"),
        "started": _("Started"),
        "ended": _("Ended"),
        "boards": _("Boards"),
        "comments": _("Comments"),
        "highlights": _("Highlights"),
        "conclusions": _("The most important conclusions"),
        "vote_open": _("The vote is still open."),
        "goals": _("Goals and handshakes"),
        "why": _("Why"),
        "measure": _("How we measure success"),
        "target_date": _("Target date"),
        "owner": _("Owner"),
        "department": _("Department"),
        "status": _("Status"),
        "table": _("Table"),
        "handshakes": _("Handshakes"),
        "people": _("People"),
        "tables": _("Tables"),
        "commitments": _("Department commitments"),
        "demands": _("What it demands of us"),
        "agreements": _("Agreements"),
        "plan": _("Communication plan"),
        "message": _("Message"),
        "to_whom": _("To whom"),
        "by_whom": _("By whom"),
        "when": _("When"),
        "actions": _("Action list"),
        "monday": _("On Monday I will …"),
        "goal": capfirst(_("goal")),
    }


def _minutes(count):
    return _("%(minutes)s min") % {"minutes": count}


def _stars(count):
    return ngettext("%(counter)s star", "%(counter)s stars", count) % {"counter": count}


def _dots(count):
    return ngettext("%(counter)s dot", "%(counter)s dots", count) % {"counter": count}


def _sealed(text):
    return _("Sealed on %(when)s") % {"when": text}


def _planned(entry):
    if not entry.planned_start:
        return ""
    return EN_DASH.join(t for t in (entry.planned_start, entry.planned_end) if t)


def _duration(entry):
    return _minutes(entry.item.duration) if entry.item.duration else ""


def _idea_line(idea):
    line = idea.text
    if idea.star_count:
        line += f" ({_stars(idea.star_count)})"
    return line


def _goal_facts(entry, labels):
    goal = entry.goal
    facts = [
        (labels["table"], entry.table),
        (labels["why"], goal.why),
        (labels["measure"], goal.measure),
        (labels["target_date"], entry.target_date_text),
        (labels["owner"], goal.owner),
        (labels["department"], entry.department),
        (labels["status"], entry.status),
    ]
    return [(label, value) for label, value in facts if value]


def _handshake_lines(entry, labels):
    lines = [f"{labels['handshakes']}: {entry.handshakes}"]
    if entry.people:
        lines.append(f"{labels['people']}: {', '.join(entry.people)}")
    if entry.tables:
        lines.append(f"{labels['tables']}: {', '.join(entry.tables)}")
    return lines


def _action_line(action):
    who = action.name + (f" ({action.department})" if action.department else "")
    line = f"{action.text} - {who}"
    if action.goal:
        line += f" [{action.goal}]"
    return line


def _title_lines(context):
    seminar = context["seminar"]
    return [part for part in (seminar.municipality, seminar.venue, context["dates_text"]) if part]


# --- Word -------------------------------------------------------------------------------------


def report_docx(seminar):
    """The documentation as a Word document (.docx)."""
    context = report_context(seminar)
    with translation.override(seminar.language):
        labels = _labels()
        document = Document()
        properties = document.core_properties
        properties.title = f"{labels['documentation']}: {seminar.title}"
        properties.language = seminar.language
        properties.author = "Plenum"

        document.add_paragraph(labels["documentation"], style="Subtitle")
        document.add_heading(seminar.title, level=0)
        for line in _title_lines(context):
            document.add_paragraph(line)

        document.add_heading(labels["programme"], level=1)
        for day in context["days"]:
            document.add_heading(" ".join(t for t in (day.day.label, day.date_text) if t), 2)
            header = [
                labels["planned"],
                labels["item"],
                labels["duration"],
                labels["started"],
                labels["ended"],
            ]
            table = document.add_table(rows=1, cols=len(header), style="Table Grid")
            for cell, text in zip(table.rows[0].cells, header, strict=True):
                cell.text = ""
                cell.paragraphs[0].add_run(text).bold = True
            for entry in day.items:
                values = [
                    _planned(entry),
                    entry.title,
                    _duration(entry),
                    entry.actual_start,
                    entry.actual_end,
                ]
                for cell, text in zip(table.add_row().cells, values, strict=True):
                    cell.text = text

        if context["board_sections"]:
            document.add_heading(labels["boards"], level=1)
        for section in context["board_sections"]:
            document.add_heading(section.item.title, level=2)
            for board in section.boards:
                document.add_heading(board.name, level=3)
                if board.prompt:
                    document.add_paragraph(board.prompt).runs[0].italic = True
                for cluster in board.clusters:
                    document.add_paragraph(cluster.heading).runs[0].bold = True
                    _docx_ideas(document, cluster.ideas, labels)
                _docx_ideas(document, board.loose, labels)
                for photo in board.photos:
                    document.add_picture(io.BytesIO(photo.read()), width=Cm(12))

        if context["highlights"]:
            document.add_heading(labels["highlights"], level=1)
            for highlight in context["highlights"]:
                document.add_paragraph(highlight.text, style="List Bullet")

        if context["votes"]:
            document.add_heading(labels["conclusions"], level=1)
        for vote in context["votes"]:
            document.add_heading(vote.vote.title, level=2)
            if not vote.shown:
                document.add_paragraph(labels["vote_open"])
                continue
            for ranked in vote.ranking:
                document.add_paragraph(
                    f"{ranked.idea.text} - {_dots(ranked.dots)} ({ranked.table})",
                    style="List Number",
                )

        if context["goals"]:
            document.add_heading(labels["goals"], level=1)
            if context["sealed_text"]:
                document.add_paragraph(_sealed(context["sealed_text"]))
        for entry in context["goals"]:
            document.add_heading(entry.goal.title, level=2)
            for label, value in _goal_facts(entry, labels):
                paragraph = document.add_paragraph()
                paragraph.add_run(f"{label}: ").bold = True
                paragraph.add_run(value)
            for line in _handshake_lines(entry, labels):
                document.add_paragraph(line, style="List Bullet")

        if context["departments"]:
            document.add_heading(labels["commitments"], level=1)
        for department in context["departments"]:
            document.add_heading(department.department, level=2)
            for commitment in department.commitments:
                document.add_heading(commitment.goal.title, level=3)
                for label, value in (
                    (labels["demands"], commitment.demands),
                    (labels["agreements"], commitment.agreements),
                ):
                    if value:
                        paragraph = document.add_paragraph()
                        paragraph.add_run(f"{label}: ").bold = True
                        paragraph.add_run(value)
                if commitment.plan:
                    document.add_paragraph(labels["plan"]).runs[0].bold = True
                    header = [
                        labels["message"],
                        labels["to_whom"],
                        labels["by_whom"],
                        labels["when"],
                    ]
                    table = document.add_table(rows=1, cols=4, style="Table Grid")
                    for cell, text in zip(table.rows[0].cells, header, strict=True):
                        cell.text = ""
                        cell.paragraphs[0].add_run(text).bold = True
                    for message in commitment.plan:
                        values = [message.message, message.audience, message.sender, message.when]
                        for cell, text in zip(table.add_row().cells, values, strict=True):
                            cell.text = text

        if context["actions"]:
            document.add_heading(labels["actions"], level=1)
            document.add_paragraph(labels["monday"]).runs[0].italic = True
            for action in context["actions"]:
                document.add_paragraph(_action_line(action), style="List Bullet")

        buffer = io.BytesIO()
        document.save(buffer)
        return buffer.getvalue()


def _docx_ideas(document, ideas, labels):
    for idea in ideas:
        document.add_paragraph(_idea_line(idea), style="List Bullet")
        for comment in idea.visible_comments:
            document.add_paragraph(comment.text, style="List Bullet 2")


# --- PDF --------------------------------------------------------------------------------------

# Characters outside Latin-1 that people type (or Django's typography adds), as Latin-1.
PDF_REPLACEMENTS = str.maketrans(
    {
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        EN_DASH: "-",
        "\u2014": "-",  # em dash
        "\u2212": "-",  # minus sign
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark, apostrophe
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",
        "\u2032": "'",  # prime
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark (Swedish quotes)
        "\u201e": '"',  # double low-9 quotation mark
        "\u201f": '"',
        "\u2033": '"',  # double prime
        "\u2039": "<",  # single angle quotation marks
        "\u203a": ">",
        "\u2026": "...",  # ellipsis
        "\u2022": "\u00b7",  # bullet -> middle dot (Latin-1)
        "\u20ac": "EUR",
        "\u2122": "(TM)",
        "\u2605": "*",  # stars
        "\u2606": "*",
        "\u2192": "->",
        "\u2190": "<-",
        "\u2002": " ",  # en, em, figure, thin, hair and narrow no-break spaces
        "\u2003": " ",
        "\u2007": " ",
        "\u2009": " ",
        "\u200a": " ",
        "\u202f": " ",
        "\u200b": "",  # zero-width space and joiner, byte order mark
        "\u200d": "",
        "\ufeff": "",
    }
)


def pdf_text(text):
    """Text the PDF's built-in (Latin-1) fonts can show: æøåäö stay, dashes, curly quotes and
    the like become their plain equivalents, accents outside Latin-1 are dropped (č -> c),
    anything else becomes "?"."""
    text = unicodedata.normalize("NFC", str(text)).translate(PDF_REPLACEMENTS)
    out = []
    for char in text:
        if ord(char) < 256:
            out.append(char)
            continue
        base = "".join(
            c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c)
        )
        out.append(base if base and all(ord(c) < 256 for c in base) else "?")
    return "".join(out)


class ReportPDF(FPDF):
    """A4 pages with "Page 1 of 7" at the foot."""

    footer_text = "%(page)s / %(pages)s"

    def footer(self):
        self.set_y(-12)
        self.set_font("Helvetica", size=8)
        self.set_text_color(90)
        self.cell(0, 6, self.footer_text % {"page": self.page_no(), "pages": "{nb}"}, align="C")
        self.set_text_color(0)


class _PdfWriter:
    def __init__(self, pdf):
        self.pdf = pdf

    def image(self, data, width):
        """A photo, `width` mm wide, on the next page when it does not fit on this one."""
        self.pdf.image(io.BytesIO(data), x=self.pdf.l_margin, w=width)
        self.pdf.ln(3)

    def section_break(self):
        """A new page for a section when less than a third of this one is left."""
        pdf = self.pdf
        body = pdf.h - pdf.t_margin - pdf.b_margin
        if pdf.get_y() > pdf.h - pdf.b_margin - body / 3:
            pdf.add_page()
        else:
            pdf.ln(6)

    def heading(self, text, level):
        size = {0: 20, 1: 16, 2: 13, 3: 11}[level]
        pdf = self.pdf
        if pdf.get_y() > pdf.h - pdf.b_margin - 30:  # no heading alone at the foot of a page
            pdf.add_page()
        pdf.ln(3 if level > 1 else 5)
        pdf.set_font("Helvetica", "B", size)
        pdf.multi_cell(0, size * 0.5, pdf_text(text), new_x="LMARGIN", new_y="NEXT")
        pdf.ln(1)
        pdf.set_font("Helvetica", size=10)

    def para(self, text, style="", indent=0, bullet=""):
        pdf = self.pdf
        pdf.set_font("Helvetica", style, 10)
        pdf.set_x(pdf.l_margin + indent)
        if bullet:
            pdf.cell(5, 5, pdf_text(bullet))
        width = pdf.epw - indent - (5 if bullet else 0)
        pdf.multi_cell(width, 5, pdf_text(text), new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)

    def fact(self, label, value):
        """A bold label and its text, flowing on (no markdown: people's text stays literal)."""
        pdf = self.pdf
        pdf.set_x(pdf.l_margin)
        pdf.set_font("Helvetica", "B", 10)
        pdf.write(5, pdf_text(f"{label}: "))
        pdf.set_font("Helvetica", size=10)
        pdf.write(5, pdf_text(value))
        pdf.ln(6)

    def table(self, header, rows, widths):
        pdf = self.pdf
        pdf.set_font("Helvetica", size=9)
        with pdf.table(
            col_widths=widths, text_align="LEFT", line_height=5, first_row_as_headings=True
        ) as table:
            row = table.row()
            for text in header:
                row.cell(pdf_text(text))
            for values in rows:
                row = table.row()
                for text in values:
                    row.cell(pdf_text(text))
        pdf.set_font("Helvetica", size=10)
        pdf.ln(2)


def report_pdf(seminar):
    """The documentation as a PDF (A4, built-in fonts, page numbers)."""
    context = report_context(seminar)
    with translation.override(seminar.language):
        labels = _labels()
        pdf = ReportPDF(format="A4", unit="mm")
        pdf.footer_text = pdf_text(_("Page %(page)s of %(pages)s"))
        pdf.set_margins(18, 18, 18)
        pdf.set_auto_page_break(auto=True, margin=18)
        pdf.set_title(pdf_text(f"{labels['documentation']}: {seminar.title}"))
        pdf.set_author("Plenum")
        pdf.set_creator("Plenum")
        pdf.set_lang(seminar.language)
        write = _PdfWriter(pdf)

        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 6, pdf_text(labels["documentation"]), new_x="LMARGIN", new_y="NEXT")
        write.heading(seminar.title, 0)
        for line in _title_lines(context):
            write.para(line)

        write.heading(labels["programme"], 1)
        for day in context["days"]:
            write.heading(" ".join(t for t in (day.day.label, day.date_text) if t), 2)
            rows = [
                [_planned(e), e.title, _duration(e), e.actual_start, e.actual_end]
                for e in day.items
            ]
            header = [
                labels["planned"],
                labels["item"],
                labels["duration"],
                labels["started"],
                labels["ended"],
            ]
            write.table(header, rows, (24, 80, 22, 24, 24))

        if context["board_sections"]:
            write.section_break()
            write.heading(labels["boards"], 1)
        for section in context["board_sections"]:
            write.heading(section.item.title, 2)
            for board in section.boards:
                write.heading(board.name, 3)
                if board.prompt:
                    write.para(board.prompt, style="I")
                for cluster in board.clusters:
                    write.para(cluster.heading, style="B")
                    _pdf_ideas(write, cluster.ideas)
                _pdf_ideas(write, board.loose)
                for photo in board.photos:
                    write.image(photo.read(), width=120)

        if context["highlights"]:
            write.section_break()
            write.heading(labels["highlights"], 1)
            for highlight in context["highlights"]:
                write.para(highlight.text, bullet="-")

        if context["votes"]:
            write.section_break()
            write.heading(labels["conclusions"], 1)
        for vote in context["votes"]:
            write.heading(vote.vote.title, 2)
            if not vote.shown:
                write.para(labels["vote_open"])
                continue
            for number, ranked in enumerate(vote.ranking, start=1):
                write.para(
                    f"{ranked.idea.text} - {_dots(ranked.dots)} ({ranked.table})",
                    bullet=f"{number}.",
                )

        if context["goals"]:
            write.section_break()
            write.heading(labels["goals"], 1)
            if context["sealed_text"]:
                write.para(_sealed(context["sealed_text"]))
        for entry in context["goals"]:
            write.heading(entry.goal.title, 2)
            for label, value in _goal_facts(entry, labels):
                write.fact(label, value)
            for line in _handshake_lines(entry, labels):
                write.para(line, bullet="-")

        if context["departments"]:
            write.section_break()
            write.heading(labels["commitments"], 1)
        for department in context["departments"]:
            write.heading(department.department, 2)
            for commitment in department.commitments:
                write.heading(commitment.goal.title, 3)
                if commitment.demands:
                    write.fact(labels["demands"], commitment.demands)
                if commitment.agreements:
                    write.fact(labels["agreements"], commitment.agreements)
                if commitment.plan:
                    write.para(labels["plan"], style="B")
                    header = [
                        labels["message"],
                        labels["to_whom"],
                        labels["by_whom"],
                        labels["when"],
                    ]
                    rows = [[m.message, m.audience, m.sender, m.when] for m in commitment.plan]
                    write.table(header, rows, (74, 35, 35, 30))

        if context["actions"]:
            write.section_break()
            write.heading(labels["actions"], 1)
            write.para(labels["monday"], style="I")
            for action in context["actions"]:
                write.para(_action_line(action), bullet="-")

        return bytes(pdf.output())


def _pdf_ideas(write, ideas):
    for idea in ideas:
        write.para(_idea_line(idea), bullet="-")
        for comment in idea.visible_comments:
            write.para(comment.text, indent=5, bullet="-")
