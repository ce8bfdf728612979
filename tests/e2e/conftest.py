"""Browser journeys: real daphne processes serve the test database, Debian's Chromium drives them.

The test process seeds data with the ORM; every change a screen should see goes through HTTP to
daphne, because the in-memory channel layer only reaches sockets inside the process that sends.
"""

import os
import shutil
import tempfile
from contextlib import suppress
from pathlib import Path
from types import SimpleNamespace
from unittest import mock

import pytest
from django.db import connections

from tests import factories
from tests.e2e.helpers import (
    PASSWORD,
    PROGRAMME,
    SOCKET_PROBE,
    Daphne,
    PageProblems,
    spread_seminar_ids,
)

E2E_DIR = Path(__file__).resolve().parent
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-dev-shm-usage",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
MISSING_CHROMIUM = (
    "Browser tests skipped: install Debian's chromium (apt-get install chromium) to run them."
)


def find_chromium():
    if Path("/usr/bin/chromium").exists():
        return "/usr/bin/chromium"
    return shutil.which("chromium")


CHROMIUM = find_chromium()
IN_CI = os.environ.get("PLENUM_CI") == "1"


# --- Collection: skip without Chromium, and give daphne a test database it can open -------------

_db_folder_key = pytest.StashKey[Path]()


def _sqlite_test_db_is_memory(settings_dict):
    name = settings_dict["TEST"].get("NAME")
    return not name or name == ":memory:" or "mode=memory" in str(name)


def pytest_collection_modifyitems(config, items):
    ours = [item for item in items if E2E_DIR in Path(str(item.path)).parents]
    for item in ours:
        item.add_marker(pytest.mark.browser)
        if CHROMIUM is None and not IN_CI:
            item.add_marker(pytest.mark.skip(reason=MISSING_CHROMIUM))
    if not ours or (CHROMIUM is None and not IN_CI):
        return
    # daphne runs in another process, so the test database must be a file both can open. The
    # session has one test database, created with the first test that needs it: name it now.
    settings_dict = connections["default"].settings_dict
    if settings_dict["ENGINE"].endswith("sqlite3") and _sqlite_test_db_is_memory(settings_dict):
        folder = Path(tempfile.mkdtemp(prefix="plenum-e2e-db-"))
        settings_dict["TEST"]["NAME"] = str(folder / "test.sqlite3")
        config.stash[_db_folder_key] = folder


def pytest_sessionfinish(session):
    folder = session.config.stash.get(_db_folder_key, None)
    if folder is not None:
        shutil.rmtree(folder, ignore_errors=True)


# --- The browser --------------------------------------------------------------------------------


@pytest.fixture(scope="package")
def browser():
    """Chromium for the whole e2e package.

    Package scope, not session: while Playwright's sync API runs, its event loop counts as the
    thread's running loop, which would break the async and ORM tests that run after this folder.
    """
    if CHROMIUM is None:
        pytest.fail(
            "PLENUM_CI=1: the browser tests must run here, and Debian's chromium is missing "
            "(apt-get install chromium)."
        )
    from playwright.sync_api import sync_playwright

    # The ORM refuses to run while an event loop runs in the thread; Playwright's always does.
    previous = os.environ.get("DJANGO_ALLOW_ASYNC_UNSAFE")
    os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = "true"
    playwright = sync_playwright().start()
    try:
        chromium = playwright.chromium.launch(
            executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()
    finally:
        playwright.stop()
        if previous is None:
            os.environ.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
        else:
            os.environ["DJANGO_ALLOW_ASYNC_UNSAFE"] = previous


# --- daphne and the data it serves ------------------------------------------------------------


@pytest.fixture
def start_daphne(transactional_db, tmp_path):
    """Start daphne processes on the test database; all are stopped before the database is
    flushed (this fixture depends on `transactional_db`, so it is torn down first)."""
    started = []

    def start(name=None, **env):
        server = Daphne(tmp_path, name or f"p{len(started) + 1}", env)
        started.append(server)
        return server.start()

    yield start
    for server in started:
        server.stop()
        # Shown by pytest only when the test failed: the server's side of the story.
        print(f"--- daphne {server.name} ({server.log_path}):\n{server.log_tail()}")


@pytest.fixture
def server(start_daphne):
    return start_daphne("a")


@pytest.fixture
def seeded(transactional_db):
    """A facilitator with a known password, a seminar and a programme of five items."""
    spread_seminar_ids()
    # No screen is connected yet, and the test process cannot reach daphne's channel layer.
    with mock.patch("seminar.live._send"):
        facilitator = factories.make_user("facilitator", password=PASSWORD)
        seminar = factories.make_seminar(facilitator, title="Lederseminar E2E")
        _day, items = factories.make_programme(seminar, by=facilitator, items=PROGRAMME)
    return SimpleNamespace(
        facilitator=facilitator, seminar=seminar, items=items, titles=[i.title for i in items]
    )


# --- Pages --------------------------------------------------------------------------------------


@pytest.fixture
def problems():
    return PageProblems()


@pytest.fixture
def screens(browser, problems):
    """Opens the journey's browser contexts (each its own cookie jar) and closes them after."""
    opened = []

    def open_page(label, **context_options):
        context = browser.new_context(**context_options)
        context.set_default_timeout(10_000)
        opened.append(context)
        page = context.new_page()
        page.add_init_script(SOCKET_PROBE)
        return problems.watch(page, label)

    yield open_page
    for context in opened:
        with suppress(Exception):
            context.close()


@pytest.fixture
def screenshot_dir():
    """Screenshots of a journey; kept after the run so a person can look at them."""
    folder = Path(os.environ.get("PLENUM_E2E_SCREENSHOTS") or tempfile.gettempdir()) / (
        "plenum-e2e-screenshots"
    )
    folder.mkdir(parents=True, exist_ok=True)
    return folder
