"""Goal exports: what the spreadsheet, the CSV files and the calendar hold, and what they refuse."""

import codecs
import csv
import datetime
import io
from decimal import Decimal

import pytest
from django.utils import translation
from icalendar import Calendar
from openpyxl import load_workbook

from groups.models import Group, Grouping, Membership
from ideas.followup import exports
from ideas.models import Board, Goal, Idea, Pledge, ProgressNote
from tests import factories

FOLLOW_UP = datetime.date(2026, 3, 2)
EN_DASH = "\u2013"
APPRENTICES = f"Flere lærlinge {EN_DASH} også på skolerne"


def make_world(seminar, facilitator):
    """Two goals; handshakes by three people and one table; a progress note; a hidden idea."""
    teknik = seminar.departments.get(name="Teknik")
    anne = factories.make_participant(seminar, "Anne", teknik)
    bo = factories.make_participant(seminar, "Bo Ærø", teknik)
    cecilie = factories.make_participant(seminar, "Cecilie")
    grouping = Grouping.objects.create(seminar=seminar, name="Borde")
    table_one = Group.objects.create(grouping=grouping, number=1, name="Bord 1")
    table_two = Group.objects.create(grouping=grouping, number=2, name="Bord 2")
    for person, table in ((anne, table_one), (bo, table_one), (cecilie, table_two)):
        Membership.objects.create(grouping=grouping, group=table, participant=person)

    apprentices = Goal.objects.create(
        seminar=seminar,
        group=table_one,
        title=APPRENTICES,
        why="Vi mangler hænder",
        measure="Antal lærlinge pr. år",
        target_date=datetime.date(2027, 6, 30),
        owner="Anne",
        department=teknik,
        status=Goal.Status.UNDER_WAY,
        next_follow_up=FOLLOW_UP,
    )
    wellbeing = Goal.objects.create(
        seminar=seminar, group=table_two, title="Bedre trivsel på skolerne"
    )
    Pledge.objects.create(goal=apprentices, participant=anne)
    Pledge.objects.create(goal=apprentices, participant=bo)
    Pledge.objects.create(goal=apprentices, group=table_two)
    Pledge.objects.create(goal=wellbeing, participant=cecilie)
    ProgressNote.objects.create(
        goal=apprentices,
        author=facilitator,
        status=Goal.Status.UNDER_WAY,
        note="Aftale med erhvervsskolen",
        noted_on=datetime.date(2026, 1, 15),
        next_follow_up=FOLLOW_UP,
    )

    _day, items = factories.make_programme(seminar, by=facilitator)
    board = Board.objects.create(seminar=seminar, agenda_item=items[0], group=table_one)
    Idea.objects.create(board=board, author=anne, text="Synlig idé")
    Idea.objects.create(board=board, author=anne, text="Skjult idé", hidden=True)
    return {
        "people": [anne, bo, cecilie],
        "tables": [table_one, table_two],
        "goals": [apprentices, wellbeing],
        "board": board,
    }


@pytest.fixture
def world(seminar, alice):
    return make_world(seminar, alice)


def _goals(seminar):
    return Goal.objects.filter(seminar=seminar)


def _read_csv(text, delimiter=None):
    """The rows of a CSV export, split as the active language's spreadsheet program splits them."""
    assert text.startswith("\ufeff")
    delimiter = delimiter or exports.csv_style().delimiter
    return list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))


def _sheet_rows(sheet):
    return [list(row) for row in sheet.iter_rows(values_only=True)]


# --- neutralise -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://evil","x")', '\'=HYPERLINK("http://evil","x")'),
        ("+45 1234", "'+45 1234"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1:A2)", "'@SUM(A1:A2)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\ncmd"),  # a lone CR is a line break once printable
        (" =1+1", "' =1+1"),
        ("  @SUM(A1:A2)", "'  @SUM(A1:A2)"),
        (" \t-2+3", "' \t-2+3"),
        ("\n+45 1234", "'\n+45 1234"),
        (" almindelig tekst", " almindelig tekst"),
        ("Helt almindelig tekst", "Helt almindelig tekst"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (3.5, 3.5),
        (None, None),
        (datetime.date(2026, 1, 1), datetime.date(2026, 1, 1)),
    ],
)
def test_neutralise(value, expected):
    assert exports.neutralise(value) == expected


# --- Rows -------------------------------------------------------------------------------------


def test_header_is_in_the_active_language(world, seminar):
    with translation.override("da"):
        header = exports.goals_rows(_goals(seminar))[0]
    assert header[0] == "Seminar"
    assert "Hvorfor" in header and "Ansvarlig" in header


def test_goal_row_holds_every_column(world, seminar):
    rows = exports.goals_rows(_goals(seminar))
    by_title = {row[3]: row for row in rows[1:]}
    row = by_title[APPRENTICES]
    assert row[:4] == [
        seminar.title,
        "Varde Kommune",
        "Bord 1",
        APPRENTICES,
    ]
    assert row[6] == datetime.date(2027, 6, 30)
    assert row[7] == "Anne" and row[8] == "Teknik"
    assert row[10] == FOLLOW_UP
    assert row[11] == 3
    assert row[12] == "Anne; Bo Ærø; Bord 2"
    assert row[13] == "2026-01-15: Aftale med erhvervsskolen"


# --- XLSX ---------------------------------------------------------------------------------


def test_xlsx_holds_exactly_the_goals_and_pledges(world, seminar):
    with translation.override("en"):
        workbook = load_workbook(io.BytesIO(exports.goals_xlsx(_goals(seminar))))
    assert workbook.sheetnames == ["Goals", "Pledges", "Personal actions"]
    goals_sheet, pledges_sheet = workbook["Goals"], workbook["Pledges"]

    goal_rows = _sheet_rows(goals_sheet)
    assert goals_sheet.freeze_panes == "A2"
    assert all(cell.font.bold for cell in goals_sheet[1])
    assert {row[3] for row in goal_rows[1:]} == set(
        Goal.objects.filter(seminar=seminar).values_list("title", flat=True)
    )
    assert len(goal_rows) - 1 == Goal.objects.filter(seminar=seminar).count()
    # Dates stay dates (Excel sorts and filters them), shown as ISO.
    by_title = {row[3]: row for row in goal_rows[1:]}
    assert by_title[APPRENTICES][10].date() == FOLLOW_UP
    assert goals_sheet.cell(row=2, column=11).number_format == "yyyy-mm-dd"

    pledge_rows = _sheet_rows(pledges_sheet)
    assert pledges_sheet.freeze_panes == "A2"
    assert len(pledge_rows) - 1 == Pledge.objects.count() == 4
    assert sorted(row[2] for row in pledge_rows[1:]) == ["Anne", "Bo Ærø", "Bord 2", "Cecilie"]
    assert sorted(row[3] for row in pledge_rows[1:]).count("Person") == 3
    assert all(isinstance(row[4], datetime.datetime) for row in pledge_rows[1:])
    assert "Skjult idé" not in str(goal_rows + pledge_rows)


def test_xlsx_sheet_names_are_translated(world, seminar):
    with translation.override("da"):
        data = exports.goals_xlsx(_goals(seminar))
    assert load_workbook(io.BytesIO(data)).sheetnames[0] == "Mål"


def test_pledge_time_is_local(world, seminar):
    pledge = Pledge.objects.filter(participant__display_name="Anne").get()
    moment = datetime.datetime(2025, 10, 18, 12, 30, tzinfo=datetime.UTC)
    Pledge.objects.filter(pk=pledge.pk).update(created_at=moment)
    rows = exports.pledges_rows(_goals(seminar))
    when = next(row[4] for row in rows[1:] if row[2] == "Anne")
    assert when == datetime.datetime(2025, 10, 18, 14, 30)  # Copenhagen, summer time


# --- CSV ----------------------------------------------------------------------------------


def test_csv_holds_exactly_the_goals(world, seminar):
    text = exports.goals_csv(_goals(seminar))
    assert text.encode("utf-8").startswith(codecs.BOM_UTF8)
    rows = _read_csv(text)
    assert len(rows[0]) == 14
    assert {row[3] for row in rows[1:]} == set(
        Goal.objects.filter(seminar=seminar).values_list("title", flat=True)
    )
    by_title = {row[3]: row for row in rows[1:]}
    apprentices = by_title[APPRENTICES]
    assert apprentices[6] == "2027-06-30" and apprentices[10] == "2026-03-02"
    assert apprentices[11] == "3"
    assert "Skjult idé" not in text


def test_pledges_csv_holds_exactly_the_pledges(world, seminar):
    with translation.override("en"):
        rows = _read_csv(exports.pledges_csv(_goals(seminar)))
    assert len(rows) - 1 == Pledge.objects.count()
    assert sorted(row[2] for row in rows[1:]) == ["Anne", "Bo Ærø", "Bord 2", "Cecilie"]
    assert sorted(row[3] for row in rows[1:]) == ["Person", "Person", "Person", "Table"]
    datetime.datetime.fromisoformat(rows[1][4])  # an ISO date and time


DANISH = exports.CsvStyle(delimiter=";", decimal=",")
ENGLISH = exports.CsvStyle(delimiter=",", decimal=".")


@pytest.mark.parametrize(
    ("language", "expected"),
    [("da", DANISH), ("nb", DANISH), ("sv", DANISH), ("en", ENGLISH), ("en-gb", ENGLISH)],
)
def test_csv_style_follows_the_language(language, expected):
    assert exports.csv_style(language) == expected


def test_csv_style_of_an_unknown_language_is_the_sites():
    assert exports.csv_style("de") == DANISH  # LANGUAGE_CODE is "da"


@pytest.mark.parametrize(("language", "delimiter"), [("da", ";"), ("nb", ";"), ("sv", ";")])
def test_csv_is_semicolon_separated_in_a_nordic_language(world, seminar, language, delimiter):
    with translation.override(language):
        text = exports.goals_csv(_goals(seminar))
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=delimiter))
    assert len(rows) == 3 and all(len(row) == 14 for row in rows)
    assert "Bo Ærø" in {name for row in rows[1:] for name in row[12].split("; ")}


def test_csv_is_comma_separated_in_english(world, seminar):
    with translation.override("en"):
        text = exports.pledges_csv(_goals(seminar))
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=","))
    assert rows[0] == ["Seminar", "Goal", "Handshake by", "Kind", "When"]
    assert len(rows) == 5 and all(len(row) == 5 for row in rows)


def test_csv_takes_a_style_other_than_the_languages(world, seminar):
    with translation.override("da"):
        text = exports.goals_csv(_goals(seminar), style=ENGLISH)
    rows = list(csv.reader(io.StringIO(text[1:]), delimiter=","))
    assert len(rows) == 3 and len(rows[0]) == 14


@pytest.mark.parametrize(
    ("style", "cells"), [(DANISH, ["2,5", "-1,25"]), (ENGLISH, ["2.5", "-1.25"])]
)
def test_csv_decimals_take_the_readers_decimal_mark(style, cells):
    text = exports.csv_text([["Andel", 2.5, Decimal("-1.25"), 3]], style=style)
    row = next(csv.reader(io.StringIO(text[1:]), delimiter=style.delimiter))
    assert row == ["Andel", *cells, "3"]  # a number is ours, not typed: its minus stays


@pytest.mark.parametrize("style", [DANISH, ENGLISH])
def test_csv_neutralises_formulas_with_either_separator(style):
    typed = [" =1+1", "\t=cmd", "  @SUM(A1)", "Teknik;=1+1", "Teknik,=1+1", "-2+3"]
    text = exports.csv_text([typed], style=style)
    row = next(csv.reader(io.StringIO(text[1:]), delimiter=style.delimiter))
    assert len(row) == len(typed)  # a separator in the text starts no cell of its own
    assert not any(cell.lstrip().startswith(("=", "+", "-", "@")) for cell in row)
    assert row[3] == "Teknik;=1+1" and row[4] == "Teknik,=1+1"


# --- Formula injection ----------------------------------------------------------------------


@pytest.fixture
def dangerous(world, seminar):
    Goal.objects.create(
        seminar=seminar, title='=HYPERLINK("http://evil.example","Klik")', owner="+45 1234"
    )
    Goal.objects.create(seminar=seminar, title="Sikker titel", owner="@SUM(A1:A9)")


def test_xlsx_neutralises_formulas(dangerous, seminar):
    sheet = load_workbook(io.BytesIO(exports.goals_xlsx(_goals(seminar)))).worksheets[0]
    cells = [cell for row in sheet.iter_rows(min_row=2) for cell in row]
    values = [cell.value for cell in cells]
    assert '\'=HYPERLINK("http://evil.example","Klik")' in values
    assert "'+45 1234" in values and "'@SUM(A1:A9)" in values
    assert not any(cell.data_type == "f" for cell in cells)
    assert not any(isinstance(v, str) and v.startswith(("=", "+", "@")) for v in values)


def test_csv_neutralises_formulas(dangerous, seminar):
    rows = _read_csv(exports.goals_csv(_goals(seminar)))
    cells = [cell for row in rows[1:] for cell in row]
    assert '\'=HYPERLINK("http://evil.example","Klik")' in cells
    assert "'+45 1234" in cells and "'@SUM(A1:A9)" in cells
    assert not any(cell.startswith(("=", "+", "-", "@")) for cell in cells)


def test_pledges_neutralise_names(world, seminar):
    anne = world["people"][0]
    anne.display_name = "=1+2"
    anne.save()
    rows = _read_csv(exports.pledges_csv(_goals(seminar)))
    assert "'=1+2" in [row[2] for row in rows]
    sheet = load_workbook(io.BytesIO(exports.goals_xlsx(_goals(seminar)))).worksheets[1]
    assert "'=1+2" in [row[2] for row in sheet.iter_rows(values_only=True)]


# --- Calendar -------------------------------------------------------------------------------


def test_ics_has_one_all_day_event_per_follow_up(world, seminar):
    apprentices, wellbeing = world["goals"]
    wellbeing.next_follow_up = datetime.date(2026, 5, 4)
    wellbeing.save()
    Goal.objects.create(seminar=seminar, title="Uden opfølgning")

    with translation.override("da"):
        data = exports.follow_up_ics(_goals(seminar), calendar_name="Opfølgning: Lederseminar")
    calendar = Calendar.from_ical(data)
    assert str(calendar["X-WR-CALNAME"]) == "Opfølgning: Lederseminar"
    assert str(calendar["VERSION"]) == "2.0" and calendar["PRODID"]
    events = {str(event["UID"]): event for event in calendar.walk("VEVENT")}
    assert set(events) == {
        f"goal-{apprentices.pk}-followup@plenum",
        f"goal-{wellbeing.pk}-followup@plenum",
    }
    event = events[f"goal-{apprentices.pk}-followup@plenum"]
    start = event.decoded("DTSTART")
    assert start == FOLLOW_UP and not isinstance(start, datetime.datetime)
    assert event.decoded("DTEND") == FOLLOW_UP + datetime.timedelta(days=1)
    assert APPRENTICES in str(event["SUMMARY"])
    assert "DTSTAMP" in event
    description = str(event["DESCRIPTION"])
    for text in ("I gang", "Anne", "Antal lærlinge", seminar.title):  # status in Danish
        assert text in description
    assert events[f"goal-{wellbeing.pk}-followup@plenum"].decoded("DTSTART") == datetime.date(
        2026, 5, 4
    )


def test_ics_uid_is_stable_across_exports(world, seminar):
    first = Calendar.from_ical(exports.follow_up_ics(_goals(seminar), calendar_name="x"))
    second = Calendar.from_ical(exports.follow_up_ics(_goals(seminar), calendar_name="x"))
    assert [str(e["UID"]) for e in first.walk("VEVENT")] == [
        str(e["UID"]) for e in second.walk("VEVENT")
    ]


def test_ics_without_follow_ups_is_an_empty_calendar(seminar):
    Goal.objects.create(seminar=seminar, title="Uden dato")
    calendar = Calendar.from_ical(exports.follow_up_ics(_goals(seminar), calendar_name="x"))
    assert calendar.walk("VEVENT") == []


# --- Queries ------------------------------------------------------------------------------


def _many_goals(seminar, alice, count):
    make_world(seminar, alice)
    people = list(seminar.participants.all())
    for number in range(count - 2):
        goal = Goal.objects.create(
            seminar=seminar,
            group=None,  # the world's tables have their goal already (one goal per table)
            department=seminar.departments.first(),
            title=f"Mål {number}",
            next_follow_up=FOLLOW_UP,
        )
        for person in people:
            Pledge.objects.create(goal=goal, participant=person)
        ProgressNote.objects.create(goal=goal, status="under_way", noted_on=FOLLOW_UP)


@pytest.mark.parametrize("count", [2, 5, 12])
def test_exports_take_a_constant_number_of_queries(
    seminar, alice, count, django_assert_max_num_queries
):
    _many_goals(seminar, alice, count)
    goals = _goals(seminar)
    with django_assert_max_num_queries(6):  # one more for the personal actions' sheet
        exports.goals_xlsx(goals)
    with django_assert_max_num_queries(5):
        exports.goals_csv(goals)
    with django_assert_max_num_queries(5):
        exports.pledges_csv(goals)
    with django_assert_max_num_queries(5):
        exports.follow_up_ics(goals, calendar_name="x")
    plain = list(goals)  # a plain list gets its related rows in one go too
    with django_assert_max_num_queries(6):
        exports.goals_xlsx(plain)


@pytest.mark.parametrize("count", [1, 5])
def test_one_or_five_goals_cost_the_same(seminar, alice, count, django_assert_max_num_queries):
    for number in range(count):
        goal = Goal.objects.create(seminar=seminar, title=f"Mål {number}")
        Pledge.objects.create(
            goal=goal, participant=factories.make_participant(seminar, f"P{number}")
        )
    with django_assert_max_num_queries(3):
        exports.goals_rows(exports.goals_for_export(_goals(seminar)))


def test_goals_for_export_can_be_applied_twice(world, seminar):
    goals = exports.goals_for_export(exports.goals_for_export(_goals(seminar)))
    assert len(exports.goals_rows(goals)) == 3
