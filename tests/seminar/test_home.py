"""The home page: joining for everyone, the seminars a facilitator runs, the seminars a director
follows, each under its own heading; nobody sees a seminar that is not theirs."""

import re

import pytest
from django.conf import settings
from django.contrib.auth.models import Group as UserGroup
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from seminar.permissions import DIRECTORS_GROUP
from tests import factories


def _home(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = client.get(reverse("home"))
    assert response.status_code == 200
    return response.content.decode()


def _section(html, heading_id):
    """The HTML of the section a heading id labels."""
    start = html.index(f'aria-labelledby="{heading_id}"')
    return html[start : html.index("</section>", start)]


def _headings(html):
    return re.findall(r"<h([1-6])[^>]*>([^<]*)<", html)


def test_home_lists_the_seminars_a_director_follows(seminar, carol, carol_client):
    seminar.directors.add(carol)

    html = _home(carol_client)

    followed = _section(html, "followed-title")
    assert "Seminars I follow" in followed and seminar.title in followed
    assert f'href="{reverse("follow-up")}?seminar={seminar.pk}"' in followed
    assert f'href="{reverse("report", args=[seminar.pk])}"' in followed
    # The links name their seminar for a screen reader's list of links.
    assert f'Documentation<span class="visually-hidden">: {seminar.title}</span>' in followed
    assert 'aria-labelledby="run-title"' not in html  # a director runs nothing here
    assert "My seminars" not in html


def test_home_hides_the_seminars_a_director_does_not_follow(
    seminar, other_seminar, carol, carol_client
):
    seminar.directors.add(carol)

    html = _home(carol_client)

    assert other_seminar.title not in html
    assert reverse("report", args=[other_seminar.pk]) not in html
    assert f"?seminar={other_seminar.pk}" not in html


def test_home_tells_a_director_who_follows_nothing(carol_client, seminar):
    followed = _section(_home(carol_client), "followed-title")

    assert "You do not follow any seminars yet." in followed
    assert seminar.title not in followed


def test_home_lists_the_seminars_a_facilitator_runs(seminar, other_seminar, alice_client):
    html = _home(alice_client)

    run = _section(html, "run-title")
    assert "Seminars I run" in run and seminar.title in run
    assert reverse("console", args=[seminar.pk]) in run
    assert other_seminar.title not in html  # bob's
    assert 'aria-labelledby="followed-title"' not in html


def test_home_heads_run_and_followed_seminars_separately_for_someone_with_both_roles(
    alice, alice_client, seminar
):
    alice.groups.add(UserGroup.objects.get_or_create(name=DIRECTORS_GROUP)[0])
    followed_seminar = factories.make_seminar(title="Fulgt seminar")
    followed_seminar.directors.add(alice)
    factories.make_seminar(title="Fremmed seminar")

    html = _home(alice_client)

    run, followed = _section(html, "run-title"), _section(html, "followed-title")
    assert seminar.title in run and "Fulgt seminar" not in run
    assert "Fulgt seminar" in followed and reverse("console", args=[seminar.pk]) not in followed
    assert "Fremmed seminar" not in html
    # Headings in order: the page's h1, then one h2 per list.
    assert _headings(html) == [
        ("1", "Join a seminar"),
        ("2", "Seminars I run"),
        ("2", "Seminars I follow"),
    ]


@pytest.mark.parametrize("client_name", ["client", "participant_client"])
def test_home_shows_no_seminars_to_someone_without_an_account(request, seminar, client_name):
    html = _home(request.getfixturevalue(client_name))

    assert 'aria-labelledby="run-title"' not in html
    assert 'aria-labelledby="followed-title"' not in html
    assert seminar.title not in html


def test_home_costs_the_same_for_one_and_three_followed_seminars(
    carol, carol_client, django_assert_num_queries
):
    factories.make_seminar(title="Seminar 1").directors.add(carol)
    _home(carol_client)
    with CaptureQueriesContext(connection) as one:
        _home(carol_client)
    for number in (2, 3):
        factories.make_seminar(title=f"Seminar {number}").directors.add(carol)

    with django_assert_num_queries(len(one)):
        followed = _section(_home(carol_client), "followed-title")
    assert all(f"<strong>Seminar {number}</strong>" in followed for number in (1, 2, 3))
