"""The programme editor's templates, by keyboard on a 360 px phone-sized window: a day gets an
exercise from a template and an item takes one, the programme updates without a reload, focus
comes back to the button that opened the picker, and axe finds nothing."""

from playwright.sync_api import expect

from agenda.models import AgendaItem
from tests.e2e.accessibility import axe_source, axe_violations
from tests.e2e.helpers import log_in


def _fits(page):
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _choose(page, form, key):
    """Tab into the radios and move by arrow key until the template is chosen, then send."""
    form.locator("input[type=radio]").first.focus()
    for _step in range(10):
        if page.evaluate("document.activeElement.value") == key:
            break
        page.keyboard.press("ArrowDown")
    page.keyboard.press("Space")
    expect(form.locator(f"input[value='{key}']")).to_be_checked()
    form.locator("button[type=submit]").focus()
    with page.expect_response(lambda r: "/template/" in r.url and r.request.method == "POST"):
        page.keyboard.press("Enter")


def test_templates_by_keyboard_at_360_px(server, seeded, screens, problems):
    seminar = seeded.seminar
    day = seeded.items[0].day
    page = screens("facilitator", viewport={"width": 360, "height": 780})
    log_in(page, server.url, "facilitator")
    page.goto(f"{server.url}/s/{seminar.pk}/programme/")
    page.evaluate("window.notReloaded = true")

    # A new exercise on the day.
    page.locator(f"#day-{day.pk}-template").focus()
    with page.expect_response(lambda r: f"/days/{day.pk}/template/" in r.url):
        page.keyboard.press("Enter")
    form = page.locator(f"form#add-item-{day.pk}")
    expect(form.locator("input[type=radio]").first).to_be_focused()
    assert _fits(page)
    assert axe_violations(page, axe_source()) == []
    _choose(page, form, "dilemmas")
    expect(page.locator("#programme .message.success")).to_be_visible()
    added = AgendaItem.objects.get(day=day, kind="dilemma")
    expect(page.locator(f"#item-{added.pk}")).to_contain_text("Dilemmaer på spil")
    expect(page.locator(f"#day-{day.pk}-template")).to_be_focused()

    # An item takes a template: its kind changes, its title stays.
    item = seeded.items[1]
    page.locator(f"#item-{item.pk}-template").focus()
    with page.expect_response(lambda r: f"/items/{item.pk}/template/" in r.url):
        page.keyboard.press("Enter")
    form = page.locator(f"li#item-{item.pk} form")
    expect(form.locator("input[type=radio]").first).to_be_focused()
    assert _fits(page)
    assert axe_violations(page, axe_source()) == []  # the picker in the list, as a list item
    _choose(page, form, "first-thing-at-home")
    expect(page.locator(f"#item-{item.pk}-template")).to_be_focused()
    item.refresh_from_db()
    assert item.kind == "action_list" and item.title == seeded.titles[1]
    assert page.evaluate("window.notReloaded") is True
    assert _fits(page)
    assert axe_violations(page, axe_source()) == []
    problems.assert_none()
