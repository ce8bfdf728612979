import pytest
from django.test import Client
from django.urls import reverse


@pytest.mark.parametrize("url", ["/", "/login/", "/join/", "/no-such-page/"])
def test_every_page_has_a_strict_csp_with_a_nonce(db, url):
    response = Client().get(url)
    csp = response["Content-Security-Policy"]
    assert "script-src 'self' 'nonce-" in csp
    assert "object-src 'none'" in csp
    assert "frame-ancestors 'none'" in csp
    nonce = csp.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def test_login_page_is_danish_by_default_and_english_on_request(db):
    assert "Log ind" in Client().get("/login/").content.decode()
    english = Client(headers={"accept-language": "en"}).get("/login/").content.decode()
    assert "Log in" in english


def test_language_switcher_changes_the_language(db):
    client = Client()
    client.post(reverse("set_language"), {"language": "sv", "next": "/"})
    assert 'lang="sv"' in client.get("/").content.decode()


def test_not_found_page_is_friendly(db):
    response = Client().get("/no-such-page/")
    assert response.status_code == 404
    assert "Plenum" in response.content.decode()


def test_htmx_gets_the_csrf_token_from_body(db):
    html = Client().get("/").content.decode()
    assert 'hx-headers=\'{"X-CSRFToken": "' in html


@pytest.mark.parametrize(
    "client_name, status",
    [
        ("client", 302),  # anonymous: to the login page
        ("bob_client", 404),  # another seminar's facilitator
        ("carol_client", 404),  # a director reads the follow-up, not the console
        ("participant_client", 302),  # a participant's phone has no account
    ],
)
def test_outsiders_do_not_see_the_connections(request, seminar, client_name, status):
    client = request.getfixturevalue(client_name)
    response = client.get(f"/s/{seminar.pk}/connections/")
    assert response.status_code == status
    assert b'id="connections"' not in response.content
