"""Co-creation cases in a group with a process leader: phones in Danish and Swedish write their
cases, the leader marks who presents and picks the group's case, the table fills its poster of
best practices, the facilitator fills the analysis live and puts it on the projector, and the
goal form that follows shows the group's best practices beside it."""

from unittest import mock

from playwright.sync_api import expect

from groups.models import Group, Grouping
from ideas.cases.models import BestPractice, CasePoster
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
    screenshot,
    submit_and_wait,
    wait_live,
)

PEOPLE = (
    ("Anne", "da-DK", "Teknik"),
    ("Bo", "da-DK", "Skole"),
    ("Sara", "sv-SE", "Teknik"),
    ("Sven", "sv-SE", "Skole"),
)


def write_case(page, title, partners, what):
    with page.expect_navigation():
        page.click("#my-work a[href$='/case/']")
    page.fill("#id_title", title)
    page.fill("#id_partners", partners)
    page.fill("#id_what_happened", what)
    submit_and_wait(page, "#case-form", url_part="/me/")
    wait_live(page)


def test_cases_journey_poster_analysis_and_the_goal_form(
    server, seeded, screens, problems, screenshot_dir
):
    seminar, items = seeded.seminar, seeded.items
    cases_item, goals_item = items[2], items[3]
    console = open_console(screens, server.url, seminar)
    setup = problems.watch(console.context.new_page(), "set-up tab")
    phones = {
        name: join_phone_in(
            screens, server.url, seminar, name=name, locale=locale, department=department
        )
        for name, locale, department in PEOPLE
    }
    assert phones["Sara"].evaluate("document.documentElement.lang") == "sv"
    form_grouping(setup, server.url, seminar, name="Grupper", method="by_department")
    grouping = Grouping.objects.get(seminar=seminar)
    teknik = Group.objects.get(grouping=grouping, members__display_name="Anne")
    with mock.patch("seminar.live._send"):  # the groups page sets leaders; seeded directly here
        teknik.leader = teknik.members.get(display_name="Anne")
        teknik.save()
    edit_item(setup, server.url, seminar, cases_item, kind="cases", grouping=grouping)
    edit_item(setup, server.url, seminar, goals_item, kind="goals", grouping=grouping)
    clock(console, "start")
    clock(console, f"goto/{cases_item.pk}")
    anne, sara = phones["Anne"], phones["Sara"]
    for page in phones.values():
        expect(page.locator("#my-work a[href$='/case/']")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    screen, code = open_table_screen(screens, server.url, "screen Teknik")
    pair_table_screen(setup, server.url, seminar, code=code, group=teknik, screen=screen)

    write_case(anne, "Legeplads med naboerne", "Grundejerforeningen", "Naboerne byggede selv")
    write_case(sara, "Medborgardialog om busslinjer", "Skolor, trafikbolaget", "Elever ritade")
    table = f"#cases-table-{teknik.pk}"
    for page in (screen, anne, sara):
        expect(page.locator(f"{table} .case .idea-text")).to_have_count(2, timeout=PUSH_TIMEOUT_MS)
    # Swedish on Sara's phone, Danish on Anne's, for the same group.
    expect(sara.locator(f"{table} .case-poster h3")).to_have_text("God praxis på vår affisch")
    expect(anne.locator(f"{table} .case-poster h3")).to_have_text("Best practices på vores planche")

    # Only the process leader's phone offers "presents now" and "pick".
    sara_case = sara.locator(f"{table} .case.mine")
    expect(sara.locator(f"{table} [data-only-for].for-me")).to_have_count(0)
    sara_id = sara_case.get_attribute("id")
    htmx_submit(anne, f"#{sara_id} form[action$='/present/'] button", "/present/")
    for page in (screen, sara):
        expect(page.locator(f"#{sara_id}")).to_have_class(
            "idea case presenting mine" if page is sara else "idea case presenting",
            timeout=PUSH_TIMEOUT_MS,
        )

    # Sara adds a best practice; the poster shows it at once on Anne's phone and the screen.
    sara.fill("#id_practice-text", "Börja med eleverna")
    htmx_submit(sara, "#case-practice-form button[type=submit]", "/cases/practices/")
    for page in (anne, screen):
        expect(page.locator(f"{table} .case-practices li")).to_contain_text(
            "Börja med eleverna", timeout=PUSH_TIMEOUT_MS
        )
    assert BestPractice.objects.get().text == "Börja med eleverna"

    # Anne picks Sara's case; the facilitator fills the three columns live and shows them.
    htmx_submit(anne, f"#{sara_id} form[action$='/pick/'] button", "/pick/")
    form = f"#case-analysis-form-{teknik.pk}"
    expect(console.locator(form)).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    console.fill(f"{form} #id_poster-{teknik.pk}-went_well", "Eleverna kände sig hörda")
    console.fill(f"{form} #id_poster-{teknik.pk}-to_improve", "Fler åldrar")
    console.fill(f"{form} #id_poster-{teknik.pk}-how", "Gå ut i klasserna")
    htmx_submit(console, f"{form} button[type=submit]", "/cases/analysis/")
    expect(sara.locator(f"{table} .case-columns")).to_contain_text(
        "Eleverna kände sig hörda", timeout=PUSH_TIMEOUT_MS
    )
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )
    htmx_submit(
        console,
        f"#case-console-{teknik.pk} form[action$='/cases/stage/'] button",
        "/cases/stage/",
    )
    expect(projector.locator("#case-stage .case-columns")).to_contain_text(
        "Gå ut i klasserna", timeout=PUSH_TIMEOUT_MS
    )
    expect(projector.locator("#case-stage h2")).to_contain_text("Medborgardialog om busslinjer")
    poster = CasePoster.objects.get(group=teknik)
    assert (poster.picked.title, poster.how) == (
        "Medborgardialog om busslinjer",
        "Gå ut i klasserna",
    )
    screenshot(projector, screenshot_dir / "cases-projector.png")
    screenshot(sara, screenshot_dir / "cases-phone-sv.png", full_page=True)
    screenshot(console, screenshot_dir / "cases-console.png", full_page=True)

    # The goal work that follows shows the group's best practices beside the goal form.
    clock(console, f"goto/{goals_item.pk}")
    for page in (anne, sara):
        expect(page.locator("#my-work #goal-form")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
        expect(page.locator("#my-work .case-practices-aside li")).to_have_text("Börja med eleverna")
    screenshot(sara, screenshot_dir / "cases-goal-aside-sv.png", full_page=True)
    problems.assert_none()
