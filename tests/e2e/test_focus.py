"""Keyboard focus stays on the control a person used when its region is replaced."""

from playwright.sync_api import expect

from tests.e2e.helpers import open_console


def _focused_posts_to(page):
    return page.evaluate("document.activeElement && document.activeElement.getAttribute('hx-post')")


def test_the_clock_buttons_keep_focus_through_their_own_answer_and_the_push(
    server, seeded, screens, problems
):
    seminar = seeded.seminar
    console = open_console(screens, server.url, seminar)
    start = console.locator("button[hx-post$='/clock/start/']")
    start.focus()
    with console.expect_response(lambda r: "/clock/start/" in r.url):
        console.keyboard.press("Enter")
    # Start is gone: focus lands on the main button of the new panel, "Next".
    expect(console.locator("button[hx-post$='/clock/next/']")).to_be_focused()
    for _ in range(2):
        with console.expect_response(lambda r: "/clock/next/" in r.url):
            console.keyboard.press("Enter")
        expect(console.locator("#console-programme .current")).to_be_visible()
        expect(console.locator("button[hx-post$='/clock/next/']")).to_be_focused()
    assert _focused_posts_to(console).endswith("/clock/next/")
    # A "Go" in the programme (beside the clock panel), reached by keyboard, keeps focus in
    # the programme when the push replaces it.
    go = console.locator("#console-programme button[hx-post*='/clock/goto/']").first
    item_id = go.get_attribute("hx-post").rstrip("/").rsplit("/", 1)[-1]
    go.focus()
    with console.expect_response(lambda r: "/clock/goto/" in r.url):
        console.keyboard.press("Enter")
    console.wait_for_function(
        "document.activeElement && document.activeElement.closest('#console-programme') !== null"
    )
    # A stage choice keeps focus on the button pressed. The chooser of the new item comes with
    # the push, which follows Go's answer: a choice in the chooser of the item before is
    # refused as moved on.
    expect(console.locator("#stage-chooser")).to_have_attribute("data-item", item_id)
    join = console.locator("#stage-chooser button[value='join']")
    join.focus()
    with console.expect_response(lambda r: "/stage/" in r.url):
        console.keyboard.press("Enter")
    expect(console.locator("#stage-chooser button[value='join']")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(console.locator("#stage-chooser button[value='join']")).to_be_focused()
    problems.assert_none()
