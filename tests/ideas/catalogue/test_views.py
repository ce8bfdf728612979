"""The template picker in the programme editor: for the facilitators of the seminar only, by
htmx or by plain posts, in the seminar's language, and bad input refused with nothing changed."""

import uuid

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import translation
from django.utils.html import escape

from agenda.models import AgendaItem
from ideas.exercises import all_templates

HTMX = {"hx-request": "true"}


def _state():
    return list(AgendaItem.objects.order_by("pk").values_list("pk", "kind", "title", "description"))


def _urls(seminar, day, item):
    return [
        reverse("day-template", args=[seminar.pk, day.pk]),
        reverse("item-template", args=[seminar.pk, item.pk]),
    ]


@pytest.mark.parametrize("who", ["anonymous", "other_facilitator", "director", "participant"])
def test_outsiders_cannot_pick_a_template(
    who, seminar, programme, bob_client, carol_client, participant_client
):
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "participant": participant_client,
    }[who]
    day, items = programme
    before = _state()
    for url in _urls(seminar, day, items[0]):
        for method in ("get", "post"):
            response = getattr(client, method)(url, {"template": "dilemmas"}, headers=HTMX)
            assert response.status_code in (302, 403, 404), (url, method, response.status_code)
            if response.status_code == 302:
                assert response["Location"].startswith(reverse("login"))
    assert _state() == before


def test_another_seminars_day_or_item_is_not_found(alice_client, seminar, other_seminar, bob):
    from tests import factories

    other_day, other_items = factories.make_programme(other_seminar, by=bob)
    before = _state()
    for url in [
        reverse("day-template", args=[seminar.pk, other_day.pk]),
        reverse("item-template", args=[seminar.pk, other_items[0].pk]),
        reverse("item-template", args=[seminar.pk, 2**62]),
    ]:
        assert alice_client.post(url, {"template": "dilemmas"}).status_code == 404
    assert _state() == before


def test_the_picker_offers_each_template_in_the_seminars_language(alice_client, seminar, programme):
    _day, items = programme
    seminar.language = "nb"
    seminar.save()
    response = alice_client.get(
        reverse("item-template", args=[seminar.pk, items[0].pk]),
        headers={**HTMX, "accept-language": "en"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.strip().startswith(f'<li id="item-{items[0].pk}"')  # in the item's row's place
    assert page.count("autofocus") == 1  # the first choice, for the keyboard
    assert page.count('type="radio" name="template"') == len(all_templates())
    assert 'lang="nb"' in page and ">Use this template<" in page  # the page: the user's
    with translation.override("nb"):  # the templates: the seminar's
        for template in all_templates():
            assert escape(str(template.name)) in page and escape(str(template.summary)) in page


def test_a_day_gets_an_exercise_from_a_template_without_a_reload(alice_client, seminar, programme):
    day, items = programme
    url = reverse("day-template", args=[seminar.pk, day.pk])
    form = alice_client.get(url, headers=HTMX).content.decode()
    assert f'id="add-item-{day.pk}"' in form and 'name="key"' in form
    key = str(uuid.uuid4())
    for _twice in range(2):
        response = alice_client.post(url, {"template": "dilemmas", "key": key}, headers=HTMX)
        assert response.status_code == 200 and response["HX-Retarget"] == "#programme"
    added = AgendaItem.objects.get(day=day, kind="dilemma")
    assert added.title == "Dilemmaer på spil"
    page = response.content.decode()
    assert 'role="status"' in page and "Dilemmaer på spil" in page
    # The keyboard goes back to the button that opened the picker (htmx focuses autofocus).
    assert f'id="day-{day.pk}-template" autofocus' in page


def test_an_item_takes_a_template_by_a_plain_post(alice_client, seminar, programme):
    _day, items = programme
    url = reverse("item-template", args=[seminar.pk, items[1].pk])
    response = alice_client.post(url, {"template": "five-questions"})
    assert response.status_code == 302 and response["Location"] == reverse(
        "programme", args=[seminar.pk]
    )
    items[1].refresh_from_db()
    assert items[1].kind == "questions" and items[1].title == "Visionen"
    page = alice_client.get(url)  # the picker as a page of its own, for a page without htmx
    assert page.status_code == 200 and "<form" in page.content.decode()
    assert "hx-post" not in page.content.decode().split("<form")[1]


@pytest.mark.parametrize("posted", [{}, {"template": "nope"}, {"template": "dilemmas\x00"}])
def test_bad_input_is_refused_with_a_translated_message(alice_client, seminar, programme, posted):
    day, items = programme
    before = _state()
    for url in _urls(seminar, day, items[0]):
        response = alice_client.post(url, posted, headers={**HTMX, "accept-language": "sv"})
        page = response.content.decode()
        assert response.status_code == 422
        assert 'role="alert"' in page and 'aria-invalid="true"' in page
        assert ("Välj en mall." if not posted else "Den mallen finns inte.") in page
    assert _state() == before


def test_the_running_items_kind_is_refused_in_words(alice_client, seminar, programme, alice):
    from agenda import services as agenda_services

    _day, items = programme
    agenda_services.start_seminar(seminar, by=alice)
    response = alice_client.post(
        reverse("item-template", args=[seminar.pk, items[0].pk]),
        {"template": "dilemmas"},
        headers={**HTMX, "accept-language": "en"},
    )
    assert response.status_code == 422 and "running now" in response.content.decode()
    items[0].refresh_from_db()
    assert items[0].kind == "plenum"


def test_the_programme_offers_a_template_for_each_item_and_day(alice_client, seminar, programme):
    day, items = programme
    page = alice_client.get(reverse("programme", args=[seminar.pk])).content.decode()
    assert reverse("day-template", args=[seminar.pk, day.pk]) in page
    for item in items:
        assert f'id="item-{item.pk}-template"' in page
