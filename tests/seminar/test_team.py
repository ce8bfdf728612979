"""Co-facilitators and directors added to and removed from a seminar on its settings page."""

import pytest
from django.urls import reverse

from tests import factories
from tests.conftest import client_for_participant


@pytest.fixture(autouse=True)
def _english(alice_client, bob_client, carol_client):
    for client in (alice_client, bob_client, carol_client):
        client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"


def _add(client, seminar, username, role="facilitator"):
    return client.post(
        reverse("seminar-team-add", args=[seminar.pk]), {"username": username, "role": role}
    )


def _remove(client, seminar, user, role="facilitator"):
    return client.post(
        reverse("seminar-team-remove", args=[seminar.pk]), {"user": user.pk, "role": role}
    )


def test_settings_page_lists_the_team(alice_client, seminar, alice):
    response = alice_client.get(reverse("seminar-edit", args=[seminar.pk]))
    assert response.status_code == 200
    assert b'id="team"' in response.content
    assert b"alice" in response.content


def test_facilitator_adds_a_cofacilitator_who_then_runs_it(alice_client, seminar, bob):
    response = _add(alice_client, seminar, "bob")
    assert response.status_code == 302
    assert seminar.facilitators.filter(pk=bob.pk).exists()
    assert _add(alice_client, seminar, "bob").status_code == 302  # a post sent twice
    assert seminar.facilitators.count() == 2


def test_facilitator_adds_a_director(alice_client, seminar, carol):
    assert _add(alice_client, seminar, "carol", role="director").status_code == 302
    assert list(seminar.directors.all()) == [carol]


def test_adding_an_unknown_user_says_so_and_changes_nothing(alice_client, seminar):
    response = _add(alice_client, seminar, "nobody")
    assert response.status_code == 422
    assert "There is no user called nobody" in response.content.decode()
    assert seminar.facilitators.count() == 1


def test_adding_someone_outside_the_role_group_is_refused(alice_client, seminar, carol, bob):
    response = _add(alice_client, seminar, "carol", role="facilitator")
    assert response.status_code == 422
    assert "carol is not a facilitator" in response.content.decode()
    response = _add(alice_client, seminar, "bob", role="director")
    assert "bob is not a director" in response.content.decode()
    plain = factories.make_user("plain", role=None)
    assert _add(alice_client, seminar, plain.username).status_code == 422
    assert seminar.facilitators.count() == 1 and seminar.directors.count() == 0


def test_bad_role_is_a_form_error_not_a_500(alice_client, seminar, bob):
    assert _add(alice_client, seminar, "bob", role="king").status_code == 422
    response = alice_client.post(
        reverse("seminar-team-remove", args=[seminar.pk]), {"user": "x", "role": "king"}
    )
    assert response.status_code == 302
    assert seminar.facilitators.count() == 1


def test_the_last_facilitator_cannot_be_removed(alice_client, seminar, alice):
    response = _remove(alice_client, seminar, alice)
    assert response.status_code == 302
    assert seminar.facilitators.filter(pk=alice.pk).exists()
    page = alice_client.get(reverse("seminar-edit", args=[seminar.pk]))
    assert "at least one facilitator" in page.content.decode()


def test_a_facilitator_removes_another_and_then_themself(alice_client, seminar, alice, bob):
    seminar.facilitators.add(bob)
    assert _remove(alice_client, seminar, bob).status_code == 302
    assert not seminar.facilitators.filter(pk=bob.pk).exists()
    seminar.facilitators.add(bob)
    response = _remove(alice_client, seminar, alice)
    assert response.url == reverse("home")
    assert list(seminar.facilitators.all()) == [bob]


def test_removing_a_director(alice_client, seminar, carol):
    seminar.directors.add(carol)
    assert _remove(alice_client, seminar, carol, role="director").status_code == 302
    assert seminar.directors.count() == 0


@pytest.mark.parametrize("who", ["bob", "carol", "participant", "anonymous"])
def test_outsiders_cannot_change_the_team(who, seminar, bob_client, carol_client, carol, client):
    seminar.directors.add(carol)  # even the seminar's own director reads, does not run it
    if who == "participant":
        client = client_for_participant(factories.make_participant(seminar, "Anne"))
    elif who == "bob":
        client = bob_client
    elif who == "carol":
        client = carol_client
    response = _add(client, seminar, "bob")
    assert response.status_code in {302, 404}
    if response.status_code == 302:
        assert "/login/" in response.url
    response = _remove(client, seminar, carol, role="director")
    assert response.status_code in {302, 404}
    assert seminar.facilitators.count() == 1
    assert seminar.directors.count() == 1


def test_get_is_not_allowed(alice_client, seminar):
    assert alice_client.get(reverse("seminar-team-add", args=[seminar.pk])).status_code == 405
