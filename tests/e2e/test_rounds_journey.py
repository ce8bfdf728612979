"""A question round in a real browser: two tables answer two questions on their phones (one
Danish, one Swedish, 360 px wide), the facilitator merges the duplicate answers on the console,
the room spends its dots, and the ranked list of the most important conclusions reaches the
phones, the projector and the documentation, without a reload. axe checks each new page."""

from unittest import mock

from agenda import services as agenda_services
from groups import services as group_services
from groups.models import Grouping
from ideas.models import Idea
from tests.e2e.accessibility import axe_source, axe_violations
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    clock,
    htmx_submit,
    join_phone_in,
    open_console,
    open_projector,
    wait_live,
)

QUESTIONS = "Hvad er vigtigst?\nHvad skal vi undgå?"
RANKED = {
    "da": "De vigtigste konklusioner ifølge deltagerne",
    "sv": "De viktigaste slutsatserna enligt deltagarna",
}


def _answer(phone, number, text):
    """Answer question `number` (1, 2...) with the table: the card appears on the board live."""
    form = phone.locator("#my-work form[id^='answer-']").nth(number - 1)
    form.locator("textarea").fill(text)
    with phone.expect_response(lambda r: "/answer/" in r.url and r.request.method == "POST"):
        form.locator("button[type=submit]").click()
    phone.locator("#my-work .board").nth(number - 1).get_by_text(text).wait_for(
        timeout=PUSH_TIMEOUT_MS
    )


def _no_axe_violations(page, source, what):
    violations = axe_violations(page, source)
    assert violations == [], (what, violations)


def _fits_360(page):
    """Nothing is wider than the phone: no sideways scrolling at 360 px."""
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_answer_merge_vote_and_the_ranked_list_live(seeded, server, screens, problems):
    source = axe_source()
    seminar, items = seeded.seminar, seeded.items
    console = open_console(screens, server.url, seminar)
    console.set_viewport_size({"width": 1440, "height": 900})
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )
    phones = {
        "da": join_phone_in(screens, server.url, seminar, locale="da-DK", name="Dorte"),
        "sv": join_phone_in(screens, server.url, seminar, locale="sv-SE", name="Sven"),
    }
    with mock.patch("seminar.live._send"):  # set up before the start: nothing to push yet
        plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=1, seed=1)
        grouping = group_services.create_grouping(
            seminar, by=seeded.facilitator, name="Borde", method="random", size=1, plan=plan
        )
        agenda_services.update_item(
            items[0],
            by=seeded.facilitator,
            kind="questions",
            grouping=grouping,
            description=QUESTIONS,
        )
    # Made in this process, the tables reach no open page: each page loads them once, before
    # the start. From here on every screen follows by its socket alone.
    for page in (console, *phones.values()):
        page.reload()
        wait_live(page)
    clock(console, "start")

    # The tables answer, each on its own boards; the console sees the cards arrive.
    for language, phone in phones.items():
        phone.wait_for_selector("#my-work form[id^='answer-']", timeout=PUSH_TIMEOUT_MS)
        assert phone.evaluate("document.documentElement.lang") == language
        assert phone.locator("#my-work form[id^='answer-']").count() == 2
        assert "Hvad skal vi undgå?" in phone.inner_text("#my-work")  # the seminar's words
    assert "Svara" not in phones["da"].inner_text("#my-work")
    assert "Skicka svaret" in phones["sv"].inner_text("#my-work")
    assert "Hvad er vigtigst?" in projector.inner_text("#stage")
    _answer(phones["da"], 1, "Lyt til borgerne")
    _answer(phones["sv"], 1, "Lyssna på invånarna")
    _answer(phones["sv"], 2, "Prestige")
    _no_axe_violations(phones["sv"], source, "phone answering")
    _fits_360(phones["sv"])
    console.get_by_text("Lyssna på invånarna").first.wait_for(timeout=PUSH_TIMEOUT_MS)

    # Close the answers: every screen moves to the merge.
    htmx_submit(console, "#exercise button[value=close]", "/step/")
    for phone in phones.values():
        phone.wait_for_selector("#my-work .round-step[data-step='merge']", timeout=PUSH_TIMEOUT_MS)
    first, second = (
        Idea.objects.get(text="Lyt til borgerne"),
        Idea.objects.get(text="Lyssna på invånarna"),
    )
    console.wait_for_selector(f"#merge-{first.pk}", timeout=PUSH_TIMEOUT_MS)
    _no_axe_violations(console, source, "console merging")
    console.check(f"#merge-{first.pk}")
    console.check(f"#merge-{second.pk}")
    form = console.locator(".merge-form").first
    form.locator("input[name=text]").fill("Lyt til borgerne først")
    htmx_submit(console, ".merge-form >> nth=0 >> button[type=submit] >> nth=0", "/merge/")
    for page in (*phones.values(), projector):
        page.get_by_text("Lyt til borgerne først").first.wait_for(timeout=PUSH_TIMEOUT_MS)

    # The dot votes: one per question; each phone spends a dot on the merged conclusion.
    console.fill("#exercise input[name=budget]", "2")
    htmx_submit(console, "#exercise button[value=vote]", "/step/")
    for phone in phones.values():
        # Each question's ballot is under the question (the first question here).
        ballot = phone.locator("#my-work .round-question a[href*='/votes/']").first
        ballot.wait_for(timeout=PUSH_TIMEOUT_MS)
        ballot.click()
        # Live (its socket's first state names the state the ballot shows: nothing to fetch).
        phone.wait_for_selector("body[data-live='open'] #ballot", state="attached")
        card = phone.locator("#ballot li.idea", has_text="Lyt til borgerne først")
        with phone.expect_response(lambda r: "/dot/" in r.url):
            card.locator("button[type=submit]").first.click()
        phone.wait_for_selector("#ballot [data-dots-left='1']")
        _fits_360(phone)
        phone.go_back()
        wait_live(phone)

    # Revealed: the ranked list on the phones (in their languages), the projector, the console.
    htmx_submit(console, "#exercise button[value=reveal]", "/step/")
    for language, phone in phones.items():
        phone.get_by_text(RANKED[language]).first.wait_for(timeout=PUSH_TIMEOUT_MS)
        ranked = phone.locator("#my-work ol.conclusions").first
        assert ranked.locator("li").first.inner_text().startswith("2")
        assert "Lyt til borgerne først" in ranked.locator("li").first.inner_text()
    _no_axe_violations(phones["da"], source, "phone ranked list")
    _fits_360(phones["da"])
    projector.get_by_text(RANKED["da"]).first.wait_for(timeout=PUSH_TIMEOUT_MS)
    projector.wait_for_selector(".round-stage[data-step='ranked']")
    _no_axe_violations(projector, source, "projector ranked list")
    size = projector.evaluate(
        "parseFloat(getComputedStyle(document.querySelector('.round-stage .conclusions li'))"
        ".fontSize)"
    )
    assert size >= 24  # readable from the back of the room (1.5rem at least)

    # The documentation's chapter: the ranked conclusion with the answers merged into it.
    report = console.context.new_page()
    report.goto(f"{server.url}/s/{seminar.pk}/report/")
    text = report.inner_text("main")
    assert RANKED["da"] in text
    assert text.index("Lyt til borgerne først") < text.index("Lyssna på invånarna")
    assert "Dorte" in text and "Sven" in text
    _no_axe_violations(report, source, "documentation")
    report.close()
    problems.assert_none()
