"""With DEBUG off (the default), errors are Plenum's own pages in the visitor's language."""

import pytest
from django.test import Client
from django.urls import reverse

pytestmark = pytest.mark.urls("tests.seminar.failing_urls")


def _page(response):
    return response.content.decode()


@pytest.mark.parametrize(
    "language, title",
    [("da", "Siden blev ikke fundet"), ("sv", "Sidan hittades inte"), ("en", "Page not found")],
)
def test_not_found_is_translated_and_shows_nothing_internal(db, language, title):
    response = Client(headers={"accept-language": language}).get("/no-such-page/")
    assert response.status_code == 404
    html = _page(response)
    assert title in html
    assert "URLconf" not in html and "DEBUG" not in html  # not Django's debug page


@pytest.mark.parametrize(
    "language, title",
    [("da", "Noget gik galt"), ("nb", "Noe gikk galt"), ("en", "Something went wrong")],
)
def test_server_error_is_translated_without_a_traceback(db, language, title):
    client = Client(headers={"accept-language": language}, raise_request_exception=False)
    response = client.get("/boom/")
    assert response.status_code == 500
    assert title in _page(response)
    assert "Traceback" not in _page(response) and "RuntimeError" not in _page(response)


@pytest.mark.parametrize(
    "language, title",
    [("da", "Forespørgslen kunne ikke læses"), ("en", "This request could not be read")],
)
def test_an_unknown_host_gets_a_translated_400(db, language, title):
    response = Client(headers={"accept-language": language}, HTTP_HOST="evil.example").get("/join/")
    assert response.status_code == 400
    assert title in _page(response)


@pytest.mark.parametrize(
    "language, title",
    [("da", "Formularen kunne ikke sendes"), ("sv", "Formuläret kunde inte skickas")],
)
def test_a_form_without_its_csrf_token_gets_a_translated_403(db, language, title):
    client = Client(headers={"accept-language": language}, enforce_csrf_checks=True)
    response = client.post(reverse("join-start"), {"code": "ABC123"})
    assert response.status_code == 403
    assert title in _page(response)
    assert "CSRF verification failed" not in _page(response)


@pytest.mark.parametrize(
    "language, title", [("da", "Du kan ikke åbne denne side"), ("en", "You cannot open this page")]
)
def test_forbidden_is_translated(carol_client, language, title):
    # A director follows seminars up; creating one is a facilitator's.
    carol_client.defaults["HTTP_ACCEPT_LANGUAGE"] = language
    response = carol_client.get(reverse("seminar-new"))
    assert response.status_code == 403
    assert title in _page(response)
