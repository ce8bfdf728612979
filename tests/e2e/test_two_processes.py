"""Two daphne processes behind one seminar: a push made in one reaches a phone on the other."""

import os

import pytest
from playwright.sync_api import expect

from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    clock,
    join_phone,
    open_console,
    socket_stats,
)

pytestmark = pytest.mark.skipif(
    not os.environ.get("REDIS_URL"),
    reason="Two daphne processes share pushes only through Redis: set REDIS_URL to run this.",
)


def test_phone_on_one_process_follows_a_facilitator_on_another(
    start_daphne, seeded, screens, problems
):
    seminar, titles = seeded.seminar, seeded.titles
    process_a = start_daphne("a")
    process_b = start_daphne("b")
    console = open_console(screens, process_a.url, seminar)
    phone = join_phone(screens, process_b.url, seminar)
    assert phone.url.startswith(process_b.url)

    clock(console, "start")
    expect(phone.locator("#agenda-now .title")).to_have_text(titles[0], timeout=PUSH_TIMEOUT_MS)
    clock(console, "next")
    expect(phone.locator("#agenda-now .title")).to_have_text(titles[1], timeout=PUSH_TIMEOUT_MS)
    # Both changes came as pushes over the one socket to process B, not by reconnecting.
    assert socket_stats(phone)["opens"] == 1, socket_stats(phone)
    problems.assert_none()
