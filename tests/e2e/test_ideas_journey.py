"""Three phones at two tables brainstorm: each table screen shows its own table's cards only;
a comment in the vernissage reaches the presenting table's screen; a dot vote reveals a ranking."""

import re
from pathlib import Path
from types import SimpleNamespace

import django_htmx
from django.conf import settings
from playwright.sync_api import expect

from groups.models import Group, Grouping
from ideas.models import Board, Idea, Vote
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    clock,
    edit_item,
    form_grouping,
    htmx_submit,
    join_phones,
    open_console,
    open_projector,
    open_table_screen,
    pair_table_screen,
    screenshot,
    submit_and_wait,
    wait_live,
)

IDEAS = {
    "Anne": "Fælles kalender for alle chefer",
    "Bo": "Onboarding på tværs af forvaltninger",
    "Cai": "Kortere vej fra beslutning til handling",
}
TEKNIK_IDEAS = [IDEAS["Anne"], IDEAS["Bo"]]
COMMENT = "Ja! Og del den med borgmesteren"


def cards(page, board):
    return page.locator(f"#board-{board.pk} li.idea .idea-text")


def post_idea(phone, text):
    phone.fill("#post-idea textarea#idea-text", text)
    htmx_submit(phone, "#post-idea button[type=submit]", "/ideas/")
    expect(phone.locator("#post-idea .message.success")).to_be_visible()


def dot(page, vote, idea):
    """A phone puts a dot on a card on the vote page (answered in place: the ballot is swapped,
    the page stays where it is)."""
    form = (
        f"form[action$='/votes/{vote.pk}/dot/']"
        f":has(input[name=idea][value='{idea.pk}']):not(:has(input[name=action]))"
    )
    url = page.url
    htmx_submit(page, f"{form} button[type=submit]", f"/votes/{vote.pk}/dot/")
    assert page.url == url


def brainstorm_at_two_tables(server, seeded, screens, problems, *, pair_screens_first):
    """Anne and Bo sit at Teknik, Cai at Skole; the brainstorm runs with a board per table and
    each phone has posted its idea. The table screens are paired before the brainstorm starts,
    or (with `pair_screens_first` False) while it runs."""
    seminar, items = seeded.seminar, seeded.items
    brainstorm = items[2]
    console = open_console(screens, server.url, seminar)
    # The facilitator's second tab for the set-up pages, while the console stays live.
    setup = problems.watch(console.context.new_page(), "set-up tab")
    people = [
        ("Anne", "Teknik", "phone Anne"),
        ("Bo", "Teknik", "phone Bo"),
        ("Cai", "Skole", "phone Cai"),
    ]
    anne, bo, cai = join_phones(screens, server.url, seminar, people)
    form_grouping(setup, server.url, seminar, name="Forvaltningsborde", method="by_department")
    grouping = Grouping.objects.get(seminar=seminar)
    teknik = Group.objects.get(grouping=grouping, members__display_name="Anne")
    skole = Group.objects.get(grouping=grouping, members__display_name="Cai")
    assert teknik != skole and teknik.members.count() == 2
    edit_item(setup, server.url, seminar, brainstorm, kind="brainstorm", grouping=grouping)
    screen_t, code_t = open_table_screen(screens, server.url, "screen Teknik")
    screen_s, code_s = open_table_screen(screens, server.url, "screen Skole")
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )

    def pair_screens():
        pair_table_screen(setup, server.url, seminar, code=code_t, group=teknik, screen=screen_t)
        pair_table_screen(setup, server.url, seminar, code=code_s, group=skole, screen=screen_s)

    if pair_screens_first:
        pair_screens()
    clock(console, "start")
    clock(console, f"goto/{brainstorm.pk}")
    if not pair_screens_first:
        pair_screens()
    board_t = Board.objects.get(agenda_item=brainstorm, group=teknik)
    board_s = Board.objects.get(agenda_item=brainstorm, group=skole)
    for phone in (anne, bo, cai):
        expect(phone.locator("#my-work #post-idea")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    for page, board in ((screen_t, board_t), (screen_s, board_s)):
        expect(page.locator(f"#my-work #board-{board.pk}")).to_be_attached(timeout=PUSH_TIMEOUT_MS)
    for phone, name in ((anne, "Anne"), (bo, "Bo"), (cai, "Cai")):
        post_idea(phone, IDEAS[name])
    return SimpleNamespace(
        seminar=seminar,
        brainstorm=brainstorm,
        walk=items[3],
        console=console,
        setup=setup,
        anne=anne,
        bo=bo,
        cai=cai,
        screen_t=screen_t,
        screen_s=screen_s,
        projector=projector,
        board_t=board_t,
        board_s=board_s,
    )


def assert_each_table_sees_its_own_cards(room):
    screen_t, screen_s, board_t, board_s = room.screen_t, room.screen_s, room.board_t, room.board_s
    # Each table screen shows its own table's cards, and nothing of the other table.
    expect(cards(screen_t, board_t)).to_have_text(TEKNIK_IDEAS, timeout=PUSH_TIMEOUT_MS)
    expect(cards(screen_s, board_s)).to_have_text([IDEAS["Cai"]], timeout=PUSH_TIMEOUT_MS)
    expect(screen_t.locator(f"#board-{board_s.pk}")).to_have_count(0)
    expect(screen_s.locator(f"#board-{board_t.pk}")).to_have_count(0)
    expect(screen_t.locator("#my-work")).not_to_contain_text(IDEAS["Cai"])
    expect(screen_s.locator("#my-work")).not_to_contain_text(IDEAS["Anne"])
    expect(screen_s.locator("#my-work")).not_to_contain_text(IDEAS["Bo"])
    # The phones at a table see each other's cards; the projector and console see every board.
    expect(cards(room.anne, board_t)).to_have_text(TEKNIK_IDEAS, timeout=PUSH_TIMEOUT_MS)
    expect(cards(room.cai, board_s)).to_have_text([IDEAS["Cai"]])
    expect(room.cai.locator("#my-work")).not_to_contain_text(IDEAS["Anne"])
    expect(cards(room.projector, board_t)).to_have_text(TEKNIK_IDEAS, timeout=PUSH_TIMEOUT_MS)
    expect(cards(room.projector, board_s)).to_have_text([IDEAS["Cai"]], timeout=PUSH_TIMEOUT_MS)
    expect(room.console.locator(f"#board-{board_t.pk}-f li.idea .idea-text")).to_have_text(
        TEKNIK_IDEAS, timeout=PUSH_TIMEOUT_MS
    )
    # The cards came one by one, appended: the count followed, "No cards yet." went, and the
    # author's phone shows the edit and withdraw buttons on her own card only.
    for page, count in (
        (screen_t, f"#board-{board_t.pk}-count"),
        (room.projector, f"#board-{board_t.pk}-count"),
        (room.console, f"#board-{board_t.pk}-count-f"),
    ):
        expect(page.locator(count)).to_have_text(re.compile(r"^2 \w+$"))
    expect(screen_s.locator(f"#board-{board_s.pk}-count")).to_have_text(re.compile(r"^1 \w+$"))
    expect(screen_t.locator(f"#board-{board_t.pk} [data-empty]")).to_have_count(0)
    expect(room.anne.locator(f"#board-{board_t.pk} li.idea.mine .idea-text")).to_have_text(
        [IDEAS["Anne"]]
    )
    expect(room.bo.locator(f"#board-{board_t.pk} li.idea.mine .idea-text")).to_have_text(
        [IDEAS["Bo"]]
    )


def test_ideas_journey_each_table_screen_shows_its_own_cards(
    server, seeded, screens, problems, screenshot_dir
):
    room = brainstorm_at_two_tables(server, seeded, screens, problems, pair_screens_first=False)
    assert_each_table_sees_its_own_cards(room)
    screenshot(room.anne, screenshot_dir / "ideas-phone-board.png", full_page=True)
    screenshot(room.screen_t, screenshot_dir / "ideas-screen-board.png")
    screenshot(room.projector, screenshot_dir / "ideas-projector-boards.png")
    problems.assert_none()


def test_ideas_journey_vernissage_comment_and_dot_vote_ranking(
    server, seeded, screens, problems, screenshot_dir
):
    room = brainstorm_at_two_tables(server, seeded, screens, problems, pair_screens_first=True)
    assert_each_table_sees_its_own_cards(room)
    seminar, setup, console, cai = room.seminar, room.setup, room.console, room.cai
    screen_t, board_t, board_s = room.screen_t, room.board_t, room.board_s
    idea_a, idea_b, idea_c = (Idea.objects.get(text=IDEAS[name]) for name in ("Anne", "Bo", "Cai"))

    # Vernissage: the next item walks the brainstorm's posters. Cai, from the other table,
    # comments on Anne's card and stars it; Teknik's table screen, presenting, shows both.
    setup.goto(f"{server.url}/s/{seminar.pk}/items/{room.walk.pk}/vernissage/")
    setup.select_option("#id_source_item", str(room.brainstorm.pk))
    submit_and_wait(setup, "main form[method=post]", url_part="/run/")
    clock(console, f"goto/{room.walk.pk}")
    gallery_link = cai.locator("#my-work a[href$='/gallery/']")
    expect(gallery_link).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    with cai.expect_navigation():
        gallery_link.click()
    with cai.expect_navigation():
        cai.click(f"a[href$='/gallery/{board_t.pk}/']")
    # Bo reads the same poster on his phone: what Cai does reaches him without a reload.
    bo = room.bo
    bo.goto(f"{server.url}/s/{seminar.pk}/gallery/{board_t.pk}/")
    wait_live(bo)
    comment_form = f"form[action$='/ideas/{idea_a.pk}/comments/']"
    cai.fill(f"{comment_form} input[name=text]", COMMENT)
    # Answered in place: the card is swapped, the page does not reload.
    htmx_submit(cai, f"{comment_form} button[type=submit]", f"/ideas/{idea_a.pk}/comments/")
    expect(cai.locator(f"#visit-{idea_a.pk} .comments")).to_contain_text(COMMENT)
    star = f"form[action$='/ideas/{idea_a.pk}/star/'] button[type=submit]"
    htmx_submit(cai, star, f"/ideas/{idea_a.pk}/star/")
    expect(cai.locator(f"form[action$='/ideas/{idea_a.pk}/star/'] button")).to_have_attribute(
        "aria-pressed", "true"
    )
    expect(screen_t.locator(f"#idea-{idea_a.pk} .comments")).to_contain_text(
        COMMENT, timeout=PUSH_TIMEOUT_MS
    )
    expect(screen_t.locator(f"#idea-{idea_a.pk} .stars")).to_contain_text("1")
    shared = bo.locator(f"#visit-{idea_a.pk}-shared")
    expect(shared.locator(".comments")).to_contain_text(COMMENT, timeout=PUSH_TIMEOUT_MS)
    expect(shared).to_contain_text("★ 1")
    # ...and Bo's own star stays his: not pressed on his phone.
    expect(bo.locator(f"form[action$='/ideas/{idea_a.pk}/star/'] button")).to_have_attribute(
        "aria-pressed", "false"
    )
    bo.goto(f"{server.url}/s/{seminar.pk}/me/")
    expect(room.screen_s.locator("body")).not_to_contain_text(COMMENT)
    screenshot(cai, screenshot_dir / "ideas-phone-poster.png", full_page=True)
    screenshot(screen_t, screenshot_dir / "ideas-screen-comment.png")
    # The facilitator follows the comments on the console (to hide one if need be).
    expect(console.locator(f"#board-{board_t.pk}-f #idea-{idea_a.pk}-f .comments")).to_contain_text(
        COMMENT
    )
    # A table screen whose socket comes back (or that is reloaded) still shows its poster.
    screen_t.reload()
    wait_live(screen_t)
    expect(screen_t.locator(f"#idea-{idea_a.pk} .comments")).to_contain_text(COMMENT)

    # Dot vote over both boards: two dots each; Anne's card gets three, Bo's two, Cai's one.
    setup.goto(f"{server.url}/s/{seminar.pk}/votes/new/")
    setup.fill("#id_title", "Hvad er vigtigst?")
    for board in (board_t, board_s):
        setup.check(f"input[name=boards][value='{board.pk}']")
    setup.fill("#id_budget", "2")
    submit_and_wait(setup, "main form[method=post]", url_part="/run/")
    vote = Vote.objects.get(seminar=seminar)
    cai.goto(f"{server.url}/s/{seminar.pk}/me/")
    ballots = {room.anne: (idea_a, idea_b), room.bo: (idea_a, idea_b), cai: (idea_a, idea_c)}
    ballot_gets = []  # the ballot fetched by Cai's phone (the page itself, then only changes)
    cai.on(
        "request",
        lambda r: (
            r.method == "GET" and r.url.endswith(f"/votes/{vote.pk}/") and ballot_gets.append(r.url)
        ),
    )
    for phone, choices in ballots.items():
        link = phone.locator(f"#my-work a[href$='/votes/{vote.pk}/']")
        expect(link).to_be_visible(timeout=PUSH_TIMEOUT_MS)
        with phone.expect_navigation():
            link.click()
        wait_live(phone)
        for idea in choices:
            dot(phone, vote, idea)
        expect(phone.locator("[data-dots-left]")).to_have_attribute("data-dots-left", "0")

    # The socket's first state tells the ballot what it shows already: nothing is fetched again.
    assert len(ballot_gets) == 1, ballot_gets

    # The facilitator reveals from the console (the set-up tab returned to it; the button posts
    # with htmx); the projector, open since before the vote, shows the ranking live.
    reveal = f"form[action$='/votes/{vote.pk}/state/']:has(input[name=action][value=reveal])"
    setup.locator(f"{reveal} button").click()
    ranking = room.projector.locator(f"#vote-{vote.pk} ol.ranking li")
    expect(ranking).to_have_count(3, timeout=PUSH_TIMEOUT_MS)
    expect(ranking).to_contain_text([IDEAS["Anne"], IDEAS["Bo"], IDEAS["Cai"]])
    expect(ranking.locator(".dots")).to_have_text(["3", "2", "1"])
    # The phones still on their ballot show the result without a reload.
    for phone in ballots:
        expect(phone.locator("#ballot ol.ranking li")).to_have_count(3, timeout=PUSH_TIMEOUT_MS)
    assert len(ballot_gets) == 2, ballot_gets  # once more, for the reveal
    screenshot(cai, screenshot_dir / "ideas-phone-ranking.png")
    screenshot(room.projector, screenshot_dir / "ideas-projector-ranking.png")
    problems.assert_none()


# --- The order of board pushes, in the browser (plenum.js's rules, no server) --------------------

HTMX_JS = Path(django_htmx.__file__).parent / "static" / "django_htmx" / "htmx-2.js"
PLENUM_JS = Path(settings.BASE_DIR) / "static" / "js" / "plenum.js"
# What the websocket extension does with a message (ext/hx-ws-2.js): each top-level element is
# an out-of-band swap.
DELIVER = """
htmx.defineExtension("test-api", {init: function (api) { window.htmxApi = api; }});
window.deliver = function (html) {
  const api = window.htmxApi;
  const settleInfo = api.makeSettleInfo(document.body);
  const fragment = api.makeFragment(html);
  Array.from(fragment.children).forEach(function (child) {
    api.oobSwap(api.getAttributeValue(child, "hx-swap-oob") || "true", child, settleInfo);
  });
  api.settleImmediately(settleInfo.tasks);
};
"""


def test_board_pushes_in_any_order_end_with_the_newest_board(browser, db, seminar, alice):
    """Appended cards are idempotent and survive an older whole board; an older append or board
    changes nothing; a newer board takes a withdrawn card away (plenum.js, "Boards")."""
    from django.template.loader import render_to_string
    from django.utils import translation

    from ideas import queries, services
    from tests import factories

    board_html = "ideas/live.html#board"
    added_html = "ideas/live.html#card-added"
    _day, items = factories.make_programme(seminar, by=alice)
    board = services.boards_for_item(items[0])[0]  # the plenum board: everyone posts
    anne = factories.make_participant(seminar, "Anne")
    bo = factories.make_participant(seminar, "Bo")
    with translation.override("en"):
        empty = render_to_string(board_html, queries.board_context(board))
        first = services.add_idea(board, by=anne, text="First")
        add_first = render_to_string(added_html, queries.new_card_context(board, first.pk))
        with_first = render_to_string(board_html, queries.board_context(board))
        second = services.add_idea(board, by=bo, text="Second")
        add_second = render_to_string(added_html, queries.new_card_context(board, second.pk))
        first_id = first.pk
        services.withdraw_idea(first, by=anne)
        withdrawn = render_to_string(board_html, queries.board_context(board))

    page = browser.new_page()
    try:
        page.set_content(f'<html><body data-participant="{anne.pk}">{empty}</body></html>')
        page.add_script_tag(path=str(HTMX_JS))
        page.add_script_tag(path=str(PLENUM_JS))
        page.add_script_tag(content=DELIVER)
        texts = page.locator(f"#board-{board.pk} li.idea .idea-text")
        count = page.locator(f"#board-{board.pk}-count")

        def deliver(html):
            page.evaluate("html => window.deliver(html)", html)

        expect(page.locator("[data-empty]")).to_have_count(1)
        deliver(add_first)
        expect(texts).to_have_text(["First"])
        expect(count).to_have_text("1 card")
        expect(page.locator("[data-empty]")).to_have_count(0)
        expect(page.locator(f"#idea-{first_id}.mine")).to_have_count(1)  # Anne's own card
        deliver(add_first)  # again: the page has it
        expect(texts).to_have_text(["First"])
        deliver(add_second)
        expect(texts).to_have_text(["First", "Second"])
        expect(page.locator(f"#idea-{second.pk}.mine")).to_have_count(0)
        expect(count).to_have_text("2 cards")
        # A board read before Second was posted arrives late: Second and its count stay.
        deliver(with_first)
        expect(texts).to_have_text(["First", "Second"])
        expect(count).to_have_text("2 cards")
        deliver(add_second)
        deliver(empty)  # older than the board shown: not swapped in
        expect(texts).to_have_text(["First", "Second"])
        # First is withdrawn: the newer board takes it away, a late append cannot bring it back.
        deliver(withdrawn)
        expect(texts).to_have_text(["Second"])
        expect(count).to_have_text("1 card")
        deliver(add_first)
        deliver(add_second)
        deliver(with_first)
        expect(texts).to_have_text(["Second"])
        expect(count).to_have_text("1 card")
    finally:
        page.close()
