"""Citizen interviews at two tables: four phones (two Danish, two Norwegian) write theirs, a
table marks a common thread and a difference and flags an interview, its screen and phones see
it live, and the facilitator steps through the flagged interviews on the projector."""

import re

from playwright.sync_api import expect

from groups.models import Group, Grouping
from ideas.interviews.models import Interview, InterviewDifference, InterviewThread
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    clock,
    edit_item,
    form_grouping,
    htmx_submit,
    join_phone_in,
    open_console,
    open_projector,
    open_table_screen,
    pair_table_screen,
    participant_id,
    screenshot,
    submit_and_wait,
    wait_live,
)

PEOPLE = (
    ("Anne", "da-DK", "Teknik"),
    ("Bo", "da-DK", "Skole"),
    ("Kari", "nb-NO", "Teknik"),
    ("Ola", "nb-NO", "Skole"),
)


def write_interview(page, who, said, quote):
    with page.expect_navigation():
        page.click("#my-work a[href$='/interview/']")
    page.fill("#id_who", who)
    page.fill("#id_said", said)
    page.fill("#id_quote", quote)
    submit_and_wait(page, "#interview-form", url_part="/me/")
    wait_live(page)


def test_interviews_journey_threads_flags_and_the_projector(
    server, seeded, screens, problems, screenshot_dir
):
    seminar, items = seeded.seminar, seeded.items
    item = items[2]
    console = open_console(screens, server.url, seminar)
    setup = problems.watch(console.context.new_page(), "set-up tab")
    phones = {
        name: join_phone_in(
            screens, server.url, seminar, name=name, locale=locale, department=department
        )
        for name, locale, department in PEOPLE
    }
    assert phones["Kari"].evaluate("document.documentElement.lang") == "nb"
    assert phones["Anne"].evaluate("document.documentElement.lang") == "da"
    form_grouping(setup, server.url, seminar, name="Borde", method="by_department")
    grouping = Grouping.objects.get(seminar=seminar)
    teknik = Group.objects.get(grouping=grouping, members__display_name="Anne")
    edit_item(setup, server.url, seminar, item, kind="interviews", grouping=grouping)
    clock(console, "start")
    clock(console, f"goto/{item.pk}")
    for page in phones.values():
        expect(page.locator("#my-work a[href$='/interview/']")).to_be_visible(
            timeout=PUSH_TIMEOUT_MS
        )
    screen, code = open_table_screen(screens, server.url, "screen Teknik")
    pair_table_screen(setup, server.url, seminar, code=code, group=teknik, screen=screen)

    write_interview(phones["Anne"], "Landmand, 58", "Kommunen svarer langsomt", "I ringer aldrig")
    write_interview(phones["Kari"], "Ungdomsleder", "Kommunen lytter når vi møter opp", "Ja!")
    table = f"#interviews-table-{teknik.pk}"
    for page in (screen, phones["Anne"], phones["Kari"]):
        expect(page.locator(f"{table} .interview .idea-text")).to_have_text(
            ["Landmand, 58", "Ungdomsleder"], timeout=PUSH_TIMEOUT_MS
        )
    # Norwegian words on Kari's phone, Danish on Anne's, for the same table.
    expect(phones["Kari"].locator(f"{table} h3").first).to_have_text("Røde tråder")
    expect(phones["Anne"].locator(f"{table} h3").first).to_have_text("Røde tråde")
    # The author's own card offers "change"; the tablemate's does not.
    expect(phones["Anne"].locator(f"{table} .interview.mine")).to_have_count(1)

    # Anne marks a common thread, Kari a difference: each sees the other's at once.
    anne, kari = phones["Anne"], phones["Kari"]
    anne.fill("#id_thread-label", "Tid og tilgængelighed")
    anne.check(
        f"#interview-thread-form input[value='{Interview.objects.get(who='Landmand, 58').pk}']"
    )
    anne.check(
        f"#interview-thread-form input[value='{Interview.objects.get(who='Ungdomsleder').pk}']"
    )
    htmx_submit(anne, "#interview-thread-form button[type=submit]", "/interviews/threads/")
    expect(kari.locator(f"{table} .interview-threads li strong")).to_have_text(
        "Tid og tilgængelighed", timeout=PUSH_TIMEOUT_MS
    )
    kari.select_option("#id_difference-first", label="Landmand, 58")
    kari.select_option("#id_difference-second", label="Ungdomsleder")
    kari.fill("#id_difference-note", "Land og by")
    htmx_submit(kari, "#interview-difference-form button[type=submit]", "/interviews/differences/")
    expect(anne.locator(f"{table} .interview-differences li")).to_contain_text(
        "Land og by", timeout=PUSH_TIMEOUT_MS
    )
    assert InterviewThread.objects.get().interviews.count() == 2
    assert InterviewDifference.objects.get().note == "Land og by"

    # The table screen flags Anne's interview as the most surprising.
    landmand = Interview.objects.get(who="Landmand, 58")
    flag = f"#interview-{landmand.pk} form:has(input[value='surprising']) button"
    htmx_submit(screen, flag, f"/interviews/{landmand.pk}/flag/")
    for page in (screen, anne, kari):
        expect(page.locator(flag)).to_have_attribute(
            "aria-pressed", "true", timeout=PUSH_TIMEOUT_MS
        )
    screenshot(kari, screenshot_dir / "interviews-phone-nb.png", full_page=True)
    screenshot(screen, screenshot_dir / "interviews-table-screen.png")

    # In plenum the facilitator steps through the flagged interviews on the projector.
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )
    expect(projector.locator("#interview-stage")).to_be_visible()
    htmx_submit(
        console, "#interview-stage form:has(input[value='next']) button", "/interviews/stage/"
    )
    expect(projector.locator("#interview-stage .interview-quote")).to_contain_text(
        "I ringer aldrig", timeout=PUSH_TIMEOUT_MS
    )
    expect(projector.locator("#interview-stage .interview-heading")).to_contain_text(
        re.compile("Mest overraskende|Most surprising")  # the projector browser's language
    )
    screenshot(projector, screenshot_dir / "interviews-projector.png")
    # A phone that reloads (or reconnects) finds the table as it was.
    anne.reload()
    wait_live(anne)
    expect(anne.locator(f"{table} .interview-threads li strong")).to_have_text(
        "Tid og tilgængelighed"
    )
    assert participant_id(anne) == landmand.author_id
    problems.assert_none()
