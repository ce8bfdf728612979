"""/healthz: the database and Redis reachable or not, for the proxy and the monitoring."""

import json
import os
import socket
import subprocess
import sys

import pytest
from django.conf import settings as django_settings
from django.test import Client


def _closed_port():
    """A port nothing listens on (bound, then released)."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_healthz_answers_ok_without_login_session_or_personal_data(db, participant):
    response = Client().get("/healthz")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    body = response.json()
    assert body["status"] == "ok"
    assert body["checks"]["database"] == "ok"
    assert set(body) == {"status", "checks"}
    assert participant.display_name not in response.content.decode()
    assert not response.cookies  # no session, no CSRF cookie
    assert "no-cache" in response["Cache-Control"]


def test_healthz_checks_redis_when_configured(db):
    body = Client().get("/healthz").json()
    assert ("redis" in body["checks"]) is bool(django_settings.REDIS_URL)
    if django_settings.REDIS_URL:
        assert body["checks"]["redis"] == "ok"


def test_healthz_is_503_when_redis_is_on_a_closed_port(db, settings):
    settings.REDIS_URL = f"redis://127.0.0.1:{_closed_port()}/0"
    response = Client().get("/healthz")
    assert response.status_code == 503
    assert response.json() == {
        "status": "unavailable",
        "checks": {"database": "ok", "redis": "unreachable"},
    }


def test_healthz_is_503_when_the_database_is_on_a_closed_port():
    # A real server process configuration whose PostgreSQL is not there.
    code = (
        "import django; django.setup(); from django.test import Client; "
        "r = Client().get('/healthz'); print(r.status_code, r.content.decode())"
    )
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "SQLITE_PATH"}},
        "DJANGO_SETTINGS_MODULE": "seminar.settings",
        "DATABASE_URL": f"postgres://postgres@127.0.0.1:{_closed_port()}/plenum",
    }
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=django_settings.BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    status, body = result.stdout.strip().split(" ", 1)
    assert status == "503"
    assert json.loads(body) == {"status": "unavailable", "checks": {"database": "unreachable"}}


@pytest.mark.parametrize("method", ["post", "put", "delete"])
def test_healthz_only_answers_reads(db, method):
    assert getattr(Client(), method)("/healthz").status_code == 405
