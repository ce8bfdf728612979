"""Behind a proxy: X-Forwarded-For and -Proto believed only from PLENUM_TRUSTED_PROXIES."""

import ipaddress

import pytest
from django.test import Client
from django.urls import reverse

from seminar.venue import client_address, parse_networks

PROXIES = parse_networks(["127.0.0.1", "10.0.0.0/24"])


@pytest.mark.parametrize(
    "remote, forwarded, client",
    [
        ("127.0.0.1", "203.0.113.9", "203.0.113.9"),  # nginx on the same machine
        ("127.0.0.1", "198.51.100.7, 203.0.113.9", "203.0.113.9"),  # the left part: the phone
        ("127.0.0.1", "203.0.113.9, 10.0.0.5", "203.0.113.9"),  # two proxies of ours
        ("203.0.113.50", "198.51.100.7", "203.0.113.50"),  # not a proxy: its header is a lie
        ("127.0.0.1", "", "127.0.0.1"),
        ("127.0.0.1", "not-an-address", "127.0.0.1"),
        ("127.0.0.1", "10.0.0.5", "10.0.0.5"),  # only proxies: the first one asked
    ],
)
def test_client_address(remote, forwarded, client):
    assert client_address(remote, forwarded, PROXIES) == client


def test_no_trusted_proxies_means_the_header_is_never_believed():
    assert client_address("127.0.0.1", "203.0.113.9", []) == "127.0.0.1"


@pytest.fixture
def behind_nginx(settings):
    settings.TRUSTED_PROXIES = PROXIES
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.JOIN_RATE_LIMIT = 2


def _attempts(client, count, **headers):
    return [
        client.post(reverse("join-start"), {"code": "WRONG2"}, headers=headers).status_code
        for _ in range(count)
    ]


def test_rate_limit_counts_each_phone_behind_the_proxy(db, behind_nginx):
    # Every request reaches daphne from nginx's address; each phone still has its own limit.
    proxy = Client(REMOTE_ADDR="127.0.0.1")
    assert _attempts(proxy, 3, x_forwarded_for="203.0.113.1") == [200, 200, 429]
    assert _attempts(proxy, 2, x_forwarded_for="203.0.113.2") == [200, 200]


def test_a_phone_cannot_escape_the_rate_limit_by_forging_the_header(db, behind_nginx):
    phone = Client(REMOTE_ADDR="203.0.113.50")
    statuses = [
        phone.post(
            reverse("join-start"), {"code": "WRONG2"}, headers={"x-forwarded-for": f"192.0.2.{n}"}
        ).status_code
        for n in range(3)
    ]
    assert statuses == [200, 200, 429]


def test_https_is_believed_only_from_the_proxy(seminar, behind_nginx):
    url = reverse("join", args=[seminar.join_code])
    department = seminar.departments.first().pk
    through_proxy = Client(REMOTE_ADDR="127.0.0.1").post(
        url,
        {"display_name": "Anne", "department": department},
        headers={"x-forwarded-proto": "https", "x-forwarded-for": "203.0.113.1"},
    )
    assert through_proxy.status_code == 302
    assert through_proxy.cookies[f"plenum_me_{seminar.pk}"]["secure"] is True
    direct = Client(REMOTE_ADDR="203.0.113.60").post(
        url,
        {"display_name": "Bo", "department": department},
        headers={"x-forwarded-proto": "https"},
    )
    assert direct.status_code == 302
    assert not direct.cookies[f"plenum_me_{seminar.pk}"]["secure"]


def test_the_view_sees_the_phones_address(rf, behind_nginx):
    from seminar.middleware import trusted_proxy_middleware

    seen = {}

    def view(request):
        seen.clear()
        seen.update(request.META)
        return None

    request = rf.get("/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.1")
    trusted_proxy_middleware(view)(request)
    assert seen["REMOTE_ADDR"] == "203.0.113.1"
    forged = rf.get("/", REMOTE_ADDR="203.0.113.60", HTTP_X_FORWARDED_FOR="127.0.0.1")
    trusted_proxy_middleware(view)(forged)
    assert seen["REMOTE_ADDR"] == "203.0.113.60"
    assert "HTTP_X_FORWARDED_FOR" not in seen
    assert ipaddress.ip_address(seen["REMOTE_ADDR"])


def _scope(client, **headers):
    return {
        "scheme": "ws",
        "client": [client, 50000],
        "headers": [(b"host", b"plenum.example.org")]
        + [(name.replace("_", "-").encode(), value.encode()) for name, value in headers.items()],
    }


def test_socket_join_link_is_https_behind_the_tls_proxy(behind_nginx):
    # The projector's join box, rendered for its socket, says what its page said.
    from seminar.consumers import base_url_from_scope

    proxied = _scope("127.0.0.1", x_forwarded_proto="https")
    assert base_url_from_scope(proxied) == "https://plenum.example.org"
    forged = _scope("203.0.113.60", x_forwarded_proto="https")
    assert base_url_from_scope(forged) == "http://plenum.example.org"
