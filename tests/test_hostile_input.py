"""Every URL pattern, as every kind of visitor, with the ids of a seminar in full swing and with
hostile ones, by GET and by POST with generated data in every form field: no answer is a 500.

The walk over every pattern and role runs as it is; the generated posts run
PLENUM_HOSTILE_EXAMPLES examples (a modest number by default, for CI; set it to thousands for
a longer search). Each request runs in a transaction rolled back after it, so every one meets
the same seminar.
"""

import datetime
import io
import os
import re
import uuid

import pytest
from django import forms
from django.core.cache import cache
from django.db import transaction
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PIL import Image

from agenda import services as agenda_services
from agenda.models import AgendaItem, Day
from groups.models import Grouping, Screen
from ideas import services as idea_services
from ideas.models import Comment, Goal, Highlight, Idea, Photo, Vote
from seminar.models import Participant
from seminar.permissions import SCREEN_COOKIE, participant_session_key
from tests import factories
from tests.ideas.report.test_report import build

EXAMPLES = int(os.environ.get("PLENUM_HOSTILE_EXAMPLES", "100"))
# Every hostile path for every role too (about four times as long): PLENUM_HOSTILE_FULL=1.
FULL = os.environ.get("PLENUM_HOSTILE_FULL", "") == "1"
# The roles that get past the first check of most pages, and so meet a hostile id's lookup.
INSIDERS = ["participant", "screen", "facilitator", "director"]
ROLES = ["anonymous", "participant", "outsider", "screen", "facilitator", "other", "director"]
# Values a path's str parameters take in the seminar's own pages.
VALID_STRINGS = {"fmt": ["xlsx", "csv", "pledges.csv", "ics", "docx", "pdf"], "direction": ["up"]}
HOSTILE_INTS = [0, 10**19 - 1, 10**20]
HOSTILE_STRINGS = ["abc", "\x00", "-1", "x" * 300, "ÆØÅ", "..", "%00", "9999-12-31"]
HOSTILE_VALUES = [
    "",
    "\x00",
    "\x01\x0b",
    "abc",
    "-1",
    "0",
    "9" * 20,
    "1.5",
    "9999-12-31",
    "0001-01-01",
    "2026-02-31",
    "<script>alert(1)</script>",
    "' OR 1=1 --",
    "=1+1",
    "a\r\nb",
    "x" * 5000,
    "\ufeff\u202e",
    "on",
    "true",
    "None",
]
# Posted names that are no form's field: read straight from request.POST by views.
LOOSE_FIELDS = [
    "idea", "cluster", "duplicate", "goal", "form", "hidden", "open", "action", "locked",
    "resume", "participant", "confirm", "preview", "reshuffle", "another_person", "next",
    "username", "password", "language", "key", "text",
]  # fmt: skip


def _plenum_forms(base=forms.BaseForm):
    for form in base.__subclasses__():
        if form.__module__.split(".")[0] in {"seminar", "agenda", "groups", "ideas"}:
            yield form
        yield from _plenum_forms(form)


def field_names(goal_pk):
    names = set(LOOSE_FIELDS)
    for form in _plenum_forms():
        names.update(form.base_fields)
        # The department page's forms are prefixed by their goal.
        names.update(f"goal-{goal_pk}-{name}" for name in form.base_fields)
    return sorted(names)


def url_patterns(resolver=None):
    """Every named pattern of the site, Django's admin left out (it is Django's to test)."""
    for entry in (resolver or get_resolver()).url_patterns:
        if isinstance(entry, URLResolver):
            if entry.namespace != "admin":
                yield from url_patterns(entry)
        elif isinstance(entry, URLPattern) and entry.name:
            yield entry


def _params(pattern):
    converters = getattr(pattern.pattern, "converters", {})
    return {name: type(converter).__name__ for name, converter in converters.items()}


def _jpeg():
    out = io.BytesIO()
    Image.new("RGB", (40, 30), "teal").save(out, format="JPEG")
    return out.getvalue()


@pytest.fixture
def room(seminar, alice, bob, carol, other_seminar, settings, tmp_path):
    """A seminar in full swing (the report tests' world, a paired screen, a photo, a running
    vernissage, a vote) and the clients of every role."""
    from django.core.files.base import ContentFile

    settings.MEDIA_ROOT = tmp_path
    settings.JOIN_RATE_LIMIT = 10**6  # the walk joins often; the limits have their own tests
    settings.LOGIN_RATE_LIMIT = settings.LOGIN_RATE_LIMIT_PER_ADDRESS = 10**6
    world = build(seminar, alice)
    seminar.directors.add(carol)
    anne = world["people"][0]
    board = world["board"]
    table = world["tables"][0]
    screen = Screen.objects.create()
    from groups import services as group_services

    group_services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code, group=table)
    photo = Photo(board=board, author=anne)
    photo.image.save("p.jpg", ContentFile(_jpeg()), save=True)
    source = board.agenda_item
    agenda_services.start_seminar(seminar, by=alice)
    gallery = agenda_services.add_item(source.day, by=alice, title="Fernisering", duration=30)
    idea_services.set_up_vernissage(gallery, by=alice, source_item=source)
    Goal.objects.filter(seminar=seminar).update(next_follow_up=datetime.date(9999, 12, 31))
    outsider = factories.make_participant(other_seminar, "Olav")

    clients = {role: Client() for role in ROLES}
    for role, participant in (("participant", anne), ("outsider", outsider)):
        session = clients[role].session
        session[participant_session_key(participant.seminar_id)] = participant.pk
        session.save()
    clients["screen"].cookies[SCREEN_COOKIE] = Screen.objects.get(pk=screen.pk).token
    clients["facilitator"].force_login(alice)
    clients["other"].force_login(bob)
    clients["director"].force_login(carol)

    ids = {
        "seminar_id": seminar.pk,
        "board_id": board.pk,
        "photo_id": photo.pk,
        "idea_id": Idea.objects.filter(board__seminar=seminar, hidden=False).first().pk,
        "comment_id": Comment.objects.filter(idea__board__seminar=seminar).first().pk,
        "cluster_id": board.clusters.first().pk,
        "highlight_id": Highlight.objects.filter(seminar=seminar).first().pk,
        "item_id": gallery.pk,
        "vote_id": Vote.objects.filter(seminar=seminar).first().pk,
        "goal_id": Goal.objects.filter(seminar=seminar).first().pk,
        "grouping_id": Grouping.objects.filter(seminar=seminar).first().pk,
        "participant_id": anne.pk,
        "day_id": Day.objects.filter(seminar=seminar).first().pk,
        "screen_id": screen.pk,
        "code": seminar.join_code,
        "action": "next",
    }
    others = {
        "seminar_id": other_seminar.pk,
        "participant_id": outsider.pk,
        "code": other_seminar.join_code,
    }
    return {
        "clients": clients,
        "ids": ids,
        "others": others,
        "fields": field_names(ids["goal_id"]),
        "seminar": seminar,
    }


def _url(pattern, values):
    return reverse(pattern.name, kwargs={name: values[name] for name in _params(pattern)})


def _valid(room, pattern):
    """The room's ids; for an id the room has none of (an exercise added since), an id of no
    row (the view must answer 404 or a refusal, never 500)."""
    values = dict(room["ids"])
    for name, converter in _params(pattern).items():
        fallback = 2**31 - 1 if converter == "IntConverter" else VALID_STRINGS.get(name, ["x"])[0]
        values.setdefault(name, fallback)
    return values


def _hostile(pattern, number, text):
    """Hostile path values; a text the converter cannot match (a NUL in a slug) has no URL at
    all, so such a parameter gets an unknown value it does match instead."""
    converters = getattr(pattern.pattern, "converters", {})
    values = {}
    for name, kind in _params(pattern).items():
        if kind == "IntConverter":
            values[name] = number
        elif re.fullmatch(converters[name].regex, text):
            values[name] = text
        else:
            values[name] = "unknown-0"
    return values


def _ask(client, method, url, data=None):
    """One request, its changes rolled back; a 500 raises (the test client re-raises)."""
    cache.clear()
    with transaction.atomic():
        response = getattr(client, method)(url, data or {})
        transaction.set_rollback(True)
    assert response.status_code < 500, (method, url, data, response.status_code)
    return response


PATTERNS = sorted(url_patterns(), key=lambda p: p.name)


@pytest.mark.parametrize("role", ROLES)
def test_every_url_with_valid_and_hostile_ids(room, role):
    """Every pattern by GET and POST with the seminar's ids; a hostile path for the roles that
    get past the first check (every role with PLENUM_HOSTILE_FULL=1)."""
    client = room["clients"][role]
    post = {name: "\x00" if n % 2 else "9" * 20 for n, name in enumerate(room["fields"])}
    for pattern in PATTERNS:
        valid = _valid(room, pattern)
        hostile = [_hostile(pattern, 10**20, "\x00")] if _params(pattern) else []
        if FULL and _params(pattern):
            hostile += [{**valid, **room["others"]}, _hostile(pattern, 0, "x" * 300)]
        url = _url(pattern, valid)
        _ask(client, "get", url)
        _ask(client, "post", url, post)
        for values in hostile if (FULL or role in INSIDERS) else ():
            _ask(client, "post", _url(pattern, values), post)


def _text_values(room):
    ids = [str(value) for value in room["ids"].values()]
    return st.one_of(
        st.sampled_from(HOSTILE_VALUES + ids + [str(uuid.uuid4())]),
        st.text(st.characters(exclude_categories=("Cs",)), max_size=40),
        st.integers(min_value=-(2**70), max_value=2**70).map(str),
        st.dates(min_value=datetime.date(1, 1, 1)).map(str),
    )


@pytest.mark.parametrize("role", ROLES)
def test_generated_posts_into_every_field_never_answer_500(room, role):
    client = room["clients"][role]
    values = _text_values(room)
    fields = room["fields"]

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(
        pattern=st.sampled_from(PATTERNS),
        path=st.one_of(
            st.just("valid"),
            st.tuples(st.sampled_from(HOSTILE_INTS), st.sampled_from(HOSTILE_STRINGS)),
        ),
        data=st.dictionaries(
            st.sampled_from(fields), st.one_of(values, st.lists(values, max_size=3)), max_size=12
        ),
        method=st.sampled_from(["get", "post"]),
    )
    def walk(pattern, path, data, method):
        url_values = _valid(room, pattern) if path == "valid" else _hostile(pattern, *path)
        _ask(client, method, _url(pattern, url_values), data)

    walk()


def test_the_walk_covers_every_app(room):
    names = {pattern.name for pattern in PATTERNS}
    assert {"join", "phone", "console", "screen", "idea-add", "goal-draft", "export-goals"} <= names
    assert "login" in names and len(PATTERNS) > 60
    # The world has what the ids point at, for every role's pages to have something to show.
    assert AgendaItem.objects.filter(pk=room["ids"]["item_id"]).exists()
    assert Participant.objects.filter(pk=room["ids"]["participant_id"]).exists()
