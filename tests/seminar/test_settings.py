import os
import subprocess
import sys

import pytest
from django.conf import settings

PRODUCTION_ENV = {
    "PLENUM_ENV": "production",
    "SECRET_KEY": "x" * 30 + "-a-production-secret-of-sixty-characters",
    "ALLOWED_HOSTS": "plenum.example.org",
}


def _manage(*args, env):
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_passes_deploy_check_with_no_findings():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION_ENV)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS"])
def test_production_refuses_to_start_half_configured(missing):
    env = {**PRODUCTION_ENV, missing: ""}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


def test_database_url_selects_postgresql_with_health_checks():
    from seminar.settings import database_from_url

    db = database_from_url("postgres://plenum:s%40cret@db.example:5433/plenum?sslmode=require")
    assert db["ENGINE"] == "django.db.backends.postgresql"
    assert (db["USER"], db["PASSWORD"], db["HOST"], db["PORT"]) == (
        "plenum",
        "s@cret",
        "db.example",
        "5433",
    )
    assert db["CONN_HEALTH_CHECKS"] is True
    assert db["OPTIONS"]["sslmode"] == "require"


def test_database_url_pools_connections_per_process(monkeypatch):
    from seminar.settings import database_from_url

    monkeypatch.setenv("DB_POOL_SIZE", "7")
    db = database_from_url("postgres://plenum@db.example/plenum")
    # Django refuses a pool with persistent connections; the pool bounds each process.
    assert db["CONN_MAX_AGE"] == 0
    assert db["OPTIONS"]["pool"]["max_size"] == 7

    monkeypatch.setenv("DB_POOL_SIZE", "0")
    assert "pool" not in database_from_url("postgres://plenum@db.example/plenum")["OPTIONS"]
