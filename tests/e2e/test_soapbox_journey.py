"""On the soapbox: four phones in Danish and Swedish draft their speeches in one large group
(saved as they type, kept through a reload), the process leader picks three speakers on their
phone (the volunteer first), the group's table screen shows the queue and the speaker's time,
a listener's feedback reaches the speaker's phone, and the shared speech is in the
documentation."""

import re
from unittest import mock

from playwright.sync_api import expect

from agenda.models import AgendaItem
from groups import services as group_services
from groups.models import Grouping
from ideas.models import Speech
from seminar.models import Participant
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    clock,
    htmx_submit,
    join_phone_in,
    open_console,
    open_table_screen,
    pair_table_screen,
    screenshot,
    wait_live,
)

PEOPLE = (
    ("da-DK", "Lea Leder"),
    ("da-DK", "Bo Dansk"),
    ("sv-SE", "Sven Svensk"),
    ("sv-SE", "Siv Svensk"),
)


def autosave(phone, field, text):
    with phone.expect_response(lambda r: "/speech/save/" in r.url) as info:
        phone.fill(f"#speech-form #id_{field}", text)
    assert info.value.ok
    expect(phone.locator("#speech-status")).not_to_be_empty()


def test_soapbox_journey_draft_pick_speak_feedback(
    server, seeded, screens, problems, screenshot_dir
):
    seminar, items = seeded.seminar, seeded.items
    soapbox = items[2]
    console = open_console(screens, server.url, seminar)
    phones = {
        name: join_phone_in(
            screens, server.url, seminar, locale=locale, name=name, department="Teknik"
        )
        for locale, name in PEOPLE
    }
    with mock.patch("seminar.live._send"):
        leader = Participant.objects.get(seminar=seminar, display_name="Lea Leder")
        plan = group_services.plan_grouping(
            seminar, method=Grouping.Method.WITH_LEADERS, count=1, leaders=[leader.pk], seed=1
        )
        grouping = group_services.create_grouping(
            seminar, by=seeded.facilitator, name="Store grupper", method="with_leaders", plan=plan
        )
        AgendaItem.objects.filter(pk=soapbox.pk).update(
            kind="speeches", grouping=grouping, title="Op på ølkassen"
        )
    group = grouping.groups.get()
    for phone in phones.values():  # the groups were formed behind the phones' backs
        phone.reload()
        wait_live(phone)
    clock(console, "start")
    clock(console, f"goto/{soapbox.pk}")
    for phone in phones.values():
        expect(phone.locator("#speech-form")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    expect(phones["Bo Dansk"].locator("#speech-form label").first).to_have_text("Hvad er visionen?")
    expect(phones["Sven Svensk"].locator("#speech-form label").first).to_have_text(
        "Vad är visionen?"
    )
    setup = problems.watch(console.context.new_page(), "set-up tab")
    screen, code = open_table_screen(screens, server.url, "table screen")
    pair_table_screen(setup, server.url, seminar, code=code, group=group, screen=screen)
    expect(screen.locator(f"#soapbox-queue-{group.pk}")).to_be_visible()

    # Drafts are saved as they are typed, and are there after a reload.
    bo = phones["Bo Dansk"]
    autosave(bo, "vision", "En kommune hvor borgeren er medskaber.")
    bo.reload()
    expect(bo.locator("#speech-form #id_vision")).to_have_value(
        "En kommune hvor borgeren er medskaber.", timeout=PUSH_TIMEOUT_MS
    )
    sven = phones["Sven Svensk"]
    autosave(sven, "vision", "Medborgarna skapar med oss.")
    with sven.expect_response(lambda r: "/speech/save/" in r.url):
        sven.check("#speech-form #id_volunteer")
    with sven.expect_response(lambda r: "/speech/save/" in r.url):
        sven.check("#speech-form #id_shared")

    # Only the process leader's phone has the leader's buttons.
    lea = phones["Lea Leder"]
    expect(lea.locator(".soapbox .leader-only")).to_be_visible()
    expect(bo.locator(".soapbox .leader-only")).to_be_hidden()
    lead_url = f"/soapbox/{group.pk}/lead/"
    htmx_submit(lea, ".soapbox .leader-only form:has(input[value='pick']) button", lead_url)
    expect(screen.locator(".soapbox-speakers li")).to_have_count(3, timeout=PUSH_TIMEOUT_MS)
    expect(screen.locator(".soapbox-speakers li").first).to_contain_text("Sven Svensk")
    picked = list(Speech.objects.filter(pick__isnull=False).order_by("pick"))
    listener = next(
        name for name in phones if name not in {s.participant.display_name for s in picked}
    )

    htmx_submit(lea, ".soapbox .leader-only form:has(input[value='next']) button", lead_url)
    expect(screen.locator(".soapbox-speakers li.speaking")).to_contain_text(
        "Sven Svensk", timeout=PUSH_TIMEOUT_MS
    )
    expect(screen.locator(".soapbox-speakers li.speaking .countdown")).to_have_text(
        re.compile(r"^[23]:\d\d$")
    )
    expect(console.locator(f"#soapbox-queue-{group.pk} li.speaking")).to_contain_text(
        "Sven Svensk", timeout=PUSH_TIMEOUT_MS
    )

    # The listener's feedback reaches Sven's phone.
    other = phones[listener]
    sven_speech = picked[0]
    form = f"#feedback-{sven_speech.pk}"
    expect(other.locator(form)).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    other.fill(f"{form} textarea[name$='worked']", "Tydelig og personlig.")
    other.fill(f"{form} textarea[name$='suggestion']", "Sig det kortere.")
    htmx_submit(other, f"{form} button[type=submit]", f"/speeches/{sven_speech.pk}/feedback/")
    expect(sven.locator("#speech-received")).to_contain_text(
        "Tydelig og personlig.", timeout=PUSH_TIMEOUT_MS
    )
    expect(screen.locator(".soapbox-speakers li").first).to_contain_text("1")
    screenshot(screen, screenshot_dir / "soapbox-table-screen.png")
    screenshot(sven, screenshot_dir / "soapbox-phone-sv.png", full_page=True)
    screenshot(lea, screenshot_dir / "soapbox-phone-leader-da.png", full_page=True)
    screenshot(console, screenshot_dir / "soapbox-console.png", full_page=True)

    report = console.context.new_page()
    report.goto(f"{server.url}/s/{seminar.pk}/report/")
    expect(report.locator("#soapbox")).to_contain_text("Medborgarna skapar med oss.")
    expect(report.locator("#soapbox")).not_to_contain_text("borgeren er medskaber")
    problems.assert_none()
