"""The facilitator runs the agenda from the console; a phone and the projector follow live."""

from playwright.sync_api import expect

from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    RECONNECT_TIMEOUT_MS,
    SocketCut,
    clock,
    join_phone,
    open_console,
    open_projector,
    socket_stats,
    wait_live,
)


def now_title(page):
    return page.locator("#agenda-now .title")


def titles_seen(page):
    """The "now" titles a page showed after each socket message, repeats collapsed."""
    seen = []
    for title in socket_stats(page)["titles"]:
        if not seen or seen[-1] != title:
            seen.append(title)
    return seen


def mark_loaded(*pages):
    """A flag in each page's window: still there later means the page never reloaded."""
    for page in pages:
        page.evaluate("window.__journeyMark = true")


def assert_not_reloaded(*pages):
    for page in pages:
        assert page.evaluate("window.__journeyMark === true"), f"{page.url} was reloaded"


def test_agenda_journey_screens_follow_and_a_cut_phone_catches_up(
    server, seeded, screens, problems, screenshot_dir
):
    seminar, titles = seeded.seminar, seeded.titles
    console = open_console(screens, server.url, seminar)
    socket = SocketCut()
    phone = join_phone(screens, server.url, seminar, before_join=socket.install)
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )
    expect(now_title(phone)).to_have_text(seminar.title)
    expect(now_title(projector)).to_have_text(seminar.title)
    mark_loaded(console, phone, projector)

    clock(console, "start")
    for page in (phone, projector):
        expect(now_title(page)).to_have_text(titles[0], timeout=PUSH_TIMEOUT_MS)
    clock(console, "next")
    for page in (phone, projector):
        expect(now_title(page)).to_have_text(titles[1], timeout=PUSH_TIMEOUT_MS)
    expect(console.locator("#console-clock .title")).to_have_text(titles[1])
    expect(projector.locator("#agenda-now .next")).to_contain_text(titles[2])
    phone.screenshot(path=screenshot_dir / "journey-phone-live.png", full_page=True)
    projector.screenshot(path=screenshot_dir / "journey-projector-live.png")

    # The phone loses its socket; the facilitator advances twice while it is away.
    socket.cut()
    expect(phone.locator("body")).to_have_attribute("data-live", "closed")
    clock(console, "next")
    clock(console, "next")
    expect(now_title(projector)).to_have_text(titles[3], timeout=PUSH_TIMEOUT_MS)
    expect(now_title(phone)).to_have_text(titles[1])
    phone.screenshot(path=screenshot_dir / "journey-phone-cut.png", full_page=True)

    socket.restore()
    wait_live(phone)
    expect(now_title(phone)).to_have_text(titles[3], timeout=PUSH_TIMEOUT_MS)
    expect(phone.locator("#agenda-now .next")).to_contain_text(titles[4])
    phone.screenshot(path=screenshot_dir / "journey-phone-back.png", full_page=True)

    # The phone skipped the item it missed: it went from the second item straight to the fourth.
    assert titles_seen(phone)[-2:] == [titles[1], titles[3]], titles_seen(phone)
    assert titles[2] not in titles_seen(phone)
    stats = socket_stats(phone)
    assert stats["opens"] == 2, stats
    assert stats["closes"][0] == 1006, stats
    assert_not_reloaded(console, phone, projector)
    problems.assert_none()


def test_phone_reconnects_by_itself_after_a_server_restart(server, seeded, screens, problems):
    seminar, titles = seeded.seminar, seeded.titles
    console = open_console(screens, server.url, seminar)
    phone = join_phone(screens, server.url, seminar)
    mark_loaded(console, phone)
    clock(console, "start")
    expect(now_title(phone)).to_have_text(titles[0], timeout=PUSH_TIMEOUT_MS)

    # While the server is down, the console's poll of its connection counts fails: expected.
    problems.outage = True
    server.restart()
    # The new process knows nothing of the old sockets: the phone must come back by itself.
    clock(console, "next")
    expect(now_title(phone)).to_have_text(titles[1], timeout=RECONNECT_TIMEOUT_MS)
    wait_live(phone)
    expect(console.locator("#console-clock .title")).to_have_text(titles[1])

    # And it is live again, not merely resynced once: the next push arrives too.
    wait_live(console)
    problems.outage = False
    clock(console, "next")
    expect(now_title(phone)).to_have_text(titles[2], timeout=PUSH_TIMEOUT_MS)
    assert socket_stats(phone)["opens"] >= 2, socket_stats(phone)
    assert_not_reloaded(console, phone)
    problems.assert_none()


def test_phone_keeps_one_socket_after_coming_back_online(server, seeded, screens, problems):
    seminar = seeded.seminar
    socket = SocketCut()
    phone = join_phone(screens, server.url, seminar, before_join=socket.install)
    socket.cut()
    # A few refused retries: htmx now waits seconds before its next one.
    phone.wait_for_timeout(3_000)
    socket.restore()
    phone.evaluate("window.dispatchEvent(new Event('online'))")
    wait_live(phone)
    phone.wait_for_timeout(8_000)  # longer than htmx's pending retry and plenum.js's 1-2 s
    stats = socket_stats(phone)
    assert stats["opens"] == 2, f"the phone reconnected {stats['opens'] - 1} times: {stats}"
