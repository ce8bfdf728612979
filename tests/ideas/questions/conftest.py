"""A plenum running with the room's questions turned on, and the pushes it makes."""

import pytest

from agenda import services as agenda_services
from ideas.extras import services as extras
from seminar import live
from tests import factories


@pytest.fixture
def plenum(seminar, alice):
    """The seminar's first item running as a plenum, questions on; three phones in the room."""
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.start_seminar(seminar, by=alice)
    item = extras.switch_extra(items[0], by=alice, key="questions", on=True)
    people = [factories.make_participant(seminar, name) for name in ("Anne", "Bo", "Cai")]
    return item, people


@pytest.fixture
def pushes(monkeypatch):
    """Every (group, html) handed to the fan-out hub; a Danish screen listens."""
    sent = []

    def capture(sends, resubscribe=()):
        sent.extend(sends)
        return True

    monkeypatch.setattr(live, "_send", capture)
    live.listening("da", +1)
    yield sent
    live.listening("da", -1)
