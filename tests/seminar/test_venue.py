"""Venue mode: the LAN address, PLENUM_PUBLIC_URL in the join link, the run command, DEBUG off."""

import io
import ipaddress
import json
import os
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.contrib.auth.models import User
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from seminar import venue
from seminar.management.commands import demo


def _settings_in_a_fresh_process(**env):
    """The settings as a server started with this environment would have them."""
    code = (
        "import json, django; django.setup(); from django.conf import settings as s; "
        "print(json.dumps({'debug': s.DEBUG, 'hosts': s.ALLOWED_HOSTS, 'public': s.PUBLIC_URL}))"
    )
    base = {k: v for k, v in os.environ.items() if not k.startswith(("PLENUM_", "DEBUG"))}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env={**base, "DJANGO_SETTINGS_MODULE": "seminar.settings", **env},
        capture_output=True,
        text=True,
        check=False,
    )
    return result


def _settings(**env):
    result = _settings_in_a_fresh_process(**env)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


def test_lan_address_is_an_ipv4_address_phones_could_reach():
    address = ipaddress.ip_address(venue.lan_address())
    assert address.version == 4
    assert not address.is_link_local and not address.is_unspecified


def test_lan_address_falls_back_without_a_route(monkeypatch):
    # No default route (not on any Wi-Fi yet): the probe fails, the host name decides.
    monkeypatch.setattr(venue, "_PROBE", ("0.0.0.0", 0))  # noqa: S104  (an address that fails)
    monkeypatch.setattr(venue.socket, "gethostname", lambda: "localhost")
    assert venue.lan_address() == "127.0.0.1"


@pytest.mark.parametrize(
    "url",
    ["192.168.1.20:8000", "ftp://x", "http://", "http://host/plenum", "http://u@host"],
)
def test_public_url_must_be_scheme_and_host(url):
    with pytest.raises(ValueError, match="PLENUM_PUBLIC_URL"):
        venue.check_public_url(url)


def test_debug_is_off_unless_asked_for():
    assert _settings()["debug"] is False
    assert _settings(DEBUG="1")["debug"] is True


def test_plain_run_serves_this_computer_only():
    plain = _settings()
    assert plain["public"] == ""
    assert plain["hosts"] == ["localhost", "127.0.0.1", "[::1]", "testserver"]


def test_venue_mode_detects_the_lan_address_and_allows_it_as_a_host():
    detected = _settings(PLENUM_VENUE="1", PORT="8123")
    address = venue.lan_address()
    assert detected["public"] == f"http://{address}:8123"
    assert address in detected["hosts"]


def test_public_url_overrides_the_address_and_is_allowed():
    given = _settings(PLENUM_VENUE="1", PLENUM_PUBLIC_URL="http://plenum.local:8000/")
    assert given["public"] == "http://plenum.local:8000"
    assert "plenum.local" in given["hosts"]


def test_a_malformed_public_url_stops_the_server():
    result = _settings_in_a_fresh_process(PLENUM_PUBLIC_URL="192.168.1.20")
    assert result.returncode != 0
    assert "PLENUM_PUBLIC_URL" in result.stderr


def test_join_link_and_qr_carry_the_public_url(alice_client, seminar, settings):
    # The projector's laptop opens Plenum at 127.0.0.1; the phones need the Wi-Fi address.
    settings.PUBLIC_URL = "http://192.168.1.20:8000"
    html = alice_client.get(reverse("projector", args=[seminar.pk])).content.decode()
    assert f"http://192.168.1.20:8000/join/{seminar.join_code}/" in html
    assert "http://testserver/join/" not in html
    box = alice_client.get(reverse("join-box", args=[seminar.pk])).content.decode()
    assert f"http://192.168.1.20:8000/join/{seminar.join_code}/" in box


def test_join_link_without_public_url_is_the_address_the_screen_used(alice_client, seminar):
    html = alice_client.get(reverse("projector", args=[seminar.pk])).content.decode()
    assert f"http://testserver/join/{seminar.join_code}/" in html


def _serve(*args, **env):
    out = io.StringIO()
    saved = {key: os.environ.get(key) for key in env}
    os.environ.update(env)
    try:
        call_command("serve", "--dry-run", *args, stdout=out)
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value
    return out.getvalue()


def test_serve_binds_only_loopback_without_venue():
    out = _serve("--port", "8001")
    assert "-e tcp:port=8001:interface=127.0.0.1 seminar.asgi:application" in out
    assert "bin/run --venue" in out


def test_serve_venue_binds_the_lan_address_and_prints_the_phones_url():
    out = _serve("--venue", "--port", "8001")
    address = venue.lan_address()
    assert f"interface={address}" in out
    assert f"Phones open:    http://{address}:8001/join/" in out
    assert f"PLENUM_PUBLIC_URL=http://{address}:8001" in out


def test_serve_venue_with_a_named_public_url_binds_every_interface():
    out = _serve("--venue", "--port", "8001", PLENUM_PUBLIC_URL="http://plenum.local:8001")
    assert "interface=0.0.0.0" in out
    assert "http://plenum.local:8001/join/" in out


def test_serve_venue_refuses_a_malformed_public_url():
    with pytest.raises(CommandError, match="PLENUM_PUBLIC_URL"):
        _serve("--venue", PLENUM_PUBLIC_URL="plenum.local")


def test_demo_on_the_venue_network_replaces_the_published_password(db, settings, tmp_path):
    settings.BASE_DIR = tmp_path
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert f"facilitator / {demo.PASSWORD}" in out.getvalue()

    out = io.StringIO()
    call_command("demo", "--venue", stdout=out)
    password = (tmp_path / "var" / "venue-password").read_text().strip()
    assert oct((tmp_path / "var" / "venue-password").stat().st_mode & 0o777) == "0o600"
    assert f"facilitator / {password}" in out.getvalue()
    for user in User.objects.filter(username__in=["facilitator", "director"]):
        assert not user.check_password(demo.PASSWORD)
        assert user.check_password(password)
    # Back on this computer only, the demo says which password the logins now have.
    out = io.StringIO()
    call_command("demo", stdout=out)
    assert f"director / {password}" in out.getvalue()
