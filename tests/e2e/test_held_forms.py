"""A push never replaces a form someone is writing in: the newer region waits, is offered, and
comes in when the person is done."""

from playwright.sync_api import expect

from groups.models import Grouping
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    clock,
    edit_item,
    form_grouping,
    join_phones,
    open_console,
)


def test_a_half_written_goal_survives_the_next_item_until_its_writer_is_done(
    server, seeded, screens, problems
):
    seminar, items = seeded.seminar, seeded.items
    goals_item = items[2]
    console = open_console(screens, server.url, seminar)
    setup = problems.watch(console.context.new_page(), "set-up tab")
    anne, bo = join_phones(
        screens, server.url, seminar, [("Anne", "Teknik", None), ("Bo", "Teknik", None)]
    )
    form_grouping(setup, server.url, seminar, name="Forvaltningsborde", method="by_department")
    edit_item(setup, server.url, seminar, goals_item, kind="goals", grouping=Grouping.objects.get())
    console.bring_to_front()
    clock(console, "start")
    clock(console, f"goto/{goals_item.pk}")
    for phone in (anne, bo):
        expect(phone.locator("#my-work #goal-form")).to_be_visible(timeout=PUSH_TIMEOUT_MS)

    anne.fill("#goal-form #id_why", "Fordi borgerne ")  # half a sentence, not sent
    clock(console, "next")

    # Bo, who wrote nothing, follows the item; Anne keeps her text and is offered the new part.
    expect(bo.locator("#my-work")).not_to_have_attribute(
        "data-kind", "goals", timeout=PUSH_TIMEOUT_MS
    )
    expect(anne.locator(".held-notice")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    expect(anne.locator("#goal-form #id_why")).to_have_value("Fordi borgerne ")
    expect(anne.locator("#my-work")).to_have_attribute("data-kind", "goals")

    # She clears what she wrote: done, so the newer region comes in by itself.
    anne.fill("#goal-form #id_why", "")
    expect(anne.locator("#my-work")).not_to_have_attribute("data-kind", "goals")
    expect(anne.locator(".held-notice")).to_have_count(0)

    # Once more, and this time she asks for it.
    clock(console, "previous")
    expect(anne.locator("#my-work #goal-form")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    anne.fill("#goal-form #id_title", "Et mål")
    clock(console, "next")
    expect(anne.locator(".held-notice button")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    anne.locator(".held-notice button").click()
    expect(anne.locator("#my-work")).not_to_have_attribute("data-kind", "goals")
    problems.assert_none()
