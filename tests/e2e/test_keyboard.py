"""By keyboard only: after every console and phone action, and after a push into the region that
holds focus, focus is on the same control or the one that took its place, never on <body>."""

from playwright.sync_api import expect

from agenda.queries import programme_items
from ideas.models import Goal
from tests.e2e.accessibility import load_demo
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    join_phones,
    open_console,
)

FOCUSED = """() => {
  const el = document.activeElement;
  if (!el || el === document.body) { return null; }
  return {id: el.id, post: el.getAttribute("hx-post"), text: el.textContent.trim(),
          region: (el.closest("[id]") || {}).id || null, visible: el.getClientRects().length > 0};
}"""


def focused(page):
    return page.evaluate(FOCUSED)


def press(page, url_part, key="Enter"):
    """Press a key on the focused control and wait for the request it sends."""
    with page.expect_response(lambda r: url_part in r.url and r.request.method == "POST"):
        page.keyboard.press(key)


def assert_focus(page, what, *, post=None, region=None, text=None):
    """Focus is on a visible control (polled: a push may land just after the answer) that htmx
    has set up: a swapped-in control with the id of the one focused before (the clock's pause
    toggle) takes focus at once but acts on a key only once its swap has settled."""
    try:
        page.wait_for_function(
            """([post, region, text]) => {
              const el = document.activeElement;
              if (!el || el === document.body || el.getClientRects().length === 0) { return false; }
              if (el.closest(".htmx-added, .htmx-settling")) { return false; }
              if (post && !(el.getAttribute("hx-post") || "").endsWith(post)) { return false; }
              if (region && !el.closest("#" + region)) { return false; }
              if (text && !el.textContent.includes(text)) { return false; }
              return true;
            }""",
            arg=[post, region, text],
            timeout=PUSH_TIMEOUT_MS,
        )
    except Exception as error:
        raise AssertionError(f"after {what}: focus is on {focused(page)}") from error


def _item(seminar, kind):
    return next(item for item in programme_items(seminar) if item.kind == kind)


def test_the_console_keeps_focus_through_every_clock_action(server, screens, problems):
    seminar = load_demo()
    console = open_console(screens, server.url, seminar)
    console.locator("button[hx-post$='/clock/start/']").focus()
    press(console, "/clock/start/")
    assert_focus(console, "Start", post="/clock/next/")
    press(console, "/clock/next/")
    assert_focus(console, "Next", post="/clock/next/")
    console.locator("#clock-pause").focus()
    press(console, "/clock/pause/")
    assert_focus(console, "Pause", post="/clock/resume/")  # the toggle, now Resume
    press(console, "/clock/resume/")
    assert_focus(console, "Resume", post="/clock/pause/")
    console.locator("button[hx-post$='/clock/extend5/']").focus()
    press(console, "/clock/extend5/")
    assert_focus(console, "+5 min", post="/clock/extend5/")
    goals = _item(seminar, "goals")
    console.locator(f"button[hx-post$='/clock/goto/{goals.pk}/']").focus()
    press(console, f"/clock/goto/{goals.pk}/")
    # The programme (its own region beside the clock) is pushed anew: focus stays in it.
    assert_focus(console, "Go", region="console-programme")

    # The programme editor: "Edit" turns the row into its form, and focus goes into the form.
    item = programme_items(seminar)[1]
    console.goto(f"{server.url}/s/{seminar.pk}/programme/")
    console.locator(f"li#item-{item.pk} a[href$='/items/{item.pk}/edit/']").focus()
    with console.expect_response(lambda r: f"/items/{item.pk}/edit/" in r.url):
        console.keyboard.press("Enter")
    first_field = console.locator(f"form#item-{item.pk}-form input:not([type=hidden])").first
    expect(first_field).to_be_focused()
    problems.assert_none()


def test_phones_and_the_goal_list_keep_focus_through_actions_and_pushes(server, screens, problems):
    seminar = load_demo()
    brainstorm, goals_item = _item(seminar, "brainstorm"), _item(seminar, "goals")
    console = open_console(screens, server.url, seminar)
    console.on("dialog", lambda dialog: dialog.accept())
    (anne,) = join_phones(screens, server.url, seminar, [("Anne", None, None)])
    console.locator("button[hx-post$='/clock/start/']").click()
    console.locator(f"button[hx-post$='/clock/goto/{brainstorm.pk}/']").click()
    expect(console.locator("#exercise")).to_have_attribute("data-item", str(brainstorm.pk))
    expect(console.locator("#exercise section.board").first).to_be_visible()
    expect(anne.locator("#post-idea")).to_be_visible(timeout=PUSH_TIMEOUT_MS)

    # Send with nothing written: the field in error takes focus; then a card is sent.
    anne.locator("#post-idea button[type=submit]").focus()
    press(anne, "/ideas/")
    assert_focus(anne, "an empty Send", region="post-idea")
    anne.locator("#idea-text").fill("Borgeren med fra start")
    anne.locator("#post-idea button[type=submit]").focus()
    press(anne, "/ideas/")
    expect(anne.locator("#post-idea .message.success")).to_be_visible()
    assert_focus(anne, "Send", region="post-idea")

    # Goals: Anne's table drafts one, by keyboard, and saves it.
    console.locator(f"button[hx-post$='/clock/goto/{goals_item.pk}/']").click()
    expect(anne.locator("#goal-form")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    anne.locator("#goal-form button[type=submit]").focus()
    press(anne, "/goals/")
    assert_focus(anne, "a goal saved without a title", region="goal-form")
    anne.locator("#goal-form #id_title").fill("Én indgang for borgerne")
    anne.locator("#goal-form button[type=submit]").focus()
    press(anne, "/goals/")
    expect(anne.locator("#goal-form .message.success")).to_be_visible()
    assert_focus(anne, "the goal saved", region="goal-form")
    goal = Goal.objects.get(seminar=seminar, title="Én indgang for borgerne")

    # The console shows it on the projector by keyboard; focus stays in the goal list.
    show = console.locator(f"form[hx-post$='/goals/{goal.pk}/show/'] button")
    expect(show).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    show.focus()
    press(console, f"/goals/{goal.pk}/show/")
    expect(console.locator("#goals li.current-goal")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    assert_focus(console, "Show on the projector", region="goals")

    # A handshake by keyboard: focus moves to "Take it back", and back again.
    expect(anne.locator("#goal-card form.shake-give button")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    anne.locator("#goal-card form.shake-give button").focus()
    press(anne, f"/goals/{goal.pk}/shake/")
    expect(anne.locator("#goal-card form.shake-take button")).to_be_focused(timeout=PUSH_TIMEOUT_MS)
    expect(anne.locator("#announcer")).not_to_be_empty(timeout=PUSH_TIMEOUT_MS)

    # A push into the region holding focus: Anne's edit of the goal replaces the console's goal
    # list (her handshake above came back by a push too: its answer swaps nothing).
    console_before = focused(console)
    anne.locator("#goal-form #id_title").fill("Én indgang for alle borgere")
    anne.locator("#goal-form button[type=submit]").click()
    expect(console.locator("#goals li.current-goal strong")).to_have_text(
        "Én indgang for alle borgere", timeout=PUSH_TIMEOUT_MS
    )
    assert_focus(console, "a push into the goal list", region="goals")
    assert focused(console)["text"] == console_before["text"], (console_before, focused(console))
    problems.assert_none()
