"""Shared fixtures: the cast of every permission test and a clean live layer.

alice runs the seminar, bob runs another one, carol is a director, and an anonymous client is
nobody at all (healthchecks' alice/bob/charlie habit).
"""

import asyncio

import pytest
import pytest_asyncio
from django.test import Client

from seminar.permissions import participant_session_key
from tests import factories


@pytest.fixture
def alice(db):
    return factories.make_user("alice")


@pytest.fixture
def bob(db):
    return factories.make_user("bob")


@pytest.fixture
def carol(db):
    return factories.make_director("carol")


@pytest.fixture
def seminar(alice):
    return factories.make_seminar(alice)


@pytest.fixture
def other_seminar(bob):
    return factories.make_seminar(bob, title="Another seminar")


@pytest.fixture
def programme(seminar, alice):
    return factories.make_programme(seminar, by=alice)


@pytest.fixture
def alice_client(alice):
    client = Client()
    client.force_login(alice)
    return client


@pytest.fixture
def bob_client(bob):
    client = Client()
    client.force_login(bob)
    return client


@pytest.fixture
def carol_client(carol):
    client = Client()
    client.force_login(carol)
    return client


def client_for_participant(participant):
    """A Client whose session is the participant's phone."""
    client = Client()
    session = client.session
    session[participant_session_key(participant.seminar_id)] = participant.pk
    session.save()
    return client


@pytest.fixture
def participant(seminar):
    return factories.make_participant(seminar, "Anne")


@pytest.fixture
def participant_client(participant):
    return client_for_participant(participant)


@pytest.fixture
def outsider_participant(other_seminar):
    return factories.make_participant(other_seminar, "Olav")


@pytest.fixture
def outsider_participant_client(outsider_participant):
    return client_for_participant(outsider_participant)


@pytest.fixture(scope="session", autouse=True)
def _release_test_database(django_db_setup, django_db_blocker):
    """Before the test database is dropped, end sessions that worker threads left open.

    Consumers reach the database from asgiref's thread pool, whose connections outlive the
    tests; PostgreSQL refuses to drop a database that still has sessions.
    """
    yield
    from django.db import connection

    if connection.vendor != "postgresql":
        return
    with django_db_blocker.unblock(), connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
            "WHERE datname = current_database() AND pid <> pg_backend_pid()"
        )


@pytest.fixture(autouse=True)
def _no_outbox_sweep(settings):
    """No test loop sweeps the outbox in the background; tests/seminar/test_outbox.py sweeps
    when it means to."""
    settings.OUTBOX_SWEEP_SECONDS = 0
    from seminar import outbox

    yield
    with outbox._unsent_lock:  # without Redis the outbox is in memory: each test its own
        outbox._unsent.clear()


@pytest.fixture(autouse=True)
def _listening_as_found():
    """Which languages have a listening screen (seminar.hub, counted by the sockets) is as it
    was before each test: a socket a test left open, or a count a test left behind, would
    decide whether a later test's pushes are rendered at all."""
    from seminar import hub

    before = dict(hub._listening)
    yield
    hub._listening.clear()
    hub._listening.update(before)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    """Every test starts with no join attempts counted. With Redis the cache outlives the run:
    without this, the attempts of the tests (and runs) of the last minute would add up."""
    from django.core.cache import cache

    cache.clear()


@pytest_asyncio.fixture
async def closed_hubs():
    """After an async test, stop its loop's live hub: with Redis it holds a subscription."""
    yield
    from seminar import hub

    for each in hub.hubs():
        if each.loop is asyncio.get_running_loop():
            await each.aclose()


def pytest_collection_modifyitems(items):
    for item in items:
        if item.get_closest_marker("asyncio"):
            item.fixturenames.append("closed_hubs")
