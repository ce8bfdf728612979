"""The action list at one table: two phones at 360 px, one Danish and one Norwegian, write their
own actions; the table (a phone and its screen) picks and writes its prioritised points and
orders them, the projector shows them live, the facilitator closes the round (every screen says
so, nothing can change), and a director finds the personal actions beside the goals. axe runs
on each new page as it is."""

from unittest import mock

from playwright.sync_api import expect

from groups.models import Group, Grouping
from ideas.models import Goal, GroupPoint, MondayAction
from seminar.permissions import DIRECTORS_GROUP
from tests import factories
from tests.e2e.accessibility import axe_source, axe_violations
from tests.e2e.helpers import (
    PASSWORD,
    PUSH_TIMEOUT_MS,
    clock,
    edit_item,
    form_grouping,
    htmx_submit,
    join_phone_in,
    log_in,
    open_console,
    open_projector,
    open_table_screen,
    pair_table_screen,
    screenshot,
    wait_live,
)

GOAL = "Borgeren med fra start"


def write_action(page, text, goal=None):
    """One more action on the phone's own list (the list is fetched by the phone itself)."""
    form = "#my-actions form[hx-post$='/actions/']"
    page.fill(f"{form} textarea, {form} input[name=text]", text)
    if goal is not None:
        page.select_option(f"{form} select[name=goal]", label=goal)
    htmx_submit(page, f"{form} button[type=submit]", "/actions/")
    expect(page.locator("#my-actions .my-action textarea").last).to_have_value(text)


def no_axe_violations(page, source, where):
    violations = axe_violations(page, source)
    assert not violations, f"{where}: " + "; ".join(f"{v['id']}: {v['nodes']}" for v in violations)


def no_sideways_scroll(page, where):
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 360, f"{where} is {width} px wide at 360 px"


def test_action_list_journey_points_close_projector_and_follow_up(
    server, seeded, screens, problems, screenshot_dir
):
    source = axe_source()
    seminar, item = seeded.seminar, seeded.items[2]
    with mock.patch("seminar.live._send"):
        Goal.objects.create(seminar=seminar, title=GOAL)
    console = open_console(screens, server.url, seminar)
    setup = problems.watch(console.context.new_page(), "set-up tab")
    anne = join_phone_in(
        screens, server.url, seminar, name="Anne", locale="da-DK", department="Teknik"
    )
    kari = join_phone_in(
        screens, server.url, seminar, name="Kari", locale="nb-NO", department="Teknik"
    )
    form_grouping(setup, server.url, seminar, name="Forvaltninger", method="by_department")
    grouping = Grouping.objects.get(seminar=seminar)
    teknik = Group.objects.get(grouping=grouping, members__display_name="Anne")
    edit_item(setup, server.url, seminar, item, kind="action_list", grouping=grouping)
    clock(console, "start")
    clock(console, f"goto/{item.pk}")
    screen, code = open_table_screen(screens, server.url, "screen Teknik")
    pair_table_screen(setup, server.url, seminar, code=code, group=teknik, screen=screen)
    points = f"#action-points-{teknik.pk}"
    for page in (anne, kari, screen):
        expect(page.locator(points)).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    # Each phone asks the seed's question in the seminar's words and fetches its own list.
    expect(anne.locator("#my-work h2").first).to_have_text(
        "Det første, jeg vil gøre, når jeg kommer hjem"
    )
    expect(kari.locator("#my-actions form[hx-post$='/actions/']")).to_be_visible()

    write_action(anne, "Samtale med min KSO", goal=GOAL)
    write_action(anne, "Formalisere netværkene")
    write_action(kari, "Kontakte nabokommunene")
    choices = f"{points} .action-choice"
    for page in (anne, kari, screen):
        expect(page.locator(choices)).to_have_count(3, timeout=PUSH_TIMEOUT_MS)
    no_axe_violations(anne, source, "Anne's phone, writing")
    no_sideways_scroll(anne, "Anne's phone")

    # Kari's phone (in Norwegian) picks Anne's first action; the table screen picks Kari's.
    expect(kari.locator(f"{points} h3")).to_have_text("Våre handlinger")
    expect(anne.locator(f"{points} h3")).to_have_text("Vores handlinger")
    pick = f"{choices}:has-text('%s') button"
    htmx_submit(kari, pick % "Samtale med min KSO", "/action-points/")
    htmx_submit(screen, pick % "Kontakte nabokommunene", "/action-points/")
    # Anne writes one together with the table, one-handed at 360 px.
    anne.fill(f"#point-text-{teknik.pk}", "Vi inviterer borgerne tidligt")
    htmx_submit(anne, f"{points} form:has(#point-text-{teknik.pk}) button", "/action-points/")
    listed = f"{points} .action-point .idea-text"
    order = ["Samtale med min KSO", "Kontakte nabokommunene", "Vi inviterer borgerne tidligt"]
    for page in (anne, kari, screen):
        expect(page.locator(listed)).to_have_text(order, timeout=PUSH_TIMEOUT_MS)
    # The table screen moves the written point to the top, a place at a time.
    written = GroupPoint.objects.get(text="Vi inviterer borgerne tidligt")
    up = f"#action-point-{written.pk} form[hx-post$='/move/'] button"
    htmx_submit(screen, up, f"/action-points/{written.pk}/move/")
    order = ["Samtale med min KSO", "Vi inviterer borgerne tidligt", "Kontakte nabokommunene"]
    expect(screen.locator(listed)).to_have_text(order)
    htmx_submit(screen, f"{up} >> nth=0", f"/action-points/{written.pk}/move/")
    order = ["Vi inviterer borgerne tidligt", "Samtale med min KSO", "Kontakte nabokommunene"]
    for page in (anne, kari, screen):
        expect(page.locator(listed)).to_have_text(order, timeout=PUSH_TIMEOUT_MS)
    no_axe_violations(kari, source, "Kari's phone, the table's points")
    no_sideways_scroll(kari, "Kari's phone")
    no_axe_violations(screen, source, "table screen")
    screenshot(kari, screenshot_dir / "action-list-phone-nb.png", full_page=True)
    screenshot(screen, screenshot_dir / "action-list-table-screen.png")

    # The projector shows the table's points as they are, with the numbers in a table.
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )
    expect(projector.locator("#stage .action-points-stage .idea-text")).to_have_text(order)
    expect(projector.locator("#stage table.numbers tbody td").nth(2)).to_have_text("3")
    no_axe_violations(projector, source, "projector")
    screenshot(projector, screenshot_dir / "action-list-projector.png")

    # Anne rewrites her second action before the round closes.
    second = MondayAction.objects.get(text="Formalisere netværkene")
    anne.fill(f"#my-action-{second.pk}-text", "Formalisere netværkene i regionen")
    htmx_submit(
        anne, f"#my-action-{second.pk} form[hx-post$='/actions/{second.pk}/'] button", "/actions/"
    )
    expect(kari.locator(choices)).to_contain_text(
        ["Formalisere netværkene i regionen"], timeout=PUSH_TIMEOUT_MS
    )
    no_axe_violations(console, source, "console")

    # The facilitator closes the round: every screen says so and nothing can change.
    htmx_submit(console, "#action-list-round", "/state/")
    expect(kari.locator("#my-work .message").first).to_contain_text(
        "Fasilitatoren har stengt runden", timeout=PUSH_TIMEOUT_MS
    )
    expect(anne.locator("#my-actions .message")).to_contain_text(
        "Facilitatoren har lukket runden", timeout=PUSH_TIMEOUT_MS
    )
    for page in (anne, kari, screen):
        expect(page.locator(f"{points} form")).to_have_count(0, timeout=PUSH_TIMEOUT_MS)
    expect(anne.locator("#my-actions textarea")).to_have_count(0)
    expect(projector.locator("#stage .scale-count")).to_contain_text("Runden er lukket")
    no_axe_violations(anne, source, "Anne's phone, closed")
    # A phone that reloads (or reconnects) finds it all as it was.
    kari.reload()
    wait_live(kari)
    expect(kari.locator(listed)).to_have_text(order)
    expect(kari.locator("#my-actions li")).to_have_text(["Kontakte nabokommunene"])

    # Weeks later a director finds the personal actions beside the goals.
    with mock.patch("seminar.live._send"):
        director = factories.make_user("direktoer", role=DIRECTORS_GROUP, password=PASSWORD)
        seminar.directors.add(director)
    office = screens("director", viewport={"width": 1280, "height": 900}, locale="da-DK")
    log_in(office, server.url, "direktoer")
    office.goto(f"{server.url}/follow-up/")
    beside = office.locator("section[aria-labelledby='actions-heading']")
    expect(beside.locator("h4").first).to_have_text(GOAL)
    expect(beside).to_contain_text("Samtale med min KSO")
    expect(beside).to_contain_text("Formalisere netværkene i regionen")
    expect(beside.locator("ol li")).to_have_text(order)
    no_axe_violations(office, source, "director's follow-up")
    goal = Goal.objects.get(title=GOAL)
    expect(office.locator(f"tbody tr:has(a[href$='/goals/{goal.pk}/']) td").nth(6)).to_have_text(
        "1"
    )
    problems.assert_none()
