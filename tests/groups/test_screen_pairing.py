"""Pairing codes: long, unambiguous, unique among open pairings; a visit stores nothing."""

import pytest
from django.db import IntegrityError
from django.test import Client
from django.urls import reverse

from groups import services
from groups.models import PAIRING_CODE_LENGTH, Screen
from seminar.models import JOIN_ALPHABET
from tests import factories


def test_pairing_codes_are_long_and_unambiguous(db):
    codes = {services.new_screen().pairing_code for _ in range(20)}
    assert all(len(code) == PAIRING_CODE_LENGTH >= 6 for code in codes)
    assert set("".join(codes)) <= set(JOIN_ALPHABET)


def test_a_drawn_code_already_open_is_drawn_again(db, monkeypatch):
    Screen.objects.create(pairing_code="AAAAAA")
    draws = iter(["AAAAAA", "AAAAAA", "BBBBBB"])
    monkeypatch.setattr(services, "new_pairing_code", lambda: next(draws))
    assert services.new_screen().pairing_code == "BBBBBB"


def test_two_open_screens_never_share_a_code(db):
    Screen.objects.create(pairing_code="CCCCCC")
    with pytest.raises(IntegrityError):
        Screen.objects.create(pairing_code="CCCCCC")


def test_a_paired_screens_old_code_may_be_drawn_again(alice, seminar):
    factories.make_participant(seminar, "Anne")
    plan = services.plan_grouping(seminar, method="random", size=3, seed=1)
    tables = services.create_grouping(seminar, by=alice, name="B", method="random", plan=plan)
    screen = Screen.objects.create(pairing_code="DDDDDD")
    services.pair_screen(seminar, by=alice, pairing_code="ddd-ddd", group=tables.groups.first())
    assert Screen.objects.create(pairing_code="DDDDDD").seminar_id is None
    assert Screen.objects.get(pk=screen.pk).seminar_id == seminar.pk


def test_visits_without_a_cookie_store_nothing(db):
    for _ in range(20):
        assert Client().get(reverse("screen")).status_code == 200
    assert not Screen.objects.exists()


def test_asking_for_codes_is_limited_per_address(db, settings):
    settings.SCREEN_RATE_LIMIT = 3
    statuses = [
        Client(REMOTE_ADDR="192.0.2.30").post(reverse("screen")).status_code for _ in range(5)
    ]
    assert statuses == [302, 302, 302, 429, 429]
    assert Screen.objects.count() == 3
    assert Client(REMOTE_ADDR="192.0.2.31").post(reverse("screen")).status_code == 302
