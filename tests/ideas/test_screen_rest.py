"""A table screen whose table has no part in the item running now (everyone in plenum, or groups
other than the tables) says what the room does, on its page and in the pushes alike; it never
shows another group's work or a phone's "you are not in a group"."""

from django.test import Client

from agenda import services as agenda_services
from groups import services as group_services
from groups.models import Grouping, Screen
from seminar.permissions import SCREEN_COOKIE
from tests import factories
from tests.conftest import client_for_participant

PLENUM = "Alle er samlet i plenum nu."
ELSEWHERE = "I dette punkt arbejder I i andre grupper"
NOT_IN_A_GROUP = "Du er ikke i en af grupperne endnu"


def _screen_at(seminar, alice, group):
    screen = Screen.objects.create()
    group_services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code, group=group)
    client = Client(HTTP_ACCEPT_LANGUAGE="da")
    client.cookies[SCREEN_COOKIE] = screen.token
    return screen, client


def _pushed_to(screen, pushes):
    return "".join(html for group, html in pushes if group == f"live.screen.{screen.pk}.da")


def test_a_table_screen_in_plenum_and_while_other_groups_work(
    seminar, alice, tables, pushes, django_capture_on_commit_callbacks
):
    grouping, _people = tables
    _day, items = factories.make_programme(seminar, by=alice)
    screen, table = _screen_at(seminar, alice, grouping.groups.order_by("number").first())
    plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=2)
    others = group_services.create_grouping(
        seminar, by=alice, name="Grupper", method="random", size=2, plan=plan
    )
    agenda_services.update_item(items[1], by=alice, grouping=others, kind="speeches")

    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.start_seminar(seminar, by=alice)  # a plenum item
    page = table.get("/screen/").content.decode()
    assert "screen-rest" in page and PLENUM in page

    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.next_item(seminar, by=alice)  # the soapbox, in the other groups
    pushed = _pushed_to(screen, pushes)
    page = table.get("/screen/").content.decode()
    for html in (pushed, page):
        assert ELSEWHERE in html and PLENUM not in html
        # No other group's queue, and the phones' "not in a group" stays on the phones.
        assert "soapbox-queue-" not in html
        assert f'class="muted phone-only">{NOT_IN_A_GROUP}' in html


def test_a_table_screen_at_one_of_the_tables_shows_the_table_work(seminar, alice, tables):
    grouping, _people = tables
    _day, items = factories.make_programme(seminar, by=alice)
    group = grouping.groups.order_by("number").first()
    _screen, table = _screen_at(seminar, alice, group)
    agenda_services.update_item(items[0], by=alice, grouping=grouping, kind="speeches")
    agenda_services.start_seminar(seminar, by=alice)
    page = table.get("/screen/").content.decode()
    assert f"soapbox-queue-{group.pk}" in page
    assert "screen-rest" not in page


def test_from_plenum_to_plenum_the_table_screens_follow_and_the_phones_are_left_alone(
    seminar, alice, tables, pushes, django_capture_on_commit_callbacks
):
    _day, items = factories.make_programme(seminar, by=alice)
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.start_seminar(seminar, by=alice)
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.next_item(seminar, by=alice)
    work = {  # in Danish (with Redis, other processes' languages too)
        group.split(".")[1]: html
        for group, html in pushes
        if 'id="my-work"' in html and group.endswith(".da")
    }
    assert set(work) == {"tablescreens"}  # one render for every table screen, none for phones
    assert f'data-item="{items[1].pk}"' in work["tablescreens"]
    assert PLENUM in work["tablescreens"]


def test_into_a_table_item_a_phone_gets_its_seat_and_its_task_in_one_message(
    seminar, alice, tables, pushes, django_capture_on_commit_callbacks, monkeypatch
):
    """From plenum to a brainstorm at the tables (a new seating): each table's phones get
    `#my-table` and `#my-work` in one message, its screen `#my-work` alone, and each region is
    rendered once per table (and language)."""
    from seminar import live

    grouping, _people = tables
    _day, items = factories.make_programme(seminar, by=alice)
    group = grouping.groups.order_by("number").first()
    screen, _table = _screen_at(seminar, alice, group)
    agenda_services.update_item(items[1], by=alice, grouping=grouping, kind="brainstorm")
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.start_seminar(seminar, by=alice)  # a plenum item
    rendered = []
    render = live.render_regions
    monkeypatch.setattr(
        live,
        "render_regions",
        lambda regions, language: (
            rendered.extend(r.template for r in regions) or render(regions, language)
        ),
    )
    pushes.clear()
    with django_capture_on_commit_callbacks(execute=True):
        agenda_services.next_item(seminar, by=alice)
    tables_now = grouping.groups.count()
    for table in grouping.groups.all():
        to_phones = [html for to, html in pushes if to == f"live.members.{table.pk}.da"]
        assert len(to_phones) == 1  # one message: the seat and the task
        assert 'id="my-table"' in to_phones[0] and 'id="my-work"' in to_phones[0]
    to_screen = [html for to, html in pushes if to == f"live.screens.{group.pk}.da"]
    assert len(to_screen) == 1
    assert 'id="my-work"' in to_screen[0] and 'id="my-table"' not in to_screen[0]
    assert f'data-item="{items[1].pk}"' in to_screen[0]
    languages = len(live.active_languages())
    assert rendered.count("groups/live.html#my-table") == tables_now * languages
    assert rendered.count("ideas/exercise.html#my-work") == tables_now * languages


def test_on_a_break_a_table_screen_says_break_and_the_phones_no_tables(seminar, alice, tables):
    """A meal or a break is no plenum: the table screen says it is a break, a phone that its
    "My table" has no tables in this item."""
    grouping, _people = tables
    _day, items = factories.make_programme(seminar, by=alice)
    _screen, table = _screen_at(seminar, alice, grouping.groups.order_by("number").first())
    agenda_services.update_item(items[0], by=alice, kind="meal")
    agenda_services.start_seminar(seminar, by=alice)
    page = table.get("/screen/").content.decode()
    assert "screen-rest" in page and "Vi ses efter pausen." in page and PLENUM not in page
    phone = client_for_participant(factories.make_participant(seminar, "Eva"))
    phone.defaults["HTTP_ACCEPT_LANGUAGE"] = "da"
    mine = phone.get(f"/s/{seminar.pk}/me/").content.decode()
    assert "Ingen borde i dette punkt." in mine and PLENUM not in mine
