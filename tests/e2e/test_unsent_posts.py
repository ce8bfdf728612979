"""A post that does not arrive says so on the phone and is sent again, once, when it can be."""

from playwright.sync_api import expect

from groups.models import Grouping
from ideas.models import Idea
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    clock,
    edit_item,
    form_grouping,
    join_phones,
    open_console,
)


def test_a_card_posted_without_a_connection_is_sent_when_it_can_be(
    server, seeded, screens, problems
):
    seminar, items = seeded.seminar, seeded.items
    console = open_console(screens, server.url, seminar)
    setup = problems.watch(console.context.new_page(), "set-up tab")
    (anne,) = join_phones(screens, server.url, seminar, [("Anne", "Teknik", None)])
    form_grouping(setup, server.url, seminar, name="Borde", method="by_department")
    edit_item(
        setup, server.url, seminar, items[1], kind="brainstorm", grouping=Grouping.objects.get()
    )
    console.bring_to_front()
    clock(console, "start")
    clock(console, f"goto/{items[1].pk}")
    expect(anne.locator("#post-idea")).to_be_visible(timeout=PUSH_TIMEOUT_MS)

    # The first two tries are lost on the way (the network drops them); the third arrives.
    tries = []

    def flaky(route):
        tries.append(route.request.url)
        if len(tries) <= 2:
            route.abort("internetdisconnected")
        else:
            route.continue_()

    anne.route("**/ideas/", flaky)
    anne.fill("#idea-text", "Borgerpanel i hvert lokalområde")
    anne.click("#post-idea button[type=submit]")
    expect(anne.locator("#post-idea .unsent")).to_be_visible()
    expect(anne.locator("#post-idea .message.success")).to_be_visible(timeout=10_000)
    expect(anne.locator(".idea .idea-text")).to_have_text(["Borgerpanel i hvert lokalområde"])
    assert len(tries) == 3
    assert Idea.objects.filter(text="Borgerpanel i hvert lokalområde").count() == 1
    # Chromium and htmx log each dropped request (htmx:sendError, and the failed request's
    # htmx:afterRequest); nothing else went wrong.
    dropped = ("ERR_INTERNET_DISCONNECTED", "htmx:sendError", "htmx:afterRequest")
    problems.problems[:] = [p for p in problems.problems if not any(d in p for d in dropped)]
    problems.assert_none()
