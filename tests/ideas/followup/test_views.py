"""The follow-up pages and downloads: the department filter, a goal's department commitments,
and CSV files in the reader's language. Every view is also tried by a director of another
seminar, who sees nothing of this one."""

import codecs
import csv
import datetime
import io
import re

import pytest
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from groups.models import Group, Grouping
from ideas.models import Commitment, Goal, Message, Pledge
from seminar.models import Department
from tests import factories


def _speaking(client, language):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    return client


@pytest.fixture
def director(seminar, carol, carol_client):
    """carol follows the seminar and reads the pages in English."""
    seminar.directors.add(carol)
    return _speaking(carol_client, "en")


def _department(seminar, name):
    return Department.objects.get_or_create(seminar=seminar, name=name)[0]


def _table_goal(seminar, number, title, **fields):
    """A goal of a cross-functional table: no department of its own."""
    grouping, _created = Grouping.objects.get_or_create(seminar=seminar, name="Borde")
    table = Group.objects.create(grouping=grouping, number=number, name=f"Bord {number}")
    return Goal.objects.create(seminar=seminar, group=table, title=title, **fields)


def _committed(goal, department_name, **fields):
    department = _department(goal.seminar, department_name)
    return Commitment.objects.create(goal=goal, department=department, **fields)


def _titles(response):
    return [goal.title for goal in response.context["goals"]]


# --- The department filter ------------------------------------------------------------------


def test_department_filter_finds_a_table_goal_by_its_commitment(seminar, director):
    shared = _table_goal(seminar, 1, "Fælles indkøb")
    _committed(shared, "Skole", demands="Tid til indkøbsmøder")
    Goal.objects.create(
        seminar=seminar, title="Egen tekniske plan", department=_department(seminar, "Teknik")
    )

    assert _titles(director.get(reverse("follow-up"), {"department": "Skole"})) == ["Fælles indkøb"]
    assert _titles(director.get(reverse("follow-up"), {"department": "Teknik"})) == [
        "Egen tekniske plan"
    ]


def test_department_filter_lists_a_goal_once_with_its_handshakes(seminar, director):
    goal = Goal.objects.create(
        seminar=seminar, title="Lærlinge", department=_department(seminar, "Teknik")
    )
    _committed(goal, "Teknik")
    _committed(goal, "Skole")
    for name in ("Anne", "Bo"):
        Pledge.objects.create(goal=goal, participant=factories.make_participant(seminar, name))

    goals = list(director.get(reverse("follow-up"), {"department": "Teknik"}).context["goals"])

    assert [(each.title, each.pledge_count) for each in goals] == [("Lærlinge", 2)]


def test_department_filter_costs_the_same_for_one_and_three_goals(
    seminar, director, django_assert_num_queries
):
    _committed(_table_goal(seminar, 1, "Mål 1"), "Skole")
    director.get(
        reverse("follow-up"), {"department": "Skole"}
    )  # warm the caches of the first request
    with CaptureQueriesContext(connection) as one:
        assert len(_titles(director.get(reverse("follow-up"), {"department": "Skole"}))) == 1
    for number in (2, 3):
        _committed(_table_goal(seminar, number, f"Mål {number}"), "Skole")

    with django_assert_num_queries(len(one)):
        assert len(_titles(director.get(reverse("follow-up"), {"department": "Skole"}))) == 3


def test_department_filter_shows_no_goal_of_an_unfollowed_seminar(seminar, other_seminar, director):
    _committed(_table_goal(seminar, 1, "Vores fælles mål"), "Skole")
    _committed(_table_goal(other_seminar, 1, "Nabokommunens mål"), "Skole")

    page = director.get(reverse("follow-up"), {"department": "Skole"})
    export = director.get(reverse("export-goals", args=["csv"]), {"department": "Skole"})

    assert _titles(page) == ["Vores fælles mål"]
    assert "Nabokommunens mål" not in page.content.decode()
    body = export.content.decode("utf-8-sig")
    assert "Vores fælles mål" in body and "Nabokommunens mål" not in body


# --- A goal's department commitments ----------------------------------------------------------


@pytest.fixture
def committed_goal(seminar):
    goal = _table_goal(seminar, 1, "Fælles indkøb")
    teknik = _committed(
        goal, "Teknik", demands="Tid til indkøbsmøder", agreements="Vi samler indkøbene"
    )
    Message.objects.create(
        commitment=teknik,
        message="Vi køber ind sammen",
        audience="Medarbejdere",
        sender="Afdelingsleder",
        when="Mandag",
    )
    _committed(goal, "Skole", agreements="Skolerne melder behov")
    other = _table_goal(seminar, 2, "Et andet mål")
    _committed(other, "Teknik", demands="Hører til et andet mål")
    return goal


def test_goal_detail_shows_each_departments_commitment_and_plan(committed_goal, director):
    html = director.get(reverse("goal-detail", args=[committed_goal.pk])).content.decode()

    commitments = html[html.index('id="commitments-heading"') : html.index('id="history-heading"')]
    # One heading per department, in order, below the section's h2.
    assert commitments.index(">Skole</h3>") < commitments.index(">Teknik</h3>")
    for text in (
        "<dt>What it demands of us</dt><dd>Tid til indkøbsmøder</dd>",
        "<dt>Agreements</dt><dd>Vi samler indkøbene</dd>",
        "<dt>Agreements</dt><dd>Skolerne melder behov</dd>",
        ">Communication plan</h4>",
        '<th scope="col">Message</th><th scope="col">To whom</th>',
        '<th scope="col">By whom</th><th scope="col">When</th>',
        "<td>Vi køber ind sammen</td><td>Medarbejdere</td><td>Afdelingsleder</td><td>Mandag</td>",
    ):
        assert text in commitments, text
    assert commitments.count("<table ") == 1  # Skole has no communication plan
    assert "Hører til et andet mål" not in html


def test_goal_detail_shows_the_commitments_to_the_facilitator(committed_goal, alice_client):
    html = alice_client.get(reverse("goal-detail", args=[committed_goal.pk])).content.decode()

    assert "Tid til indkøbsmøder" in html and "Vi køber ind sammen" in html


def test_goal_detail_commitments_cost_the_same_for_one_and_three_departments(
    seminar, director, django_assert_num_queries
):
    goal = _table_goal(seminar, 1, "Fælles indkøb")
    url = reverse("goal-detail", args=[goal.pk])
    message = {"message": "Besked", "audience": "Alle", "sender": "Chef", "when": "Mandag"}
    Message.objects.create(commitment=_committed(goal, "Teknik", demands="Tid"), **message)
    director.get(url)
    with CaptureQueriesContext(connection) as one:
        director.get(url)
    for name in ("Skole", "Social"):
        Message.objects.create(commitment=_committed(goal, name, demands="Tid"), **message)

    with django_assert_num_queries(len(one)):
        assert director.get(url).content.decode().count(">Communication plan</h4>") == 3


def test_goal_detail_of_an_unfollowed_seminar_is_not_found(other_seminar, director):
    goal = _table_goal(other_seminar, 1, "Nabokommunens mål")
    _committed(goal, "Teknik", demands="Hemmeligt krav")

    response = director.get(reverse("goal-detail", args=[goal.pk]))

    assert response.status_code == 404
    assert "Hemmeligt krav" not in response.content.decode()


# --- CSV in the reader's language -------------------------------------------------------------


@pytest.fixture
def exported_goal(seminar):
    goal = _table_goal(
        seminar, 1, "Grønne tage på skolerne", owner="Bo Ærø", why=' =HYPERLINK("x")'
    )
    Pledge.objects.create(goal=goal, participant=factories.make_participant(seminar, "Åse"))
    return goal


def _download(client, fmt):
    response = client.get(reverse("export-goals", args=[fmt]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert response.content.startswith(codecs.BOM_UTF8)  # Excel then reads æøå as UTF-8
    return response.content.decode("utf-8-sig")


@pytest.mark.parametrize("language", ["da", "nb", "sv"])
def test_csv_export_is_semicolon_separated_for_a_nordic_reader(exported_goal, director, language):
    text = _download(_speaking(director, language), "csv")

    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert len(rows) == 2 and all(len(row) == 14 for row in rows)
    assert rows[1][3] == "Grønne tage på skolerne" and rows[1][7] == "Bo Ærø"
    assert rows[1][4] == '\' =HYPERLINK("x")'  # still neutralised


def test_csv_export_is_comma_separated_for_an_english_reader(exported_goal, director):
    text = _download(director, "csv")

    rows = list(csv.reader(io.StringIO(text), delimiter=","))
    assert rows[0][:4] == ["Seminar", "Municipality", "Table", "Goal"]
    assert len(rows) == 2 and all(len(row) == 14 for row in rows)
    assert rows[1][4] == '\' =HYPERLINK("x")'


@pytest.mark.parametrize(("language", "delimiter"), [("sv", ";"), ("en", ",")])
def test_pledges_csv_export_follows_the_readers_language(
    exported_goal, director, language, delimiter
):
    text = _download(_speaking(director, language), "pledges.csv")

    rows = list(csv.reader(io.StringIO(text), delimiter=delimiter))
    assert len(rows) == 2 and all(len(row) == 5 for row in rows)
    assert rows[1][2] == "Åse"


def test_csv_export_holds_no_goal_of_an_unfollowed_seminar(seminar, other_seminar, director):
    _table_goal(seminar, 1, "Vores mål")
    _table_goal(other_seminar, 1, "Nabokommunens mål")

    text = _download(_speaking(director, "da"), "csv")

    assert "Vores mål" in text and "Nabokommunens mål" not in text


def test_progress_form_dates_are_iso_for_a_danish_reader(seminar, director):
    goal = Goal.objects.create(
        seminar=seminar, title="Lærlinge", next_follow_up=datetime.date(2027, 1, 15)
    )

    html = _speaking(director, "da").get(reverse("goal-detail", args=[goal.pk])).content.decode()

    # <input type="date"> shows nothing for a value such as "15.01.2027".
    assert 'type="date" name="next_follow_up" value="2027-01-15"' in html
    assert re.search(r'type="date" name="noted_on" value="\d{4}-\d{2}-\d{2}"', html)
