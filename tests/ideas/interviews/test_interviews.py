"""Citizen interviews: each leader's own, the table's threads, differences and flags, the
projector stepping through the flagged ones, the documentation; every view's outsiders."""

import uuid

import pytest
from asgiref.sync import sync_to_async
from django.test import Client
from django.urls import reverse

from agenda import services as agenda_services
from groups import services as group_services
from groups.models import Grouping, Screen
from ideas import report
from ideas.domain import Refused
from ideas.interviews import services
from ideas.interviews.models import (
    Interview,
    InterviewDifference,
    InterviewFlag,
    InterviewStage,
    InterviewThread,
)
from seminar.permissions import SCREEN_COOKIE
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.report.test_report import _docx_text, _html, _pdf_text
from tests.live import communicator

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def room(seminar, alice):
    """An interviews item running at two tables of two; each member has written theirs."""
    people = [factories.make_participant(seminar, f"P{i}") for i in range(4)]
    plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=1)
    grouping = group_services.create_grouping(
        seminar, by=alice, name="Borde", method="random", size=2, plan=plan
    )
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, grouping=grouping, kind="interviews")
    agenda_services.update_item(items[1], by=alice, kind="interviews")
    agenda_services.start_seminar(seminar, by=alice)
    groups = list(grouping.groups.order_by("number"))
    for person in people:
        services.save_interview(
            seminar,
            by=person,
            who=f"Borger hos {person.display_name}",
            said="Kommunen lytter ikke",
            quote="I ringer aldrig tilbage",
        )
    return groups, items


def members(group):
    return list(group.members.order_by("pk"))


def interviews_of(group):
    return list(Interview.objects.filter(author__in=members(group)).order_by("pk"))


def paired_screen(seminar, alice, group):
    screen = Screen.objects.create()
    group_services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code, group=group)
    screen.refresh_from_db()
    client = Client()
    client.cookies[SCREEN_COOKIE] = screen.token
    return screen, client


# -- Services --


def test_a_leader_writes_one_interview_and_a_retry_is_stored_once(seminar, room):
    groups, _items = room
    person = members(groups[0])[0]
    key = uuid.uuid4()
    for _ in range(2):
        services.save_interview(seminar, by=person, who="Forælder", said="Godt", key=key)
    services.save_interview(seminar, by=person, who="Forælder til to", said="Godt")
    mine = Interview.objects.get(author=person)
    assert mine.who == "Forælder til to"
    assert Interview.objects.count() == 4


def test_another_seminars_participant_writes_no_interview(seminar, other_seminar, room):
    stranger = factories.make_participant(other_seminar, "Stranger")
    with pytest.raises(Refused):
        services.save_interview(seminar, by=stranger, who="X", said="Y")


def test_a_table_marks_threads_and_differences_of_its_own_interviews(seminar, room):
    groups, _items = room
    own, other = interviews_of(groups[0]), interviews_of(groups[1])
    member = members(groups[0])[0]
    key = uuid.uuid4()
    for _ in range(2):
        services.add_thread(groups[0], by=member, label="Ventetid", interviews=own, key=key)
    assert InterviewThread.objects.get().interviews.count() == 2
    with pytest.raises(Refused):
        services.add_thread(groups[0], by=member, label="Mixed", interviews=[own[0], other[0]])
    with pytest.raises(Refused):
        services.add_thread(groups[0], by=member, label="Alone", interviews=own[:1])
    with pytest.raises(Refused):
        services.add_thread(groups[1], by=member, label="Not mine", interviews=other)
    for _ in range(2):
        services.add_difference(
            groups[0], by=member, first=own[0], second=own[1], note="By og land", key=key
        )
    assert InterviewDifference.objects.count() == 1
    with pytest.raises(Refused):
        services.add_difference(groups[0], by=member, first=own[0], second=own[0], note="Same")
    services.remove_thread(InterviewThread.objects.get(), by=member)
    assert not InterviewThread.objects.exists()


def test_flags_are_set_once_taken_back_and_kept_interviews_cannot_be_flagged(seminar, room):
    groups, _items = room
    own = interviews_of(groups[0])
    member = members(groups[0])[0]
    for _ in range(2):
        services.set_flag(own[0], by=member, group=groups[0], heading="surprising", on=True)
    assert InterviewFlag.objects.count() == 1
    services.set_flag(own[0], by=member, group=groups[0], heading="surprising", on=False)
    services.set_flag(own[0], by=member, group=groups[0], heading="surprising", on=False)
    assert not InterviewFlag.objects.exists()
    kept = own[1]
    kept.sharing = Interview.Sharing.TABLE
    kept.save()
    with pytest.raises(Refused):
        services.set_flag(kept, by=member, group=groups[0], heading="strange", on=True)
    with pytest.raises(Refused):
        services.set_flag(own[0], by=member, group=groups[0], heading="boring", on=True)


def test_the_facilitator_steps_through_the_flags_by_heading(seminar, alice, room):
    groups, _items = room
    first, second = interviews_of(groups[0])
    member = members(groups[0])[0]
    services.set_flag(second, by=member, group=groups[0], heading="strange")
    services.set_flag(first, by=member, group=groups[0], heading="interesting")
    assert services.step(seminar, by=alice).interview == first  # interesting comes first
    assert services.step(seminar, by=alice).interview == second
    assert services.step(seminar, by=alice).interview == second  # stays at the last
    assert services.step(seminar, by=alice, forward=False).interview == first
    services.show_flag(seminar, by=alice, flag=None)
    assert InterviewStage.objects.get().flag is None


# -- Views --


def test_a_phone_writes_its_interview_on_its_page(seminar, room):
    groups, _items = room
    person = members(groups[0])[0]
    client = client_for_participant(person)
    url = reverse("interview-mine", args=[seminar.pk])
    page = client.get(url)
    assert page.status_code == 200 and "Borger hos" in page.content.decode()
    data = {
        "who": "Landmand",
        "said": "Sagsbehandlingen\r\ntager for lang tid",
        "quote": "",
        "sharing": "anonymous",
        "key": str(uuid.uuid4()),
    }
    assert client.post(url, data).status_code == 302
    assert client.post(url, data).status_code == 302
    mine = Interview.objects.get(author=person)
    assert (mine.who, mine.said, mine.sharing) == (
        "Landmand",
        "Sagsbehandlingen\ntager for lang tid",
        "anonymous",
    )
    bad = client.post(url, {**data, "who": "  ", "key": str(uuid.uuid4())})
    assert bad.status_code == 422 and Interview.objects.get(author=person).who == "Landmand"


def test_the_table_screen_marks_a_thread_and_a_difference(seminar, alice, room):
    groups, _items = room
    own = interviews_of(groups[0])
    _screen, client = paired_screen(seminar, alice, groups[0])
    key = str(uuid.uuid4())
    data = {"thread-label": "Ventetid", "thread-interviews": [i.pk for i in own], "thread-key": key}
    url = reverse("interview-thread-add", args=[seminar.pk])
    for _ in range(2):
        response = client.post(url, data, **HTMX)
        assert response.status_code == 200 and "interview-thread-form" in response.content.decode()
    assert InterviewThread.objects.get().label == "Ventetid"
    refused = client.post(url, {"thread-label": "Én", "thread-interviews": [own[0].pk]}, **HTMX)
    assert 'role="alert"' in refused.content.decode() and InterviewThread.objects.count() == 1
    url = reverse("interview-difference-add", args=[seminar.pk])
    data = {
        "difference-first": own[0].pk,
        "difference-second": own[1].pk,
        "difference-note": "Unge og ældre",
        "difference-key": key,
    }
    assert client.post(url, data, **HTMX).status_code == 200
    assert InterviewDifference.objects.get().note == "Unge og ældre"


def test_a_phone_flags_an_interview_of_its_table(seminar, room):
    groups, _items = room
    own = interviews_of(groups[0])
    client = client_for_participant(members(groups[0])[0])
    url = reverse("interview-flag", args=[seminar.pk, own[1].pk])
    for _ in range(2):
        assert client.post(url, {"heading": "confirming", "on": "1"}, **HTMX).status_code == 204
    assert InterviewFlag.objects.get().heading == "confirming"
    assert client.post(url, {"heading": "nonsense", "on": "1"}, **HTMX).status_code == 422
    other = interviews_of(groups[1])[0]
    url = reverse("interview-flag", args=[seminar.pk, other.pk])
    assert client.post(url, {"heading": "strange", "on": "1"}, **HTMX).status_code == 403
    assert InterviewFlag.objects.count() == 1


def test_the_console_steps_and_the_projector_shows_the_flagged_interview(
    seminar, alice, alice_client, room
):
    groups, _items = room
    own = interviews_of(groups[0])
    services.set_flag(own[0], by=members(groups[0])[0], group=groups[0], heading="surprising")
    url = reverse("interview-stage", args=[seminar.pk])
    assert alice_client.post(url, {"step": "next"}, **HTMX).status_code == 204
    projector = alice_client.get(f"/s/{seminar.pk}/projector/").content.decode()
    assert "I ringer aldrig tilbage" in projector and 'class="interview-heading"' in projector
    console = alice_client.get(f"/s/{seminar.pk}/run/").content.decode()
    assert 'name="step" value="next"' in console


def test_outsiders_reach_no_interview_view(seminar, alice, bob_client, room, other_seminar):
    groups, _items = room
    own = interviews_of(groups[0])
    member = members(groups[0])[0]
    thread = services.add_thread(groups[0], by=member, label="Tråd", interviews=own)
    difference = services.add_difference(
        groups[0], by=member, first=own[0], second=own[1], note="Forskel"
    )
    services.set_flag(own[0], by=member, group=groups[0], heading="strange")
    s = seminar.pk
    posts = [
        (reverse("interview-mine", args=[s]), {"who": "X", "said": "Y", "sharing": "named"}),
        (
            reverse("interview-thread-add", args=[s]),
            {"thread-label": "X", "thread-interviews": [i.pk for i in own]},
        ),
        (reverse("interview-thread-remove", args=[s, thread.pk]), {}),
        (
            reverse("interview-difference-add", args=[s]),
            {"difference-first": own[0].pk, "difference-second": own[1].pk, "difference-note": "X"},
        ),
        (reverse("interview-difference-remove", args=[s, difference.pk]), {}),
        (reverse("interview-flag", args=[s, own[0].pk]), {"heading": "strange", "on": ""}),
        (reverse("interview-stage", args=[s]), {"step": "next"}),
    ]
    stranger = client_for_participant(factories.make_participant(other_seminar, "Stranger"))
    other_screen, other_screen_client = paired_screen(
        seminar, alice, groups[1]
    )  # a screen of another table of this seminar: refused on table 1's things
    before = (
        list(Interview.objects.values_list("pk", "who")),
        InterviewThread.objects.count(),
        InterviewDifference.objects.count(),
        InterviewFlag.objects.count(),
        InterviewStage.objects.count(),
    )
    for client in (Client(), bob_client, stranger):
        for url, data in posts:
            response = client.post(url, data, **HTMX)
            assert response.status_code in {302, 403, 404}, (url, response.status_code)
            if response.status_code == 302:
                assert "/login/" in response["Location"]
        assert client.get(reverse("interview-mine", args=[s])).status_code in {302, 403}
    for url, data in posts[1:6]:
        response = other_screen_client.post(url, data, **HTMX)
        # A form over another table's interviews comes back with its error; the rest refuse.
        assert response.status_code in {200, 403, 404}, (url, response.status_code)
        if response.status_code == 200:
            assert 'role="alert"' in response.content.decode()
    after = (
        list(Interview.objects.values_list("pk", "who")),
        InterviewThread.objects.count(),
        InterviewDifference.objects.count(),
        InterviewFlag.objects.count(),
        InterviewStage.objects.count(),
    )
    assert before == after


# -- Live --


@pytest.mark.django_db(transaction=True)
@pytest.mark.asyncio
async def test_a_flag_reaches_the_tables_screen_and_the_projector_live():
    def build():
        alice = factories.make_user("alice")
        seminar = factories.make_seminar(alice)
        people = [factories.make_participant(seminar, f"P{i}") for i in range(2)]
        plan = group_services.plan_grouping(seminar, method="random", size=2, seed=1)
        grouping = group_services.create_grouping(
            seminar, by=alice, name="Borde", method="random", size=2, plan=plan
        )
        _day, items = factories.make_programme(seminar, by=alice)
        agenda_services.update_item(items[0], by=alice, grouping=grouping, kind="interviews")
        agenda_services.start_seminar(seminar, by=alice)
        for person in people:
            services.save_interview(seminar, by=person, who=f"Borger {person.pk}", said="…")
        group = grouping.groups.get()
        screen, client = paired_screen(seminar, alice, group)
        facilitator = Client()
        facilitator.force_login(alice)
        return seminar, alice, people, group, client, facilitator

    seminar, alice, people, group, table, facilitator = await sync_to_async(build)()
    screen = communicator(
        seminar, view="screen", cookies=f"{SCREEN_COOKIE}={table.cookies[SCREEN_COOKIE].value}"
    )
    projector = communicator(seminar, client=facilitator, view="projector")
    for socket in (screen, projector):
        assert (await socket.connect())[0]
        await socket.receive_from()

    def flag():
        interview = Interview.objects.get(author=people[0])
        services.set_flag(interview, by=people[1], group=group, heading="interesting")
        services.step(seminar, by=alice)

    await sync_to_async(flag)()
    seen = ""
    while f"interviews-table-{group.pk}" not in seen:
        seen += await screen.receive_from(timeout=3)
    assert 'aria-pressed="true"' in seen
    seen = ""
    while "interview-heading" not in seen or f"Borger {people[0].pk}" not in seen:
        seen += await projector.receive_from(timeout=3)
    for socket in (screen, projector):
        await socket.disconnect()


# -- Documentation --


def test_the_documentation_keeps_what_each_leader_chose_to_share(seminar, room):
    groups, _items = room
    own = interviews_of(groups[0])
    member = members(groups[0])[0]
    own[0].sharing = Interview.Sharing.TABLE
    own[0].who = "Hemmelig borger"
    own[0].save()
    own[1].sharing = Interview.Sharing.ANONYMOUS
    own[1].who = "Anonym landmand"
    own[1].save()
    services.add_thread(groups[0], by=member, label="Ventetid", interviews=own)
    services.add_difference(groups[0], by=member, first=own[0], second=own[1], note="By og land")
    services.set_flag(own[1], by=member, group=groups[0], heading="confirming")
    data = report.walk(seminar)["interviews"]
    assert [i.who for i in data.shared if i.author == own[1].author] == ["Anonym landmand"]
    assert data.kept == 1 and "Hemmelig borger" not in {i.who for i in data.shared}
    html = _html(seminar)
    docx = _docx_text(report.report_docx(seminar))
    pdf = _pdf_text(report.report_pdf(seminar))
    for text in (html, docx):
        assert "Anonym landmand" in text and "Ventetid" in text and "By og land" in text
        assert "Hemmelig borger" not in text
        assert own[1].author.display_name not in text.split("Anonym landmand", 1)[1][:200]
    assert "Ventetid" in pdf and "Hemmelig borger" not in pdf
