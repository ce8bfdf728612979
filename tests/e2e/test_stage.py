"""The projector's stage, the table screen and the console on their real screens (issue 20).

The Varde demo with a full room: 30 cards on one board, a vernissage of the brainstorm, a
revealed dot vote, a goal on show with its handshakes and a dozen highlights. The console
(1440x900) goes through the whole programme with "Next" and, at every item, puts every stage
option on the projector, pressing only what its first screen shows; two projectors (1920x1080
and 1280x720) never scroll, never show a card cut off by their edge, keep cards at 24 px or
more at 1080p, and never show a region of another item. A table screen at 1280x800 holds a
board of 20 cards without scrolling.
"""

from unittest import mock

from django.utils import timezone
from playwright.sync_api import expect

from agenda.queries import programme_items
from groups.models import Membership
from ideas import services
from ideas.models import Board, Dot, Goal, GoalStage, Idea, Pledge, Vote
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    clock,
    log_in,
    open_table_screen,
    pair_table_screen,
    screenshot,
    wait_live,
)
from tests.e2e.test_varde_run import allowed_boards, load_varde

CARD = "Borgeren med fra dag ét: hvordan gør vi det i praksis?"

# What a projector shows, measured in one go.
MEASURE = """() => {
  const stage = document.querySelector("#stage");
  const cards = Array.from(document.querySelectorAll("#stage li.idea"))
    .filter((el) => !el.hidden && el.offsetParent !== null);
  const bottoms = Array.from(document.querySelectorAll(
      "#stage li.idea, #stage .highlights > li, #stage .ranking > li, #agenda-now .title,"
      + " #join-box svg"))
    .filter((el) => !el.hidden && el.offsetParent !== null)
    .map((el) => el.getBoundingClientRect().bottom);
  return {
    scrollHeight: document.scrollingElement.scrollHeight,
    scrollWidth: document.scrollingElement.scrollWidth,
    height: innerHeight,
    width: innerWidth,
    stage: stage.dataset.stage,
    item: stage.dataset.item,
    cards: cards.length,
    allCards: document.querySelectorAll("#stage li.idea").length,
    smallestCard: Math.min(...cards.map((el) =>
      parseFloat(getComputedStyle(el.querySelector(".idea-text")).fontSize))),
    lowest: Math.max(0, ...bottoms),
    boards: Array.from(document.querySelectorAll("section.board"))
      .map((el) => Number(el.dataset.board)),
  };
}"""

# The console's first screen: nothing scrolled, and where a control sits.
IN_VIEW = """(selector) => {
  const el = document.querySelector(selector);
  const box = el.getBoundingClientRect();
  return {scrollY: document.scrollingElement.scrollTop, top: box.top, bottom: box.bottom,
          height: innerHeight};
}"""


def seed_the_room(seminar):
    """Cards, a vernissage, a revealed vote, a goal on show and highlights, as the day leaves
    them (made with the ORM before any screen listens)."""
    items = programme_items(seminar)
    brainstorm = next(item for item in items if item.kind == "brainstorm")
    with mock.patch("seminar.live._send"):
        boards = services.boards_for_item(brainstorm)
        boards = list(Board.objects.filter(agenda_item=brainstorm).order_by("group__number"))
        full, *others = boards
        author = full.group.members.first()
        for i in range(30):
            Idea.objects.create(board=full, author=author, text=f"{CARD} ({i + 1})")
        for board in others:
            for i in range(6):
                Idea.objects.create(
                    board=board, author=board.group.members.first(), text=f"Idé {i + 1}"
                )
        vernissage = next(item for item in items if item.kind == "vernissage")
        facilitator = seminar.facilitators.first()
        services.set_up_vernissage(vernissage, by=facilitator, source_item=brainstorm)
        vote = Vote.objects.create(
            seminar=seminar,
            agenda_item=vernissage,
            title="Det vigtigste",
            revealed=True,
            is_open=False,
        )
        vote.boards.set(boards)
        voters = list(seminar.participants.all()[:12])
        for n, idea in enumerate(Idea.objects.filter(board__in=boards)[:12]):
            for voter in voters[: 12 - n]:
                Dot.objects.create(vote=vote, participant=voter, idea=idea)
        for i in range(12):
            services.pin_highlight(seminar, by=facilitator, text=f"Det vi så og hørte, nr. {i + 1}")
        goals_item = next(item for item in items if item.kind == "goals")
        goal = Goal.objects.create(
            seminar=seminar,
            group=others[0].group,
            title="Borgeren med ved bordet fra dag ét",
            why="Samskabelse begynder før løsningen",
            measure="Tre projekter med borgere",
            target_date=timezone.now().date(),
            owner="Teknik og Miljø",
        )
        GoalStage.objects.update_or_create(seminar=seminar, defaults={"current_goal": goal})
        for person in seminar.participants.all()[:20]:
            Pledge.objects.create(goal=goal, participant=person)
    return brainstorm, full, goals_item


def fits(page, label, *, minimum_card_px=None):
    seen = page.evaluate(MEASURE)
    assert seen["scrollHeight"] <= seen["height"], f"{label} scrolls: {seen}"
    assert seen["scrollWidth"] <= seen["width"], f"{label} scrolls sideways: {seen}"
    assert seen["lowest"] <= seen["height"] + 1, f"{label}: something below the edge: {seen}"
    assert seen["cards"] or not seen["allCards"], f"{label}: no card to be seen: {seen}"
    if minimum_card_px and seen["cards"]:
        assert seen["smallestCard"] >= minimum_card_px, f"{label}: cards too small: {seen}"
    return seen


def press_on_first_screen(console, selector, label):
    """Press a console button only if its first screen shows it, and stay there."""
    where = console.evaluate(IN_VIEW, selector)
    assert where["scrollY"] == 0 and where["top"] >= 0 and where["bottom"] <= where["height"], (
        f"{label}: {selector} is not on the console's first screen: {where}"
    )
    console.locator(selector).click(no_wait_after=True)


def test_the_stage_fits_every_item_and_choice_and_the_console_runs_from_its_first_screen(
    server, screens, problems, screenshot_dir
):
    seminar = load_varde()
    brainstorm, full, goals_item = seed_the_room(seminar)
    items = programme_items(seminar)

    console = screens("console", viewport={"width": 1440, "height": 900}, locale="en-US")
    log_in(console, server.url, "facilitator")
    console.goto(f"{server.url}/s/{seminar.pk}/run/")
    wait_live(console)
    state = console.context.storage_state()
    projectors = {}
    for label, size in (("1080p", (1920, 1080)), ("720p", (1280, 720))):
        page = screens(
            f"projector {label}",
            viewport={"width": size[0], "height": size[1]},
            storage_state=state,
            locale="en-US",  # the laptop's browser: the projector still speaks Danish
        )
        page.goto(f"{server.url}/s/{seminar.pk}/projector/")
        projectors[label] = wait_live(page)
    assert projectors["1080p"].evaluate("document.documentElement.lang") == "da"
    console.bring_to_front()
    folder = screenshot_dir / "stage"
    folder.mkdir(exist_ok=True)

    press_on_first_screen(console, "button[hx-post$='/clock/start/']", "start")
    for number, item in enumerate(items, start=1):
        if number > 1:
            with console.expect_response(lambda r: "/clock/next/" in r.url):
                press_on_first_screen(console, "button[hx-post$='/clock/next/']", "next")
        for page in (console, *projectors.values()):
            expect(
                page.locator("#stage-chooser" if page is console else "#stage")
            ).to_have_attribute("data-item", str(item.pk), timeout=PUSH_TIMEOUT_MS)
        boards = allowed_boards(item)
        if item.pk == items[1].pk:  # the other clock controls, once
            for action in ("pause", "resume", "extend5", "extend10"):
                with console.expect_response(lambda r, a=action: f"/clock/{a}/" in r.url):
                    press_on_first_screen(console, f"button[hx-post$='/clock/{action}/']", action)
        keys = console.locator("#stage-chooser button[name=stage]").evaluate_all(
            "(buttons) => buttons.map((b) => b.value)"
        )
        assert keys[:2] == ["", "item"], keys
        for key in keys:
            selector = f"#stage-chooser button[name=stage][value='{key}']"
            with console.expect_response(lambda r: "/stage/" in r.url):
                press_on_first_screen(console, selector, f"item {number} stage {key!r}")
            expected = key or "follow"
            for label, page in projectors.items():
                expect(page.locator("#stage")).to_have_attribute(
                    "data-stage", expected, timeout=PUSH_TIMEOUT_MS
                )
                step = (
                    f"projector {label} at item {number} “{item.title}” ({item.kind}), {expected}"
                )
                seen = fits(page, step, minimum_card_px=24 if label == "1080p" else None)
                assert seen["item"] == str(item.pk), step
                strays = set(seen["boards"]) - boards
                assert not strays, f"{step}: boards of another item {sorted(strays)}"
            # One screenshot per item and choice (plenum items: following the item only).
            if key == "" or item.kind != "plenum":
                name = key.replace(":", "-") or "follow"
                screenshot(
                    projectors["1080p"], str(folder / f"{number:02d}-{item.kind}-{name}.png")
                )
        # Clearing is one click: back to following the item.
        with console.expect_response(lambda r: "/stage/" in r.url):
            press_on_first_screen(console, "#stage-chooser button[name=stage][value='']", "clear")
        expect(projectors["1080p"].locator("#stage")).to_have_attribute(
            "data-stage", "follow", timeout=PUSH_TIMEOUT_MS
        )
        if number == 1:
            screenshot(console, str(folder / "console.png"))
        if item.kind == "brainstorm":
            screenshot(console, str(folder / "console-brainstorm.png"))
    problems.assert_none()


def test_a_table_screen_holds_its_board_of_20_cards(server, screens, problems, screenshot_dir):
    seminar = load_varde()
    items = programme_items(seminar)
    brainstorm = next(item for item in items if item.kind == "brainstorm")
    with mock.patch("seminar.live._send"):
        services.boards_for_item(brainstorm)
        board = Board.objects.filter(agenda_item=brainstorm).order_by("group__number").first()
        author = Membership.objects.filter(group=board.group).first().participant
        for i in range(20):
            Idea.objects.create(board=board, author=author, text=f"{CARD} ({i + 1})")
    console = screens("console", viewport={"width": 1440, "height": 900})
    log_in(console, server.url, "facilitator")
    table, code = open_table_screen(screens, server.url, "table screen", locale="en-US")
    pair_table_screen(console, server.url, seminar, code=code, group=board.group, screen=table)
    console.goto(f"{server.url}/s/{seminar.pk}/run/")
    wait_live(console)
    clock(console, "start")
    console.click(f"button[hx-post$='/clock/goto/{brainstorm.pk}/']")
    expect(table.locator("#my-work")).to_have_attribute(
        "data-item", str(brainstorm.pk), timeout=PUSH_TIMEOUT_MS
    )
    expect(table.locator(f"#my-work #board-{board.pk}")).to_be_visible()
    assert table.evaluate("document.documentElement.lang") == "da"
    seen = table.evaluate(
        """(description) => {
      const cards = Array.from(document.querySelectorAll("#my-work li.idea"))
        .filter((el) => !el.hidden);
      const header = [document.querySelector("#table-panel"), document.querySelector("#agenda-now")]
        .map((el) => el.getBoundingClientRect());
      return {
        scrollHeight: document.scrollingElement.scrollHeight, height: innerHeight,
        cards: cards.length,
    allCards: document.querySelectorAll("#stage li.idea").length,
        lowest: Math.max(...cards.map((el) => el.getBoundingClientRect().bottom)),
        cardPx: parseFloat(getComputedStyle(cards[0].querySelector(".idea-text")).fontSize),
        headerTops: header.map((box) => Math.round(box.top)),
        headerHeight: Math.max(...header.map((box) => box.bottom)),
        members: document.querySelector("#table-panel details.members-fold").open,
        description: document.body.innerText.split(description).length - 1,
      };
    }""",
        brainstorm.description[:40] or "-",
    )
    screenshot(table, str(screenshot_dir / "table-screen-20-cards.png"))
    assert seen["scrollHeight"] <= seen["height"], seen
    assert seen["lowest"] <= seen["height"], seen
    assert seen["cards"] >= 6 and seen["cardPx"] >= 20, seen
    assert seen["headerHeight"] <= 80, seen  # the table, the item and its countdown: one line
    assert not seen["members"], seen
    assert seen["description"] <= 1, seen
    # The cards that do not fit come page by page.
    pages = table.locator(f"#board-{board.pk}").get_attribute("data-pages")
    assert (seen["cards"] == 20 and pages in (None, "1")) or int(pages) > 1, (pages, seen)
    problems.assert_none()
