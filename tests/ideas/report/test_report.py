"""The seminar's documentation: the same record on the page, in Word and in the PDF."""

import datetime
import io
import re
import zipfile
import zlib

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from docx import Document

from agenda.models import AgendaItem
from groups.models import Group
from ideas import queries, report, services
from ideas.models import (
    Board,
    Cluster,
    Comment,
    Commitment,
    Dot,
    Goal,
    Highlight,
    Idea,
    Message,
    MondayAction,
    Pledge,
    Star,
    Vote,
)
from tests import factories
from tests.ideas.followup.test_exports import APPRENTICES, EN_DASH, make_world

LEFT_QUOTE, RIGHT_QUOTE, ELLIPSIS = "\u201c", "\u201d", "\u2026"
DANISH_TITLE = (
    f"Æblegrød i Ølstykke {EN_DASH} {LEFT_QUOTE}for alle{RIGHT_QUOTE} {ELLIPSIS} på skemaet"
)
HIDDEN_IDEA = "Hemmelig idé der er skjult"
HIDDEN_COMMENT = "Grim kommentar der er skjult"


def _at(hour, minute):
    return timezone.make_aware(datetime.datetime(2025, 10, 16, hour, minute))


def build(seminar, facilitator):
    """make_world's goals and handshakes, plus a programme that ran, boards, a vote, the seal,
    commitments with a communication plan and Monday actions."""
    world = make_world(seminar, facilitator)
    anne, bo, cecilie = world["people"]
    table_one, table_two = world["tables"]
    board = world["board"]
    item = board.agenda_item
    AgendaItem.objects.filter(pk=item.pk).update(actual_start=_at(8, 17), actual_end=_at(8, 34))

    other_board = Board.objects.create(
        seminar=seminar, agenda_item=item, group=table_two, prompt="Hvad skal vi undgå?"
    )
    cluster = Cluster.objects.create(board=board, heading="Borgerne")
    clustered = Idea.objects.create(board=board, author=anne, text="Borgerpanel", cluster=cluster)
    Idea.objects.create(board=board, text=HIDDEN_IDEA, hidden=True, cluster=cluster)
    Cluster.objects.create(board=board, heading="Kun skjulte kort")
    Idea.objects.filter(text=HIDDEN_IDEA).update(
        cluster=Cluster.objects.get(heading="Kun skjulte kort")
    )
    loose = Idea.objects.create(board=other_board, author=cecilie, text="Samarbejde på tværs")
    Comment.objects.create(idea=clustered, author=bo, text="Godt forslag")
    Comment.objects.create(idea=clustered, author=bo, text=HIDDEN_COMMENT, hidden=True)
    Star.objects.create(idea=clustered, participant=bo)
    Star.objects.create(idea=clustered, participant=cecilie)

    Highlight.objects.create(seminar=seminar, text="Om man er stor må man være snill")
    Highlight.objects.create(
        seminar=seminar, idea=Idea.objects.get(text=HIDDEN_IDEA), text="Fra et skjult kort"
    )

    vote = Vote.objects.create(seminar=seminar, title="Hvad er vigtigst?", is_open=False)
    vote.boards.set([board, other_board])
    Dot.objects.create(vote=vote, participant=anne, idea=loose)
    Dot.objects.create(vote=vote, participant=bo, idea=loose)
    Dot.objects.create(vote=vote, participant=cecilie, idea=clustered)
    Dot.objects.create(vote=vote, participant=cecilie, idea=Idea.objects.get(text=HIDDEN_IDEA))

    apprentices, _wellbeing = world["goals"]
    # A goal of the plenum, not a table's: each table has one goal already.
    danish = Goal.objects.create(seminar=seminar, title=DANISH_TITLE)
    Pledge.objects.create(goal=danish, group=table_one)
    Goal.objects.filter(pk=apprentices.pk).update(sealed_at=_at(15, 45))

    commitment = Commitment.objects.create(
        goal=apprentices,
        department=seminar.departments.get(name="Skole"),
        demands="Praktikpladser i skolernes drift",
        agreements="Skolelederne melder pladser ind",
    )
    Message.objects.create(
        commitment=commitment,
        message="Vi tager lærlinge ind",
        audience="Alle medarbejdere",
        sender="Skolechefen",
        when="Uge 44",
    )
    MondayAction.objects.create(participant=anne, goal=apprentices, text="Ringe til erhvervsskolen")
    MondayAction.objects.create(participant=bo, text="Samtale med ledergruppen")
    return world


@pytest.fixture
def world(seminar, alice):
    return build(seminar, alice)


def _html(seminar):
    request = RequestFactory().get("/")
    response = report.render_report(request, seminar, docx_url="/r.docx", pdf_url="/r.pdf")
    assert response.status_code == 200
    return response.content.decode()


def _docx_text(data):
    document = Document(io.BytesIO(data))
    texts = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        texts.extend(cell.text for row in table.rows for cell in row.cells)
    return "\n".join(texts)


def _pdf_text(data):
    """The text drawn on the PDF's pages (its content streams, inflated), as Latin-1."""
    chunks = []
    for match in re.finditer(rb"stream\r?\n", data):
        # Inflate from the stream's start until zlib says the stream ended: compressed bytes
        # may contain "endstream" by chance, so the end marker cannot be searched for.
        try:
            chunks.append(zlib.decompressobj().decompress(data[match.end() :]))
        except zlib.error:
            continue  # not a compressed stream (fonts are built in; nothing else is raw)
    return b"\n".join(chunks).decode("latin-1")


def _visible_goal_titles(seminar):
    return list(Goal.objects.filter(seminar=seminar).values_list("title", flat=True))


# --- The walk --------------------------------------------------------------------------------


def test_walk_has_the_programme_as_it_ran(world, seminar):
    (day,) = report.walk(seminar)["programme"].days
    entries = {entry.title: entry for entry in day.items}
    velkommen = entries["Velkommen"]
    assert (velkommen.planned_start, velkommen.planned_end) == ("08:15", "08:30")
    assert (velkommen.actual_start, velkommen.actual_end) == ("08:17", "08:34")
    assert velkommen.actual_minutes == 17
    assert entries["Visionen"].actual_start == ""


def test_walk_has_boards_with_visible_ideas_only(world, seminar):
    documentation = report.walk(seminar)
    (section,) = documentation["boards"].items
    names = [board.name for board in section.boards]
    assert names == ["Bord 1", "Bord 2"]
    table_one = section.boards[0]
    assert [cluster.heading for cluster in table_one.clusters] == ["Borgerne"]
    (idea,) = table_one.clusters[0].ideas
    assert idea.text == "Borgerpanel" and idea.star_count == 2
    assert [comment.text for comment in idea.visible_comments] == ["Godt forslag"]
    all_ideas = [i.text for s in documentation["boards"].items for b in s.boards for i in b.ideas]
    assert "Synlig idé" in all_ideas and HIDDEN_IDEA not in all_ideas
    highlights = documentation["highlights"].highlights
    assert [h.text for h in highlights] == ["Om man er stor må man være snill"]


def test_walk_ranking_agrees_with_the_vote_service(world, seminar):
    (vote,) = report.walk(seminar)["conclusions"].votes
    assert vote.shown
    assert [(r.idea.text, r.dots) for r in vote.ranking][:2] == [
        ("Samarbejde på tværs", 2),
        ("Borgerpanel", 1),
    ]
    expected = [(idea.pk, idea.dot_count) for idea in queries.ranking(vote.vote)]
    assert [(r.idea.pk, r.dots) for r in vote.ranking] == expected


def test_walk_has_goals_handshakes_and_the_seal(world, seminar):
    documentation = report.walk(seminar)
    goals = {entry.goal.title: entry for entry in documentation["goals"].goals}
    assert set(goals) == set(_visible_goal_titles(seminar))
    apprentices = goals[APPRENTICES]
    assert apprentices.people == ["Anne", "Bo Ærø"] and apprentices.tables == ["Bord 2"]
    assert apprentices.handshakes == 3
    assert goals[DANISH_TITLE].tables == ["Bord 1"]
    assert apprentices.sealed_text and not goals[DANISH_TITLE].sealed_text  # each on its own
    (school,) = documentation["commitments"].departments
    assert school.department == "Skole"
    assert [m.message for m in school.commitments[0].plan] == ["Vi tager lærlinge ind"]
    assert [a.text for a in documentation["actions"].actions] == [
        "Ringe til erhvervsskolen",
        "Samtale med ledergruppen",
    ]


def test_an_open_unrevealed_vote_shows_no_tally(world, seminar):
    Vote.objects.update(is_open=True, revealed=False)
    (vote,) = report.walk(seminar)["conclusions"].votes
    assert not vote.shown
    page = _html(seminar)
    assert "Hvad er vigtigst?" in page and "2 prikker" not in page


def _grow(seminar, alice):
    """More of everything: a second day, more boards, ideas, comments, goals, votes."""
    day, items = factories.make_programme(seminar, by=alice)
    tables = list(Group.objects.filter(grouping__seminar=seminar))
    people = list(seminar.participants.all())
    for item in items:
        for table in tables:
            board = Board.objects.create(seminar=seminar, agenda_item=item, group=table)
            cluster = Cluster.objects.create(board=board, heading=f"Overskrift {board.pk}")
            for number in range(3):
                idea = Idea.objects.create(
                    board=board, text=f"Idé {board.pk}-{number}", cluster=cluster
                )
                Comment.objects.create(idea=idea, text="Enig")
                Star.objects.create(idea=idea, participant=people[number])
        vote = Vote.objects.create(seminar=seminar, title=f"Afstemning {item.pk}", revealed=True)
        vote.boards.set(Board.objects.filter(agenda_item=item))
    for number in range(6):
        goal = Goal.objects.create(seminar=seminar, title=f"Mål nummer {number}")
        for person in people:
            Pledge.objects.create(goal=goal, participant=person)
        commitment = Commitment.objects.create(
            goal=goal, department=seminar.departments.get(name="Teknik"), demands="Tid"
        )
        Message.objects.create(
            commitment=commitment, message="Besked", audience="Alle", sender="Mig", when="Nu"
        )
    for person in people:
        MondayAction.objects.create(participant=person, text="Noget mere")


def test_walk_takes_a_constant_number_of_queries(world, seminar, alice):
    with CaptureQueriesContext(connection) as small:
        report.walk(seminar)
    _grow(seminar, alice)
    with CaptureQueriesContext(connection) as large:
        documentation = report.walk(seminar)
    assert len(documentation["goals"].goals) > 6 and len(documentation["programme"].days) == 2
    # One read or a few per section (interviews 1, cases 2, questions, speakers, soapbox 3,
    # scales, action lists, the action lists' points and question rounds 1 each while there are
    # none): what matters is that it does not grow with the seminar.
    assert len(large) == len(small) <= 27, (len(small), len(large))


def test_rendering_runs_no_further_queries(world, seminar, alice, django_assert_max_num_queries):
    _grow(seminar, alice)
    walk_queries = CaptureQueriesContext(connection)
    with walk_queries:
        report.walk(seminar)
    with django_assert_max_num_queries(len(walk_queries)):
        _html(seminar)


# --- The page -----------------------------------------------------------------------------


def test_page_shows_the_whole_record(world, seminar):
    page = _html(seminar)
    for title in _visible_goal_titles(seminar):
        assert title in page
    for name in ("Anne", "Bo Ærø", "Bord 2"):
        assert name in page
    assert "08:17" in page and "08:34" in page  # the programme as it ran
    assert "Borgerpanel" in page and "Godt forslag" in page and "Synlig idé" in page
    assert "Vi tager lærlinge ind" in page and "Ringe til erhvervsskolen" in page
    assert 'href="/r.docx"' in page and 'href="/r.pdf"' in page
    assert "css/report.css" in page


def test_page_never_shows_hidden_ideas_or_comments(world, seminar):
    page = _html(seminar)
    assert HIDDEN_IDEA not in page
    assert HIDDEN_COMMENT not in page
    assert "Fra et skjult kort" not in page  # a highlight pinned from a hidden card
    assert "Kun skjulte kort" not in page  # a heading over hidden cards only


def test_the_documentation_is_in_the_seminars_language_and_marked_so(world, seminar):
    seminar.language = "sv"
    seminar.save()
    with translation.override("en"):
        page = _html(seminar)
    article = page[page.index("<article") :]
    assert '<article class="report" lang="sv">' in page
    assert "Mål och handslag" in article  # Goals and handshakes
    assert "Program" in article


def test_the_page_around_it_is_in_the_readers_language(world, seminar):
    seminar.language = "sv"
    seminar.save()
    with translation.override("da"):
        page = _html(seminar)
    assert '<html lang="da">' in page
    assert "Hent som PDF" in page[: page.index("<article")]


def test_page_has_no_inline_script_or_style(world, seminar):
    page = _html(seminar)
    assert "<style" not in page and " style=" not in page
    scripts = re.findall(r"<script[^>]*>", page)
    assert all("src=" in tag for tag in scripts)


# --- Word and PDF ---------------------------------------------------------------------------


def test_docx_opens_and_holds_every_goal(world, seminar):
    text = _docx_text(report.report_docx(seminar))
    for title in _visible_goal_titles(seminar):
        assert title in text
    assert "08:17" in text and "Borgerpanel" in text and "Bord 2" in text
    assert "Vi tager lærlinge ind" in text and "Ringe til erhvervsskolen" in text
    assert HIDDEN_IDEA not in text and HIDDEN_COMMENT not in text


def test_docx_is_in_the_seminars_language(world, seminar):
    seminar.language = "sv"
    seminar.save()
    with translation.override("en"):
        text = _docx_text(report.report_docx(seminar))
    assert "Mål och handslag" in text


def test_pdf_is_a_pdf_with_every_goal(world, seminar):
    data = report.report_pdf(seminar)
    assert data.startswith(b"%PDF-")
    assert data.rstrip().endswith(b"%%EOF")
    text = _pdf_text(data)
    for title in _visible_goal_titles(seminar):
        assert report.pdf_text(title) in text
    assert 'Æblegrød i Ølstykke - "for alle" ... på skemaet' in text
    assert "08:17" in text and "Borgerpanel" in text
    assert HIDDEN_IDEA not in text and HIDDEN_COMMENT not in text


def test_pdf_numbers_its_pages(world, seminar, alice):
    _grow(seminar, alice)
    text = _pdf_text(report.report_pdf(seminar))
    # "{nb}" (the page count) is filled in when the file is written, as a separate string.
    pages = [int(n) for n in re.findall(r"\((?:Page|Side) (\d+) (?:of|af) \) Tj", text)]
    assert len(pages) > 1 and pages == list(range(1, len(pages) + 1))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"Æbler, øl og ål {EN_DASH} Åbenrå", "Æbler, øl og ål - Åbenrå"),
        ("Svenska: åäö ÅÄÖ", "Svenska: åäö ÅÄÖ"),
        ("\u201ccitat\u201d \u2018enkelt\u2019 \u2014 slut\u2026", "\"citat\" 'enkelt' - slut..."),
        ("• punkt", "\u00b7 punkt"),
        ("Čačak", "Cacak"),
        ("🤝 aftale", "? aftale"),
        ("a\u0308", "ä"),  # decomposed letters are joined first
    ],
)
def test_pdf_text_keeps_nordic_letters_and_maps_the_rest(text, expected):
    assert report.pdf_text(text) == expected
    report.pdf_text(text).encode("latin-1")


def test_pdf_survives_hostile_text(seminar):
    Goal.objects.create(seminar=seminar, title="(parentes) \\ back **fed** --streg-- 🤝 ✓ 中文")
    data = report.report_pdf(seminar)
    assert data.startswith(b"%PDF-")


# --- Photos of the posters ----------------------------------------------------------------------


@pytest.fixture
def photos(world, settings, tmp_path):
    """One photo shown on the first table's board, one the facilitator hid."""
    from tests.ideas.boards.test_photos import _jpeg_with_gps

    settings.MEDIA_ROOT = tmp_path
    board = world["board"]
    author = board.group.members.first()
    shown = services.add_photo(board, by=author, upload=_jpeg_with_gps(size=(800, 600)))
    hidden = services.add_photo(board, by=author, upload=_jpeg_with_gps(size=(600, 800)))
    hidden.hidden = True
    hidden.save()
    return shown, hidden


def test_the_page_shows_the_posters_photos_but_not_hidden_ones(photos, seminar):
    shown, hidden = photos
    page = _html(seminar)
    assert f'src="/s/{seminar.pk}/photos/{shown.pk}.jpg"' in page
    assert f"/photos/{hidden.pk}.jpg" not in page


def test_word_and_pdf_carry_the_shown_photo_only(photos, seminar):
    with zipfile.ZipFile(io.BytesIO(report.report_docx(seminar))) as docx:
        media = [name for name in docx.namelist() if name.startswith("word/media/")]
    assert len(media) == 1
    pdf = report.report_pdf(seminar)
    assert len(re.findall(rb"/Subtype\s*/Image", pdf)) == 1
