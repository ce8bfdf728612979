"""Co-creation cases: each leader's own, the poster's best practices, the case the group
picks and its analysis, the projector, the documentation, the goal form's aside; every view's
outsiders."""

import uuid

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from agenda import services as agenda_services
from groups import services as group_services
from groups.models import Grouping, Screen
from ideas import report
from ideas.cases import services
from ideas.cases.models import BestPractice, Case, CasePoster, CaseStage
from ideas.domain import Conflict, Refused
from ideas.goals.exercise import Goals
from seminar.permissions import SCREEN_COOKIE
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.report.test_report import _docx_text, _html, _pdf_text
from tests.live import communicator

HTMX = {"HTTP_HX_REQUEST": "true"}


def build(seminar, alice):
    people = [factories.make_participant(seminar, f"P{i}") for i in range(4)]
    plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=1)
    grouping = group_services.create_grouping(
        seminar, by=alice, name="Store grupper", method="random", size=2, plan=plan
    )
    groups = list(grouping.groups.order_by("number"))
    for group in groups:
        group.leader = group.members.order_by("pk").first()
        group.save()
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, grouping=grouping, kind="cases")
    agenda_services.update_item(items[1], by=alice, grouping=grouping, kind="goals")
    agenda_services.start_seminar(seminar, by=alice)
    for person in people:
        services.save_case(
            seminar,
            by=person,
            title=f"Case {person.display_name}",
            partners="Borgerforeningen",
            what_happened="Vi byggede en legeplads sammen",
        )
    return groups, items


@pytest.fixture
def room(seminar, alice):
    return build(seminar, alice)


def leader(group):
    return group.leader


def follower(group):
    return group.members.exclude(pk=group.leader_id).first()


def cases_of(group):
    return list(Case.objects.filter(author__in=group.members.all()).order_by("pk"))


def paired_screen(seminar, alice, group):
    screen = Screen.objects.create()
    group_services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code, group=group)
    screen.refresh_from_db()
    client = Client()
    client.cookies[SCREEN_COOKIE] = screen.token
    return screen, client


# -- Services --


def test_a_leader_writes_one_case_and_a_retry_is_stored_once(seminar, room):
    groups, _items = room
    person = follower(groups[0])
    key = uuid.uuid4()
    for _ in range(2):
        services.save_case(seminar, by=person, title="Ny", what_happened="…", key=key)
    services.save_case(seminar, by=person, title="Nyere", what_happened="…", learning="Mere tid")
    assert Case.objects.get(author=person).learning == "Mere tid"
    assert Case.objects.count() == 4


def test_only_the_process_leader_or_a_facilitator_presents_picks_and_analyses(seminar, alice, room):
    groups, _items = room
    own, other = cases_of(groups[0]), cases_of(groups[1])
    with pytest.raises(Refused):
        services.present(groups[0], by=follower(groups[0]), case=own[0])
    with pytest.raises(Refused):
        services.pick(groups[0], by=leader(groups[1]), case=own[0])
    with pytest.raises(Refused):
        services.pick(groups[0], by=leader(groups[0]), case=other[0])
    with pytest.raises(Refused):
        services.save_analysis(groups[0], by=leader(groups[0]), went_well="Før valget")
    services.present(groups[0], by=leader(groups[0]), case=own[1])
    services.pick(groups[0], by=alice, case=own[1])
    poster = services.save_analysis(groups[0], by=leader(groups[0]), went_well="Tillid", version=0)
    assert (poster.presenting, poster.picked, poster.went_well) == (own[1], own[1], "Tillid")
    with pytest.raises(Conflict):  # made from the version before the save
        services.save_analysis(groups[0], by=alice, how="Oftere", version=0)
    assert CasePoster.objects.get().how == ""


def test_best_practices_are_the_tables_and_stored_once(seminar, alice, room):
    groups, _items = room
    key = uuid.uuid4()
    for _ in range(2):
        services.add_practice(groups[0], by=follower(groups[0]), text="Start småt", key=key)
    assert BestPractice.objects.count() == 1
    with pytest.raises(Refused):
        services.add_practice(groups[0], by=follower(groups[1]), text="Not ours")
    screen, _client = paired_screen(seminar, alice, groups[0])
    services.remove_practice(BestPractice.objects.get(), by=screen)
    assert not BestPractice.objects.exists()


def test_the_goal_form_shows_the_groups_best_practices_beside_it(seminar, alice, room):
    groups, items = room
    services.add_practice(groups[0], by=follower(groups[0]), text="Borgeren med fra start")
    work = Goals("goals").work(seminar, items[1], groups[0], {"stage": {}})
    assert [p.text for p in work["asides"][0]["practices"]] == ["Borgeren med fra start"]
    assert Goals("goals").work(seminar, items[1], groups[1], {"stage": {}})["asides"] == []


# -- Views --


def test_a_phone_writes_its_case_on_its_page(seminar, room):
    groups, _items = room
    person = follower(groups[0])
    client = client_for_participant(person)
    url = reverse("case-mine", args=[seminar.pk])
    assert client.get(url).status_code == 200
    data = {
        "title": "Naboskab",
        "partners": "Grundejerforeningen",
        "what_happened": "Fælles\r\nvejfest",
        "learning": "",
        "key": str(uuid.uuid4()),
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    assert Case.objects.get(author=person).what_happened == "Fælles\nvejfest"
    bad = client.post(url, {**data, "title": "", "key": str(uuid.uuid4())})
    assert bad.status_code == 422 and Case.objects.get(author=person).title == "Naboskab"


def test_the_leaders_phone_picks_and_fills_the_analysis(seminar, room):
    groups, _items = room
    own = cases_of(groups[0])
    client = client_for_participant(leader(groups[0]))
    s, g = seminar.pk, groups[0].pk
    assert (
        client.post(reverse("case-present", args=[s, g]), {"case": own[0].pk}, **HTMX).status_code
        == 204
    )
    assert (
        client.post(reverse("case-pick", args=[s, g]), {"case": own[0].pk}, **HTMX).status_code
        == 204
    )
    url = reverse("case-analysis", args=[s, g])
    data = {
        f"poster-{g}-went_well": "Tillid",
        f"poster-{g}-how": "Mød op",
        f"poster-{g}-version": 0,
    }
    response = client.post(url, data, **HTMX)
    assert response.status_code == 200 and f"case-analysis-form-{g}" in response.content.decode()
    again = client.post(url, data, **HTMX)  # the same save again: shown what is saved now
    assert 'role="alert"' in again.content.decode()
    poster = CasePoster.objects.get()
    assert (poster.went_well, poster.how, poster.version) == ("Tillid", "Mød op", 1)
    member = client_for_participant(follower(groups[0]))
    assert (
        member.post(reverse("case-pick", args=[s, g]), {"case": own[1].pk}, **HTMX).status_code
        == 403
    )
    assert CasePoster.objects.get().picked == own[0]


def test_the_table_screen_adds_a_best_practice(seminar, alice, room):
    groups, _items = room
    _screen, client = paired_screen(seminar, alice, groups[0])
    url = reverse("case-practice-add", args=[seminar.pk])
    data = {"practice-text": "Små skridt", "practice-key": str(uuid.uuid4())}
    for _ in range(2):
        response = client.post(url, data, **HTMX)
        assert response.status_code == 200 and "case-practice-form" in response.content.decode()
    assert BestPractice.objects.get().text == "Små skridt"
    empty = client.post(url, {"practice-text": " "}, **HTMX)
    assert 'role="alert"' in empty.content.decode() and BestPractice.objects.count() == 1


def test_the_console_puts_an_analysis_on_the_projector(seminar, alice, alice_client, room):
    groups, _items = room
    own = cases_of(groups[0])
    services.pick(groups[0], by=alice, case=own[0])
    services.save_analysis(groups[0], by=alice, to_improve="Mere tid til dialog")
    url = reverse("case-stage", args=[seminar.pk])
    assert alice_client.post(url, {"group": groups[0].pk}, **HTMX).status_code == 204
    projector = alice_client.get(f"/s/{seminar.pk}/projector/").content.decode()
    assert "Mere tid til dialog" in projector and own[0].title in projector
    console = alice_client.get(f"/s/{seminar.pk}/run/").content.decode()
    assert f"case-analysis-form-{groups[0].pk}" in console


def test_outsiders_reach_no_case_view(seminar, alice, bob_client, room, other_seminar):
    groups, _items = room
    own = cases_of(groups[0])
    practice = services.add_practice(groups[0], by=follower(groups[0]), text="Tillid")
    services.pick(groups[0], by=alice, case=own[0])
    s, g = seminar.pk, groups[0].pk
    posts = [
        (reverse("case-mine", args=[s]), {"title": "X", "what_happened": "Y"}),
        (reverse("case-present", args=[s, g]), {"case": own[1].pk}),
        (reverse("case-pick", args=[s, g]), {"case": own[1].pk}),
        (reverse("case-analysis", args=[s, g]), {f"poster-{g}-how": "X"}),
        (reverse("case-practice-add", args=[s]), {"practice-text": "X"}),
        (reverse("case-practice-remove", args=[s, practice.pk]), {}),
        (reverse("case-stage", args=[s]), {"group": g}),
    ]
    stranger = client_for_participant(factories.make_participant(other_seminar, "Stranger"))
    _other_screen, other_screen_client = paired_screen(seminar, alice, groups[1])

    def state():
        return (
            list(Case.objects.values_list("pk", "title")),
            list(CasePoster.objects.values_list("presenting", "picked", "how")),
            list(BestPractice.objects.values_list("pk", "text")),
            list(CaseStage.objects.values_list("poster", flat=True)),
        )

    before = state()
    for client in (Client(), bob_client, stranger):
        for url, data in posts:
            response = client.post(url, data, **HTMX)
            assert response.status_code in {302, 403, 404}, (url, response.status_code)
            if response.status_code == 302:
                assert "/login/" in response["Location"]
    # Another table's screen and an ordinary member (not the leader) of the group.
    member = client_for_participant(follower(groups[0]))
    for client, urls in ((other_screen_client, posts[5:6]), (member, posts[1:4] + posts[6:])):
        for url, data in urls:
            response = client.post(url, data, **HTMX)
            assert response.status_code in {200, 302, 403, 404}, (url, response.status_code)
            if response.status_code == 200:
                assert 'role="alert"' in response.content.decode()
            if response.status_code == 302:
                assert "/login/" in response["Location"]
    assert state() == before


# -- Live --


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_best_practice_and_the_analysis_reach_screens_live():
    def setup():
        alice = factories.make_user("alice")
        seminar = factories.make_seminar(alice)
        groups, _items = build(seminar, alice)
        _screen, client = paired_screen(seminar, alice, groups[0])
        facilitator = Client()
        facilitator.force_login(alice)
        return seminar, alice, groups, client, facilitator

    seminar, alice, groups, table, facilitator = await sync_to_async(setup)()
    screen = communicator(
        seminar, view="screen", cookies=f"{SCREEN_COOKIE}={table.cookies[SCREEN_COOKIE].value}"
    )
    projector = communicator(seminar, client=facilitator, view="projector")
    for socket in (screen, projector):
        assert (await socket.connect())[0]
        await socket.receive_from()

    def act():
        services.add_practice(groups[0], by=follower(groups[0]), text="Lyt først")
        services.pick(groups[0], by=alice, case=cases_of(groups[0])[0])
        services.save_analysis(groups[0], by=alice, went_well="Åbenhed")
        services.show_analysis(seminar, by=alice, group=groups[0])

    await sync_to_async(act)()
    seen = ""
    while "Lyt først" not in seen or "Åbenhed" not in seen:
        seen += await screen.receive_from(timeout=3)
    assert f"cases-table-{groups[0].pk}" in seen
    seen = ""
    while "Åbenhed" not in seen:
        seen += await projector.receive_from(timeout=3)
    for socket in (screen, projector):
        await socket.disconnect()


# -- Documentation --


def test_the_documentation_has_posters_analyses_and_every_case(seminar, alice, room):
    groups, _items = room
    own = cases_of(groups[0])
    services.add_practice(groups[0], by=follower(groups[0]), text="Start med borgerne")
    services.pick(groups[0], by=alice, case=own[0])
    services.save_analysis(groups[0], by=alice, went_well="Tillid", how="Faste møder")
    services.save_case(
        seminar, by=own[1].author, title="Min case", what_happened="…", learning="Faste møder"
    )
    data = report.walk(seminar)["cases"]
    assert data.posters[0].practices == ["Start med borgerne"]
    html = _html(seminar)
    docx = _docx_text(report.report_docx(seminar))
    pdf = _pdf_text(report.report_pdf(seminar))
    for text in (html, docx):
        assert "Start med borgerne" in text and "Tillid" in text and "Min case" in text
    assert "Faste m" in pdf
