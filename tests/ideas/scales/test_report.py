"""The scales in the documentation: the chart on the page, the numbers in every format."""

import pytest
from django.test import RequestFactory

from ideas import report
from ideas.domain import Refused
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


def test_an_answered_scale_keeps_its_kind_and_a_scale_item_changed_before_documents_nothing(
    seminar, alice, alice_client, dilemma
):
    """The programme's edit form refuses to change the kind of a scale people have answered
    (its answers are measured by it); an item changed before any answer (or in older data)
    neither breaks the documentation nor takes an answer."""
    item = dilemma.agenda_item
    statement = _answered(seminar, dilemma, [20])
    edit = f"/s/{seminar.pk}/programme/items/{item.pk}/edit/"
    data = {"title": item.title, "kind": "plenum", "start": "08:15", "duration": 15}
    response = alice_client.post(edit, data, HTTP_ACCEPT_LANGUAGE="da")
    assert response.status_code == 200
    assert "Deltagerne har allerede svaret" in response.content.decode()
    item.refresh_from_db()
    assert item.kind == "dilemma"

    item.kind = "plenum"  # as data from before the lock may hold it
    item.save(update_fields=["kind"])
    request = RequestFactory().get("/")
    page = report.render_report(request, seminar, docx_url="/r.docx", pdf_url="/r.pdf")
    assert page.status_code == 200 and '<figure class="report-chart">' not in page.content.decode()
    with pytest.raises(Refused):
        services.answer(statement, by=factories.make_participant(seminar, "Sen"), value=50)
