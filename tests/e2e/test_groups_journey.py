"""Twelve phones join, the facilitator seats them at cross-functional tables of six, pairs a
table screen that shows its members, and moves one person to the other table live."""

from collections import Counter
from unittest import mock

import pytest
from playwright.sync_api import expect

from groups.models import Group, Grouping, Membership
from seminar.models import Department
from tests.e2e.helpers import (
    PUSH_TIMEOUT_MS,
    clock,
    edit_item,
    form_grouping,
    join_phone_as,
    join_phones,
    open_console,
    open_table_screen,
    pair_table_screen,
    participant_id,
    screenshot,
    submit_and_wait,
    wait_live,
)

DEPARTMENTS = ("Teknik", "Skole", "Sundhed", "Kultur")


@pytest.fixture
def four_departments(seeded):
    """The seeded seminar with two more departments: four of three leaders each."""
    with mock.patch("seminar.live._send"):
        for name in DEPARTMENTS:
            Department.objects.get_or_create(seminar=seeded.seminar, name=name)
    return seeded


def table_of(page):
    return page.locator("#my-table .group-name strong[data-group-number]")


def members_of(page):
    return page.locator("#my-table .members li")


def seats_of(grouping):
    """{participant id: group} of a grouping, as stored."""
    return {
        m.participant_id: m.group
        for m in Membership.objects.filter(grouping=grouping).select_related("group")
    }


def mark_loaded(pages):
    for page in pages:
        page.evaluate("window.__journeyMark = true")


def assert_not_reloaded(pages):
    for page in pages:
        assert page.evaluate("window.__journeyMark === true"), f"{page.url} was reloaded"


def move(groups_page, base_url, seminar, grouping, participant_pk, group):
    """The facilitator moves a participant with the grouping's move form (person, table)."""
    groups_page.goto(f"{base_url}/s/{seminar.pk}/groups/")
    form = f"form[action$='/groups/{grouping.pk}/move/']"
    groups_page.select_option(f"{form} select[name=member]", str(participant_pk))
    groups_page.select_option(f"{form} select[name=group]", str(group.pk))
    submit_and_wait(groups_page, form, url_part="/groups/")
    membership = Membership.objects.get(grouping=grouping, participant_id=participant_pk)
    assert membership.group_id == group.pk


def test_groups_journey_cross_functional_tables_a_paired_screen_and_a_move(
    server, four_departments, screens, problems, screenshot_dir
):
    seminar, items = four_departments.seminar, four_departments.items
    console = open_console(screens, server.url, seminar)
    # The facilitator's second tab: the groups page, while the console stays live.
    groups_page = problems.watch(console.context.new_page(), "groups page")

    people = [(f"Leder {n + 1:02d}", DEPARTMENTS[n % 4], f"phone {n + 1:02d}") for n in range(12)]
    # Sharp pixels only on the phone whose screenshots we look at.
    pages = join_phones(screens, server.url, seminar, people[:1])
    pages += join_phones(screens, server.url, seminar, people[1:], scale=1)
    phones = {participant_id(page): page for page in pages}
    assert seminar.participants.count() == 12
    for page in phones.values():
        expect(table_of(page)).to_have_count(0)

    form_grouping(
        groups_page, server.url, seminar, name="Tværgående borde", method="cross_functional", size=6
    )
    grouping = Grouping.objects.get(seminar=seminar)
    groups = list(Group.objects.filter(grouping=grouping).order_by("number"))
    assert len(groups) == 2
    # Two tables of six; four departments of three split 2 + 1 between them, so every
    # department sits at both tables and none has more than two people at a table.
    for group in groups:
        expect(groups_page.locator(f"[data-group='{group.pk}'] li[data-member]")).to_have_count(6)
        departments = Counter(group.members.values_list("department__name", flat=True).order_by())
        assert sum(departments.values()) == 6, departments
        assert set(departments) == set(DEPARTMENTS), departments
        assert max(departments.values()) <= 2, departments

    # The table discussion sits at these tables: the facilitator starts and jumps to it.
    table_item = items[3]
    edit_item(groups_page, server.url, seminar, table_item, grouping=grouping)
    clock(console, "start")
    clock(console, f"goto/{table_item.pk}")
    seats = seats_of(grouping)
    names = dict(seminar.participants.values_list("pk", "display_name"))
    for pid, page in phones.items():
        expect(table_of(page)).to_have_text(seats[pid].name, timeout=PUSH_TIMEOUT_MS)
        expect(table_of(page)).to_have_attribute("data-group-number", str(seats[pid].number))
        expect(members_of(page)).to_have_count(6)
        expect(members_of(page)).to_contain_text([names[pid]])
    first_phone = next(iter(phones.values()))
    screenshot(first_phone, screenshot_dir / "groups-phone-table.png", full_page=True)

    # A table screen shows its code; the facilitator pairs it with the second table.
    source, target = groups
    screen, code = open_table_screen(screens, server.url, viewport={"width": 1920, "height": 1080})
    screenshot(screen, screenshot_dir / "groups-screen-unpaired.png")
    pair_table_screen(groups_page, server.url, seminar, code=code, group=target, screen=screen)
    expect(screen.locator("#table-panel h1.group-name")).to_have_text(target.name)
    expect(screen.locator("#table-panel .members li")).to_have_count(6)
    at_table = sorted(p.display_name for p in target.members.all())
    # The members are folded away on the table screen (its work fills it): read, not shown.
    shown = screen.locator("#table-panel .members li").all_text_contents()
    assert sorted(text.split("·")[0].strip() for text in shown) == at_table

    # The facilitator moves a leader from the first table to the second. The phones of both
    # tables and the paired screen follow live, without a reload.
    mark_loaded([*phones.values(), screen])
    moved_id = next(pid for pid, group in seats.items() if group.pk == source.pk)
    stays_id = next(
        pid for pid, group in seats.items() if group.pk == source.pk and pid != moved_id
    )
    sits_id = next(pid for pid, group in seats.items() if group.pk == target.pk)
    moved_name = names[moved_id]
    move(groups_page, server.url, seminar, grouping, moved_id, target)
    expect(members_of(phones[sits_id])).to_have_count(7, timeout=PUSH_TIMEOUT_MS)
    expect(members_of(phones[sits_id])).to_contain_text([moved_name])
    expect(members_of(phones[stays_id])).to_have_count(5, timeout=PUSH_TIMEOUT_MS)
    expect(table_of(phones[stays_id])).to_have_text(source.name)
    expect(screen.locator("#table-panel .members li")).to_have_count(7, timeout=PUSH_TIMEOUT_MS)
    expect(screen.locator("#table-panel .members")).to_contain_text(moved_name)
    assert_not_reloaded([*phones.values(), screen])
    screenshot(screen, screenshot_dir / "groups-screen-paired.png")
    # The moved phone's own live change is test_a_moved_phone_changes_table_live; here
    # the phone, opened again, shows its new table.
    moved = phones[moved_id]
    moved.reload()
    wait_live(moved)
    expect(table_of(moved)).to_have_text(target.name)
    expect(members_of(moved)).to_have_count(7)
    screenshot(moved, screenshot_dir / "groups-phone-moved.png", full_page=True)
    problems.assert_none()


def test_a_moved_phone_changes_table_live(server, four_departments, screens, problems):
    seminar, items = four_departments.seminar, four_departments.items
    console = open_console(screens, server.url, seminar)
    groups_page = problems.watch(console.context.new_page(), "groups page")
    people = [(f"Leder {n + 1}", department, None) for n, department in enumerate(DEPARTMENTS)]
    pages = join_phones(screens, server.url, seminar, people, scale=1)
    phones = {participant_id(page): page for page in pages}
    form_grouping(groups_page, server.url, seminar, name="Borde", method="cross_functional", size=2)
    grouping = Grouping.objects.get(seminar=seminar)
    source, target = Group.objects.filter(grouping=grouping).order_by("number")
    edit_item(groups_page, server.url, seminar, items[0], grouping=grouping)
    clock(console, "start")
    seats = seats_of(grouping)
    for pid, page in phones.items():
        expect(table_of(page)).to_have_text(seats[pid].name, timeout=PUSH_TIMEOUT_MS)
    moved_id = next(pid for pid, group in seats.items() if group.pk == source.pk)
    moved = phones[moved_id]
    mark_loaded([moved])

    move(groups_page, server.url, seminar, grouping, moved_id, target)
    # The moved phone shows its new table, itself among the members, without a reload.
    expect(table_of(moved)).to_have_text(target.name, timeout=PUSH_TIMEOUT_MS)
    expect(members_of(moved)).to_have_count(3)
    expect(members_of(moved)).to_contain_text([seminar.participants.get(pk=moved_id).display_name])
    moved.wait_for_timeout(1_000)  # no late push puts it back
    expect(table_of(moved)).to_have_text(target.name)
    assert_not_reloaded([moved])
    problems.assert_none()


def test_a_paired_table_screen_follows_the_clock_without_errors(server, seeded, screens, problems):
    seminar, items = seeded.seminar, seeded.items
    console = open_console(screens, server.url, seminar)
    groups_page = problems.watch(console.context.new_page(), "groups page")
    join_phone_as(screens, server.url, seminar, "Anne", department="Teknik")
    form_grouping(groups_page, server.url, seminar, name="Forvaltninger", method="by_department")
    group = Group.objects.get(grouping__seminar=seminar)
    edit_item(groups_page, server.url, seminar, items[0], grouping=group.grouping)
    screen, code = open_table_screen(screens, server.url)
    pair_table_screen(groups_page, server.url, seminar, code=code, group=group, screen=screen)

    clock(console, "start")
    expect(screen.locator("#agenda-now .title")).to_have_text(
        items[0].title, timeout=PUSH_TIMEOUT_MS
    )
    expect(screen.locator("#table-panel h1.group-name")).to_have_text(group.name)
    screen.wait_for_timeout(500)  # the rest of the item change's pushes
    problems.assert_none()
