"""Which language a browser's Accept-Language header gets."""

import pytest

from seminar.consumers import language_from_scope


@pytest.mark.parametrize(
    ("header", "expected"),
    [
        ("no", "nb"),
        ("nn", "nb"),
        ("nn-NO,nn;q=0.9", "nb"),
        ("no-NO", "nb"),
        ("nb-NO", "nb"),
        ("sv-SE,sv;q=0.9", "sv"),
        ("da", "da"),
        ("fi", "da"),
    ],
)
def test_accept_language_picks_norwegian_bokmal_for_no_and_nn(client, header, expected):
    response = client.get("/login/", HTTP_ACCEPT_LANGUAGE=header)
    assert response.status_code == 200
    assert f'<html lang="{expected}">' in response.content.decode()


@pytest.mark.parametrize("header", ["no", "nn-NO"])
def test_a_socket_of_a_norwegian_browser_reads_bokmal(header):
    scope = {"cookies": {}, "headers": [(b"accept-language", header.encode())]}
    assert language_from_scope(scope, "da") == "nb"
