"""A paragraph of the PDF that fits on one line is written with fpdf2's `cell` instead of
`multi_cell` (PdfWriter._paragraph), and so is flowing text (a fact, a heading's date) that fits
in what is left of its line instead of `write`: the file must be the same, byte for byte,
whatever the text, its style, indent, bullet, and wherever the page breaks."""

import re

import pytest

from ideas.report import writers
from ideas.report.writers import MARGIN, PdfWriter, ReportPDF

TEXTS = [
    "Idé nummer 101",
    "Kommentar til idé 101",
    "",
    " ",
    "  to  mellemrum  ",
    "bagved ",
    " foran",
    "W" * 59,  # just under, at and over the width of a line
    "W" * 60,
    "W" * 61,
    "x " * 60,
    "Ordet " * 14,
    "Ordet" * 30,
    "æøå ÆØÅ ÄÖ é",
    "tab\there",
    "100 % & <b>",
    "to\nlinjer",
    "vindue\r\nlinjer",
]


def _at_the_edge():
    """Texts a little narrower and a little wider than each paragraph's line (in mm: -0.6 to
    +0.6 around it), where `cell` and `multi_cell` would part ways."""
    pdf = ReportPDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    texts = []
    for style in ("", "B"):
        pdf.set_font("Helvetica", style, 10)
        for width in (pdf.epw, pdf.epw - 5, pdf.epw - 10):
            line = width - 2 * pdf.c_margin
            for offset in (-0.6, -0.45, -0.3, -0.1, 0.1, 0.3, 0.45):
                text = ""
                while pdf.get_string_width(text + "x") < line + offset:
                    text += "x"
                while pdf.get_string_width(text + "i") < line + offset:
                    text += "i"
                texts.append(text)
    return texts


def _pdf(monkeypatch, *, one_line):
    if not one_line:
        monkeypatch.setattr(writers, "_fits_one_line", lambda pdf, text, width: False)
    writer = PdfWriter()
    writer.pdf = pdf = ReportPDF(format="A4", unit="mm")
    pdf.set_margins(MARGIN, MARGIN, MARGIN)
    pdf.set_auto_page_break(auto=True, margin=MARGIN)
    pdf.add_page()
    for _round in range(8):  # several pages: lines at a page's foot too
        for text in TEXTS + _at_the_edge():
            for indent, bullet in ((0, "-"), (5, "-"), (0, "")):
                for style in ("", "I", "B"):
                    writer._paragraph(text, style=style, indent=indent, bullet=bullet)
            # Text that flows on after a label or a heading (fpdf2's `write`).
            writer.facts([("Ejer", text), (text, "Anne"), ("Deltagere", [text, text])])
            writer._heading(text, level=2, aside=text)
            writer._heading("Punkt", level=1, aside=text)
    monkeypatch.undo()
    assert pdf.page_no() > 3
    # Only the file's identity and date differ between two runs.
    return re.sub(rb"/ID \[<\w+><\w+>\]|/CreationDate \(D:[^)]*\)", b"", bytes(pdf.output()))


def test_a_one_line_paragraph_is_the_same_pdf(monkeypatch):
    assert _pdf(monkeypatch, one_line=True) == _pdf(monkeypatch, one_line=False)


@pytest.mark.parametrize("text", ["Idé nummer 101", "W" * 40])
def test_a_short_line_takes_the_short_way(text):
    pdf = ReportPDF(format="A4", unit="mm")
    pdf.set_font("Helvetica", size=10)
    assert writers._fits_one_line(pdf, text, pdf.epw)
    assert not writers._fits_one_line(pdf, text * 12, pdf.epw)
    assert not writers._fits_one_line(pdf, "to\nlinjer", pdf.epw)
