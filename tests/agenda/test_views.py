import pytest
from django import shortcuts
from django.test import Client
from django.urls import reverse

from agenda.models import AgendaItem, Day
from tests import factories


def _urls(seminar, day, item):
    s = seminar.pk
    return [
        ("get", reverse("programme", args=[s])),
        ("post", reverse("day-add", args=[s])),
        ("post", reverse("day-delete", args=[s, day.pk])),
        ("get", reverse("item-add", args=[s, day.pk])),
        ("post", reverse("item-add", args=[s, day.pk])),
        ("get", reverse("item-edit", args=[s, item.pk])),
        ("post", reverse("item-edit", args=[s, item.pk])),
        ("post", reverse("item-move", args=[s, item.pk, "up"])),
        ("post", reverse("item-delete", args=[s, item.pk])),
        ("get", reverse("programme-import", args=[s])),
        ("post", reverse("programme-import", args=[s])),
        ("get", reverse("console", args=[s])),
        ("get", reverse("projector", args=[s])),
        ("post", reverse("clock-action", args=[s, "start"])),
        ("post", reverse("clock-action", args=[s, "next"])),
        ("post", reverse("clock-goto", args=[s, item.pk])),
    ]


@pytest.fixture
def endpoints(seminar, programme):
    day, items = programme
    return _urls(seminar, day, items[1])


def _state(seminar):
    clock = seminar.clock
    clock.refresh_from_db()
    return (
        list(AgendaItem.objects.values_list("pk", "title", "start", "position")),
        Day.objects.count(),
        clock.current_item_id,
        clock.version,
    )


@pytest.mark.parametrize("who", ["anonymous", "other_facilitator", "director", "participant"])
def test_outsiders_cannot_see_or_change_the_programme_or_clock(
    who, seminar, endpoints, bob_client, carol_client, participant_client
):
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "participant": participant_client,
    }[who]
    before = _state(seminar)
    for method, url in endpoints:
        response = getattr(client, method)(url, {"label": "X", "title": "X", "text": "Kl 8: X"})
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    assert _state(seminar) == before


def test_facilitator_adds_an_item_with_htmx(alice_client, seminar, programme):
    day, _items = programme
    response = alice_client.post(
        reverse("item-add", args=[seminar.pk, day.pk]),
        {"title": "Frokost", "start": "12:00", "duration": "60", "kind": "meal"},
        headers={"hx-request": "true"},
    )
    assert response.status_code == 200
    assert response["HX-Retarget"] == "#programme"
    assert "Frokost" in response.content.decode()
    assert AgendaItem.objects.filter(title="Frokost", duration=60).exists()


def test_invalid_item_shows_errors_beside_the_field_and_saves_nothing(
    alice_client, seminar, programme
):
    day, _items = programme
    count = AgendaItem.objects.count()
    response = alice_client.post(
        reverse("item-add", args=[seminar.pk, day.pk]),
        {"title": "  ", "start": "25:99", "duration": "-5"},
        headers={"hx-request": "true", "accept-language": "en"},
    )
    html = response.content.decode()
    assert "Give the item a title." in html
    assert 'id="id_start_error"' in html
    assert AgendaItem.objects.count() == count


def test_import_previews_before_saving(alice_client, seminar):
    text = "Torsdag\nKl 8: Kaffe\nKl 8.15: Velkommen\nKl 9: Slut"
    response = alice_client.post(
        reverse("programme-import", args=[seminar.pk]), {"text": text, "preview": "1"}
    )
    assert response.status_code == 200
    assert "Velkommen" in response.content.decode()
    assert not AgendaItem.objects.exists()
    response = alice_client.post(
        reverse("programme-import", args=[seminar.pk]), {"text": text, "confirm": "1"}
    )
    assert response.status_code == 302
    assert list(AgendaItem.objects.values_list("title", flat=True)) == [
        "Kaffe",
        "Velkommen",
        "Slut",
    ]


def test_clock_buttons_run_the_seminar(alice_client, seminar, programme):
    _day, items = programme
    url = reverse("clock-action", args=[seminar.pk, "start"])
    response = alice_client.post(url, headers={"hx-request": "true"})
    assert 'id="console-clock"' in response.content.decode()
    alice_client.post(reverse("clock-action", args=[seminar.pk, "next"]))
    seminar.clock.refresh_from_db()
    assert seminar.clock.current_item == items[1]


def test_clock_double_click_is_harmless(alice_client, seminar, programme):
    for _ in range(2):
        response = alice_client.post(reverse("clock-action", args=[seminar.pk, "pause"]))
        assert response.status_code == 302


def test_co_facilitator_may_run_the_seminar(seminar, programme, bob, bob_client):
    seminar.facilitators.add(bob)
    assert bob_client.get(reverse("console", args=[seminar.pk])).status_code == 200


@pytest.mark.parametrize("count", [1, 3])
def test_programme_page_queries_do_not_grow_with_items(
    count, alice_client, seminar, alice, django_assert_max_num_queries
):
    factories.make_programme(
        seminar, by=alice, items=[("08:00", 10, f"Item {i}") for i in range(count)]
    )
    with django_assert_max_num_queries(12):
        alice_client.get(reverse("programme", args=[seminar.pk]))


def test_projector_shows_the_join_code_and_qr(alice_client, seminar, programme):
    html = alice_client.get(reverse("projector", args=[seminar.pk])).content.decode()
    assert seminar.join_code in html
    assert "<svg" in html


def _two_days(seminar, alice):
    from agenda import services

    thursday, items = factories.make_programme(seminar, by=alice)
    friday = services.add_day(seminar, by=alice, label="Fredag")
    services.add_item(friday, by=alice, title="Hvad siger vi på mandag?", duration=60)
    return thursday, friday, items


def test_console_heads_each_day_and_reaches_every_item(alice_client, seminar, alice):
    from agenda import services

    _thursday, friday, items = _two_days(seminar, alice)
    url = reverse("console", args=[seminar.pk])
    page = alice_client.get(url).content.decode()
    assert "Torsdag</h3>" in page and "Fredag</h3>" in page  # before the start
    services.start_seminar(seminar, by=alice)
    page = alice_client.get(url).content.decode()
    friday_item = friday.items.get()
    # While Thursday runs, Friday's item can be reached too (its day folded, not left out).
    assert reverse("clock-goto", args=[seminar.pk, friday_item.pk]) in page
    alice_client.post(reverse("clock-goto", args=[seminar.pk, friday_item.pk]))
    seminar.clock.refresh_from_db()
    assert seminar.clock.current_item == friday_item


def test_console_go_buttons_start_their_name_with_the_visible_word(alice_client, seminar, alice):
    _two_days(seminar, alice)
    page = alice_client.get(reverse("console", args=[seminar.pk])).content.decode()
    assert 'aria-label="Go to' not in page and 'aria-label="Gå til' not in page
    assert '<span class="visually-hidden">: Velkommen</span>' in page


def test_console_says_a_new_item_in_a_sentence_and_shows_no_template_comment(
    alice_client, seminar, alice
):
    from agenda import services

    _thursday, _friday, items = _two_days(seminar, alice)
    services.start_seminar(seminar, by=alice)
    page = alice_client.get(reverse("console", args=[seminar.pk])).content.decode()
    assert "{#" not in page and "#}" not in page
    # The "now" region is quiet (no aria-live); its news is a sentence for the announcer.
    assert 'id="agenda-now" class="now" hx-swap-oob="true" data-clock-version' in page
    assert f'data-announce="Nu: {items[0].title}"' in page
    assert 'id="announcer"' in page


@pytest.fixture
def a_danish_console_listens():
    from seminar import live

    live.listening("da", +1)
    yield
    live.listening("da", -1)


def _version(html):
    import re

    return int(re.search(r'data-clock-version="(\d+)"', html).group(1))


@pytest.mark.django_db(transaction=True)  # real commits, as in a request
def test_the_clock_buttons_answer_comes_before_the_rooms_pushes(
    alice, alice_client, seminar, programme, a_danish_console_listens, monkeypatch
):
    """The answer shows the new state; "now" and the rest are pushed once it has gone out
    (live.answer_first: the test client closes the answer before it returns), in their turn
    (tests/seminar/test_answer_first.py), the clock and the programme read once for all of
    them."""
    from agenda import queries, services
    from seminar import live as seminar_live

    services.start_seminar(seminar, by=alice)
    order = []
    original_send = seminar_live._send
    monkeypatch.setattr(
        seminar_live,
        "_send",
        lambda sends, *a, **k: order.append("push") or original_send(sends, *a, **k),
    )
    monkeypatch.setattr(
        "agenda.views.render",
        lambda *a, **k: order.append("answer") or shortcuts.render(*a, **k),
    )
    reads = []
    original = queries.programme_items
    monkeypatch.setattr(queries, "programme_items", lambda s: reads.append(s) or original(s))
    url = reverse("clock-action", args=[seminar.pk, "next"])
    response = alice_client.post(url, headers={"hx-request": "true"})
    seminar.clock.refresh_from_db()
    assert _version(response.content.decode()) == seminar.clock.version
    assert order[0] == "answer" and "push" in order
    # The answer's read, and one after the commit for "now" and the console panel (it was 4).
    assert len(reads) == 2


def test_a_refused_clock_button_answers_the_state_as_it_is_not_an_older_push(
    alice,
    alice_client,
    seminar,
    programme,
    a_danish_console_listens,
    django_capture_on_commit_callbacks,
):
    """A push of this thread read the console at one version; the clock then changed with no
    push read here; a button that is refused (paused twice) answers the clock as it is now."""
    from agenda import live, services

    services.start_seminar(seminar, by=alice)
    live.console_context(seminar)  # what an earlier push in this thread read
    services.pause(seminar, by=alice)  # on commit: not run here, so nothing read again
    url = reverse("clock-action", args=[seminar.pk, "pause"])  # paused already: refused
    response = alice_client.post(url, headers={"hx-request": "true"})
    seminar.clock.refresh_from_db()
    assert _version(response.content.decode()) == seminar.clock.version


def test_an_items_form_takes_the_place_of_its_row_as_a_row(alice_client, seminar, programme):
    """Opened in place (htmx), the edit form is a row of the programme's list, not a form among
    its rows; a refused save keeps it a row; opened on its own page it is the page's form."""
    _day, items = programme
    url = reverse("item-edit", args=[seminar.pk, items[1].pk])
    page = alice_client.get(url, headers={"hx-request": "true"}).content.decode().strip()
    assert page.startswith(f'<li id="item-{items[1].pk}" class="item-edit-row">')
    assert page.endswith("</li>") and 'hx-target="closest li"' in page
    refused = alice_client.post(url, {"title": ""}, headers={"hx-request": "true"})
    assert refused.content.decode().strip().startswith(f'<li id="item-{items[1].pk}"')
    standalone = alice_client.get(url).content.decode()
    assert f'<li id="item-{items[1].pk}"' not in standalone
    assert f'<form id="item-{items[1].pk}-form"' in standalone
