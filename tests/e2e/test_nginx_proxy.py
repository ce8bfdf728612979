"""The data centre's layout: nginx (deploy/nginx/plenum-proxy.conf) in front of two daphne
processes on PostgreSQL and Redis. A phone whose requests nginx sends to process A follows a
facilitator whose posts nginx sends to process B; the phones' own addresses reach Django.

nginx runs as whoever runs the tests, with its prefix, pid, logs and temp folders in a temporary
folder and on free ports. The repository's snippet is used as it is, with its upstream name
pointed at one process per port, so the test can say which process serves which screen.
"""

import http.client
import json
import os
import shutil
import subprocess
import time
from contextlib import suppress
from pathlib import Path

import pytest
from playwright.sync_api import expect

from tests.e2e.conftest import IN_CI
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    ROOT,
    clock,
    file_tail,
    free_port,
    join_phone,
    open_console,
    socket_stats,
    stop_process,
)

SNIPPET = ROOT / "deploy" / "nginx" / "plenum-proxy.conf"
SCALED_OUT = bool(os.environ.get("DATABASE_URL") and os.environ.get("REDIS_URL"))

pytestmark = pytest.mark.skipif(
    not SCALED_OUT,
    reason=(
        "The proxy journey is the data centre's configuration: nginx, two daphne processes, "
        "PostgreSQL and Redis. Set DATABASE_URL and REDIS_URL to run it; the embedded default "
        "(SQLite, one process, no proxy) has nothing to proxy."
    ),
)


def find_nginx():
    return shutil.which("nginx") or next(
        (path for path in ("/usr/sbin/nginx",) if Path(path).exists()), None
    )


class Nginx:
    """nginx serving the repository's snippet: one listening port per upstream."""

    def __init__(self, folder, upstreams):
        self.folder = Path(folder)
        self.upstreams = upstreams  # name -> [daphne ports]
        self.ports = {name: free_port() for name in upstreams}
        self.process = None

    def url(self, name):
        return f"http://127.0.0.1:{self.ports[name]}"

    def write_config(self):
        snippet = SNIPPET.read_text()
        assert "http://plenum;" in snippet, "the snippet no longer proxies to upstream 'plenum'"
        blocks = []
        for name, ports in self.upstreams.items():
            servers = "".join(f"    server 127.0.0.1:{port};\n" for port in ports)
            balance = "    hash $plenum_affinity consistent;\n"  # as deploy/nginx/plenum.conf
            blocks.append(f"  upstream {name} {{\n{balance}{servers}    keepalive 4;\n  }}\n")
            included = self.folder / f"proxy-{name}.conf"
            included.write_text(snippet.replace("http://plenum;", f"http://{name};"))
            blocks.append(
                f"  server {{\n    listen 127.0.0.1:{self.ports[name]};\n"
                f"    include {included};\n  }}\n"
            )
        temp = {kind: self.folder / kind for kind in ("body", "proxy", "fastcgi", "uwsgi", "scgi")}
        for path in temp.values():
            path.mkdir(exist_ok=True)
        config = self.folder / "nginx.conf"
        config.write_text(
            # One process that never changes user: runs as root or not, nothing shared.
            f"daemon off;\nmaster_process off;\npid {self.folder}/nginx.pid;\n"
            f"error_log {self.folder}/error.log warn;\n"
            "events { worker_connections 256; }\n"
            "http {\n"
            f"  access_log {self.folder}/access.log;\n"
            f"  client_body_temp_path {temp['body']};\n  proxy_temp_path {temp['proxy']};\n"
            f"  fastcgi_temp_path {temp['fastcgi']};\n  uwsgi_temp_path {temp['uwsgi']};\n"
            f"  scgi_temp_path {temp['scgi']};\n" + "".join(blocks) + "}\n"
        )
        return config

    def start(self, nginx, timeout=20):
        config = self.write_config()
        log = (self.folder / "stdout.log").open("ab")
        self.process = subprocess.Popen(
            [
                nginx,
                "-p",
                str(self.folder),
                "-e",
                str(self.folder / "error.log"),
                "-c",
                str(config),
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"nginx exited at start:\n{self.log_tail()}")
            if all(self._answers(name) for name in self.ports):
                return self
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"nginx did not answer within {timeout} s:\n{self.log_tail()}")

    def _answers(self, name):
        with suppress(OSError):
            status, _headers, _body = request(self.ports[name], "/healthz")
            return status == 200
        return False

    def stop(self):
        process, self.process = self.process, None
        stop_process(process)

    def log_tail(self, lines=30):
        return file_tail(self.folder / "error.log", lines)


def request(port, path, *, method="GET", source="127.0.0.1", headers=None):
    """One request to nginx from a given loopback address (a phone of its own)."""
    connection = http.client.HTTPConnection(
        "127.0.0.1", port, timeout=10, source_address=(source, 0)
    )
    try:
        connection.request(method, path, headers=headers or {})
        response = connection.getresponse()
        return response.status, dict(response.getheaders()), response.read()
    finally:
        connection.close()


@pytest.fixture
def nginx_binary():
    nginx = find_nginx()
    if nginx is None:
        if IN_CI:
            pytest.fail("PLENUM_CI=1: the proxy journey must run here, and nginx is missing.")
        pytest.skip("The proxy journey needs Debian's nginx (apt-get install nginx-light).")
    return nginx


@pytest.fixture
def behind_nginx(start_daphne, nginx_binary, tmp_path):
    """Two daphne processes that trust nginx's address, and nginx in front of them: port "a"
    to process A, "b" to process B, "both" balanced over the two as deploy/ does it."""
    folder = tmp_path / "nginx"
    folder.mkdir()
    env = {"PLENUM_TRUSTED_PROXIES": "127.0.0.1", "JOIN_RATE_LIMIT": "3"}
    process_a = start_daphne("a", **env)
    process_b = start_daphne("b", **env)
    proxy = Nginx(
        folder,
        {"a": [process_a.port], "b": [process_b.port], "both": [process_a.port, process_b.port]},
    )
    proxy.start(nginx_binary)
    yield proxy, process_a, process_b
    proxy.stop()
    print(f"--- nginx ({folder}/error.log):\n{proxy.log_tail()}")


def test_phone_on_process_a_sees_posts_made_through_process_b(
    behind_nginx, seeded, screens, problems
):
    proxy, process_a, process_b = behind_nginx
    seminar, titles = seeded.seminar, seeded.titles
    console = open_console(screens, proxy.url("b"), seminar)
    phone = join_phone(screens, proxy.url("a"), seminar)

    clock(console, "start")
    expect(phone.locator("#agenda-now .title")).to_have_text(titles[0], timeout=PUSH_TIMEOUT_MS)
    clock(console, "next")
    expect(phone.locator("#agenda-now .title")).to_have_text(titles[1], timeout=PUSH_TIMEOUT_MS)
    # Both changes came over the one socket, upgraded by nginx, to process A.
    assert socket_stats(phone)["opens"] == 1, socket_stats(phone)
    problems.assert_none()

    # The phone's socket went to A, the facilitator's posts to B: the push crossed over Redis.
    log_a, log_b = process_a.log_path.read_text(), process_b.log_path.read_text()
    assert f"WSCONNECT /ws/seminar/{seminar.pk}/" in log_a
    assert f'"POST /s/{seminar.pk}/clock/start/"' in log_b
    assert "/clock/" not in log_a
    # The join link on the console carries the port nginx listens on ($http_host, not $host).
    expect(console.locator("#join-box")).to_contain_text(
        f"{proxy.url('b')}/join/{seminar.join_code}/"
    )


def test_a_seminars_clock_is_served_by_one_process_the_rest_by_both(
    behind_nginx, seeded, screens, problems
):
    """Pushes keep the order of their changes within a process: a seminar's Next, Back and
    Go to always reach the same one (deploy/nginx), whatever else is spread."""
    proxy, process_a, process_b = behind_nginx
    seminar, titles = seeded.seminar, seeded.titles
    console = open_console(screens, proxy.url("both"), seminar)
    phone = join_phone(screens, proxy.url("both"), seminar)
    clock(console, "start")
    for _ in range(4):
        clock(console, "next")
    expect(phone.locator("#agenda-now .title")).to_have_text(titles[4], timeout=PUSH_TIMEOUT_MS)
    for _ in range(30):
        assert request(proxy.ports["both"], "/healthz")[0] == 200
    problems.assert_none()
    logs = [process.log_path.read_text() for process in (process_a, process_b)]
    clock_posts = [log.count(f'"POST /s/{seminar.pk}/clock/') for log in logs]
    assert sorted(clock_posts) == [0, 5], clock_posts
    assert all('"GET /healthz' in log for log in logs)  # 30 requests, not all to one


def test_rate_limits_see_each_phone_not_the_proxy(behind_nginx):
    proxy, _a, _b = behind_nginx
    port = proxy.ports["both"]
    # A phone forging X-Forwarded-For does not get a fresh limit per forged address (nginx
    # appends the address it really came from, and Django believes only that part).
    statuses = [
        request(
            port,
            "/join/?code=WRONG2",
            source="127.0.0.3",
            headers={"X-Forwarded-For": f"192.0.2.{n}"},
        )[0]
        for n in range(4)
    ]
    assert statuses == [200, 200, 200, 429]
    # Another phone behind the same proxy has its own limit: it is not counted as nginx.
    assert request(port, "/join/?code=WRONG2", source="127.0.0.4")[0] == 200


def test_health_and_upload_limit_through_nginx(behind_nginx):
    proxy, _a, _b = behind_nginx
    status, headers, body = request(proxy.ports["both"], "/healthz")
    assert status == 200
    assert json.loads(body) == {"status": "ok", "checks": {"database": "ok", "redis": "ok"}}
    # More than a 12 MB photo and its form: refused by nginx before Django reads it.
    status, _headers, _body = request(
        proxy.ports["both"],
        "/join/",
        method="POST",
        headers={"Content-Length": str(14 * 1024 * 1024), "Content-Type": "text/plain"},
    )
    assert status == 413
