"""A seminar used as a template: programme and groupings' rules, no people, no content."""

import datetime
import uuid

import pytest
from django.urls import reverse

from agenda.models import AgendaItem
from groups.models import Grouping
from ideas.data import reuse
from ideas.models import Goal, Idea, Vernissage
from seminar.models import Seminar
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.test_data import media, populate  # noqa: F401 (a fixture)


def _programme(seminar):
    return [
        (i.day.label, i.day.date, i.position, i.start, i.duration, i.title, i.kind, i.description)
        for i in AgendaItem.objects.filter(day__seminar=seminar).select_related("day")
    ]


def test_copy_keeps_programme_and_rules_without_people(seminar, alice, media):  # noqa: F811
    seminar.starts_on = datetime.date(2026, 3, 5)
    seminar.ends_on = datetime.date(2026, 3, 6)
    seminar.save()
    populate(seminar, alice)
    day = seminar.days.get()
    day.date = datetime.date(2026, 3, 5)
    day.save()
    items = list(AgendaItem.objects.filter(day=day))
    items[1].kind, items[1].description = "vernissage", "Walk the posters"
    items[1].grouping = Grouping.objects.get(seminar=seminar)
    items[1].save()
    Vernissage.objects.update_or_create(  # populate() made one, with its rounds under way
        agenda_item=items[1], defaults={"source_item": items[2], "round_minutes": 7}
    )

    copy = reuse.copy_as_template(
        seminar, by=alice, title="Next year", starts_on=datetime.date(2027, 3, 4)
    )
    assert (copy.title, copy.starts_on, copy.ends_on) == (
        "Next year",
        datetime.date(2027, 3, 4),
        datetime.date(2027, 3, 5),
    )
    shifted = [(row[0], datetime.date(2027, 3, 4), *row[2:]) for row in _programme(seminar)]
    assert _programme(copy) == shifted
    grouping = Grouping.objects.get(seminar=copy)
    assert (grouping.method, grouping.group_size, grouping.groups.count()) == ("random", 6, 0)
    assert AgendaItem.objects.get(day__seminar=copy, kind="vernissage").grouping == grouping
    vernissage = Vernissage.objects.get(agenda_item__day__seminar=copy)
    assert vernissage.round_minutes == 7 and vernissage.source_item.day.seminar == copy
    assert copy.participants.count() == 0
    assert not Goal.objects.filter(seminar=copy).exists()
    assert not Idea.objects.filter(board__seminar=copy).exists()
    assert list(copy.facilitators.all()) == [alice]


def test_template_page_creates_once_and_opens_the_programme(alice_client, seminar, alice):
    factories.make_programme(seminar, by=alice)
    url = reverse("seminar-template", args=[seminar.pk])
    assert url in alice_client.get(reverse("seminar-edit", args=[seminar.pk])).content.decode()
    assert alice_client.get(url).status_code == 200
    data = {"title": "Again", "starts_on": "2027-01-10", "key": str(uuid.uuid4())}
    first = alice_client.post(url, data)
    again = alice_client.post(url, data)  # the same post sent twice
    copy = Seminar.objects.get(title="Again")
    assert first.url == again.url == reverse("programme", args=[copy.pk])
    assert AgendaItem.objects.filter(day__seminar=copy).count() == 3


def test_template_form_refuses_an_empty_title(alice_client, seminar):
    url = reverse("seminar-template", args=[seminar.pk])
    response = alice_client.post(url, {"title": "  ", "starts_on": "nonsense"})
    assert response.status_code == 422
    assert Seminar.objects.count() == 1


@pytest.mark.parametrize("who", ["bob", "carol", "participant", "anonymous"])
def test_template_outsiders(who, seminar, bob_client, carol_client, carol, client, participant):
    seminar.directors.add(carol)
    client = {
        "bob": bob_client,
        "carol": carol_client,
        "participant": client_for_participant(participant),
        "anonymous": client,
    }[who]
    response = client.post(reverse("seminar-template", args=[seminar.pk]), {"title": "Mine"})
    assert response.status_code in {302, 404}
    if response.status_code == 302:
        assert "/login/" in response.url
    assert Seminar.objects.count() == 1
