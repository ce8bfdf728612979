"""A dilemma scale in a real browser: two phones (Danish and Norwegian) place themselves, the
console sees the answers arrive, reveals the chart on the projector, closes the round and runs a
second; the projector's chart shows how the room moved."""

import os
from pathlib import Path
from unittest import mock

from playwright.sync_api import TimeoutError as PlaywrightTimeoutError

from agenda import services as agenda_services
from ideas.models import Answer
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    htmx_submit,
    join_phone_in,
    open_console,
    open_projector,
)

SHOTS = Path(os.environ.get("PLENUM_SCALES_SHOTS", "/tmp/scales-shots"))  # noqa: S108


def _place(page, key):
    """Move the first dilemma's slider with the keyboard (as a screen reader user would) and
    wait until the phone says it is saved. A form fetched again just then (its person's own
    answers, after a push) can take the key press with it: the press is made again."""
    for attempt in range(3):
        slider = page.locator("#scale-answers input[type=range]").first
        try:
            with page.expect_response(
                lambda r: "/answer/" in r.url and r.request.method == "POST", timeout=5000
            ):
                slider.focus()
                page.keyboard.press(key)
            break
        except PlaywrightTimeoutError:
            if attempt == 2:
                raise
    page.locator("#scale-answers form").first.locator(".saved").wait_for(timeout=PUSH_TIMEOUT_MS)


def _shot(page, name):
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / name), caret="initial")


def test_a_dilemma_round_two_on_phones_console_and_projector(seeded, server, screens, problems):
    seminar, items = seeded.seminar, seeded.items
    with mock.patch("seminar.live._send"):  # nobody is connected yet
        agenda_services.update_item(items[0], by=seeded.facilitator, kind="dilemma")
        agenda_services.start_seminar(seminar, by=seeded.facilitator)
    scale = items[0].scale

    console = open_console(screens, server.url, seminar)
    console.set_viewport_size({"width": 1440, "height": 900})
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )
    phones = {
        "da": join_phone_in(screens, server.url, seminar, locale="da-DK", name="Dorte"),
        "nb": join_phone_in(screens, server.url, seminar, locale="nb-NO", name="Nils"),
    }
    for language, phone in phones.items():
        assert phone.evaluate("document.documentElement.lang") == language
        phone.wait_for_selector("#scale-answers form input[type=range]")
        # The poles are the seminar's (Danish) words; the buttons speak the phone's language.
        assert "Udvikle kvalitet" in phone.inner_text("#scale-answers")
    assert "Lagre" in phones["nb"].inner_text("#scale-answers")

    _place(phones["da"], "Home")  # all the way to "Spare"
    _place(phones["nb"], "End")  # all the way to "Udvikle kvalitet"
    _shot(phones["nb"], "phone-nb-round1.png")
    console.wait_for_selector("#scale-chart[data-answered='2']", timeout=PUSH_TIMEOUT_MS)
    # The projector counts the answers but shows no chart until the facilitator reveals it.
    projector.wait_for_selector("#scale-chart[data-answered='2']", timeout=PUSH_TIMEOUT_MS)
    assert projector.locator("#scale-chart svg").count() == 0

    state = f"/scales/{scale.pk}/state/"
    htmx_submit(console, "#exercise button[value=reveal]", state)
    projector.wait_for_selector("#scale-chart svg.chart-dilemma", timeout=PUSH_TIMEOUT_MS)
    htmx_submit(console, "#exercise button[value=close]", state)
    for phone in phones.values():
        phone.wait_for_selector("#scale-answers fieldset[disabled]", timeout=PUSH_TIMEOUT_MS)

    htmx_submit(console, "#exercise button[value=next-round]", state)
    for phone in phones.values():
        # The new round's forms are open again (the closed round's were disabled).
        phone.wait_for_selector(
            "#scale-answers form:first-of-type fieldset:not([disabled]) input[type=range]",
            timeout=PUSH_TIMEOUT_MS,
        )
        phone.wait_for_selector("#scale-answers form:first-of-type .muted")  # not answered yet
    _place(phones["da"], "End")  # Dorte moved after the discussion
    # Nils moves his slider twice before the first save is back: the second place is kept, on
    # his phone and on the server (his first answer's key is not reused for the second).
    nils = phones["nb"]
    nils.locator("#scale-answers input[type=range]").first.focus()
    nils.keyboard.press("Home")
    nils.keyboard.press("End")
    console.wait_for_selector(
        "#scale-chart[data-answered='2'] svg .shift", state="attached", timeout=PUSH_TIMEOUT_MS
    )
    assert nils.locator("#scale-answers input[type=range]").first.input_value() == "100"
    nils.wait_for_function(  # both saves answered
        "() => !document.querySelector('#scale-answers .htmx-request')"
        " && document.querySelector('#scale-answers form .saved')",
        timeout=PUSH_TIMEOUT_MS,
    )
    nils.reload()
    assert nils.locator("#scale-answers input[type=range]").first.input_value() == "100"
    # Each answer went with its page and its number, in the order made: a slow first save
    # that arrived last would not have undone the second (ideas/scales/services.answer).
    kept = Answer.objects.filter(participant__display_name="Nils").order_by("-round").first()
    assert kept.value == 100 and kept.sent_from is not None and kept.sent_number >= 2
    projector.wait_for_selector(
        "#scale-chart svg .shift", state="attached", timeout=PUSH_TIMEOUT_MS
    )
    console.wait_for_selector("#scale-chart svg .shift", state="attached", timeout=PUSH_TIMEOUT_MS)
    # The numbers are there for screen readers: two rounds and the shift (from 50 to 100).
    table = projector.text_content("#scale-chart-table")
    assert "100" in table and "50" in table
    _shot(projector, "projector-round2.png")
    _shot(console, "console-round2.png")
    _shot(phones["da"], "phone-da-round2.png")
    problems.assert_none()
