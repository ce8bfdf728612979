"""Shared fixtures: the cast of every permission test and a clean live layer.

alice runs the seminar, bob runs another one, carol is a director, and an anonymous client is
nobody at all (healthchecks' alice/bob/charlie habit).
"""

import pytest
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
