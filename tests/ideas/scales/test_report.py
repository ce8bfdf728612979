"""The scales in the documentation: the chart on the page, the numbers in every format."""

from django.test import RequestFactory

from ideas import report
from ideas.scales import services
from tests import factories
from tests.ideas.report.test_report import _docx_text, _pdf_text


def _answered(seminar, scale, values):
    statement = scale.statements.first()
    for i, value in enumerate(values):
        person = factories.make_participant(seminar, f"P{i}")
        services.answer(statement, by=person, value=value, wish=value)
    return statement


def test_the_page_draws_the_chart_and_lists_the_numbers(seminar, dilemma):
    _answered(seminar, dilemma, [20, 80])
    request = RequestFactory().get("/")
    page = report.render_report(request, seminar, docx_url="/r.docx", pdf_url="/r.pdf")
    html = page.content.decode()
    chart = html.split('<figure class="report-chart">')[1].split("</figure>")[0]
    assert "<svg" in chart and "style=" not in chart
    assert "Spare / Udvikle kvalitet" in html and "50,0" in html


def test_word_and_pdf_hold_the_numbers(seminar, self_assessment):
    _answered(seminar, self_assessment, [1, 3])
    text = _docx_text(report.report_docx(seminar))
    assert "Kommunen er …" in text and "2,0" in text
    assert "Kommunen er" in _pdf_text(report.report_pdf(seminar))


def test_a_scale_nobody_answered_is_left_out(seminar, rating):
    keys = [part.section.key for part in report.walk(seminar).parts]
    assert "scales" not in keys
