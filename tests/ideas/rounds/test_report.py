"""Question rounds in the documentation: each question's conclusions ranked by dots, with the
answers merged into them (text, table, author), in HTML, Word and PDF alike."""

from django.test import RequestFactory

from ideas import report
from ideas.models import RoundQuestion, Vote
from ideas.rounds import services
from ideas.votes import services as votes
from tests.ideas.report.test_report import _docx_text, _pdf_text
from tests.ideas.rounds.conftest import answer


def _ranked(item, alice):
    """Two answers merged into one conclusion, a third on its own with more dots, revealed."""
    question = RoundQuestion.objects.filter(agenda_item=item).first()
    one, two = item.grouping.groups.order_by("number")
    a = answer(item, question, one.members.first(), "Lyt mere")
    b = answer(item, question, two.members.first(), "Lyt!")
    c = answer(item, question, two.members.last(), "Del data")
    services.merge(question, by=alice, card_ids=[a.pk, b.pk], text="Lyt til borgerne")
    services.open_votes(item, by=alice, budget=3)
    vote = Vote.objects.get()
    c.refresh_from_db()
    for person in item.seminar_people:
        votes.cast_dot(vote, by=person, idea=c.merged_into)
    services.reveal(item, by=alice)
    return question, a, b


def _round(seminar, alice, round_item):
    round_item.seminar_people = list(seminar.participants.all()[:3])
    return _ranked(round_item, alice)


def test_the_chapter_ranks_the_conclusions_with_their_answers(seminar, alice, round_item):
    question, a, b = _round(seminar, alice, round_item)
    documentation = report.walk(seminar)
    keys = [part.section.key for part in documentation.parts]
    assert "rounds" in keys
    assert "conclusions" not in keys  # the round's votes are not ranked twice
    assert "boards" not in keys  # nor its boards listed again
    data = documentation["rounds"]
    ranked = data.rounds[0].questions[0]
    assert ranked.ranked and ranked.text == question.text
    assert [(c.text, c.dots) for c in ranked.conclusions] == [
        ("Del data", 3),
        ("Lyt til borgerne", 0),
    ]
    merged = ranked.conclusions[1].answers
    assert merged[0].startswith("Lyt mere (") and a.author.display_name in merged[0]
    assert merged[1].startswith("Lyt! (") and b.author.display_name in merged[1]


def test_the_page_word_and_pdf_hold_the_ranked_list(seminar, alice, round_item):
    _round(seminar, alice, round_item)
    request = RequestFactory().get("/")
    page = report.render_report(request, seminar, docx_url="/r.docx", pdf_url="/r.pdf")
    html = page.content.decode()
    assert "De vigtigste konklusioner ifølge deltagerne" in html
    assert html.index("Del data") < html.index("Lyt til borgerne") < html.index("Lyt mere")
    assert "3 prikker" in html
    text = _docx_text(report.report_docx(seminar))
    assert "Del data" in text and "Lyt mere" in text and "3 prikker" in text
    pdf = _pdf_text(report.report_pdf(seminar))
    assert "Del data" in pdf and "Lyt mere" in pdf


def test_answers_never_merged_are_kept(seminar, alice, round_item):
    question = RoundQuestion.objects.filter(agenda_item=round_item).first()
    person = round_item.grouping.groups.first().members.first()
    answer(round_item, question, person, "Ensom idé")
    ranked = report.walk(seminar)["rounds"].rounds[0].questions[0]
    assert not ranked.ranked and ranked.conclusions == []
    assert ranked.loose[0].startswith("Ensom idé (")


def test_a_hidden_answer_stays_out(seminar, alice, round_item):
    from ideas.boards import services as boards

    question = RoundQuestion.objects.filter(agenda_item=round_item).first()
    person = round_item.grouping.groups.first().members.first()
    card = answer(round_item, question, person, "Skjult")
    boards.set_idea_hidden(card, by=alice, hidden=True)
    html = report.render_report(
        RequestFactory().get("/"), seminar, docx_url="/r.docx", pdf_url="/r.pdf"
    ).content.decode()
    assert "Skjult" not in html


def test_the_chapter_reads_in_a_fixed_number_of_queries(
    seminar, alice, round_item, django_assert_num_queries
):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ideas.rounds.report import RoundsSection

    question = RoundQuestion.objects.filter(agenda_item=round_item).first()
    person = round_item.grouping.groups.first().members.first()
    answer(round_item, question, person, "En")
    with CaptureQueriesContext(connection) as one:
        RoundsSection().collect(seminar)
    for i in range(4):
        answer(round_item, question, person, f"Flere {i}")
    with CaptureQueriesContext(connection) as more:
        RoundsSection().collect(seminar)
    assert len(one) == len(more)
