"""The action list's round and each table's prioritised points: written on any member's phone
or the table's screen, in an order a double tap cannot upset, closed by the facilitator, shown
on the projector, in the documentation, the follow-up and the seminar's export."""

import uuid

import pytest
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from agenda import services as agenda_services
from groups import services as group_services
from groups.models import Grouping
from ideas import report
from ideas.commitments import services
from ideas.commitments.presets import PRESETS
from ideas.domain import Refused
from ideas.live import stage_region_context
from ideas.models import ActionList, Goal, GroupPoint, MondayAction
from seminar import live
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.interviews.test_interviews import paired_screen
from tests.ideas.report.test_report import _docx_text, _html, _pdf_text

HTMX = {"HX-Request": "true"}


@pytest.fixture
def room(seminar, alice):
    """An action list running at two tables of two; each person has written one action."""
    people = [factories.make_participant(seminar, f"P{i}") for i in range(4)]
    plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=1)
    grouping = group_services.create_grouping(
        seminar, by=alice, name="Borde", method="random", size=2, plan=plan
    )
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, grouping=grouping, kind="action_list")
    agenda_services.start_seminar(seminar, by=alice)
    for person in people:
        services.add_monday_action(person, text=f"Ring til {person.display_name}s KSO")
    groups = list(grouping.groups.order_by("number"))
    return groups, ActionList.objects.get(agenda_item=items[0])


def members(group):
    return list(group.members.order_by("pk"))


def action_of(person):
    return MondayAction.objects.get(participant=person)


def texts(group):
    return list(GroupPoint.objects.filter(group=group).values_list("text", flat=True))


# -- Services --


def test_the_item_asks_the_seeds_question_in_the_seminars_language(seminar, alice):
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, kind="action_list", title="Hjem")
    agenda_services.update_item(
        items[1], by=alice, kind="action_list", title="Hvad gør vi på mandag?"
    )
    home, monday = (services.action_list_for(item) for item in items[:2])
    assert seminar.language == "da"
    assert home.prompt == "Det første, jeg vil gøre, når jeg kommer hjem"
    assert monday.prompt == PRESETS["monday"].prompts["da"] and monday.template == "monday"
    services.use_template(home, by=alice, key="monday")
    assert home.prompt.startswith("Hvad gør jeg")
    with pytest.raises(Refused):
        services.use_template(home, by=alice, key="nonsense")


def test_a_table_picks_writes_and_orders_its_points_and_a_retry_adds_once(room):
    groups, action_list = room
    first, second = members(groups[0])
    key = uuid.uuid4()
    for _try in range(2):
        services.add_point(action_list, groups[0], by=first, action=action_of(second), key=key)
    services.add_point(action_list, groups[0], by=second, action=action_of(second))  # again
    services.add_point(action_list, groups[0], by=second, text="Formalisera nätverken")
    services.add_point(action_list, groups[0], by=first, action=action_of(first))
    assert texts(groups[0]) == [
        action_of(second).text,
        "Formalisera nätverken",
        action_of(first).text,
    ]
    last = GroupPoint.objects.get(action=action_of(first))
    for _tap in range(2):  # a double tap sends the same place twice
        services.move_point(last, by=second, to=0)
    assert texts(groups[0])[0] == action_of(first).text
    services.remove_point(GroupPoint.objects.get(text="Formalisera nätverken"), by=first)
    assert list(GroupPoint.objects.filter(group=groups[0]).values_list("position", flat=True)) == [
        0,
        1,
    ]
    assert texts(groups[1]) == []


def test_a_point_copies_the_action_so_a_later_change_keeps_what_the_table_agreed(room):
    groups, action_list = room
    person = members(groups[0])[0]
    services.add_point(action_list, groups[0], by=person, action=action_of(person))
    services.change_monday_action(person, action=action_of(person), text="Noget andet")
    assert texts(groups[0]) == [f"Ring til {person.display_name}s KSO"]


def test_five_points_at_most_and_an_empty_point_is_refused(room):
    groups, action_list = room
    person = members(groups[0])[0]
    for number in range(5):
        services.add_point(action_list, groups[0], by=person, text=f"Punkt {number}")
    with pytest.raises(Refused):
        services.add_point(action_list, groups[0], by=person, text="Et sjette")
    with pytest.raises(Refused):
        services.add_point(action_list, groups[1], by=members(groups[1])[0], text="  ")
    assert GroupPoint.objects.count() == 5


def test_another_tables_member_or_action_is_refused(room):
    groups, action_list = room
    mine, theirs = members(groups[0])[0], members(groups[1])[0]
    with pytest.raises(Refused):
        services.add_point(action_list, groups[0], by=theirs, text="Indtrænger")
    with pytest.raises(Refused):
        services.add_point(action_list, groups[0], by=mine, action=action_of(theirs))
    point = services.add_point(action_list, groups[0], by=mine, text="Vores")
    with pytest.raises(Refused):
        services.remove_point(point, by=theirs)
    assert texts(groups[0]) == ["Vores"]


def test_a_closed_round_keeps_actions_and_points_until_it_is_reopened(room, alice):
    groups, action_list = room
    person = members(groups[0])[0]
    point = services.add_point(action_list, groups[0], by=person, text="Vores")
    services.set_round_state(action_list, by=alice, action="close")
    services.set_round_state(action_list, by=alice, action="close")  # a second press: the same
    for attempt in (
        lambda: services.add_monday_action(person, text="En til"),
        lambda: services.change_monday_action(person, action=action_of(person), text="Nyt"),
        lambda: services.remove_monday_action(person, action=action_of(person)),
        lambda: services.add_point(action_list, groups[0], by=person, text="Sent"),
        lambda: services.move_point(point, by=person, to=0),
        lambda: services.remove_point(point, by=person),
    ):
        with pytest.raises(Refused):
            attempt()
    assert MondayAction.objects.count() == 4 and texts(groups[0]) == ["Vores"]
    services.set_round_state(action_list, by=alice, action="open")
    services.change_monday_action(person, action=action_of(person), text="Nyt")
    assert action_of(person).text == "Nyt"


def test_only_a_facilitator_closes_the_round(room, carol):
    _groups, action_list = room
    with pytest.raises(Refused):
        services.set_round_state(action_list, by=carol, action="close")
    action_list.refresh_from_db()
    assert action_list.is_open


# -- Views: a phone, the table's screen, the console --


def test_a_phone_changes_its_action_in_place_then_reads_it_closed_in_danish(room, alice_client):
    groups, action_list = room
    person = members(groups[0])[0]
    client = client_for_participant(person)
    url = reverse("my-action-change", args=[action_list.seminar_id, action_of(person).pk])
    response = client.post(url, {"text": "Samtala med min KSO"}, headers=HTMX)
    assert response.status_code == 200 and "Samtala med min KSO" in response.text
    empty = client.post(url, {"text": "  "}, headers=HTMX)
    assert empty.status_code == 200 and 'role="alert"' in empty.text
    assert action_of(person).text == "Samtala med min KSO"
    alice_client.post(
        reverse("action-list-state", args=[action_list.seminar_id, action_list.pk]),
        {"action": "close"},
    )
    refused = client.post(url, {"text": "For sent"}, headers=HTMX)
    assert "Facilitatoren har lukket runden" in refused.text
    assert action_of(person).text == "Samtala med min KSO"
    page = client.get(reverse("my-actions", args=[action_list.seminar_id]), headers=HTMX)
    assert "<textarea" not in page.text and "Samtala med min KSO" in page.text


def test_a_member_and_the_tables_screen_work_on_the_points(room, alice):
    groups, action_list = room
    seminar = action_list.seminar
    first, second = members(groups[0])
    phone = client_for_participant(first)
    _screen, screen = paired_screen(seminar, alice, groups[0])
    add = reverse("action-point-add", args=[seminar.pk])
    key = str(uuid.uuid4())
    for _try in range(2):
        response = phone.post(add, {"action": action_of(second).pk, "key": key}, headers=HTMX)
        assert response.status_code == 200
    assert f'id="action-points-{groups[0].pk}"' in response.text
    response = screen.post(add, {"text": "Ta strid för frågan", "key": str(uuid.uuid4())})
    assert response.status_code == 302 and response.url == reverse("screen")
    written = GroupPoint.objects.get(text="Ta strid för frågan")
    move = reverse("action-point-move", args=[seminar.pk, written.pk])
    for _tap in range(2):
        assert screen.post(move, {"to": "0"}, headers=HTMX).status_code == 200
    assert texts(groups[0]) == ["Ta strid för frågan", action_of(second).text]
    bad = phone.post(move, {"to": "-1"}, headers=HTMX)
    assert bad.status_code == 200 and 'role="alert"' in bad.text
    remove = reverse("action-point-remove", args=[seminar.pk, written.pk])
    assert phone.post(remove, headers=HTMX).status_code == 200
    assert phone.post(remove, headers=HTMX).status_code == 200  # gone already: the table as is
    assert texts(groups[0]) == [action_of(second).text]
    empty = phone.post(add, {"text": ""}, headers=HTMX)
    assert 'role="alert"' in empty.text and GroupPoint.objects.count() == 1


def test_a_point_post_with_no_action_list_running_is_refused(seminar, participant):
    response = client_for_participant(participant).post(
        reverse("action-point-add", args=[seminar.pk]), {"text": "Nu?"}
    )
    assert response.status_code == 409 and not GroupPoint.objects.exists()


def test_the_console_closes_the_round_and_changes_the_question(room, alice_client):
    _groups, action_list = room
    state = reverse("action-list-state", args=[action_list.seminar_id, action_list.pk])
    template = reverse("action-list-template", args=[action_list.seminar_id, action_list.pk])
    assert alice_client.post(state, {"action": "close"}, headers=HTMX).status_code == 204
    assert alice_client.post(state, {"action": "sideways"}).status_code == 422
    assert alice_client.post(template, {"template": "monday"}).status_code == 302
    action_list.refresh_from_db()
    assert not action_list.is_open and action_list.template == "monday"


# -- Outsiders --


@pytest.mark.parametrize(
    "who", ["anonymous", "other_facilitator", "director", "other_seminars_participant"]
)
def test_outsiders_cannot_touch_the_points_or_the_round(
    who, room, bob_client, carol_client, outsider_participant_client
):
    groups, action_list = room
    seminar = action_list.seminar
    person = members(groups[0])[0]
    point = services.add_point(action_list, groups[0], by=person, text="Vores")
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "other_seminars_participant": outsider_participant_client,
    }[who]
    for url, data in [
        (reverse("action-point-add", args=[seminar.pk]), {"text": "Indtrænger"}),
        (reverse("action-point-move", args=[seminar.pk, point.pk]), {"to": "0"}),
        (reverse("action-point-remove", args=[seminar.pk, point.pk]), {}),
        (reverse("action-list-state", args=[seminar.pk, action_list.pk]), {"action": "close"}),
        (
            reverse("action-list-template", args=[seminar.pk, action_list.pk]),
            {"template": "monday"},
        ),
        (reverse("my-action-change", args=[seminar.pk, action_of(person).pk]), {"text": "Hæ"}),
    ]:
        assert client.post(url, data).status_code in (302, 403, 404)
    action_list.refresh_from_db()
    assert texts(groups[0]) == ["Vores"] and action_list.is_open
    assert action_list.template == "home" and action_of(person).text.startswith("Ring til")


def test_another_tables_screen_and_member_cannot_change_our_points(room, alice):
    groups, action_list = room
    seminar = action_list.seminar
    point = services.add_point(action_list, groups[0], by=members(groups[0])[0], text="Vores")
    _screen, other_screen = paired_screen(seminar, alice, groups[1])
    other_member = client_for_participant(members(groups[1])[0])
    for client in (other_screen, other_member):
        for url, data in [
            (reverse("action-point-move", args=[seminar.pk, point.pk]), {"to": "0"}),
            (reverse("action-point-remove", args=[seminar.pk, point.pk]), {}),
        ]:
            assert client.post(url, data, headers=HTMX).status_code == 403
        picked = client.post(
            reverse("action-point-add", args=[seminar.pk]),
            {"action": action_of(members(groups[0])[1]).pk},
            headers=HTMX,
        )
        assert 'role="alert"' in picked.text
    assert texts(groups[0]) == ["Vores"] and texts(groups[1]) == []


def test_a_participant_cannot_change_someone_elses_action(room):
    groups, action_list = room
    mine, theirs = members(groups[0])
    response = client_for_participant(mine).post(
        reverse("my-action-change", args=[action_list.seminar_id, action_of(theirs).pk]),
        {"text": "Mit nu"},
    )
    assert response.status_code == 404 and action_of(theirs).text.startswith("Ring til")


# -- Screens and pushes --


@pytest.fixture
def pushes(monkeypatch):
    sent = []

    def capture(sends, resubscribe=(), touched=()):
        sent.extend(sends)
        return True

    monkeypatch.setattr(live, "_send", capture)
    live.listening("da", +1)
    yield sent
    live.listening("da", -1)


def test_a_point_is_pushed_to_its_table_the_projector_and_the_consoles_only(
    room, pushes, django_capture_on_commit_callbacks
):
    groups, action_list = room
    with django_capture_on_commit_callbacks(execute=True):
        services.add_point(action_list, groups[0], by=members(groups[0])[0], text="Vores")
    audiences = sorted({group.split(".")[1:3][0] for group, _html in pushes})
    assert audiences == ["facilitators", "members", "projector", "screens"]
    tables = {group.split(".")[2] for group, _html in pushes if ".members." in group}
    assert tables == {str(groups[0].pk)}
    assert all("Vores" in html for _group, html in pushes)


def test_the_projector_shows_each_tables_points_and_the_numbers(room):
    groups, action_list = room
    seminar = action_list.seminar
    services.add_point(action_list, groups[1], by=members(groups[1])[0], text="Tag fat")
    html = live.Region("ideas/exercise.html#stage", stage_region_context(seminar)).render()
    assert "Tag fat" in html and groups[1].name in html
    assert "<table" in html and "<caption>" in html


def test_the_table_screen_and_phone_show_the_table_part(room, alice):
    groups, action_list = room
    seminar = action_list.seminar
    _screen, screen = paired_screen(seminar, alice, groups[0])
    html = screen.get(reverse("screen")).content.decode()
    assert f'id="action-points-{groups[0].pk}"' in html
    assert action_of(members(groups[0])[1]).text in html
    phone = client_for_participant(members(groups[0])[0]).get(reverse("phone", args=[seminar.pk]))
    assert "data-fetch-mine" in phone.text and f'id="action-points-{groups[0].pk}"' in phone.text


def test_the_table_part_reads_the_same_queries_for_one_or_three_points(room):
    from ideas.commitments.live import points_context

    groups, action_list = room
    person = members(groups[0])[0]

    def queries():
        with CaptureQueriesContext(connection) as captured:
            points_context(action_list, groups[0])
        return len(captured)

    services.add_point(action_list, groups[0], by=person, action=action_of(person))
    one = queries()
    services.add_point(action_list, groups[0], by=person, text="To")
    services.add_point(action_list, groups[0], by=person, text="Tre")
    assert queries() == one


# -- The documentation, the follow-up and the export --


def test_the_documentation_has_the_points_and_the_numbers_in_html_word_and_pdf(room, alice):
    groups, action_list = room
    seminar = action_list.seminar
    services.add_point(action_list, groups[0], by=members(groups[0])[0], text="Tag fat nu")
    html = _html(seminar)
    assert "Tag fat nu" in html and "Handlinger og punkter pr. bord" in html
    assert "Det første, jeg vil gøre, når jeg kommer hjem" in html
    docx = _docx_text(report.report_docx(seminar))
    assert "Tag fat nu" in docx and groups[0].name in docx
    pdf = _pdf_text(report.report_pdf(seminar))
    assert "Tag fat nu" in pdf


def test_the_follow_up_shows_the_personal_actions_beside_the_goals(room, alice, alice_client):
    groups, action_list = room
    seminar = action_list.seminar
    goal = Goal.objects.create(seminar=seminar, title="Samskabelse 2017")
    person = members(groups[0])[0]
    services.change_monday_action(person, action=action_of(person), text="Til målet", goal=goal)
    services.add_point(action_list, groups[0], by=person, text="Bordets punkt")
    with translation.override("en"):
        response = alice_client.get(reverse("follow-up"), headers={"Accept-Language": "en"})
    text = response.content.decode()
    assert "Til målet" in text and "Bordets punkt" in text
    assert text.index("Samskabelse 2017") < text.index("Til målet")
    loose = action_of(members(groups[1])[0]).text
    assert loose in text


def test_the_follow_up_reads_the_same_queries_for_one_or_three_actions(room, alice, alice_client):
    groups, _action_list = room

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert alice_client.get(reverse("follow-up")).status_code == 200
        return len(captured)

    one = queries()
    for person in members(groups[0]):
        services.add_monday_action(person, text="Endnu en")
    assert queries() == one


def test_the_goals_spreadsheet_has_a_sheet_of_the_personal_actions(room, alice_client):
    import io

    from openpyxl import load_workbook

    groups, action_list = room
    goal = Goal.objects.create(seminar=action_list.seminar, title="Samskabelse 2017")
    person = members(groups[0])[0]
    services.change_monday_action(person, action=action_of(person), text="=Til målet", goal=goal)
    response = alice_client.get(reverse("export-goals", args=["xlsx"]))
    workbook = load_workbook(io.BytesIO(response.content))
    sheet = workbook.worksheets[2]
    rows = list(sheet.iter_rows(values_only=True))
    assert len(rows) == 2  # the header, and the one action written for a goal
    assert rows[1][1:4] == ("Samskabelse 2017", "'=Til målet", person.display_name)


def test_the_department_page_keeps_a_closed_rounds_actions_too(room, alice):
    groups, action_list = room
    person = members(groups[0])[0]
    services.set_round_state(action_list, by=alice, action="close")
    response = client_for_participant(person).post(
        reverse("commitments", args=[action_list.seminar_id]),
        {"form": "monday", "text": "På mandag", "key": str(uuid.uuid4())},
    )
    assert response.status_code == 422
    assert "Facilitatoren har lukket runden" in response.content.decode()
    assert MondayAction.objects.filter(participant=person).count() == 1
