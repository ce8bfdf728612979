"""The writers of the documentation: one small vocabulary, put into HTML, Word and PDF.

`Writer.write(documentation)` writes the cover and then every part of the walk under its own
heading; a section fills its part through the vocabulary below and never learns the format.
Nesting `section()`s is what sets the heading levels, so no format can get them out of order.
"""

import dataclasses
import io
import itertools
import re
import unicodedata
from contextlib import contextmanager
from xml.sax.saxutils import escape as xml_escape

from django.template.defaultfilters import linebreaksbr
from django.utils import translation
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from docx import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm, RGBColor
from fpdf import FPDF
from PIL import Image

from ideas.report import drawing as paint
from ideas.report.sections import Column, Entry, Picture
from seminar.input import printable

EN_DASH = "\u2013"
NOTE_SEPARATOR = " \u00b7 "  # a middle dot: in Latin-1, so the PDF's built-in fonts have it

# The paper of both files: A4 with 18 mm margins.
PAGE_WIDTH, PAGE_HEIGHT, MARGIN = 210, 297, 18
# A picture's largest size in mm: two thirds of the text's width, and it always fits a page.
PICTURE_WIDTH, PICTURE_HEIGHT = 120, 180
# A chart's: the text's whole width, and at most most of a page, with room for its caption.
CHART_HEIGHT = 230


class Writer:
    """The vocabulary sections write with. Text is plain (never markup) and may hold newlines;
    the subclasses put each word of the vocabulary into their format."""

    def __init__(self):
        self.depth = 0  # how many sections are open: the level of the next heading

    def write(self, documentation):
        """The whole documentation, in its language: the file's bytes, or the page's body."""
        with translation.override(documentation.language):
            self.begin(
                dataclasses.replace(
                    documentation,
                    title=printable(documentation.title),
                    lines=[printable(line) for line in documentation.lines],
                )
            )
            vocabulary = PrintableVocabulary(self)
            for part in documentation.parts:
                with self.section(printable(part.title), kind="section", anchor=part.key):
                    part.section.write(part.data, vocabulary)
            return self.end()

    @contextmanager
    def section(self, title, *, aside="", kind="", anchor=""):
        """A part under a heading; what is written inside belongs to it, and sections inside
        it are headed one level lower. `aside` follows the heading in small print (a date);
        `kind` names the part for the page's stylesheet (`report-board`); `anchor` is its id."""
        self.depth += 1
        self.start_section(title, aside=aside, kind=kind, anchor=anchor)
        yield
        self.end_section()
        self.depth -= 1

    # The vocabulary: each writer implements all of it.

    def begin(self, documentation):
        """The cover: "Documentation", the seminar's title and its lines (place, dates)."""
        raise NotImplementedError

    def end(self):
        raise NotImplementedError

    def start_section(self, title, *, aside, kind, anchor):
        raise NotImplementedError

    def end_section(self):
        pass

    def paragraph(self, text, *, style=""):
        """A paragraph; `style` is "" or "prompt" (a question or instruction, in italics) or
        "strong" (a statement about the whole part, in bold)."""
        raise NotImplementedError

    def bullets(self, entries):
        """A bulleted list of `Entry`s (or plain strings)."""
        raise NotImplementedError

    def numbered(self, entries):
        """A numbered list, starting at 1, of `Entry`s (or plain strings)."""
        raise NotImplementedError

    def facts(self, facts):
        """Labelled values, (label, text or list of texts); empty values are left out."""
        raise NotImplementedError

    def table(self, columns, rows, *, caption=""):
        """A table with a header row of `Column`s and rows of texts."""
        raise NotImplementedError

    def pictures(self, pictures):
        """`Picture`s, one after the other."""
        raise NotImplementedError

    def chart(self, svg, *, caption, drawing=None):
        """A chart drawn by the server (ideas/scales/), its numbers written after it as a table
        by the section: the web page shows the SVG, Word and the PDF paint `drawing`, the same
        chart as shapes (ideas/report/drawing.py); without one they keep the table alone."""


class PrintableVocabulary:
    """The writer as a section sees it: every text handed to it is made printable first, so a
    control character stored by any route (a Word file's XML refuses them) never breaks a file."""

    def __init__(self, writer):
        self._writer = writer

    def __getattr__(self, name):
        attribute = getattr(self._writer, name)
        if not callable(attribute):
            return attribute

        def call(*args, **kwargs):
            return attribute(
                *_printable(args), **{key: _printable(value) for key, value in kwargs.items()}
            )

        return call


def _printable(value):
    """Strings, and the strings inside entries, columns, pictures and sequences, printable."""
    if isinstance(value, str):
        return printable(value)
    if isinstance(value, Entry):
        return dataclasses.replace(
            value,
            text=printable(value.text),
            notes=_printable(tuple(value.notes)),
            children=_printable(tuple(value.children)),
            children_label=printable(value.children_label),
        )
    if isinstance(value, Column):
        return dataclasses.replace(value, label=_printable(value.label))
    if isinstance(value, Picture):
        return dataclasses.replace(value, alt=printable(value.alt))
    if isinstance(value, list | tuple):
        return type(value)(_printable(item) for item in value)
    return value


def _entries(entries):
    return [Entry(entry) if isinstance(entry, str) else entry for entry in entries]


def _given(facts):
    return [(label, value) for label, value in facts if value]


def _line(entry):
    """An entry as one line of text, its notes after middle dots as on the web page."""
    return NOTE_SEPARATOR.join([entry.text, *entry.notes])


def _joined(value):
    return value if isinstance(value, str) else ", ".join(value)


def _chart_size(drawing):
    """A chart's width and height in mm: the text's width, unless that is taller than a page
    can hold (then narrower, as a picture)."""
    text_width = PAGE_WIDTH - 2 * MARGIN
    scale = min(text_width / drawing.width, CHART_HEIGHT / drawing.height)
    return drawing.width * scale, drawing.height * scale


def _picture_size(data):
    """Width and height in mm: PICTURE_WIDTH wide, unless that would be taller than allowed."""
    with Image.open(io.BytesIO(data)) as image:
        width, height = image.size
    scale = min(PICTURE_WIDTH / width, PICTURE_HEIGHT / height)
    return width * scale, height * scale


# --- The web page ---------------------------------------------------------------------------


class HtmlWriter(Writer):
    """The page's body, inside ideas/report.html's <article> (which holds the cover): a
    <section> per part under its heading (h2 below the page's h1, and down), styled by
    static/css/report.css. Every piece goes through format_html: people's text is escaped."""

    def begin(self, documentation):
        self.html = []
        self.heading_ids = []  # of the open sections: a table without caption is named by one
        self.numbers = itertools.count(1)

    def end(self):
        return mark_safe("".join(self.html))  # noqa: S308  (every piece is from format_html)

    def _new_id(self):
        return f"report-{next(self.numbers)}"

    def start_section(self, title, *, aside, kind, anchor):
        level = min(self.depth + 1, 6)
        heading_id = f"{anchor}-heading" if anchor else self._new_id()
        self.heading_ids.append(heading_id)
        aside = format_html(' <span class="report-aside">{}</span>', aside) if aside else ""
        self.html.append(
            format_html(
                '<section{}><h{} id="{}">{}{}</h{}>',
                _attrs(class_=kind and f"report-{kind}", id=anchor, aria_labelledby=heading_id),
                level,
                heading_id,
                title,
                aside,
                level,
            )
        )

    def end_section(self):
        self.heading_ids.pop()
        self.html.append("</section>")

    def paragraph(self, text, *, style=""):
        css = {"prompt": "report-prompt", "strong": "report-strong"}.get(style)
        self.html.append(format_html("<p{}>{}</p>", _attrs(class_=css), _with_breaks(text)))

    def bullets(self, entries):
        self._list("ul", entries)

    def numbered(self, entries):
        self._list("ol", entries)

    def _list(self, tag, entries):
        items = format_html_join("", "{}", ((_entry(entry),) for entry in _entries(entries)))
        self.html.append(format_html('<{} class="report-list">{}</{}>', tag, items, tag))

    def facts(self, facts):
        pairs = ((label, _fact(value)) for label, value in _given(facts))
        self.html.append(
            format_html(
                '<dl class="report-facts">{}</dl>',
                format_html_join("", "<dt>{}</dt><dd>{}</dd>", pairs),
            )
        )

    def table(self, columns, rows, *, caption=""):
        caption_id = self._new_id() if caption else ""
        caption = (
            format_html('<caption id="{}">{}</caption>', caption_id, caption) if caption else ""
        )
        head = format_html_join("", '<th scope="col">{}</th>', ((c.label,) for c in columns))
        body = format_html_join("", "<tr>{}</tr>", ((_cells(columns, row),) for row in rows))
        # A wide table scrolls sideways on a phone instead of widening the page: the keyboard
        # can focus it to scroll, and a screen reader hears what the region holds.
        self.html.append(
            format_html(
                '<div class="report-scroll" role="region" tabindex="0" aria-labelledby="{}">'
                '<table class="report-table">{}<thead><tr>{}</tr></thead><tbody>{}</tbody></table>'
                "</div>",
                caption_id or self.heading_ids[-1],
                caption,
                head,
                body,
            )
        )

    def chart(self, svg, *, caption, drawing=None):
        # Our own template's output (every text in it escaped), not a person's markup.
        self.html.append(
            format_html(
                '<figure class="report-chart">{}<figcaption>{}</figcaption></figure>',
                mark_safe(svg),  # noqa: S308
                caption,
            )
        )

    def pictures(self, pictures):
        images = ((picture.url, picture.alt) for picture in pictures)
        self.html.append(
            format_html(
                '<ul class="report-photos">{}</ul>',
                format_html_join("", '<li><img src="{}" alt="{}"></li>', images),
            )
        )


def _attrs(**attrs):
    """' class="..." id="..."' for the attributes with a value (class_ is class, _ is -)."""
    return format_html_join(
        "",
        ' {}="{}"',
        ((name.strip("_").replace("_", "-"), value) for name, value in attrs.items() if value),
    )


def _with_breaks(text):
    """People's text, escaped, its line breaks kept."""
    return linebreaksbr(text, autoescape=True)


def _entry(entry):
    notes = format_html_join("", '<span class="report-note">{}</span>', ((n,) for n in entry.notes))
    children = ""
    if entry.children:
        children = format_html(
            '<ul class="report-sublist"{}>{}</ul>',
            _attrs(aria_label=entry.children_label),
            format_html_join(
                "", "<li>{}</li>", ((_with_breaks(child),) for child in entry.children)
            ),
        )
    return format_html(
        '<li><span class="report-text">{}</span>{}{}</li>',
        _with_breaks(entry.text),
        notes,
        children,
    )


def _fact(value):
    if isinstance(value, str):
        return _with_breaks(value)
    names = format_html_join("", "<li>{}</li>", ((name,) for name in value))
    return format_html('<ul class="report-names">{}</ul>', names)


def _cells(columns, row):
    cells = []
    for column, value in zip(columns, row, strict=True):
        if column.names_row:
            cells.append(format_html('<th scope="row">{}</th>', value))
        else:
            css = "report-compact" if column.compact else ""
            cells.append(format_html("<td{}>{}</td>", _attrs(class_=css), value))
    return format_html_join("", "{}", ((cell,) for cell in cells))


# --- Word -------------------------------------------------------------------------------------

GREY = RGBColor(0x59, 0x59, 0x59)  # the small print: notes, dates after headings


class DocxWriter(Writer):
    """A Word document (.docx) on A4, with the PDF's margins and page numbers."""

    def begin(self, documentation):
        self.document = document = Document()
        self.style_ids = {}
        properties = document.core_properties
        properties.title = f"{_('Documentation')}: {documentation.title}"
        properties.language = documentation.language
        properties.author = "Plenum"
        # python-docx starts from US Letter; the seminars are Nordic, and so is their paper.
        page = document.sections[0]
        page.page_width, page.page_height = Mm(PAGE_WIDTH), Mm(PAGE_HEIGHT)
        page.left_margin = page.right_margin = Mm(MARGIN)
        page.top_margin = page.bottom_margin = Mm(MARGIN)
        self.text_width = page.page_width - page.left_margin - page.right_margin
        _page_numbers(page.footer.paragraphs[0])

        self._add_paragraph(_("Documentation"), style="Subtitle")
        document.add_heading(documentation.title, level=0)
        for line in documentation.lines:
            document.add_paragraph(line)

    def _add_paragraph(self, text="", style=None):
        """`document.add_paragraph(text, style)`, with the style's id looked up once: for every
        styled paragraph python-docx scans all the styles for the default one, which made a
        report of 1,000 cards take seconds (its bullets and headings are styled)."""
        paragraph = self.document.add_paragraph(text)
        if style is not None:
            paragraph._p.style = self._style_id(style)
        return paragraph

    def _style_id(self, style):
        if style not in self.style_ids:
            self.style_ids[style] = self.document.styles.get_style_id(
                style, WD_STYLE_TYPE.PARAGRAPH
            )
        return self.style_ids[style]

    def end(self):
        buffer = io.BytesIO()
        self.document.save(buffer)
        return buffer.getvalue()

    def start_section(self, title, *, aside, kind, anchor):
        level = min(self.depth, 9)
        heading = self._add_paragraph(title, style="Title" if level == 0 else f"Heading {level}")
        if aside:
            run = heading.add_run(f" {aside}")
            run.bold = False
            run.font.color.rgb = GREY

    def paragraph(self, text, *, style=""):
        run = self.document.add_paragraph().add_run(text)
        run.italic = style == "prompt"
        run.bold = style == "strong"

    def bullets(self, entries):
        """The list's paragraphs written as XML and parsed at once, as python-docx would build
        them one element at a time (`_entry`, `_entry_xml`): a report of 1,000 cards spent
        more than half of its Word file in python-docx's per-element inserts."""
        entries = _entries(entries)
        if not entries:
            return
        style, child_style = self._style_id("List Bullet"), self._style_id("List Bullet 2")
        xml = "".join(_entry_xml(entry, style, child_style) for entry in entries)
        body = self.document.element.body
        end = body.sectPr  # python-docx keeps the section's properties last
        for paragraph in parse_xml(f"<w:body {nsdecls('w')}>{xml}</w:body>"):
            if end is not None:
                end.addprevious(paragraph)
            else:
                body.append(paragraph)

    def numbered(self, entries):
        # Every "List Number" paragraph shares one counter in Word: without a numbering of its
        # own, the second list of the document would go on from where the first stopped.
        number_id = self._fresh_numbering("List Number")
        for entry in _entries(entries):
            paragraph = self._entry(entry, "List Number")
            paragraph._p.get_or_add_pPr().get_or_add_numPr().get_or_add_numId().val = number_id

    def _entry(self, entry, style):
        paragraph = self._add_paragraph(style=style)
        paragraph.add_run(entry.text)
        if entry.notes:
            notes = paragraph.add_run(NOTE_SEPARATOR.join(["", *entry.notes]))
            notes.font.color.rgb = GREY
        for child in entry.children:
            self._add_paragraph(child, style="List Bullet 2")
        return paragraph

    def _fresh_numbering(self, style):
        numbering = self.document.part.numbering_part.element
        style_number_id = self.document.styles[style].element.pPr.numPr.numId.val
        abstract_id = numbering.num_having_numId(style_number_id).abstractNumId.val
        number = numbering.add_num(abstract_id)
        number.add_lvlOverride(ilvl=0).add_startOverride(1)
        return number.numId

    def facts(self, facts):
        for label, value in _given(facts):
            paragraph = self.document.add_paragraph()
            paragraph.add_run(f"{label}: ").bold = True
            paragraph.add_run(_joined(value))

    def table(self, columns, rows, *, caption=""):
        if caption:
            self.document.add_paragraph().add_run(caption).bold = True
        table = self.document.add_table(rows=1, cols=len(columns), style="Table Grid")
        header = table.rows[0]
        _repeat_on_every_page(header)
        for cell, column in zip(header.cells, columns, strict=True):
            cell.text = ""
            cell.paragraphs[0].add_run(column.label).bold = True
        for values in rows:
            for cell, text in zip(table.add_row().cells, values, strict=True):
                cell.text = text
        total = sum(column.share for column in columns)
        for index, column in enumerate(columns):
            width = int(self.text_width * column.share / total)
            table.columns[index].width = width  # LibreOffice reads the grid,
            for cell in table.columns[index].cells:
                cell.width = width  # Word the cells

    def pictures(self, pictures):
        for picture in pictures:
            data = picture.read()
            width, height = _picture_size(data)
            shape = self.document.add_picture(io.BytesIO(data), width=Mm(width), height=Mm(height))
            shape._inline.docPr.set("descr", picture.alt)  # Word's alt text

    def chart(self, svg, *, caption, drawing=None):
        if drawing is None:
            return
        width, height = _chart_size(drawing)
        shape = self.document.add_picture(
            io.BytesIO(paint.png(drawing)), width=Mm(width), height=Mm(height)
        )
        shape._inline.docPr.set("descr", caption)  # Word's alt text: the numbers follow
        self._add_paragraph(caption, style="Caption")


def _entry_xml(entry, style_id, child_style_id):
    """`DocxWriter._entry(entry, style)` as XML: the entry's paragraph in the style (its text a
    run, its notes a grey run after middle dots), then a paragraph per child."""
    style = f'<w:pPr><w:pStyle w:val="{xml_escape(style_id)}"/></w:pPr>'
    runs = _run_xml(entry.text)
    if entry.notes:
        grey = f'<w:rPr><w:color w:val="{GREY}"/></w:rPr>'
        runs += _run_xml(NOTE_SEPARATOR.join(["", *entry.notes]), grey)
    xml = f"<w:p>{style}{runs}</w:p>"
    if entry.children:
        style = f'<w:pPr><w:pStyle w:val="{xml_escape(child_style_id)}"/></w:pPr>'
        # A child is its paragraph's text: no run when it is empty (python-docx's add_paragraph).
        xml += "".join(
            f"<w:p>{style}{_run_xml(child) if child else ''}</w:p>" for child in entry.children
        )
    return xml


def _run_xml(text, properties=""):
    """`paragraph.add_run(text)` as XML: python-docx writes a tab as <w:tab/>, a line break
    (\\n or \\r) as <w:br/>, the text between in <w:t>, kept as typed (xml:space) when it starts
    or ends with white space; an empty text is an empty run."""
    if not text:
        return f"<w:r>{properties}</w:r>" if properties else "<w:r/>"
    content = []
    for piece in _RUN_BREAKS.split(text):
        if piece == "\t":
            content.append("<w:tab/>")
        elif piece in ("\r", "\n"):
            content.append("<w:br/>")
        elif piece:
            space = ' xml:space="preserve"' if len(piece.strip()) < len(piece) else ""
            content.append(f"<w:t{space}>{xml_escape(piece)}</w:t>")
    return f"<w:r>{properties}{''.join(content)}</w:r>"


_RUN_BREAKS = re.compile(r"([\t\r\n])")


def _page_numbers(paragraph):
    """The footer's "Page 3 of 7", counted by Word's own fields, in the seminar's language."""
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fields = {"%(page)s": "PAGE", "%(pages)s": "NUMPAGES"}
    for piece in re.split(r"(%\(pages?\)s)", _("Page %(page)s of %(pages)s")):
        if piece in fields:
            field = OxmlElement("w:fldSimple")
            field.set(qn("w:instr"), fields[piece])
            paragraph._p.append(field)
        elif piece:
            paragraph.add_run(piece)


def _repeat_on_every_page(row):
    row._tr.get_or_add_trPr().append(OxmlElement("w:tblHeader"))


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


HEADING_SIZES = {0: 20, 1: 16, 2: 13, 3: 11}  # points; deeper headings are 10, bold


class PdfWriter(Writer):
    """A PDF on A4 in the built-in Helvetica (so every string goes through `pdf_text`)."""

    def begin(self, documentation):
        self.pdf = pdf = ReportPDF(format="A4", unit="mm")
        pdf.footer_text = pdf_text(_("Page %(page)s of %(pages)s"))
        pdf.set_margins(MARGIN, MARGIN, MARGIN)
        pdf.set_auto_page_break(auto=True, margin=MARGIN)
        pdf.set_title(pdf_text(f"{_('Documentation')}: {documentation.title}"))
        pdf.set_author("Plenum")
        pdf.set_creator("Plenum")
        pdf.set_lang(documentation.language)

        pdf.add_page()
        pdf.set_font("Helvetica", size=11)
        pdf.cell(0, 6, pdf_text(_("Documentation")), new_x="LMARGIN", new_y="NEXT")
        self._heading(documentation.title, level=0)
        for line in documentation.lines:
            self._paragraph(line)

    def end(self):
        return bytes(self.pdf.output())

    def start_section(self, title, *, aside, kind, anchor):
        if self.depth == 1:
            self._section_break()
        self._heading(title, level=self.depth, aside=aside)

    def paragraph(self, text, *, style=""):
        self._paragraph(text, style={"prompt": "I", "strong": "B"}.get(style, ""))

    def bullets(self, entries):
        for entry in _entries(entries):
            self._entry(entry, "-")

    def numbered(self, entries):
        for number, entry in enumerate(_entries(entries), start=1):
            self._entry(entry, f"{number}.")

    def _entry(self, entry, bullet):
        self._paragraph(_line(entry), bullet=bullet)
        for child in entry.children:
            self._paragraph(child, indent=5, bullet="-")

    def facts(self, facts):
        # A bold label and its text, flowing on (no markdown: people's text stays literal).
        pdf = self.pdf
        for label, value in _given(facts):
            pdf.set_x(pdf.l_margin)
            pdf.set_font("Helvetica", "B", 10)
            _write(pdf, 5, pdf_text(f"{label}: "))
            pdf.set_font("Helvetica", size=10)
            _write(pdf, 5, pdf_text(_joined(value)))
            pdf.ln(6)

    def table(self, columns, rows, *, caption=""):
        if caption:
            self._paragraph(caption, style="B")
        pdf = self.pdf
        pdf.set_font("Helvetica", size=9)
        with pdf.table(
            col_widths=[column.share for column in columns],
            text_align="LEFT",
            line_height=5,
            first_row_as_headings=True,
        ) as table:
            for values in [[column.label for column in columns], *rows]:
                row = table.row()
                for text in values:
                    row.cell(pdf_text(text))
        pdf.set_font("Helvetica", size=10)
        pdf.ln(2)

    def pictures(self, pictures):
        pdf = self.pdf
        pdf.ln(2)
        for picture in pictures:
            data = picture.read()
            width, height = _picture_size(data)
            # On the next page when it does not fit on this one (fpdf2 breaks the page itself).
            pdf.image(
                io.BytesIO(data), x=pdf.l_margin, w=width, h=height, alt_text=pdf_text(picture.alt)
            )
            pdf.ln(3)

    def chart(self, svg, *, caption, drawing=None):
        if drawing is None:
            return
        pdf = self.pdf
        width, height = _chart_size(drawing)
        if pdf.get_y() + height + 8 > pdf.h - pdf.b_margin:  # the chart and its caption together
            pdf.add_page()
        top = pdf.get_y() + 2
        paint.pdf(pdf, drawing, x=pdf.l_margin, y=top, width=width, text=pdf_text)
        pdf.set_y(top + height + 1)
        self._paragraph(caption, style="I")
        pdf.ln(1)

    def _section_break(self):
        """A new page for a part when less than a third of this one is left."""
        pdf = self.pdf
        body = pdf.h - pdf.t_margin - pdf.b_margin
        if pdf.get_y() > pdf.h - pdf.b_margin - body / 3:
            pdf.add_page()
        else:
            pdf.ln(6)

    def _heading(self, text, *, level, aside=""):
        size = HEADING_SIZES.get(level, 10)
        pdf = self.pdf
        if pdf.get_y() > pdf.h - pdf.b_margin - 30:  # no heading alone at the foot of a page
            pdf.add_page()
        pdf.ln(3 if level > 1 else 5)
        line_height = size * 0.5
        pdf.set_x(pdf.l_margin)
        pdf.set_font("Helvetica", "B", size)
        _write(pdf, line_height, pdf_text(text))
        if aside:  # flows on after the heading, as on the page
            pdf.set_font("Helvetica", "", size * 0.8)
            pdf.set_text_color(90)
            _write(pdf, line_height, pdf_text(f"  {aside}"))
            pdf.set_text_color(0)
        pdf.ln(line_height + 1)
        pdf.set_font("Helvetica", size=10)

    def _paragraph(self, text, *, style="", indent=0, bullet=""):
        pdf = self.pdf
        pdf.set_font("Helvetica", style, 10)
        pdf.set_x(pdf.l_margin + indent)
        if bullet:
            pdf.cell(5, 5, pdf_text(bullet))
        width = pdf.epw - indent - (5 if bullet else 0)
        text = pdf_text(text)
        if _fits_one_line(pdf, text, width):
            pdf.cell(width, 5, text, new_x="LMARGIN", new_y="NEXT")
        else:
            pdf.multi_cell(width, 5, text, new_x="LMARGIN", new_y="NEXT")
        pdf.set_font("Helvetica", size=10)


def _write(pdf, height, text):
    """`pdf.write(height, text)`: text flowing on from where the last stopped. When it fits in
    what is left of the line, `cell` writes the same bytes without fpdf2's line breaking."""
    rest = pdf.w - pdf.x - pdf.r_margin
    if text and _fits_one_line(pdf, text, rest):
        pdf.cell(rest, height, text, new_x="WCONT", new_y="TOP")
    else:
        pdf.write(height, text)


def _fits_one_line(pdf, text, width):
    """Would `multi_cell(width, ...)` (or `write` with `width` left of the line) write `text`
    as one line? Then `cell` writes the same bytes without fpdf2's line breaking, which measures
    the line again for every character (most of a report's PDF: a card, a comment, a fact).
    Lines within half a millimetre of the edge, and text with line breaks, take the long way."""
    if "\n" in text or "\r" in text:
        return False
    return pdf.get_string_width(text) < width - 2 * pdf.c_margin - 0.5
