"""The deployment recipe in deploy/: Debian's nginx accepts the site as written (TLS included)."""

import os
import shutil
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DEPLOY = ROOT / "deploy"
IN_CI = os.environ.get("PLENUM_CI") == "1"


@pytest.fixture
def nginx():
    found = shutil.which("nginx") or (
        "/usr/sbin/nginx" if Path("/usr/sbin/nginx").exists() else None
    )
    if found is None:
        if IN_CI:
            pytest.fail("PLENUM_CI=1: nginx must be installed here (.ci/run installs it).")
        pytest.skip("Checking the nginx site needs Debian's nginx (apt-get install nginx-light).")
    return found


def test_nginx_accepts_the_site_with_tls(nginx, tmp_path):
    openssl = shutil.which("openssl")
    if openssl is None:
        pytest.skip("openssl is needed to make a certificate for the check.")
    cert, key = tmp_path / "cert.pem", tmp_path / "key.pem"
    subprocess.run(
        [
            openssl,
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "1",
            "-subj",
            "/CN=plenum.example.org",
            "-keyout",
            str(key),
            "-out",
            str(cert),
        ],
        check=True,
        capture_output=True,
    )
    site = (DEPLOY / "nginx" / "plenum.conf").read_text()
    site = site.replace("/etc/letsencrypt/live/plenum.example.org/fullchain.pem", str(cert))
    site = site.replace("/etc/letsencrypt/live/plenum.example.org/privkey.pem", str(key))
    site = site.replace("snippets/plenum-proxy.conf", str(DEPLOY / "nginx" / "plenum-proxy.conf"))
    (tmp_path / "site.conf").write_text(site)
    config = tmp_path / "nginx.conf"
    config.write_text(
        f"pid {tmp_path}/nginx.pid;\nerror_log {tmp_path}/error.log;\nevents {{}}\n"
        f"http {{\n  access_log off;\n  client_body_temp_path {tmp_path}/body;\n"
        f"  proxy_temp_path {tmp_path}/proxy;\n  fastcgi_temp_path {tmp_path}/fastcgi;\n"
        f"  uwsgi_temp_path {tmp_path}/uwsgi;\n  scgi_temp_path {tmp_path}/scgi;\n"
        f"  include {tmp_path}/site.conf;\n}}\n"
    )
    result = subprocess.run(
        [nginx, "-t", "-p", str(tmp_path), "-e", str(tmp_path / "error.log"), "-c", str(config)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stderr


def test_the_recipe_never_trusts_daphnes_own_proxy_headers():
    # daphne --proxy-headers would make X-Forwarded-For the client before Django could check
    # that it came from nginx (seminar/middleware.py), and lose X-Forwarded-Proto (https).
    unit = (DEPLOY / "systemd" / "plenum@.service").read_text()
    exec_start = next(line for line in unit.splitlines() if line.startswith("ExecStart="))
    assert "--proxy-headers" not in exec_start
    assert "-b 127.0.0.1 -p %i" in exec_start


def _unit(name):
    """A unit file's settings: {section: {key: value}} (a key given twice keeps the last)."""
    sections, current = {}, None
    for line in (DEPLOY / "systemd" / name).read_text().splitlines():
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith("["):
            current = sections.setdefault(line.strip("[]"), {})
        else:
            key, _sep, value = line.partition("=")
            current[key] = value
    return sections


def test_retention_runs_daily_as_plenum_with_the_sites_settings():
    timer, service = _unit("plenum-retention.timer"), _unit("plenum-retention.service")
    assert timer["Timer"]["Unit"] == "plenum-retention.service"
    assert timer["Timer"]["OnCalendar"].startswith("*-*-* ")  # every day
    assert timer["Timer"]["Persistent"] == "true"  # a night the machine was off is caught up
    assert timer["Install"]["WantedBy"] == "timers.target"
    run = service["Service"]
    assert run["Type"] == "oneshot"
    assert run["ExecStart"].split()[-2:] == ["manage.py", "apply_retention"]
    daphne = _unit("plenum@.service")["Service"]
    for key in ("User", "WorkingDirectory", "EnvironmentFile", "ReadWritePaths"):
        assert run[key] == daphne[key], key  # the same account, checkout, settings and var/
    assert (ROOT / "manage.py").exists()


def test_systemd_accepts_the_retention_units(tmp_path):
    analyze = shutil.which("systemd-analyze")
    if analyze is None:
        pytest.skip("Checking the units needs systemd-analyze (Debian's systemd).")
    for name in ("plenum-retention.service", "plenum-retention.timer"):
        text = (DEPLOY / "systemd" / name).read_text()
        # The checkout's interpreter stands in for /srv/plenum's (verify wants it to exist).
        text = text.replace("/srv/plenum/.venv/bin/python", shutil.which("python3") or "")
        (tmp_path / name).write_text(text)
    result = subprocess.run(
        [analyze, "verify", *(str(path) for path in sorted(tmp_path.glob("plenum-retention.*")))],
        capture_output=True,
        text=True,
        check=False,
        cwd=tmp_path,
    )
    assert result.returncode == 0, result.stderr
