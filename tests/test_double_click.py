"""A facilitator's form sent twice (a double click, a retry) stores one thing: the post key of
the participants' forms on the grouping, the day, the item, the vote and the import."""

import uuid

from django.urls import reverse

from agenda.models import AgendaItem, Day
from groups.models import Grouping
from ideas.models import Board, Vote
from tests import factories

TIMETABLE = "Torsdag\nKl 8.15: Velkommen\nKl 9.00: Gruppearbejde\n"


def _twice(client, url, data):
    return [client.post(url, data).status_code for _ in range(2)]


def test_a_day_is_added_once(alice_client, seminar):
    data = {"label": "Fredag", "key": str(uuid.uuid4())}
    _twice(alice_client, reverse("day-add", args=[seminar.pk]), data)
    assert Day.objects.filter(seminar=seminar, label="Fredag").count() == 1
    alice_client.post(reverse("day-add", args=[seminar.pk]), {**data, "key": str(uuid.uuid4())})
    assert Day.objects.filter(seminar=seminar, label="Fredag").count() == 2  # a new form: a new day


def test_an_item_is_added_once(alice_client, seminar, programme):
    day, _items = programme
    data = {"title": "Kaffe", "duration": 15, "kind": "plenum", "key": str(uuid.uuid4())}
    _twice(alice_client, reverse("item-add", args=[seminar.pk, day.pk]), data)
    assert AgendaItem.objects.filter(day=day, title="Kaffe").count() == 1


def test_a_grouping_is_formed_once(alice_client, seminar):
    for number in range(6):
        factories.make_participant(seminar, f"Leder {number}")
    data = {"name": "Borde", "method": "random", "size": 3, "seed": 7, "key": str(uuid.uuid4())}
    assert _twice(alice_client, reverse("grouping-create", args=[seminar.pk]), data) == [302, 302]
    grouping = Grouping.objects.get(seminar=seminar)
    assert grouping.groups.count() == 2


def test_a_vote_is_opened_once(alice_client, seminar, programme):
    _day, items = programme
    board = Board.objects.create(seminar=seminar, agenda_item=items[0])
    data = {"title": "Hvad er vigtigst?", "boards": [board.pk], "budget": 3}
    _twice(alice_client, reverse("vote-create", args=[seminar.pk]), {**data, "key": uuid.uuid4()})
    assert Vote.objects.filter(seminar=seminar).count() == 1


def test_an_import_is_added_once(alice_client, seminar):
    data = {"text": TIMETABLE, "confirm": "", "key": str(uuid.uuid4())}
    _twice(alice_client, reverse("programme-import", args=[seminar.pk]), data)
    assert AgendaItem.objects.filter(day__seminar=seminar).count() == 2


def test_the_forms_carry_a_fresh_key_each_time(alice_client, seminar):
    url = reverse("programme-import", args=[seminar.pk])
    pages = [alice_client.get(url).content.decode() for _ in range(2)]
    keys = [page.split('name="key" value="')[1][:36] for page in pages]
    assert keys[0] != keys[1] and all(uuid.UUID(key) for key in keys)


def test_a_key_of_another_seminar_changes_nothing_there(alice_client, bob, other_seminar, seminar):
    key = uuid.uuid4()
    from agenda import services

    services.add_day(other_seminar, by=bob, label="Bobs dag", key=key)
    alice_client.post(reverse("day-add", args=[seminar.pk]), {"label": "Min dag", "key": key})
    assert not Day.objects.filter(seminar=seminar).exists()
    assert Day.objects.get(key=key).seminar == other_seminar
