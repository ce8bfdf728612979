"""The scales' charts in the Word and PDF documentation: drawn from the chart's own data (the
same shapes as the page's SVG), with the numbers' table kept, in fonts that have æøå äö."""

import io
import re
import zipfile

import pytest
from docx import Document
from fontTools.ttLib import TTFont
from PIL import Image

from agenda import services as agenda_services
from ideas import report
from ideas.report import drawing as paint
from ideas.report.drawing import Drawing, Rect, Text
from ideas.scales import services
from ideas.scales.charts import chart
from ideas.scales.drawing import BLUE, drawing
from tests import factories
from tests.ideas.report.test_report import _docx_text, _pdf_text, build


@pytest.fixture
def documented(seminar, alice):
    """The report tests' seminar (boards, votes, goals, photos' place) with an answered dilemma
    (two rounds) and an answered self-assessment in its programme."""
    build(seminar, alice)
    day, items = factories.make_programme(
        seminar, by=alice, items=(("10:00", 30, "Dilemmaer på spil"), ("10:30", 30, "Kommunen 3.0"))
    )
    agenda_services.update_item(items[0], by=alice, kind="dilemma")
    agenda_services.update_item(items[1], by=alice, kind="self_assessment")
    dilemma, assessment = services.scale_for(items[0]), services.scale_for(items[1])
    people = [factories.make_participant(seminar, f"Person {i}") for i in range(4)]
    first = dilemma.statements.first()
    for person, value in zip(people, (10, 30, 70, 90), strict=True):
        services.answer(first, by=person, value=value)
    services.set_scale_state(dilemma, by=alice, action="next-round", seen_round=1)
    for person in people[:2]:
        services.answer(first, by=person, value=60)
    for person, (today, wish) in zip(people, ((1, 3), (2, 3), (1, 2), (2, 2)), strict=True):
        services.answer(assessment.statements.first(), by=person, value=today, wish=wish)
    return dilemma, assessment


def _media(docx_bytes):
    with zipfile.ZipFile(io.BytesIO(docx_bytes)) as docx:
        return {name: docx.read(name) for name in docx.namelist() if name.startswith("word/media/")}


def test_word_holds_each_chart_as_a_picture_before_its_numbers(documented, seminar):
    data = report.report_docx(seminar)
    pictures = [Image.open(io.BytesIO(png)) for png in _media(data).values()]
    assert len(pictures) == 2 and all(p.format == "PNG" and p.width == 1600 for p in pictures)
    document = Document(io.BytesIO(data))
    alts = [shape._inline.docPr.get("descr") for shape in document.inline_shapes]
    assert alts == ["Dilemmaer på spil", "Kommunen 3.0"]
    captions = [p.text for p in document.paragraphs if p.style.name == "Caption"]
    assert captions == ["Dilemmaer på spil", "Kommunen 3.0"]
    text = _docx_text(data)
    assert "Spare / Udvikle kvalitet" in text and "Tallene" in text  # the numbers' table stays


def test_the_word_picture_is_painted_from_the_charts_data(documented, seminar):
    dilemma, _assessment = documented
    drawn = chart(dilemma, "dilemma")
    png = Image.open(io.BytesIO(paint.png(drawing(drawn)))).convert("RGB")
    blue = tuple(int(BLUE[i : i + 2], 16) for i in (1, 3, 5))

    def near(pixel, colour):  # smoothed and reduced to 64 colours: close, not equal
        return all(abs(a - b) <= 8 for a, b in zip(pixel, colour, strict=True))

    # Each bar is where the SVG puts it: inside the last round's bar of the 60 bin, blue; in
    # the empty bin beside it, white.
    (block,) = [b for b in drawn["blocks"] if b["row"].count(2)]
    bar = next(b for b in block["bars"] if b["round"] == 2 and b["count"])
    inside = (round(bar["x"] + bar["w"] / 2), round(block["y"] + bar["y"] + 4))
    assert near(png.getpixel(inside), blue)
    assert near(png.getpixel((inside[0] + 160, inside[1])), (255, 255, 255))


def test_the_pdf_draws_each_chart_and_keeps_its_numbers(documented, seminar):
    data = report.report_pdf(seminar)
    text = _pdf_text(data)
    # Vector drawing in the page's colours: the dilemma's bars and the self-assessment's dots.
    assert re.search(r"0\.04\d* 0\.36\d* 0\.67\d* rg", text)  # #0b5cad, blue
    assert re.search(r"0\.9\d* 0\.6\d* 0(\.0+)? rg", text)  # #e8a200, amber
    assert text.count(" re f") + text.count(" re B") > 4  # bars and squares
    for label in ("(Spare)", "(Udvikle kvalitet)", "(1.0)", "(3.0)", "(Kommunen er ...)"):
        assert label in text, label
    assert "Tallene" in text and "Spare / Udvikle kvalitet" in text  # the table stays
    assert not re.findall(rb"/Subtype\s*/Image", data)  # drawn, not pasted


def test_without_scales_the_files_have_no_chart(seminar, alice):
    build(seminar, alice)
    assert _media(report.report_docx(seminar)) == {}
    assert "(Spare)" not in _pdf_text(report.report_pdf(seminar))


def test_the_charts_font_has_the_nordic_letters():
    for name in ("DejaVuSans.ttf", "DejaVuSans-Bold.ttf"):
        cmap = TTFont(paint.FONTS / name).getBestCmap()
        letters = "æøåÆØÅäöÄÖüéčšž\u2013\u2019\u201d\u2026"  # and dashes, quotes, ellipsis
        missing = [char for char in letters if ord(char) not in cmap]
        assert not missing, (name, missing)


def test_a_nordic_label_is_drawn_with_its_own_letters():
    def ink(text):
        picture = Drawing(400, 80, [Text(10, 60, text, size=48)])
        return Image.open(io.BytesIO(paint.png(picture))).convert("L").tobytes()

    # Letters the font lacks would all be the same empty box.
    assert len({ink("æ"), ink("ø"), ink("å"), ink("ä"), ink("ö"), ink("\uffff")}) == 6


def test_a_tall_chart_fits_the_page():
    from ideas.report.writers import CHART_HEIGHT, _chart_size

    width, height = _chart_size(Drawing(1600, 9000, [Rect(0, 0, 10, 10, fill="#000000")]))
    assert height == pytest.approx(CHART_HEIGHT) and width < 174
