"""`make run` loads the Varde 2014 demo; the daily apply_retention must not anonymise it."""

import datetime
import io

from django.core.management import call_command

from seminar.models import Seminar


def _demo():
    return Seminar.objects.get(title="Lederseminar 2014", municipality="Varde Kommune")


def _retention(today=None):
    args = {"today": today.isoformat()} if today else {}
    call_command("apply_retention", stdout=io.StringIO(), **args)


def test_the_demo_keeps_its_names_a_year_from_the_day_it_is_loaded(db):
    call_command("demo", stdout=io.StringIO())
    seminar = _demo()
    today = datetime.date.today()
    assert seminar.ends_on.year == 2014  # a year after it would be long past
    assert seminar.retention_date == today + datetime.timedelta(days=365)
    _retention()
    seminar.refresh_from_db()
    assert seminar.anonymised_at is None
    assert seminar.participants.filter(display_name="Anne Holm").exists()
    # Not forever: left alone for over a year, retention applies to it as to any seminar.
    _retention(today + datetime.timedelta(days=366))
    seminar.refresh_from_db()
    assert seminar.anonymised_at is not None
    assert not seminar.participants.filter(display_name="Anne Holm").exists()
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert "--reset" in out.getvalue()


def test_loading_the_demo_again_moves_an_old_retention_date(db):
    call_command("demo", stdout=io.StringIO())
    Seminar.objects.filter(pk=_demo().pk).update(retain_until=datetime.date(2015, 10, 31))
    call_command("demo", stdout=io.StringIO())  # the next `make run`
    assert _demo().retain_until == datetime.date.today() + datetime.timedelta(days=365)
    _retention()
    assert _demo().anonymised_at is None


def test_a_later_date_set_by_hand_is_kept(db):
    call_command("demo", stdout=io.StringIO())
    later = datetime.date.today() + datetime.timedelta(days=800)
    Seminar.objects.filter(pk=_demo().pk).update(retain_until=later)
    call_command("demo", stdout=io.StringIO())
    assert _demo().retain_until == later
