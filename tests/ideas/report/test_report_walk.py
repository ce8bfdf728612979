"""The documentation's one walk, its three writers and its sections as plug-ins."""

import html
import io
import itertools
import re
from dataclasses import dataclass

import pytest
from docx import Document
from docx.shared import Mm

from ideas import report, services
from ideas.report import sections
from ideas.report.sections import Column, Entry, Section
from ideas.report.writers import DocxWriter, HtmlWriter, PdfWriter
from tests.ideas.boards.test_photos import _jpeg_with_gps
from tests.ideas.report.test_report import _docx_text, _grow, _html, _pdf_text, build


@pytest.fixture
def world(seminar, alice):
    return build(seminar, alice)


@pytest.fixture
def photo(world, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    board = world["board"]
    return services.add_photo(
        board, by=board.group.members.first(), upload=_jpeg_with_gps(size=(600, 800))
    )


def _html_headings(page):
    """(level, text) of every heading of the sections, h2 and down, asides included."""
    return [
        (int(level) - 1, html.unescape(re.sub(r"<[^>]+>", "", inner)))
        for level, inner in re.findall(r'<h([2-6]) id="[^"]*">(.*?)</h\1>', page)
    ]


def _docx_headings(data):
    return [
        (int(paragraph.style.name.removeprefix("Heading ")), paragraph.text)
        for paragraph in Document(io.BytesIO(data)).paragraphs
        if paragraph.style.name.startswith("Heading ")
    ]


def _pdf_strings(data):
    """Every string the PDF draws, in drawing order."""
    return re.findall(r"\(((?:[^()\\]|\\.)*)\) Tj", _pdf_text(data))


def _in_order(expected, strings):
    """Whether `expected` appear among `strings` in this order (others may come between)."""
    remaining = iter(strings)
    return all(any(text == string for string in remaining) for text in expected)


# --- One walk ---------------------------------------------------------------------------------


def test_the_walk_holds_the_sections_in_order_and_leaves_empty_ones_out(world, seminar):
    keys = [part.key for part in report.walk(seminar).parts]
    assert keys == [
        "programme",
        "boards",
        "highlights",
        "conclusions",
        "goals",
        "commitments",
        "actions",
    ]


def test_an_empty_seminar_has_the_programme_only(seminar):
    documentation = report.walk(seminar)
    assert [part.key for part in documentation.parts] == ["programme"]
    with pytest.raises(KeyError):
        documentation["boards"]


def test_the_writers_read_nothing_more(world, seminar, alice, photo, django_assert_num_queries):
    _grow(seminar, alice)
    documentation = report.walk(seminar)
    with django_assert_num_queries(0):
        HtmlWriter().write(documentation)
        DocxWriter().write(documentation)
        PdfWriter().write(documentation)


# --- The same sections in every format --------------------------------------------------------


def test_the_three_writers_write_the_same_sections_in_the_same_order(world, seminar, alice):
    _grow(seminar, alice)
    titles = [part.title for part in report.walk(seminar).parts]
    page = _html(seminar)
    docx = report.report_docx(seminar)
    pdf = report.report_pdf(seminar)

    headings = _html_headings(page)
    assert [text for level, text in headings if level == 1] == titles
    # Word has every heading of the page, at the same level, in the same order.
    assert _docx_headings(docx) == headings
    # The PDF draws each heading (an aside is drawn after it, on its own).
    main_texts = [
        report.pdf_text(text)
        for text in re.findall(r'<h[2-6] id="[^"]*">([^<]*?)\s*(?:<span|</h)', page)
    ]
    assert len(main_texts) == len(headings)
    assert _in_order([html.unescape(text) for text in main_texts], _pdf_strings(pdf))


def test_the_page_is_accessible(world, seminar, alice, photo):
    _grow(seminar, alice)
    page = _html(seminar)
    levels = [int(level) for level in re.findall(r"<h([1-6])[ >]", page)]
    assert levels[0] == 1
    assert all(b <= a + 1 for a, b in itertools.pairwise(levels)), levels
    assert "<th>" not in page and re.findall(r'<th scope="(?:col|row)">', page)
    images = re.findall(r"<img [^>]*>", page)
    assert images and all('alt="Foto af planchen fra Bord 1"' in image for image in images)
    labelled = re.findall(r'aria-labelledby="([^"]+)"', page)
    assert all(f'id="{target}"' in page for target in labelled)
    ids = re.findall(r' id="([^"]+)"', page)
    assert len(ids) == len(set(ids))


def test_word_restarts_the_numbering_of_every_vote(world, seminar, alice):
    _grow(seminar, alice)
    document = Document(io.BytesIO(report.report_docx(seminar)))
    numbers = [
        paragraph._p.pPr.numPr.numId.val
        for paragraph in document.paragraphs
        if paragraph.style.name == "List Number"
    ]
    votes = len(report.walk(seminar)["conclusions"].votes)
    assert len(set(numbers)) == votes > 1


# --- Paper ------------------------------------------------------------------------------------


def test_word_pages_are_a4_with_the_pdfs_margins(world, seminar):
    document = Document(io.BytesIO(report.report_docx(seminar)))
    for section in document.sections:
        # Word keeps twentieths of a point: 210 mm is stored as 11906 of them.
        assert round(section.page_width.mm) == 210 and round(section.page_height.mm) == 297
        margins = (section.left_margin, section.right_margin, section.top_margin)
        assert all(abs(margin - Mm(18)) < Mm(0.1) for margin in margins)
    pdf = report.report_pdf(seminar)
    assert re.search(rb"/MediaBox \[0 0 595\.28 841\.89\]", pdf)


def test_word_numbers_its_pages_in_the_seminars_language(world, seminar):
    document = Document(io.BytesIO(report.report_docx(seminar)))
    footer = document.sections[0].footer.paragraphs[0]
    assert footer.text == "Side  af "  # the numbers are Word's fields, filled in as it lays out
    fields = footer._p.xpath("./w:fldSimple/@w:instr")
    assert fields == ["PAGE", "NUMPAGES"]


# --- A section of one's own -------------------------------------------------------------------


@dataclass
class Forecast:
    summary: str
    days: list[tuple[str, str]]


class ForecastSection(Section):
    """A plug-in as an exercise would write one, using the whole vocabulary."""

    key = "forecast"
    title = "Vejrudsigten"

    def collect(self, seminar):
        return Forecast(summary=f"Sol over {seminar.title}", days=[("Torsdag", "18 grader")])

    def write(self, data, writer):
        writer.paragraph(data.summary, style="prompt")
        with writer.section("Udsigten", aside="i morgen", kind="forecast-days"):
            writer.facts([("Vind", "Let brise"), ("Regn", ""), ("Skyer", ["Cirrus", "Cumulus"])])
            writer.bullets([Entry("Solcreme", notes=["vigtigt"], children=["Faktor 30"])])
            writer.numbered(["Paraply", "Hat"])
            writer.table(
                [Column("Dag", names_row=True), Column("Temperatur", compact=True)],
                data.days,
                caption="Temperaturer",
            )


@pytest.fixture
def forecast():
    section = sections.register(ForecastSection(), order=35)
    yield section
    sections.unregister(section.key)


def test_a_registered_section_appears_in_every_output(world, seminar, forecast):
    documentation = report.walk(seminar)
    keys = [part.key for part in documentation.parts]
    assert keys.index("highlights") < keys.index("forecast") < keys.index("conclusions")

    page = _html(seminar)
    word = _docx_text(report.report_docx(seminar))
    pdf = _pdf_text(report.report_pdf(seminar))
    texts = [
        "Vejrudsigten",
        "Sol over Lederseminar",
        "Udsigten",
        "Let brise",
        "Solcreme",
        "Faktor 30",
        "Paraply",
        "Temperaturer",
        "18 grader",
    ]
    for output in (page, word, pdf):
        assert all(text in output for text in texts), output
        assert "Regn" not in output  # a fact without a value is left out
        assert output.index("Højdepunkter") < output.index("Vejrudsigten")
        assert output.index("Vejrudsigten") < output.index("De vigtigste konklusioner")
    assert '<section class="report-section" id="forecast"' in page
    assert '<th scope="row">Torsdag</th>' in page and '<caption id="' in page


def test_a_section_without_data_is_left_out(world, seminar, forecast, monkeypatch):
    monkeypatch.setattr(ForecastSection, "collect", lambda self, seminar: None)
    assert "forecast" not in [part.key for part in report.walk(seminar).parts]
    assert "Vejrudsigten" not in _html(seminar)


def test_a_key_is_registered_once(forecast):
    with pytest.raises(ValueError, match="forecast"):
        sections.register(ForecastSection(), order=99)
    assert sections.sections().count(forecast) == 1
