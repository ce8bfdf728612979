"""Fixtures of the scales' tests: a running dilemma, self-assessment or rating item."""

import pytest

from agenda import services as agenda_services
from tests import factories


@pytest.fixture(autouse=True)
def _chart_at_once(settings):
    """The chart is pushed at once, in the test's thread (the timer is for the server)."""
    settings.SCALE_CHART_INTERVAL_MS = 0


def running(seminar, alice, kind):
    """The seminar started on an item of `kind`; returns the item's scale."""
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, kind=kind)
    agenda_services.start_seminar(seminar, by=alice)
    items[0].refresh_from_db()
    return items[0].scale


@pytest.fixture
def dilemma(seminar, alice):
    return running(seminar, alice, "dilemma")


@pytest.fixture
def self_assessment(seminar, alice):
    return running(seminar, alice, "self_assessment")


@pytest.fixture
def rating(seminar, alice):
    return running(seminar, alice, "rating")
