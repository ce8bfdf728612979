"""A real timetable imported into a seminar: the kinds and dates it stores, the preview and the
command that say what was guessed, the report's day headings, and the projector's countdown
for an item without a duration."""

import datetime
import io
from pathlib import Path

import pytest
from django.core.management import call_command
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation

from agenda import importer, services
from agenda.importer import parse_programme
from agenda.live import now_context
from agenda.models import AgendaItem
from ideas import report
from tests import factories

FIXTURES = Path(__file__).parent / "fixtures"
NORWEGIAN = FIXTURES / "norwegian_samling_2013.txt"
VARDE = FIXTURES / "varde_2014_seed.txt"


def imported(seminar, by, path):
    return services.apply_import(seminar, parse_programme(path.read_text(encoding="utf-8")), by=by)


def test_every_kind_the_importer_guesses_is_an_agenda_item_kind():
    kinds = {kind for kind, _words in importer._KIND_WORDS + importer._DESCRIPTION_KIND_WORDS}
    assert kinds <= set(AgendaItem.Kind.values)
    assert AgendaItem._meta.get_field("title").max_length == importer.TITLE_LIMIT


def test_guess_kind_gives_an_agenda_item_kind():
    assert services.guess_kind("Gallerivandring") == AgendaItem.Kind.VERNISSAGE
    assert services.guess_kind("Hvad synes I?", "Vi arbejder i grupper.") == "group_work"


def test_apply_import_stores_the_guessed_kinds_and_durations(seminar, alice):
    added = {item.title: item for item in imported(seminar, alice, NORWEGIAN)}
    assert added["Gallerivandring"].kind == AgendaItem.Kind.VERNISSAGE
    assert added["Hva sier vi på mandag?"].kind == AgendaItem.Kind.COMMITMENTS
    assert added["Sektorvise grupper: Hva krever målene av vår sektor?"].kind == "commitments"
    assert added["Oppsummering"].duration is None
    assert added["Intervjuer med innbyggere \u2013 hva forventer de av kommunen?"].duration == 75


def test_apply_import_dates_days_in_the_seminars_year(seminar, alice):
    seminar.starts_on = datetime.date(2025, 3, 4)
    seminar.save()
    imported(seminar, alice, NORWEGIAN)
    assert list(seminar.days.values_list("label", "date")) == [
        ("Tirsdag 5. mars", datetime.date(2025, 3, 5)),
        ("onsdag 6. mars", datetime.date(2025, 3, 6)),
    ]


def test_apply_import_dates_days_in_the_timetables_year_or_not_at_all(seminar, alice):
    assert seminar.starts_on is None
    imported(seminar, alice, VARDE)
    services.apply_import(seminar, parse_programme("Fredag 31/10\n09:00 Kaffe"), by=alice)
    assert list(seminar.days.values_list("label", "date")) == [
        ("Torsdag d. 30. oktober", datetime.date(2014, 10, 30)),
        ("Fredag", None),
        ("Fredag 31/10", None),  # no year anywhere: no date
    ]


def test_preview_shows_each_kind_and_what_was_guessed(alice_client, seminar):
    alice_client.post(reverse("set_language"), {"language": "en"})
    response = alice_client.post(
        reverse("programme-import", args=[seminar.pk]),
        {"text": NORWEGIAN.read_text(encoding="utf-8"), "preview": "1"},
    )
    html = response.content.decode()
    assert "Kind (guessed)" in html
    assert "<td>Vernissage</td>" in html and "<td>Department commitments</td>" in html
    assert "No end given: the next item starts only at 19:00." in html
    assert "Guessed: until 15:30, when the next item starts." in html
    assert not AgendaItem.objects.exists()


def test_dry_run_says_what_was_guessed():
    out = io.StringIO()
    with translation.override("en"):
        call_command("import_programme", str(VARDE), "--dry-run", stdout=out)
    table = out.getvalue()
    assert "Torsdag d. 30. oktober  [2014-10-30]" in table
    assert "16:15    - min  break           Kort pause" in table
    assert "No end given: an item without a time comes before 17:30." in table
    assert "15:30   45 min~ cases" in table


def test_report_heading_does_not_repeat_the_date_the_label_holds(seminar, alice):
    for label, date in (
        ("Torsdag d. 30. oktober", datetime.date(2014, 10, 30)),
        ("Fredag", datetime.date(2014, 10, 31)),
        ("Lørdag 1/11", datetime.date(2014, 11, 1)),
        ("Søndag 2. november", datetime.date(2014, 11, 9)),  # another date than the label's
    ):
        services.add_day(seminar, by=alice, label=label, date=date)
    days = report.walk(seminar)["programme"].days
    assert [bool(day.date_text) for day in days] == [False, True, False, True]


def test_imported_days_are_headed_by_their_label_alone(seminar, alice):
    seminar.starts_on = datetime.date(2014, 10, 30)
    seminar.save()
    imported(seminar, alice, VARDE)
    thursday, _friday = report.walk(seminar)["programme"].days
    assert thursday.day.date == datetime.date(2014, 10, 30)
    assert (thursday.day.label, thursday.date_text) == ("Torsdag d. 30. oktober", "")


@pytest.fixture
def untimed(seminar, alice):
    _day, items = factories.make_programme(
        seminar, by=alice, items=(("16:15", None, "Kort pause"), ("17:30", 30, "Mål"))
    )
    services.start_seminar(seminar, by=alice)
    return items


def test_an_item_without_a_duration_has_no_countdown(seminar, untimed):
    context = now_context(seminar)
    assert (context["deadline_ms"], context["remaining_text"]) == (None, "")
    html = render_to_string("agenda/live.html#now", context)
    assert "data-deadline-ms" not in html and 'class="countdown"' not in html


def test_an_item_without_a_duration_is_not_over_time_when_paused(seminar, alice, untimed):
    services.pause(seminar, by=alice)
    html = render_to_string("agenda/live.html#now", now_context(seminar))
    assert 'class="countdown"' not in html and "+0:" not in html


def test_an_untimed_item_counts_down_an_extension_and_a_timed_item_its_duration(
    seminar, alice, untimed
):
    services.extend(seminar, by=alice, minutes=5)
    assert now_context(seminar)["deadline_ms"] is not None
    services.next_item(seminar, by=alice)
    context = now_context(seminar)
    assert context["deadline_ms"] is not None and context["remaining_text"].startswith("30:")
