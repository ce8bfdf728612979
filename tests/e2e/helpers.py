"""What the browser journeys are made of: daphne processes, pages, and a socket that can be cut.

Fixtures live in conftest.py; these are the plain classes and functions they and the tests use.
"""

import os
import random
import re
import signal
import socket
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import suppress
from pathlib import Path
from urllib.parse import quote, urlparse

import pytest
from django.db import connection, connections

from seminar.models import Seminar

ROOT = Path(__file__).resolve().parents[2]
DAPHNE = ROOT / ".venv" / "bin" / "daphne"
PASSWORD = "pw-for-e2e-journeys-7"
# How long a screen may take to show a change pushed over its socket.
PUSH_TIMEOUT_MS = 5_000
# How long a screen may take to come back by itself (plenum.js retries at most 10 s apart).
RECONNECT_TIMEOUT_MS = 15_000

PROGRAMME = (
    ("08:15", 15, "Velkommen og kaffe"),
    ("08:30", 30, "Visionen for kommunen"),
    ("09:00", 30, "Hvad synes I?"),
    ("09:30", 45, "Borddrøftelser"),
    ("10:15", 15, "Opsamling"),
)


# --- daphne ------------------------------------------------------------------------------------


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def server_environment():
    """The environment of a daphne process serving the database this test process uses."""
    settings_dict = connections["default"].settings_dict
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SQLITE_PATH", "SQLITE_TEST_PATH", "TEST_DATABASE_NAME"}
    }
    env.update(
        DJANGO_SETTINGS_MODULE="seminar.settings",
        PYTHONUNBUFFERED="1",
        # A journey joins a few phones from one address; the limit is not what is tested here.
        JOIN_RATE_LIMIT="1000",
    )
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    if settings_dict["ENGINE"].endswith("sqlite3"):
        name = str(settings_dict["NAME"])
        if name == ":memory:" or "mode=memory" in name:
            pytest.fail("The SQLite test database is in memory: daphne cannot share it.")
        env.pop("DATABASE_URL", None)
        env["SQLITE_PATH"] = name
    else:
        # The same server and options, the database pytest-django created.
        parts = urlparse(os.environ["DATABASE_URL"])
        env["DATABASE_URL"] = parts._replace(path="/" + quote(settings_dict["NAME"])).geturl()
    return env


class Daphne:
    """One real daphne process serving seminar.asgi on a fixed port (kept across restarts)."""

    def __init__(self, log_dir, name, env=None):
        self.name = name
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = Path(log_dir) / f"daphne-{name}.log"
        self.process = None
        self.env = {**server_environment(), **(env or {})}

    def start(self, timeout=20):
        log = self.log_path.open("ab")
        self.process = subprocess.Popen(
            [str(DAPHNE), "-b", "127.0.0.1", "-p", str(self.port), "seminar.asgi:application"],
            cwd=ROOT,
            env=self.env,
            stdout=log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        log.close()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                pytest.fail(f"daphne {self.name} exited at start:\n{self.log_tail()}")
            with (
                suppress(urllib.error.URLError, ConnectionError, TimeoutError),
                # Our own http:// address, never a user's URL.
                urllib.request.urlopen(f"{self.url}/login/", timeout=2) as response,  # noqa: S310
            ):
                if response.status == 200:
                    return self
            time.sleep(0.1)
        self.stop()
        pytest.fail(f"daphne {self.name} did not answer within {timeout} s:\n{self.log_tail()}")

    def stop(self):
        process, self.process = self.process, None
        stop_process(process)

    def restart(self):
        self.stop()
        return self.start()

    def log_tail(self, lines=40):
        return file_tail(self.log_path, lines)


def stop_process(process):
    """SIGTERM a server we started, and SIGKILL it if it has not gone within 5 s."""
    if process is None or process.poll() is not None:
        return
    process.send_signal(signal.SIGTERM)
    try:
        process.wait(timeout=5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=5)


def file_tail(path, lines):
    """The last lines of a server's log, for a failing test's report."""
    if not Path(path).exists():
        return ""
    return "\n".join(Path(path).read_text(errors="replace").splitlines()[-lines:])


# --- Seed data ---------------------------------------------------------------------------------


def spread_seminar_ids():
    """Start seminar ids at a random height. Redis pub/sub channels ignore the database number,
    so another test run on the same Redis pushes to "live.seminar.1.en" too; random ids keep
    concurrent runs from seeing each other's pushes."""
    table = Seminar._meta.db_table
    start = random.randint(10**6, 10**9)
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SELECT setval(pg_get_serial_sequence(%s, 'id'), %s)", [table, start])
        elif connection.vendor == "sqlite":
            cursor.execute("DELETE FROM sqlite_sequence WHERE name = %s", [table])
            cursor.execute(
                "INSERT INTO sqlite_sequence (name, seq) VALUES (%s, %s)", [table, start]
            )


class SocketCut:
    """Cuts a page's live socket while the server stays up, through Playwright's WebSocket routes.

    Every socket of the page is proxied to the server. `cut()` closes the page's side with 1006
    (abnormal closure, what a dropped network gives) and refuses the reconnects the same way
    until `restore()`; the page's own reconnect logic (htmx and plenum.js) does the rest.
    """

    def __init__(self):
        self.is_cut = False
        self.live = []
        self.refused = 0

    def install(self, page):
        page.route_web_socket(re.compile(r"/ws/seminar/"), self._route)

    def _route(self, ws):
        if self.is_cut:
            self.refused += 1
            ws.close(code=1006)
            return
        ws.connect_to_server()
        self.live.append(ws)

    def cut(self):
        self.is_cut = True
        live, self.live = self.live, []
        for ws in live:
            with suppress(Exception):  # already closed by the page or the server
                ws.close(code=1006)

    def restore(self):
        self.is_cut = False


# --- Pages and what they complain about --------------------------------------------------------

# A socket that cannot reach the server is logged twice while a journey cuts the socket or restarts
# the server: by Chromium, and by htmx, which logs its htmx:wsError event as "[object Event]".
SOCKET_FAILURE = re.compile(r"WebSocket connection to '.*' failed")
HTMX_WS_ERROR = "[object Event]"
# What a page logs when an ordinary request finds the server down (the console's poll of its
# connection counts while a test restarts the server): expected only during such an outage.
OUTAGE_ERROR = re.compile(r"Failed to load resource|ERR_CONNECTION|sendError")
# Recorded in the page (init scripts run outside the page's CSP): socket opens, errors and close
# codes, and the "now" title after every message, so a test can tell what a screen went through.
SOCKET_PROBE = """
window.__plenum = {opens: 0, errors: 0, closes: [], titles: []};
document.addEventListener("htmx:wsOpen", function () { window.__plenum.opens += 1; });
document.addEventListener("htmx:wsError", function () { window.__plenum.errors += 1; });
document.addEventListener("htmx:wsClose", function (e) {
  window.__plenum.closes.push(e.detail.event.code);
});
document.addEventListener("htmx:wsAfterMessage", function () {
  const title = document.querySelector("#agenda-now .title");
  window.__plenum.titles.push(title ? title.textContent.trim() : null);
});
"""


class PageProblems:
    """Console errors, CSP violations and uncaught exceptions of every page of a journey."""

    def __init__(self):
        self.problems = []
        self.socket_failures = []
        self.pages = {}
        self.ws_error_logs = {}
        self.outage = False  # set by a test while it has the server down on purpose

    def watch(self, page, label):
        self.pages[label] = page
        self.ws_error_logs[label] = 0

        def on_console(message):
            text = message.text
            if "Content Security Policy" in text:
                self.problems.append(f"{label}: CSP: {text}")
            elif message.type != "error":
                return
            elif SOCKET_FAILURE.search(text) or (self.outage and OUTAGE_ERROR.search(text)):
                self.socket_failures.append(f"{label}: {text}")
            elif text == HTMX_WS_ERROR:
                self.ws_error_logs[label] += 1
            else:
                self.problems.append(f"{label}: console error: {text}")

        page.on("console", on_console)
        page.on("pageerror", lambda error: self.problems.append(f"{label}: page error: {error}"))
        return page

    def assert_none(self):
        problems = list(self.problems)
        for label, logged in self.ws_error_logs.items():
            # "[object Event]" is fine only as htmx's log of a socket error it reported.
            if logged and logged > self.pages[label].evaluate("window.__plenum.errors"):
                problems.append(f"{label}: {logged} console errors '{HTMX_WS_ERROR}'")
        assert not problems, "\n".join(problems)


def log_in(page, base_url, username, password=PASSWORD):
    page.goto(f"{base_url}/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(lambda url: "/login/" not in url)
    return page


def wait_live(page, timeout=RECONNECT_TIMEOUT_MS):
    """Until the page's socket is open (plenum.js marks the body)."""
    page.wait_for_selector("body[data-live='open']", state="attached", timeout=timeout)
    return page


def socket_stats(page):
    return page.evaluate("window.__plenum")


def open_console(screens, base_url, seminar, username="facilitator"):
    page = screens("console", viewport={"width": 1280, "height": 900})
    log_in(page, base_url, username)
    page.goto(f"{base_url}/s/{seminar.pk}/run/")
    return wait_live(page)


def open_projector(screens, base_url, seminar, *, storage_state=None, username="facilitator"):
    """The projector's laptop; `storage_state` reuses a logged-in session (a login costs a
    password hash, seconds on a busy machine)."""
    page = screens(
        "projector", viewport={"width": 1920, "height": 1080}, storage_state=storage_state
    )
    if storage_state is None:
        log_in(page, base_url, username)
    page.goto(f"{base_url}/s/{seminar.pk}/projector/")
    return wait_live(page)


def join_phone(screens, base_url, seminar, name="Anne", label="phone", before_join=None):
    """A phone joins with the seminar's code, as a participant would. `before_join(page)` runs
    before any navigation (to route the page's sockets, for example)."""
    page = screens(
        label,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=2,
    )
    if before_join is not None:
        before_join(page)
    page.goto(f"{base_url}/join/{seminar.join_code}/")
    page.fill("#id_display_name", name)
    choose_department(page)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/s/{seminar.pk}/me/")
    return wait_live(page)


def choose_department(page, department=None):
    """The join form's department, by name; else the first on the list, as a person picks one
    (no department is chosen for anyone). A seminar without departments does not ask."""
    if department is not None:
        page.select_option("#id_department", label=department)
    elif page.locator("#id_department").count():
        page.select_option("#id_department", index=1)


def join_phone_in(screens, base_url, seminar, *, name, locale, department=None, before_join=None):
    """A phone at 360 px whose browser speaks `locale` joins with the seminar's code (and
    chooses its department by name, when given); `before_join(page)` runs before it opens the
    join link (a socket cut to install, say)."""
    page = screens(
        f"phone {name}",
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        locale=locale,
    )
    if before_join is not None:
        before_join(page)
    page.goto(f"{base_url}/join/{seminar.join_code}/")
    page.fill("#id_display_name", name)
    choose_department(page, department)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"**/s/{seminar.pk}/me/")
    return wait_live(page)


class ServerError(AssertionError):
    """The server answered a button's request with an error (its log is printed at teardown)."""


def clock(page, action):
    """Press a clock button in the console, found by where it posts (labels are translated)."""
    with page.expect_response(lambda response: f"/clock/{action}/" in response.url) as info:
        page.click(f"button[hx-post$='/clock/{action}/']")
    if not info.value.ok:
        raise ServerError(f"/clock/{action}/ answered {info.value.status}")


# --- Groups, ideas and goals: joining with a department, forming tables, table screens ----------


def _phone_page(screens, label, scale=2):
    return screens(
        label,
        viewport={"width": 360, "height": 740},
        is_mobile=True,
        has_touch=True,
        device_scale_factor=scale,
    )


def join_phone_as(screens, base_url, seminar, name, *, department=None, label=None):
    """A phone joins with the seminar's code and chooses its department by name."""
    return join_phones(screens, base_url, seminar, [(name, department, label)])[0]


def join_phones(screens, base_url, seminar, people, *, scale=2):
    """Phones join side by side, as a room does: `people` is (name, department name or None,
    label or None) per phone. Each step is taken on every phone before the next, so the pages
    load while the others are filled in. Returns the live phone pages in order."""
    pages = []
    for name, _department, label in people:
        page = _phone_page(screens, label or f"phone {name}", scale)
        page.goto(f"{base_url}/join/{seminar.join_code}/", wait_until="commit")
        pages.append(page)
    for page, (name, department, _label) in zip(pages, people, strict=True):
        page.wait_for_selector("#id_display_name")
        page.fill("#id_display_name", name)
        choose_department(page, department)
        page.click("main form button[type=submit]")
    for page in pages:
        page.wait_for_url(f"**/s/{seminar.pk}/me/")
        wait_live(page)
    return pages


def participant_id(page):
    """The participant a phone page belongs to (its body carries the id)."""
    return int(page.get_attribute("body", "data-participant"))


def submit_and_wait(page, form_selector, *, url_part=None):
    """Press the submit button of a plain (non-htmx) form and wait for the page it leads to."""
    with page.expect_navigation():
        page.click(f"{form_selector} button[type=submit]")
    if url_part is not None:
        assert url_part in page.url, page.url
    return page


def htmx_submit(page, button_selector, url_part):
    """Press a button whose form posts with htmx; wait for the server's answer."""
    with page.expect_response(
        lambda response: url_part in response.url and response.request.method == "POST"
    ) as info:
        page.click(button_selector)
    if not info.value.ok:
        raise ServerError(f"{url_part} answered {info.value.status}")
    return info.value


def form_grouping(page, base_url, seminar, *, name, method, size=None):
    """The facilitator previews a grouping on the groups page and uses it."""
    page.goto(f"{base_url}/s/{seminar.pk}/groups/")
    form = "form[action$='/groups/preview/']"
    page.fill(f"{form} #id_name", name)
    page.select_option(f"{form} #id_method", method)
    if size is not None:
        page.fill(f"{form} #id_size", str(size))
    with page.expect_navigation():
        page.click(f"{form} button[type=submit]:not([name]):not([formaction])")
    page.wait_for_selector("[data-preview]")
    with page.expect_navigation():
        page.click("button[formaction$='/groups/create/']")
    page.wait_for_selector("details[data-grouping]")
    return page


def edit_item(page, base_url, seminar, item, *, kind=None, grouping=None):
    """The facilitator edits a programme item in place on the programme page: its kind and the
    grouping its tables sit in."""
    page.goto(f"{base_url}/s/{seminar.pk}/programme/")
    page.click(f"li#item-{item.pk} a[href$='/programme/items/{item.pk}/edit/']")
    form = f"form#item-{item.pk}-form"
    page.wait_for_selector(form)
    if kind is not None:
        page.select_option(f"{form} #id_kind", kind)
    if grouping is not None:
        page.select_option(f"{form} #id_grouping", str(grouping.pk))
    # The programme's forms post with htmx and swap the programme in place.
    htmx_submit(page, f"{form} button[type=submit]", f"/items/{item.pk}/edit/")
    page.wait_for_selector(form, state="detached")  # the programme is back in its place
    page.wait_for_selector(f"li#item-{item.pk}")
    return page


def open_table_screen(screens, base_url, label="table screen", **context_options):
    """A table's laptop opens /screen/ and shows its pairing code: (page, code)."""
    options = {"viewport": {"width": 1280, "height": 800}, **context_options}
    page = screens(label, **options)
    page.goto(f"{base_url}/screen/")
    page.click("form[action='/screen/'] button[type=submit]")  # a visit alone stores nothing
    page.wait_for_selector("#table-panel .pairing-code")
    code = page.locator("#table-panel .pairing-code").inner_text().strip()
    assert code, "the unpaired screen shows no pairing code"
    return page, code


def pair_table_screen(page, base_url, seminar, *, code, group, screen=None):
    """The facilitator types a screen's code on the groups page and chooses its table; the
    screen (polling every 3 s) reloads itself and goes live."""
    page.goto(f"{base_url}/s/{seminar.pk}/groups/")
    form = "form[action$='/screens/pair/']"
    page.fill(f"{form} #id_pairing_code", code)
    page.select_option(f"{form} #id_group", str(group.pk))
    submit_and_wait(page, form, url_part="/groups/")
    if screen is not None:
        screen.wait_for_selector(
            "#table-panel h1.group-name", state="attached", timeout=RECONNECT_TIMEOUT_MS
        )
        wait_live(screen)
    return page


def screenshot(page, path, *, full_page=False):
    """A screenshot that leaves the page as it was. Playwright hides the text caret by default and
    leaves an empty style="" on inputs; an htmx swap then copies that attribute (style is one of
    its attributesToSettle) and the CSP reports an inline style."""
    page.screenshot(path=path, full_page=full_page, caret="initial")
