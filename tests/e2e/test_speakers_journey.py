"""The speaker queue at a plenum: a Norwegian and a Danish phone ask to speak, one withdraws and
asks again, the facilitator moves a speaker up with the keyboard and calls the next; the
projector shows who speaks, who is next and the time; the documentation says who spoke."""

import re

from playwright.sync_api import expect

from ideas.models import SpeakerRequest
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    clock,
    htmx_submit,
    join_phone_in,
    open_console,
    open_projector,
    screenshot,
)


def ask(phone, seminar):
    htmx_submit(phone, "#speakers form.speak-ask button", f"/s/{seminar.pk}/speakers/")


def test_speakers_journey_queue_reorder_call_and_time(
    server, seeded, screens, problems, screenshot_dir
):
    seminar, items = seeded.seminar, seeded.items
    plenum = items[1]
    console = open_console(screens, server.url, seminar)
    nina = join_phone_in(
        screens, server.url, seminar, locale="nb-NO", name="Nina Norsk", department="Teknik"
    )
    dan = join_phone_in(
        screens, server.url, seminar, locale="da-DK", name="Dan Dansk", department="Teknik"
    )
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )
    clock(console, "start")
    clock(console, f"goto/{plenum.pk}")
    switch = f"/items/{plenum.pk}/extras/speakers/"
    htmx_submit(console, f"form[action$='{switch}'] button", switch)
    # The facilitator puts it on the projector's stage (ideas/stage/).
    choose = "#stage-chooser button[name=stage][value='extra:speakers']"
    expect(console.locator(choose)).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    with console.expect_response(lambda r: "/stage/" in r.url):
        console.locator(choose).click()
    expect(nina.locator("#speakers form.speak-ask button")).to_contain_text(
        "Be om ordet", timeout=PUSH_TIMEOUT_MS
    )
    expect(dan.locator("#speakers form.speak-ask button")).to_contain_text("Bed om ordet")

    # Nina asks, withdraws and asks again; Dan asks: Nina is now after Dan.
    ask(nina, seminar)
    expect(nina.locator("#speakers form.speak-withdraw")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    htmx_submit(nina, "#speakers form.speak-withdraw button", f"/s/{seminar.pk}/speakers/")
    expect(nina.locator("#speakers form.speak-ask")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    ask(dan, seminar)
    expect(nina.locator("#speakers .speaker-queue li")).to_have_count(1, timeout=PUSH_TIMEOUT_MS)
    ask(nina, seminar)
    expect(console.locator(".speaker-queue-console .speaker-name")).to_have_text(
        ["Dan Dansk", "Nina Norsk"], timeout=PUSH_TIMEOUT_MS
    )
    expect(nina.locator("#speakers .speaker-queue li.mine")).to_contain_text("Nina Norsk")

    # The facilitator moves Nina up from the keyboard.
    nina_request = SpeakerRequest.objects.get(
        participant__display_name="Nina Norsk", status="waiting"
    )
    up = console.locator(f"#speaker-{nina_request.pk}-f form:has(input[value='move']) button")
    up.focus()
    with console.expect_response(lambda r: f"/items/{plenum.pk}/speakers/" in r.url):
        console.keyboard.press("Enter")
    expect(console.locator(".speaker-queue-console .speaker-name")).to_have_text(
        ["Nina Norsk", "Dan Dansk"], timeout=PUSH_TIMEOUT_MS
    )
    expect(projector.locator("#speakers-stage .speaker-next li")).to_have_text(
        ["Nina Norsk", "Dan Dansk"], timeout=PUSH_TIMEOUT_MS
    )

    # Nina gets the floor: the projector shows her with a countdown, Dan as next.
    queue_url = f"/items/{plenum.pk}/speakers/"
    htmx_submit(console, "#speakers-console form:has(input[value='next']) button", queue_url)
    expect(projector.locator("#speakers-stage .speaker-now")).to_have_text(
        "Nina Norsk", timeout=PUSH_TIMEOUT_MS
    )
    expect(projector.locator("#speakers-stage .countdown")).to_have_text(re.compile(r"^[12]:\d\d$"))
    expect(projector.locator("#speakers-stage .speaker-next li")).to_have_text(["Dan Dansk"])
    expect(nina.locator("#speakers .speaking-you")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    screenshot(projector, screenshot_dir / "speakers-projector.png")
    screenshot(nina, screenshot_dir / "speakers-phone-nb.png", full_page=True)
    screenshot(dan, screenshot_dir / "speakers-phone-da.png", full_page=True)
    screenshot(console, screenshot_dir / "speakers-console.png", full_page=True)

    # Next: Dan speaks; then he is done and nobody is called.
    htmx_submit(console, "#speakers-console form:has(input[value='next']) button", queue_url)
    expect(projector.locator("#speakers-stage .speaker-now")).to_have_text(
        "Dan Dansk", timeout=PUSH_TIMEOUT_MS
    )
    htmx_submit(console, "#speakers-console form:has(input[value='finish']) button", queue_url)
    expect(projector.locator("#speakers-stage .speaker-now")).to_have_count(
        0, timeout=PUSH_TIMEOUT_MS
    )
    expect(dan.locator("#speakers form.speak-ask")).to_be_visible()

    report = console.context.new_page()
    report.goto(f"{server.url}/s/{seminar.pk}/report/")
    expect(report.locator("#speakers")).to_contain_text("Nina Norsk")
    expect(report.locator("#speakers")).to_contain_text("Dan Dansk")
    problems.assert_none()
