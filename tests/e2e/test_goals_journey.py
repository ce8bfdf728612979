"""Two tables draft a goal each, the facilitator puts both on the projector, phones and a table
screen shake hands on them, the goals are sealed, and a director follows them up afterwards."""

import io
from unittest import mock

from docx import Document
from openpyxl import load_workbook
from playwright.sync_api import expect

from groups.models import Group, Grouping
from ideas.models import Goal
from seminar.permissions import DIRECTORS_GROUP
from tests import factories
from tests.e2e.helpers import (
    PASSWORD,
    PUSH_TIMEOUT_MS,
    clock,
    edit_item,
    form_grouping,
    htmx_submit,
    join_phones,
    log_in,
    open_console,
    open_projector,
    open_table_screen,
    pair_table_screen,
    screenshot,
    submit_and_wait,
)

TEKNIK_GOAL = {
    "title": "Én indgang for borgerne",
    "why": "Borgerne skal ikke kende vores organisation",
    "measure": "Halvt så mange viderestillinger",
    "target_date": "2027-06-30",
    "owner": "Teknik og Miljø",
}
SKOLE_GOAL = {
    "title": "Fælles sprog om trivsel",
    "why": "Skole og sundhed taler forbi hinanden",
    "measure": "Trivselsmålingen i alle skoler",
    "target_date": "2027-09-01",
    "owner": "Børn og Skole",
}
NOTE = "Styregruppen er nedsat, første møde holdt."


def draft_goal(page, fields):
    """A phone or a table screen drafts its table's goal in #goal-form (htmx swaps the form)."""
    for name, value in fields.items():
        page.fill(f"#goal-form #id_{name}", value)
    htmx_submit(page, "#goal-form button[type=submit]", "/goals/")
    expect(page.locator("#goal-form .message.success")).to_be_visible()


def show(console, goal):
    htmx_submit(
        console, f"#goals form[action$='/goals/{goal.pk}/show/'] button", f"/goals/{goal.pk}/show/"
    )


def shake(page, goal):
    htmx_submit(page, "#goal-card form.shake-give button", f"/goals/{goal.pk}/shake/")
    # The shaker's own card turns to "you gave a handshake" at once.
    expect(page.locator("#goal-card form.shake-take")).to_be_visible()
    expect(page.locator("#goal-card form.shake-give")).to_be_hidden()


def handshakes(projector):
    return projector.locator("#goal-stage .handshakes .count")


def test_goals_journey_handshakes_seal_and_a_directors_follow_up(
    server, seeded, screens, problems, screenshot_dir
):
    seminar, items = seeded.seminar, seeded.items
    goals_item = items[3]
    console = open_console(screens, server.url, seminar)
    console.on("dialog", lambda dialog: dialog.accept())  # "Seal the goals?" (hx-confirm)
    setup = problems.watch(console.context.new_page(), "set-up tab")
    people = [
        ("Anne", "Teknik", "phone Anne"),
        ("Bo", "Teknik", "phone Bo"),
        ("Cai", "Skole", "phone Cai"),
        ("Dea", "Skole", "phone Dea"),
    ]
    phones = join_phones(screens, server.url, seminar, people)
    anne, bo, cai, dea = phones
    form_grouping(setup, server.url, seminar, name="Forvaltningsborde", method="by_department")
    grouping = Grouping.objects.get(seminar=seminar)
    teknik = Group.objects.get(grouping=grouping, members__display_name="Anne")
    skole = Group.objects.get(grouping=grouping, members__display_name="Cai")
    edit_item(setup, server.url, seminar, goals_item, kind="goals", grouping=grouping)

    clock(console, "start")
    clock(console, f"goto/{goals_item.pk}")
    for phone in phones:
        expect(phone.locator("#my-work #goal-form")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    # Skole's table screen is paired as the goal work begins (a screen paired before an item
    # change logs an error: test_a_paired_table_screen_follows_the_clock_without_errors).
    screen, code = open_table_screen(screens, server.url, "screen Skole")
    pair_table_screen(setup, server.url, seminar, code=code, group=skole, screen=screen)
    expect(screen.locator("#my-work #goal-form")).to_be_visible()

    # Each table drafts its goal: Teknik on Anne's phone, Skole on its table screen.
    draft_goal(anne, TEKNIK_GOAL)
    draft_goal(screen, SKOLE_GOAL)
    teknik_goal = Goal.objects.get(seminar=seminar, group=teknik)
    skole_goal = Goal.objects.get(seminar=seminar, group=skole)
    assert teknik_goal.title == TEKNIK_GOAL["title"] and teknik_goal.owner == TEKNIK_GOAL["owner"]
    assert str(skole_goal.target_date) == SKOLE_GOAL["target_date"]
    expect(console.locator("#goals li strong")).to_have_text(
        [TEKNIK_GOAL["title"], SKOLE_GOAL["title"]], timeout=PUSH_TIMEOUT_MS
    )
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )

    # The facilitator presents Teknik's goal: every phone and the screen can shake on it, and
    # the projector counts each handshake as it comes.
    show(console, teknik_goal)
    expect(projector.locator("#goal-stage .goal-title")).to_have_text(
        TEKNIK_GOAL["title"], timeout=PUSH_TIMEOUT_MS
    )
    expect(handshakes(projector)).to_have_attribute("data-handshakes", "0")
    shakers = [anne, bo, cai, dea, screen]
    for page in shakers:
        expect(page.locator("#goal-card .goal-title")).to_have_text(
            TEKNIK_GOAL["title"], timeout=PUSH_TIMEOUT_MS
        )
    for count, page in enumerate(shakers, start=1):
        shake(page, teknik_goal)
        expect(handshakes(projector)).to_have_attribute(
            "data-handshakes", str(count), timeout=PUSH_TIMEOUT_MS
        )
    expect(handshakes(projector)).to_have_text("5")
    expect(projector.locator("#goal-stage ul.shakers li")).to_have_text(
        ["Anne", "Bo", "Cai", "Dea", skole.name]
    )
    screenshot(anne, screenshot_dir / "goals-phone-card.png", full_page=True)
    screenshot(projector, screenshot_dir / "goals-projector-stage.png")

    # Then Skole's goal: three phones and Skole's screen shake on it.
    show(console, skole_goal)
    expect(projector.locator("#goal-stage .goal-title")).to_have_text(
        SKOLE_GOAL["title"], timeout=PUSH_TIMEOUT_MS
    )
    expect(handshakes(projector)).to_have_attribute("data-handshakes", "0")
    for page in shakers:
        expect(page.locator("#goal-card .goal-title")).to_have_text(
            SKOLE_GOAL["title"], timeout=PUSH_TIMEOUT_MS
        )
        # A fresh goal: nobody has shaken on it yet, whatever they did on the last one.
        expect(page.locator("#goal-card form.shake-give")).to_be_visible()
    for count, page in enumerate((cai, dea, anne, screen), start=1):
        shake(page, skole_goal)
        expect(handshakes(projector)).to_have_attribute(
            "data-handshakes", str(count), timeout=PUSH_TIMEOUT_MS
        )
    expect(console.locator("#goal-stage .handshakes .count")).to_have_text("4")

    # The facilitator seals the goal shown: the cards stop offering handshakes on it and the
    # record stands (each goal is sealed in its turn).
    htmx_submit(console, "#goals form[action$='/seal/'] button", "/seal/")
    for page in shakers:
        expect(page.locator("#goal-card .badge.good")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
        expect(page.locator("#goal-card form.shake-give")).to_have_count(0)
    expect(console.locator("#goals form[action$='/seal/']")).to_have_count(0)
    expect(console.locator("#goals form[action$='/reopen/']")).to_have_count(1)
    expect(handshakes(projector)).to_have_text("4")
    skole_goal.refresh_from_db()
    assert skole_goal.sealed_at is not None
    assert teknik_goal.pledges.count() == 5 and skole_goal.pledges.count() == 4
    screenshot(projector, screenshot_dir / "goals-projector-sealed.png")
    screenshot(screen, screenshot_dir / "goals-screen-sealed.png")

    # Weeks later a director who follows the seminar opens the follow-up.
    with mock.patch("seminar.live._send"):
        director = factories.make_user("direktoer", role=DIRECTORS_GROUP, password=PASSWORD)
        seminar.directors.add(director)
    office = screens("director", viewport={"width": 1280, "height": 900}, locale="en-US")
    log_in(office, server.url, "direktoer")
    office.goto(f"{server.url}/follow-up/")

    def row(goal):
        return office.locator(f"tbody tr:has(a[href$='/follow-up/goals/{goal.pk}/'])")

    expect(row(teknik_goal).locator("td").nth(5)).to_have_text("5")
    expect(row(skole_goal).locator("td").nth(5)).to_have_text("4")
    expect(row(teknik_goal).locator("td").nth(2)).to_have_text(TEKNIK_GOAL["owner"])
    with office.expect_navigation():
        office.click(f"a[href$='/follow-up/goals/{teknik_goal.pk}/']")
    expect(office.locator("#pledges-heading")).to_contain_text("(5)")
    expect(office.locator("ul.shakers li")).to_have_count(5)
    office.select_option("#id_status", "under_way")
    office.fill("#id_note", NOTE)
    office.fill("#id_next_follow_up", "2027-01-15")
    submit_and_wait(
        office, "main form[method=post]", url_part=f"/follow-up/goals/{teknik_goal.pk}/"
    )
    expect(office.locator("main > p.muted .badge")).to_have_text("Under way")
    expect(office.locator("section[aria-labelledby=history-heading] li")).to_contain_text([NOTE])
    teknik_goal.refresh_from_db()
    assert teknik_goal.status == Goal.Status.UNDER_WAY
    assert str(teknik_goal.next_follow_up) == "2027-01-15"
    office.goto(f"{server.url}/follow-up/")
    expect(row(teknik_goal).locator(".badge")).to_have_text("Under way")
    expect(row(skole_goal).locator(".badge")).to_have_text("Not started")
    screenshot(office, screenshot_dir / "goals-director-follow-up.png", full_page=True)

    # The spreadsheet, as the browser downloads it from the follow-up page.
    with office.expect_download() as info:
        office.click("a[href*='/follow-up/export.xlsx']")
    assert info.value.suggested_filename == "plenum-goals.xlsx"
    # The download's file has no extension: openpyxl reads it from its bytes.
    workbook = load_workbook(io.BytesIO(info.value.path().read_bytes()))
    goals_sheet, pledges_sheet, _actions_sheet = workbook.worksheets
    by_title = {row[3]: row for row in goals_sheet.iter_rows(min_row=2, values_only=True)}
    assert set(by_title) == {TEKNIK_GOAL["title"], SKOLE_GOAL["title"]}, by_title
    # Status, handshakes and the latest note, as the director's follow-up left them.
    assert by_title[TEKNIK_GOAL["title"]][9] == "Under way", by_title
    assert by_title[TEKNIK_GOAL["title"]][11] == 5, by_title
    assert NOTE in str(by_title[TEKNIK_GOAL["title"]][13]), by_title
    assert by_title[SKOLE_GOAL["title"]][9] == "Not started", by_title
    assert by_title[SKOLE_GOAL["title"]][11] == 4, by_title
    assert len(list(pledges_sheet.iter_rows(min_row=2))) == 9

    # The follow-up dates for a calendar, and the seminar's report as Word and PDF.
    ics = office.request.get(f"{server.url}/follow-up/export.ics")
    assert ics.status == 200
    assert ics.headers["content-type"].startswith("text/calendar")
    calendar = ics.text()
    assert "BEGIN:VCALENDAR" in calendar and "DTSTART;VALUE=DATE:20270115" in calendar, calendar
    assert calendar.count("BEGIN:VEVENT") == 1, calendar
    docx = office.request.get(f"{server.url}/s/{seminar.pk}/report.docx")
    assert docx.status == 200
    assert docx.headers["content-type"] == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )
    document = Document(io.BytesIO(docx.body()))
    cells = (cell.text for table in document.tables for row in table.rows for cell in row.cells)
    text = "\n".join([*(p.text for p in document.paragraphs), *cells])
    assert TEKNIK_GOAL["title"] in text and SKOLE_GOAL["title"] in text, text
    pdf = office.request.get(f"{server.url}/s/{seminar.pk}/report.pdf")
    assert pdf.status == 200
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF-")
    problems.assert_none()
