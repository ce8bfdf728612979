"""The projector at the venue: kept awake, full screen on offer, and the countdown's zero seen."""

from playwright.sync_api import expect

from tests.e2e.helpers import clock, open_console, open_projector

# The running item's deadline moved to 1.5 s from now, on this page only (as the clock would be
# after its minutes ran out): the page's own timer must notice zero.
NEAR_ZERO = """() => {
  const el = document.querySelector('.now [data-deadline-ms]');
  const serverNow = Date.now() + Number(el.dataset.skewMs || 0);
  el.dataset.deadlineMs = String(serverNow + 1500);
}"""


def test_projector_keeps_awake_and_signals_zero(seeded, server, screens, problems):
    console = open_console(screens, server.url, seeded.seminar)
    clock(console, "start")
    projector = open_projector(
        screens, server.url, seeded.seminar, storage_state=console.context.storage_state()
    )
    # 127.0.0.1 is a secure context: the wake lock is granted (headless Chromium grants it).
    expect(projector.locator("[data-keep-awake]")).to_have_attribute("data-awake", "true")
    expect(projector.locator("[data-fullscreen]")).to_be_visible()
    sound = projector.locator("[data-zero-sound]")
    expect(sound).to_have_attribute("aria-pressed", "false")
    sound.click()
    expect(sound).to_have_attribute("aria-pressed", "true")

    projector.wait_for_function("document.querySelector('.now [data-deadline-ms]').dataset.skewMs")
    projector.evaluate(NEAR_ZERO)
    expect(projector.locator("body")).to_have_attribute("data-zero-signals", "1")
    now = projector.locator("#agenda-now")
    expect(now).to_have_class("now at-zero")
    assert now.evaluate("el => getComputedStyle(el).animationName") == "plenum-zero"
    # Signalled once: the next ticks in overtime do not flash again.
    projector.wait_for_timeout(1500)
    expect(projector.locator("body")).to_have_attribute("data-zero-signals", "1")
    problems.assert_none()


def test_zero_does_not_flash_with_reduced_motion(seeded, server, screens, problems):
    console = open_console(screens, server.url, seeded.seminar)
    clock(console, "start")
    projector = open_projector(
        screens, server.url, seeded.seminar, storage_state=console.context.storage_state()
    )
    projector.emulate_media(reduced_motion="reduce")
    projector.wait_for_function("document.querySelector('.now [data-deadline-ms]').dataset.skewMs")
    projector.evaluate(NEAR_ZERO)
    now = projector.locator("#agenda-now.at-zero")
    expect(now).to_be_attached()
    assert now.evaluate("el => getComputedStyle(el).animationName") == "none"
    assert now.evaluate("el => getComputedStyle(el).outlineStyle") == "solid"
    problems.assert_none()


def test_table_screen_offers_full_screen_and_stays_awake(server, screens, problems):
    screen = screens("table screen", viewport={"width": 1280, "height": 800})
    screen.goto(f"{server.url}/screen/")
    expect(screen.locator("[data-keep-awake]")).to_have_attribute("data-awake", "true")
    button = screen.locator("[data-fullscreen]")
    expect(button).to_be_visible()
    button.click()
    expect(button).to_have_attribute("aria-pressed", "true")
    problems.assert_none()
