"""Questions from the room at a plenum: a Danish and a Swedish phone ask (one anonymously),
upvote and take a vote back, the facilitator moderates, answers one with a note, and the
projector follows; a phone whose socket was cut catches up; the note is in the documentation."""

from playwright.sync_api import expect

from ideas.models import Question
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    SocketCut,
    clock,
    htmx_submit,
    join_phone_in,
    open_console,
    open_projector,
    screenshot,
    wait_live,
)


def ask(phone, text, *, anonymous=False):
    phone.fill("#question-ask textarea", text)
    if anonymous:
        phone.check("#question-ask input[name=anonymous]")
    htmx_submit(phone, "#question-ask button[type=submit]", "/questions/")
    expect(phone.locator("#question-ask .message.success")).to_be_visible()


def moderate(console, question, action):
    htmx_submit(
        console,
        f"#question-{question.pk}-f form:has(input[value='{action}']) button",
        f"/questions/{question.pk}/moderate/",
    )


def votes(page, question, *, console=False):
    return page.locator(f"#question-{question.pk}{'-f' if console else ''} .votes")


def test_questions_journey_ask_upvote_moderate_answer(
    server, seeded, screens, problems, screenshot_dir
):
    seminar, items = seeded.seminar, seeded.items
    plenum = items[1]
    console = open_console(screens, server.url, seminar)
    cut = SocketCut()
    anne = join_phone_in(
        screens, server.url, seminar, locale="da-DK", name="Anne Dansk", department="Teknik"
    )
    sven = join_phone_in(
        screens,
        server.url,
        seminar,
        locale="sv-SE",
        name="Sven Svensk",
        department="Teknik",
        before_join=cut.install,
    )
    projector = open_projector(
        screens, server.url, seminar, storage_state=console.context.storage_state()
    )
    clock(console, "start")
    clock(console, f"goto/{plenum.pk}")
    expect(console.locator("#exercise")).to_have_attribute("data-item", str(plenum.pk))

    # The facilitator turns the room's questions on: each phone gets its form in its language.
    switch = f"/items/{plenum.pk}/extras/questions/"
    htmx_submit(console, f"form[action$='{switch}'] button", switch)
    # The facilitator puts it on the projector's stage (ideas/stage/).
    choose = "#stage-chooser button[name=stage][value='extra:questions']"
    expect(console.locator(choose)).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    with console.expect_response(lambda r: "/stage/" in r.url):
        console.locator(choose).click()
    expect(anne.locator("#question-ask label").first).to_have_text(
        "Dit spørgsmål", timeout=PUSH_TIMEOUT_MS
    )
    expect(sven.locator("#question-ask label").first).to_have_text(
        "Din fråga", timeout=PUSH_TIMEOUT_MS
    )
    expect(projector.locator("#questions-stage")).to_be_visible(timeout=PUSH_TIMEOUT_MS)

    ask(anne, "Hvem ejer visionen?")
    ask(sven, "Vad kostar det?", anonymous=True)
    owner = Question.objects.get(text="Hvem ejer visionen?")
    cost = Question.objects.get(text="Vad kostar det?")
    assert owner.participant.display_name == "Anne Dansk" and cost.participant is None
    expect(projector.locator("#questions-stage .question-top li")).to_have_count(
        2, timeout=PUSH_TIMEOUT_MS
    )
    expect(sven.locator(f"#question-{cost.pk}")).to_contain_text("Anonym")
    expect(anne.locator(f"#question-{cost.pk}")).to_contain_text("Anonym")

    # Sven upvotes Anne's question; a second tap takes it back; a third gives it again.
    give = f"#question-{owner.pk} form.vote-give button"
    take = f"#question-{owner.pk} form.vote-take button"
    vote_url = f"/questions/{owner.pk}/vote/"
    htmx_submit(sven, give, vote_url)
    expect(sven.locator(take)).to_be_visible()
    expect(votes(anne, owner)).to_have_text("▲ 1", timeout=PUSH_TIMEOUT_MS)
    htmx_submit(sven, take, vote_url)
    expect(sven.locator(give)).to_be_visible()
    expect(votes(anne, owner)).to_have_text("▲ 0", timeout=PUSH_TIMEOUT_MS)
    htmx_submit(sven, give, vote_url)
    expect(votes(console, owner, console=True)).to_have_text("▲ 1", timeout=PUSH_TIMEOUT_MS)
    expect(projector.locator("#questions-stage .question-top li").first).to_contain_text(
        "Hvem ejer visionen?"
    )
    screenshot(anne, screenshot_dir / "questions-phone-da.png", full_page=True)
    screenshot(sven, screenshot_dir / "questions-phone-sv.png", full_page=True)

    # Questions now wait for approval: the console sees the new one, the phones do not yet.
    console.check("#questions-console input[name=moderated]")
    htmx_submit(
        console,
        "#questions-console form[action$='/settings/'] button",
        f"/items/{plenum.pk}/extras/questions/settings/",
    )
    ask(anne, "Hvornår starter vi?")
    late = Question.objects.get(text="Hvornår starter vi?")
    assert late.status == "pending"
    expect(console.locator(f"#question-{late.pk}-f")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    expect(sven.locator(f"#question-{late.pk}")).to_have_count(0)

    # Sven's phone loses its socket while the question is approved and answered.
    cut.cut()
    expect(sven.locator("body")).to_have_attribute("data-live", "closed")
    moderate(console, late, "approve")
    expect(anne.locator(f"#question-{late.pk}")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    moderate(console, owner, "answer-now")
    expect(projector.locator("#questions-stage .answering")).to_contain_text(
        "Hvem ejer visionen?", timeout=PUSH_TIMEOUT_MS
    )
    expect(anne.locator(f"#question-{owner.pk} .badge")).to_have_text(
        "Besvares nu", timeout=PUSH_TIMEOUT_MS
    )
    screenshot(projector, screenshot_dir / "questions-projector.png")
    screenshot(console, screenshot_dir / "questions-console.png", full_page=True)

    cut.restore()
    wait_live(sven)
    expect(sven.locator(f"#question-{late.pk}")).to_be_visible(timeout=PUSH_TIMEOUT_MS)
    expect(sven.locator(f"#question-{owner.pk} .badge")).to_have_text("Besvaras nu")

    # Answered, with a note for the documentation.
    console.fill(f"#answer-{owner.pk}", "Alle ledere ejer den sammen.")
    htmx_submit(
        console,
        f"#question-{owner.pk}-f button[value=answered]",
        f"/questions/{owner.pk}/moderate/",
    )
    expect(projector.locator("#questions-stage .answering")).to_have_count(
        0, timeout=PUSH_TIMEOUT_MS
    )
    expect(anne.locator(f"#question-{owner.pk} .badge")).to_have_text("Besvaret")
    owner.refresh_from_db()
    assert owner.status == "answered" and owner.answer == "Alle ledere ejer den sammen."

    report = console.context.new_page()
    report.goto(f"{server.url}/s/{seminar.pk}/report/")
    expect(report.locator("#questions")).to_contain_text("Alle ledere ejer den sammen.")
    expect(report.locator("#questions")).to_contain_text("Hvem ejer visionen?")
    problems.assert_none()
