import datetime
import re
import uuid

import pytest
from django.test import Client
from django.urls import reverse

from agenda import services as agenda_services
from groups import services as group_services
from groups.models import Grouping, Screen
from ideas import services
from ideas.models import Goal, Pledge, ProgressNote
from seminar.permissions import SCREEN_COOKIE
from tests import factories
from tests.conftest import client_for_participant


@pytest.fixture
def tables(seminar, alice):
    people = [factories.make_participant(seminar, f"P{i}") for i in range(4)]
    plan = group_services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=2, seed=1)
    grouping = group_services.create_grouping(
        seminar, by=alice, name="Borde", method="random", size=2, plan=plan
    )
    return list(grouping.groups.order_by("number")), people


@pytest.fixture
def goal(seminar, tables):
    groups, _people = tables
    member = groups[0].members.first()
    return services.draft_goal(
        seminar,
        by=member,
        group=groups[0],
        title="Borgerpanel i 2017",
        target_date=datetime.date(2017, 12, 31),
        owner="Mogens",
    )


def test_a_member_drafts_the_tables_goal_and_a_retry_is_stored_once(seminar, tables):
    groups, _people = tables
    member = groups[0].members.first()
    key = "6d3f0c1e-9b1a-4b7e-8f7e-1c2d3e4f5a6b"
    for _ in range(2):
        services.draft_goal(seminar, by=member, group=groups[0], title="Mål", key=key)
    assert Goal.objects.count() == 1


def test_only_members_or_the_tables_screen_draft_its_goal(seminar, alice, tables):
    groups, _people = tables
    outsider = groups[1].members.first()
    with pytest.raises(services.Refused):
        services.draft_goal(seminar, by=outsider, group=groups[0], title="Not ours")
    screen = Screen.objects.create()
    group_services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code, group=groups[0])
    screen.refresh_from_db()
    services.draft_goal(seminar, by=screen, group=groups[0], title="From the screen")
    assert Goal.objects.get().title == "From the screen"


def test_a_person_shakes_once_and_may_take_it_back_until_sealed(seminar, alice, goal, tables):
    _groups, people = tables
    services.show_goal(seminar, by=alice, goal=goal)
    person = people[2]
    services.shake(goal, by=person)
    services.shake(goal, by=person)
    assert Pledge.objects.filter(goal=goal, participant=person).count() == 1
    services.unshake(goal, by=person)
    assert not Pledge.objects.exists()
    services.shake(goal, by=person)
    services.seal_goal(goal, by=alice)
    with pytest.raises(services.Refused):
        services.unshake(goal, by=person)
    with pytest.raises(services.Refused):
        services.edit_goal(goal, by=goal.group.members.first(), title="Changed")
    assert Pledge.objects.count() == 1 and Goal.objects.get().title == "Borgerpanel i 2017"


def test_shaking_needs_the_goal_on_show(seminar, alice, goal, tables):
    with pytest.raises(services.Refused):
        services.shake(goal, by=tables[1][0])


def test_a_table_screen_shakes_for_its_table(seminar, alice, goal, tables):
    groups, _people = tables
    screen = Screen.objects.create()
    group_services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code, group=groups[1])
    screen.refresh_from_db()
    services.show_goal(seminar, by=alice, goal=goal)
    services.shake(goal, by=screen)
    services.shake(goal, by=screen)
    assert list(Pledge.objects.values_list("group_id", flat=True)) == [groups[1].pk]


def test_another_seminars_participant_cannot_shake(seminar, alice, goal, other_seminar):
    services.show_goal(seminar, by=alice, goal=goal)
    with pytest.raises(services.Refused):
        services.shake(goal, by=factories.make_participant(other_seminar, "Olav"))


def test_directors_record_progress_on_followed_seminars_only(seminar, goal, carol):
    with pytest.raises(services.Refused):
        services.record_progress(goal, by=carol, status="under_way", note="Started")
    seminar.directors.add(carol)
    services.record_progress(
        goal, by=carol, status="under_way", note="Started", next_follow_up=datetime.date(2015, 3, 1)
    )
    goal.refresh_from_db()
    assert goal.status == "under_way" and ProgressNote.objects.get().note == "Started"


def test_phone_shakes_through_the_view_and_gets_its_card_back(seminar, alice, goal, tables):
    services.show_goal(seminar, by=alice, goal=goal)
    person = tables[1][3]
    client = client_for_participant(person)
    url = reverse("goal-shake", args=[seminar.pk, goal.pk])
    response = client.post(url, headers={"hx-request": "true"})
    assert response.status_code == 200 and 'id="goal-card"' in response.content.decode()
    assert str(person.pk) in response.content.decode().split('data-shakers="')[1].split('"')[0]
    client.post(url, headers={"hx-request": "true"})
    assert Pledge.objects.count() == 1


def test_sealed_goal_cannot_be_shaken_through_the_view(seminar, alice, goal, tables):
    services.show_goal(seminar, by=alice, goal=goal)
    services.seal_goal(goal, by=alice)
    client = client_for_participant(tables[1][0])
    response = client.post(reverse("goal-shake", args=[seminar.pk, goal.pk]))
    assert response.status_code == 409 and not Pledge.objects.exists()


def test_table_screen_shakes_through_the_view(seminar, alice, goal, tables):
    groups, _people = tables
    screen = Screen.objects.create()
    group_services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code, group=groups[1])
    services.show_goal(seminar, by=alice, goal=goal)
    client = Client()
    client.cookies[SCREEN_COOKIE] = screen.token
    client.post(reverse("goal-shake", args=[seminar.pk, goal.pk]))
    assert Pledge.objects.get().group == groups[1]


@pytest.mark.parametrize(
    "who", ["anonymous", "other_facilitator", "director", "other_seminars_participant"]
)
def test_outsiders_cannot_draft_show_shake_or_seal(
    who, seminar, goal, bob_client, carol_client, outsider_participant_client
):
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "other_seminars_participant": outsider_participant_client,
    }[who]
    s = seminar.pk
    for url in [
        reverse("goal-draft", args=[s]),
        reverse("goal-show", args=[s, goal.pk]),
        reverse("goal-shake", args=[s, goal.pk]),
        reverse("goal-unshake", args=[s, goal.pk]),
        reverse("goal-seal", args=[s, goal.pk]),
        reverse("goal-reopen", args=[s, goal.pk]),
        reverse("commitments", args=[s]),
    ]:
        response = client.post(url, {"title": "X"})
        assert response.status_code in (302, 403, 404), (url, response.status_code)
    assert Goal.objects.count() == 1 and not Pledge.objects.exists()
    assert not hasattr(seminar, "goal_stage") or seminar.goal_stage.current_goal is None


def test_director_reads_but_cannot_write_seminar_content(
    seminar, goal, carol, carol_client, programme
):
    seminar.directors.add(carol)
    assert carol_client.get(reverse("follow-up")).status_code == 200
    assert carol_client.get(reverse("goal-detail", args=[goal.pk])).status_code == 200
    for url in [
        reverse("programme", args=[seminar.pk]),
        reverse("console", args=[seminar.pk]),
        reverse("goal-show", args=[seminar.pk, goal.pk]),
        reverse("goal-seal", args=[seminar.pk, goal.pk]),
        reverse("goal-reopen", args=[seminar.pk, goal.pk]),
    ]:
        assert carol_client.post(url).status_code in (403, 404)
    assert not Pledge.objects.exists()


def test_participants_cannot_see_the_directors_pages(seminar, goal, participant_client):
    for url in [
        reverse("follow-up"),
        reverse("goal-detail", args=[goal.pk]),
        reverse("export-goals", args=["csv"]),
        reverse("report", args=[seminar.pk]),
    ]:
        response = participant_client.get(url)
        assert response.status_code == 302 and response["Location"].startswith(reverse("login"))


def test_director_of_another_seminar_sees_none_of_its_goals(seminar, goal, carol, carol_client):
    other = factories.make_seminar(title="Other")
    other.directors.add(carol)
    assert carol_client.get(reverse("goal-detail", args=[goal.pk])).status_code == 404
    assert "Borgerpanel" not in carol_client.get(reverse("follow-up")).content.decode()


def test_director_records_progress_through_the_page(seminar, goal, carol, carol_client):
    seminar.directors.add(carol)
    response = carol_client.post(
        reverse("goal-detail", args=[goal.pk]),
        {
            "status": "under_way",
            "note": "Panel nedsat",
            "noted_on": "2015-01-15",
            "next_follow_up": "2015-04-01",
            "owner": "Erik",
        },
    )
    assert response.status_code == 302
    page = carol_client.get(response["Location"]).content.decode()
    assert 'class="messages"' in page and "Opfølgningen er registreret." in page
    goal.refresh_from_db()
    assert (goal.status, goal.owner, goal.next_follow_up) == (
        "under_way",
        "Erik",
        datetime.date(2015, 4, 1),
    )


def test_follow_up_filters(seminar, goal, carol, carol_client):
    seminar.directors.add(carol)
    url = reverse("follow-up")
    assert "Borgerpanel" in carol_client.get(url, {"status": "not_started"}).content.decode()
    assert "Borgerpanel" not in carol_client.get(url, {"status": "achieved"}).content.decode()
    assert "Borgerpanel" in carol_client.get(url, {"owner": "mog"}).content.decode()
    assert "Borgerpanel" not in carol_client.get(url, {"due_before": "2016-01-01"}).content.decode()
    assert carol_client.get(url, {"due_before": "2026-02-31"}).status_code == 200


def test_department_commitments_and_monday_actions(seminar, goal, tables):
    person = tables[1][0]
    client = client_for_participant(person)
    url = reverse("commitments", args=[seminar.pk])
    prefix = f"goal-{goal.pk}"
    saved = client.post(
        url,
        {
            "form": "commitment",
            "goal": goal.pk,
            f"{prefix}-demands": "Tid",
            f"{prefix}-agreements": "Ja",
            f"{prefix}-version": "1",
        },
    )
    client.post(
        url,
        {
            "form": "message",
            "goal": goal.pk,
            f"{prefix}-message": "Vi starter",
            f"{prefix}-audience": "Medarbejdere",
            f"{prefix}-sender": "Afdelingsleder",
            f"{prefix}-when": "Mandag",
        },
    )
    monday = client.post(url, {"form": "monday", "text": "Holder personalemøde"}, follow=True)
    # Each save is confirmed in a sentence a screen reader says (role="status").
    assert "Det, du vil gøre på mandag, er gemt." in monday.content.decode()
    assert saved.status_code == 302
    commitment = goal.commitments.get()
    assert (commitment.department, commitment.demands) == (person.department, "Tid")
    assert commitment.messages.get().audience == "Medarbejdere"
    assert person.monday_actions.get().text == "Holder personalemøde"


def test_director_downloads_the_exports_and_the_report(seminar, goal, carol, carol_client):
    seminar.directors.add(carol)
    expected = {
        reverse("export-goals", args=["xlsx"]): "spreadsheetml",
        reverse("export-goals", args=["csv"]): "text/csv",
        reverse("export-goals", args=["pledges.csv"]): "text/csv",
        reverse("export-goals", args=["ics"]): "text/calendar",
        reverse("report-download", args=[seminar.pk, "docx"]): "wordprocessingml",
        reverse("report-download", args=[seminar.pk, "pdf"]): "application/pdf",
    }
    for url, content_type in expected.items():
        response = carol_client.get(url)
        assert response.status_code == 200 and content_type in response["Content-Type"], url
        assert response["Content-Disposition"].startswith("attachment")
    page = carol_client.get(reverse("report", args=[seminar.pk])).content.decode()
    assert "Borgerpanel i 2017" in page


def test_exports_hold_only_the_goals_the_director_follows(seminar, goal, carol, carol_client):
    other = factories.make_seminar(title="Other")
    other.directors.add(carol)
    body = carol_client.get(reverse("export-goals", args=["csv"])).content.decode()
    assert "Borgerpanel" not in body
    assert carol_client.get(reverse("report", args=[seminar.pk])).status_code == 404


@pytest.fixture
def goals_running(seminar, alice, tables):
    """The goals item runs, seated at the tables: phones draft their table's goal."""
    groups, _people = tables
    _day, items = factories.make_programme(seminar, by=alice)
    agenda_services.update_item(items[0], by=alice, grouping=groups[0].grouping, kind="goals")
    agenda_services.start_seminar(seminar, by=alice)
    return items[0]


def _goal_post(client, seminar, **fields):
    data = {"key": str(uuid.uuid4()), "title": "", "why": "", "measure": "", "owner": ""}
    data.update(fields)
    return client.post(
        reverse("goal-draft", args=[seminar.pk]), data, headers={"hx-request": "true"}
    )


def test_a_second_phone_saving_an_older_goal_is_shown_the_first_and_overwrites_nothing(
    seminar, goal, tables, goals_running
):
    first, second = goal.group.members.order_by("pk")[:2]
    seen_version = goal.version
    response = _goal_post(
        client_for_participant(first),
        seminar,
        goal=goal.pk,
        version=seen_version,
        title="Borgerpanel i hvert lokalområde",
        why="Flere stemmer",
    )
    assert (
        response.status_code == 200
        and "Borgerpanel i hvert lokalområde" in Goal.objects.get().title
    )
    # The second phone's form was made from the same version: its save is not taken.
    response = _goal_post(
        client_for_participant(second),
        seminar,
        goal=goal.pk,
        version=seen_version,
        title="Noget andet",
    )
    page = response.content.decode()
    saved = Goal.objects.get()
    assert (saved.title, saved.why) == ("Borgerpanel i hvert lokalområde", "Flere stemmer")
    assert "Borgerpanel i hvert lokalområde" in page  # what the table saved meanwhile
    assert 'value="Noget andet"' in page  # the second person's own text stays in the form
    assert f'name="version" value="{saved.version}"' in page
    # Saved again, knowingly: now it replaces the goal.
    _goal_post(
        client_for_participant(second),
        seminar,
        goal=goal.pk,
        version=saved.version,
        title="Noget andet",
    )
    assert Goal.objects.get().title == "Noget andet"


def test_a_first_draft_made_while_a_tablemate_drafted_does_not_overwrite(
    seminar, goal, tables, goals_running
):
    other = goal.group.members.order_by("pk")[1]
    # This phone's form was made before there was a goal (version 0).
    _goal_post(client_for_participant(other), seminar, version=0, title="Vores eget")
    assert Goal.objects.get().title == "Borgerpanel i 2017"


def test_one_goal_per_table_is_a_database_constraint(seminar, goal):
    from django.db import IntegrityError, transaction

    with pytest.raises(IntegrityError), transaction.atomic():
        Goal.objects.create(seminar=seminar, group=goal.group, title="Endnu et")


def test_a_simultaneous_first_draft_becomes_a_conflict_not_a_second_goal(seminar, goal, tables):
    member = goal.group.members.order_by("pk")[1]
    with pytest.raises(services.Conflict) as raised:
        services.draft_goal(seminar, by=member, group=goal.group, title="Samtidig")
    assert raised.value.current == goal
    assert Goal.objects.count() == 1


def test_without_a_table_a_phone_drafts_no_goal(seminar, tables, participant_client):
    for _ in range(3):
        response = _goal_post(participant_client, seminar, title="Uden bord")
    assert "ikke ved et bord" in response.content.decode()  # Danish: the default language
    assert not Goal.objects.exists()


def test_line_breaks_from_a_browser_form_are_kept_not_refused(seminar, goal, tables, goals_running):
    member = goal.group.members.first()
    _goal_post(
        client_for_participant(member),
        seminar,
        goal=goal.pk,
        version=goal.version,
        title="Borgerpanel",
        why="Første linje\r\nAnden linje\rTredje",
    )
    assert Goal.objects.get().why == "Første linje\nAnden linje\nTredje"


def test_a_danish_goal_form_keeps_its_target_date(seminar, goal, tables):
    from django.utils import translation

    from ideas.goals.exercise import goal_form_context

    with translation.override("da"):
        html = goal_form_context(seminar, goal.group)["goal_form"]["target_date"].as_widget()
    assert 'value="2017-12-31"' in html


def test_two_leaders_of_a_department_do_not_blank_each_others_text(seminar, goal, tables):
    _groups, people = tables
    department = people[0].department
    leaders = [p for p in people if p.department_id == department.pk][:2]
    assert len(leaders) == 2
    url = reverse("commitments", args=[seminar.pk])
    prefix = f"goal-{goal.pk}"

    def save(leader, version, **text):
        data = {"form": "commitment", "goal": goal.pk, f"{prefix}-version": version}
        data.update({f"{prefix}-{name}": value for name, value in text.items()})
        return client_for_participant(leader).post(url, data)

    save(leaders[0], 1, demands="", agreements="Vi mødes hver mandag")
    response = save(leaders[1], 1, demands="Tid og penge", agreements="")
    commitment = goal.commitments.get()
    assert (commitment.demands, commitment.agreements) == ("", "Vi mødes hver mandag")
    assert response.status_code == 422
    assert "Vi mødes hver mandag" in response.content.decode()
    assert "Tid og penge" in response.content.decode()
    save(leaders[1], commitment.version, demands="Tid og penge", agreements="Vi mødes hver mandag")
    commitment.refresh_from_db()
    assert (commitment.demands, commitment.agreements) == ("Tid og penge", "Vi mødes hver mandag")


def test_the_department_page_gives_every_field_an_id_of_its_own(seminar, goal, tables, alice):
    services.draft_goal(seminar, by=alice, group=tables[0][1], title="Andet bord")
    _groups, people = tables
    page = client_for_participant(people[0]).get(reverse("commitments", args=[seminar.pk]))
    ids = re.findall(r'\sid="([^"]+)"', page.content.decode())
    assert len(ids) == len(set(ids))
    assert f'id="id_goal-{goal.pk}-demands"' in page.content.decode()


def test_each_goal_is_shown_shaken_on_and_sealed_in_turn(seminar, alice, goal, tables):
    groups, people = tables
    second = services.draft_goal(seminar, by=groups[1].members.first(), group=groups[1], title="To")
    services.show_goal(seminar, by=alice, goal=goal)
    services.shake(goal, by=people[0])
    services.seal_goal(goal, by=alice)
    # The next goal is still open: the room shakes on it, and seals it in its turn.
    services.show_goal(seminar, by=alice, goal=second)
    services.shake(second, by=people[0])
    services.seal_goal(second, by=alice)
    assert Pledge.objects.filter(participant=people[0]).count() == 2
    assert Goal.objects.filter(sealed_at__isnull=False).count() == 2


def test_a_goal_sealed_by_mistake_is_reopened(seminar, alice, goal, tables, alice_client):
    _groups, people = tables
    services.show_goal(seminar, by=alice, goal=goal)
    alice_client.post(reverse("goal-seal", args=[seminar.pk, goal.pk]))
    goal.refresh_from_db()
    first_sealed = goal.sealed_at
    assert first_sealed is not None
    alice_client.post(reverse("goal-seal", args=[seminar.pk, goal.pk]))  # a double click
    goal.refresh_from_db()
    assert goal.sealed_at == first_sealed
    with pytest.raises(services.Refused):
        services.shake(goal, by=people[1])
    alice_client.post(reverse("goal-reopen", args=[seminar.pk, goal.pk]))
    services.shake(goal, by=people[1])
    assert Pledge.objects.filter(goal=goal).count() == 1
