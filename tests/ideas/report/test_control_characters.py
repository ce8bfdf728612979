"""A row stored with control characters (put there directly, past every form) still exports:
the documentation as a page, Word and PDF, the goals as XLSX and CSV, the follow-up calendar."""

import io
import zipfile

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from ideas import report
from ideas.followup import exports
from ideas.models import Goal, Highlight, Idea, Message, Vote
from seminar.models import Participant, Seminar
from tests.ideas.report.test_report import _docx_text, _html, _pdf_text, build

BAD = "Tell\x01every\x0bone\x1f"  # no NUL: PostgreSQL cannot store one at all
SHOWN = "Telleveryone"


@pytest.fixture
def stained(seminar, alice):
    """The world of the report tests, then control characters written past save()."""
    world = build(seminar, alice)
    Seminar.objects.filter(pk=seminar.pk).update(
        title=f"Seminar {BAD}", municipality=f"Var\x01de {BAD}", venue=f"Hotel {BAD}"
    )
    Message.objects.update(message=BAD, audience=BAD, sender=BAD, when=BAD)
    Goal.objects.update(owner=f"own\x0ber {BAD}", why=BAD, measure=BAD)
    Vote.objects.update(title=f"Vote {BAD}")
    Highlight.objects.update(text=f"Highlight {BAD}")
    Idea.objects.update(text=f"Idea {BAD}")
    Participant.objects.filter(display_name="Anne").update(display_name=f"Anne {BAD}")
    seminar.refresh_from_db()
    return world


def test_the_documentation_page_shows_the_text_without_them(stained, seminar):
    assert SHOWN in _html(seminar)  # the page answers
    body = report.report_context(seminar)["body"]  # what the HTML writer wrote
    assert SHOWN in body and "\x01" not in body and "\x0b" not in body


def test_the_word_file_is_written(stained, seminar):
    text = _docx_text(report.report_docx(seminar))
    assert SHOWN in text and "\x01" not in text


def test_the_pdf_is_written(stained, seminar):
    text = _pdf_text(report.report_pdf(seminar))
    assert SHOWN in text and "\x01" not in text


def test_the_spreadsheet_is_written(stained, seminar):
    data = exports.goals_xlsx(Goal.objects.filter(seminar=seminar))
    workbook = load_workbook(io.BytesIO(data))
    cells = [str(c.value) for row in workbook["Mål"].iter_rows() for c in row if c.value]
    assert any(SHOWN in cell for cell in cells)
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert not any(b"\x01" in archive.read(name) for name in archive.namelist())


def test_the_csv_files_are_written(stained, seminar):
    goals = Goal.objects.filter(seminar=seminar)
    text = exports.goals_csv(goals) + exports.pledges_csv(goals)
    assert SHOWN in text and "\x01" not in text and "\x1f" not in text


def test_a_cell_that_becomes_a_formula_once_cleaned_is_still_neutralised():
    assert exports.neutralise("\x01=1+1") == "'=1+1"
    assert exports.neutralise("\r=1") == "'\n=1"


def test_the_calendar_is_written(stained, seminar):
    ics = exports.follow_up_ics(Goal.objects.filter(seminar=seminar), calendar_name=BAD)
    assert SHOWN.encode() in ics and b"\x01" not in ics and b"\x0b" not in ics


def test_the_downloads_answer_for_the_director(stained, seminar, carol, carol_client):
    seminar.directors.add(carol)
    for url in (
        reverse("report", args=[seminar.pk]),
        reverse("report-download", args=[seminar.pk, "docx"]),
        reverse("report-download", args=[seminar.pk, "pdf"]),
        reverse("export-goals", args=["xlsx"]),
        reverse("export-goals", args=["csv"]),
        reverse("export-goals", args=["pledges.csv"]),
        reverse("export-goals", args=["ics"]),
    ):
        assert carol_client.get(url).status_code == 200, url
