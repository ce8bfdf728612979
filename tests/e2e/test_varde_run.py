"""The whole Varde demo run live: the console steps through both days with "Next" while the
projector, two table screens and three phones (Danish, Norwegian, Swedish) follow, without a
reload and without a console error, and after every "Next" no screen keeps a region of the
item before."""

import io
from unittest import mock

from django.contrib.auth.models import User
from django.core.management import call_command
from playwright.sync_api import expect

from agenda.queries import get_clock, programme_items
from groups.models import Membership
from ideas.exercises import exercise_for
from ideas.live import has_work
from ideas.models import Board, Goal, Idea, Vernissage
from seminar.models import Seminar
from tests.e2e.helpers import (
    PASSWORD,
    PUSH_TIMEOUT_MS,
    clock,
    htmx_submit,
    join_phone_in,
    open_console,
    open_projector,
    open_table_screen,
    pair_table_screen,
    participant_id,
    spread_seminar_ids,
    submit_and_wait,
    wait_live,
)

# (language, browser locale, name, department): one phone per Nordic language.
PHONES = (
    ("da", "da-DK", "Asta Dansk", "Teknik og Miljø"),
    ("nb", "nb-NO", "Nora Norsk", "Børn og Unge"),
    ("sv", "sv-SE", "Sven Svensk", "Kultur og Fritid"),
)
IDEA = "Visionen på bagsiden af lønsedlen"
GOAL = {
    "title": "Borgeren med ved bordet fra dag ét",
    "why": "Samskabelse begynder før løsningen",
    "measure": "Tre projekter med borgere i styregruppen",
    "target_date": "2017-06-30",
    "owner": "Teknik og Miljø",
}
# Each screen's exercise region (ideas/exercises.py).
REGION = {"console": "#exercise", "projector": "#stage", "phone": "#my-work", "screen": "#my-work"}
# The parts of an exercise that must never be on a page outside its exercise region.
PARTS = "section.board, #goal-card, #goal-stage, #goals"
GOAL_PARTS = "#goal-card, #goal-stage, #goals, #goal-form"

# What a page shows of the exercise, read in one go.
READ_PAGE = """([region, parts, goalParts]) => {
  const regions = document.querySelectorAll(region);
  const inside = regions.length === 1 ? regions[0] : null;
  const describe = (el) => el.tagName.toLowerCase() + (el.id ? "#" + el.id : "")
    + (el.classList.length ? "." + Array.from(el.classList).join(".") : "");
  return {
    regions: regions.length,
    item: inside ? inside.dataset.item : null,
    kind: inside ? inside.dataset.kind : null,
    children: inside ? inside.children.length : null,
    // The console's preview of the projector is a still copy of the stage, not a part.
    outside: Array.from(document.querySelectorAll(parts))
      .filter((el) => (!inside || !inside.contains(el)) && !el.closest(".stage-preview"))
      .map(describe),
    boards: Array.from(document.querySelectorAll("section.board"))
      .map((el) => Number(el.dataset.board)),
    goalParts: Array.from(document.querySelectorAll(goalParts)).map(describe),
  };
}"""

# Until the phone's or table screen's work region is the current item's, or (when neither that
# item nor the one it shows has work for the phones, so nothing was pushed: ideas/live.py,
# publish_exercise) an empty region.
REGION_FOLLOWS = """([selector, item, quiet]) => {
  const region = document.querySelector(selector);
  if (!region) { return false; }
  if (region.dataset.item === item) { return true; }
  // A quiet item's region may stay while it shows nothing (a table screen's line of what the
  // room does is pushed on every item, so it follows; a phone does not show it).
  const screen = document.body.classList.contains("table-screen");
  const shown = Array.from(region.children).filter(
    (child) => screen || !child.classList.contains("screen-only"));
  return quiet.includes(region.dataset.item) && shown.length === 0;
}"""


def load_varde():
    """The demo exactly as `manage.py demo` makes it; the facilitator logs in with the e2e
    password (as the other journeys' users do)."""
    spread_seminar_ids()
    # No screen is connected yet, and the test process cannot reach daphne's hub.
    with mock.patch("seminar.live._send"):
        call_command("demo", stdout=io.StringIO())
    facilitator = User.objects.get(username="facilitator")
    facilitator.set_password(PASSWORD)
    facilitator.save()
    return Seminar.objects.get(municipality="Varde Kommune", title="Lederseminar 2014")


def current_item(seminar):
    return get_clock(seminar).current_item


def allowed_boards(item):
    """The boards a screen may show while `item` runs: its own, or a vernissage's posters."""
    if item is None:
        return set()
    items = [item.pk]
    vernissage = Vernissage.objects.filter(agenda_item=item).first()
    if vernissage is not None:
        items.append(vernissage.source_item_id)
    return set(Board.objects.filter(agenda_item_id__in=items).values_list("pk", flat=True))


def no_work_items(seminar):
    """The ids (as the pages carry them, "" for no item) of the items with nothing for phones."""
    return ["", *(str(item.pk) for item in programme_items(seminar) if not has_work(item))]


def step_name(item):
    return "the end" if item is None else f"item {item.pk} “{item.title}” ({item.kind})"


def assert_screens_follow(pages, seminar, item, *, step):
    """Every screen's exercise region is the current item's, and nothing of another item is on
    any page: the check after every "Next"."""
    expected = "" if item is None else str(item.pk)
    quiet = no_work_items(seminar)
    for label, (role, page) in pages.items():
        selector = REGION[role]
        if role in ("console", "projector"):
            expect(page.locator(selector), f"{label} at {step}").to_have_attribute(
                "data-item", expected, timeout=PUSH_TIMEOUT_MS
            )
        else:
            try:
                page.wait_for_function(
                    REGION_FOLLOWS, arg=[selector, expected, quiet], timeout=PUSH_TIMEOUT_MS
                )
            except Exception as error:
                seen = page.evaluate(READ_PAGE, [selector, PARTS, GOAL_PARTS])
                raise AssertionError(
                    f"{label} at {step}: its {selector} did not follow (shows {seen})"
                ) from error
    boards = allowed_boards(item)
    goals_running = item is not None and exercise_for(item).shows_goals()
    for label, (role, page) in pages.items():
        seen = page.evaluate(READ_PAGE, [REGION[role], PARTS, GOAL_PARTS])
        where = f"{label} at {step}: {seen}"
        assert seen["regions"] == 1, f"{where}: {REGION[role]} is not on the page exactly once"
        assert not seen["outside"], f"{where}: parts outside {REGION[role]}"
        strays = set(seen["boards"]) - boards
        assert not strays, f"{where}: boards {sorted(strays)} do not belong to the item"
        if not goals_running:
            assert not seen["goalParts"], f"{where}: goal parts while no goals item runs"


def test_the_whole_varde_run_follows_next_on_every_screen(server, screens, problems):
    seminar = load_varde()
    items = programme_items(seminar)
    brainstorm = next(item for item in items if item.kind == "brainstorm")
    tables = brainstorm.grouping
    assert tables is not None and tables.name == "Tværgående borde"

    console = open_console(screens, server.url, seminar)
    # The facilitator's second tab for the set-up pages, while the console stays live.
    setup = problems.watch(console.context.new_page(), "set-up tab")
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )
    phones = {}
    for language, locale, name, department in PHONES:
        page = join_phone_in(
            screens, server.url, seminar, locale=locale, name=name, department=department
        )
        assert page.evaluate("document.documentElement.lang") == language
        phones[language] = page

    # The late joiners were seated at the demo's tables; a screen at the Danish phone's table
    # and one at another table (the Norwegian or Swedish phone's, if they sit elsewhere).
    def table_of(page):
        return Membership.objects.get(grouping=tables, participant_id=participant_id(page)).group

    home = table_of(phones["da"])
    others = [table_of(phones[language]) for language in ("nb", "sv")]
    away = next(
        (group for group in others if group != home),
        tables.groups.exclude(pk=home.pk).order_by("number").first(),
    )
    screen_home, code_home = open_table_screen(screens, server.url, "screen home")
    screen_away, code_away = open_table_screen(screens, server.url, "screen away")
    pair_table_screen(setup, server.url, seminar, code=code_home, group=home, screen=screen_home)
    pair_table_screen(setup, server.url, seminar, code=code_away, group=away, screen=screen_away)

    pages = {
        "console": ("console", console),
        "projector": ("projector", projector),
        f"table screen {home.name}": ("screen", screen_home),
        f"table screen {away.name}": ("screen", screen_away),
        **{f"phone {language}": ("phone", page) for language, page in phones.items()},
    }
    loaded = {
        label: page.evaluate("window.__loaded = Date.now()") for label, (_r, page) in pages.items()
    }

    def check(item, step):
        assert_screens_follow(pages, seminar, item, step=step)
        assert not problems.problems, f"at {step}:\n" + "\n".join(problems.problems)

    # The console is the facilitator's front tab (a background tab's timers are throttled).
    console.bring_to_front()
    clock(console, "start")
    item = current_item(seminar)
    assert item.pk == items[0].pk
    check(item, f"start: {step_name(item)}")
    posted = drafted = gallery = spoken = False
    visited = [item.pk]
    while item is not None:
        clock(console, "next")
        previous, item = item, current_item(seminar)
        step = f"Next from item {previous.pk} to {step_name(item)}"
        check(item, step)
        if item is None:
            break
        visited.append(item.pk)

        if item.pk == brainstorm.pk and not posted:
            # The Danish phone posts a card; its table's screen shows it, the other one not.
            board = Board.objects.get(agenda_item=item, group=home)
            da = phones["da"]
            da.fill("#post-idea textarea#idea-text", IDEA)
            htmx_submit(da, "#post-idea button[type=submit]", "/ideas/")
            expect(da.locator("#post-idea .message.success")).to_be_visible()
            card = f"#my-work #board-{board.pk} li.idea .idea-text"
            expect(screen_home.locator(card)).to_have_text([IDEA], timeout=PUSH_TIMEOUT_MS)
            expect(projector.locator(f"#stage #board-{board.pk}")).to_contain_text(IDEA)
            expect(screen_away.locator("body")).not_to_contain_text(IDEA)
            assert Idea.objects.filter(board=board, text=IDEA).exists()
            posted = True
            check(item, f"{step}, after the card")

        if item.kind == "vernissage" and posted and not gallery:
            # The facilitator makes the item the brainstorm's gallery, from the set-up tab.
            setup.goto(f"{server.url}/s/{seminar.pk}/items/{item.pk}/vernissage/")
            setup.select_option("#id_source_item", str(brainstorm.pk))
            submit_and_wait(setup, "main form[method=post]", url_part="/run/")
            wait_live(setup)
            console.bring_to_front()
            count = Board.objects.filter(agenda_item=brainstorm).count()
            expect(projector.locator("#stage section.board")).to_have_count(
                count, timeout=PUSH_TIMEOUT_MS
            )
            expect(phones["da"].locator("#my-work a[href$='/gallery/']")).to_be_visible(
                timeout=PUSH_TIMEOUT_MS
            )
            expect(screen_home.locator("#my-work li.idea .idea-text")).to_have_text(
                [IDEA], timeout=PUSH_TIMEOUT_MS
            )
            gallery = True
            check(item, f"{step}, after the vernissage set-up")

        if item.kind == "goals" and not drafted and phones["da"].locator("#goal-form").count():
            da = phones["da"]
            for field, value in GOAL.items():
                da.fill(f"#goal-form #id_{field}", value)
            htmx_submit(da, "#goal-form button[type=submit]", "/goals/")
            expect(da.locator("#goal-form .message.success")).to_be_visible()
            expect(console.locator("#exercise #goals")).to_contain_text(
                GOAL["title"], timeout=PUSH_TIMEOUT_MS
            )
            assert Goal.objects.filter(seminar=seminar, title=GOAL["title"]).exists()
            drafted = True
            check(item, f"{step}, after the goal")

        if item.kind == "commitments" and not spoken:
            # The department task reaches each phone in its own language.
            headings = {
                language: page.locator("#my-work h2").first.inner_text()
                for language, page in phones.items()
            }
            assert len(set(headings.values())) == len(PHONES), headings
            spoken = True

    assert visited == [i.pk for i in items], "the run skipped an item"
    assert posted and gallery and drafted and spoken, (posted, gallery, drafted, spoken)
    for label, (_role, page) in pages.items():
        assert page.evaluate("window.__loaded") == loaded[label], f"{label} was reloaded"
    problems.assert_none()
