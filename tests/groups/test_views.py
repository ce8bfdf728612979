import pytest
from django.test import Client
from django.urls import reverse

from groups import services
from groups.models import Grouping, Membership, Screen
from seminar.models import Participant
from seminar.permissions import SCREEN_COOKIE
from tests import factories


@pytest.fixture
def people(seminar):
    departments = list(seminar.departments.all())
    # Names that cannot turn up by chance in a page's random CSP nonce.
    return [factories.make_participant(seminar, f"Leder {i}", departments[i % 2]) for i in range(6)]


@pytest.fixture
def tables(seminar, alice, people):
    plan = services.plan_grouping(seminar, method=Grouping.Method.RANDOM, size=3, seed=1)
    return services.create_grouping(
        seminar, by=alice, name="Borde", method="random", size=3, plan=plan
    )


def _endpoints(seminar, grouping, participant, screen):
    s = seminar.pk
    return [
        ("get", reverse("groupings", args=[s])),
        ("post", reverse("grouping-preview", args=[s])),
        ("post", reverse("grouping-create", args=[s])),
        ("post", reverse("grouping-delete", args=[s, grouping.pk])),
        ("post", reverse("member-move", args=[s, grouping.pk])),
        ("post", reverse("participant-edit", args=[s, participant.pk])),
        ("post", reverse("participant-remove", args=[s, participant.pk])),
        ("post", reverse("participants-merge", args=[s])),
        ("post", reverse("joining-lock", args=[s])),
        ("post", reverse("joining-rotate", args=[s])),
        ("post", reverse("screen-pair", args=[s])),
        ("post", reverse("screen-unpair", args=[s, screen.pk])),
    ]


def _state(seminar):
    seminar.refresh_from_db()
    return (
        list(Participant.objects.values_list("pk", "display_name", "department_id")),
        list(Membership.objects.values_list("participant_id", "group_id")),
        list(Screen.objects.values_list("pk", "group_id")),
        seminar.join_code,
        seminar.joining_locked,
        Grouping.objects.count(),
    )


@pytest.mark.parametrize("who", ["anonymous", "other_facilitator", "director", "participant"])
def test_outsiders_cannot_see_or_change_people_groups_or_screens(
    who, seminar, alice, tables, people, bob_client, carol_client
):
    from tests.conftest import client_for_participant

    screen = Screen.objects.create()
    services.pair_screen(
        seminar, by=alice, pairing_code=screen.pairing_code, group=tables.groups.first()
    )
    client = {
        "anonymous": Client(),
        "other_facilitator": bob_client,
        "director": carol_client,
        "participant": client_for_participant(people[0]),
    }[who]
    before = _state(seminar)
    target = tables.groups.last()
    data = {
        "group": target.pk,
        "display_name": "Hacked",
        "locked": "1",
        "name": "X",
        "method": "random",
        "size": "2",
        "seed": "1",
        "duplicate": people[1].pk,
        "keep": people[0].pk,
        "member": people[0].pk,
        "pairing_code": "ABCD",
    }
    for method, url in _endpoints(seminar, tables, people[0], screen):
        response = getattr(client, method)(url, data)
        assert response.status_code in (302, 403, 404), (url, response.status_code)
        if response.status_code == 302:
            assert response["Location"].startswith(reverse("login"))
    assert _state(seminar) == before


def test_preview_saves_nothing_and_create_uses_the_same_draw(alice_client, seminar, people):
    data = {"name": "Tværgående", "method": "cross_functional", "size": "3", "seed": "42"}
    response = alice_client.post(reverse("grouping-preview", args=[seminar.pk]), data)
    assert response.status_code == 200 and not Grouping.objects.exists()
    preview = response.content.decode()
    response = alice_client.post(reverse("grouping-create", args=[seminar.pk]), data)
    assert response.status_code == 302
    grouping = Grouping.objects.get()
    for group in grouping.groups.all():
        names = sorted(m.display_name for m in group.members.all())
        first_table = preview.split("data-preview")[1]
        assert all(name in first_table for name in names)
    assert Membership.objects.count() == len(people)


def test_grouping_form_errors_are_clear(alice_client, seminar, people):
    response = alice_client.post(
        reverse("grouping-preview", args=[seminar.pk]),
        {"name": "X", "method": "random"},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 422
    assert "Say how many people sit at each table." in response.content.decode()


def test_facilitator_moves_a_participant(alice_client, seminar, tables, people):
    person = people[0]
    target = tables.groups.exclude(members=person).first()
    url = reverse("member-move", args=[seminar.pk, tables.pk])
    alice_client.post(url, {"member": person.pk, "group": target.pk})
    assert Membership.objects.get(participant=person, grouping=tables).group == target


@pytest.mark.parametrize(
    "data",
    [
        {},
        {"member": "abc", "group": "1"},
        {"member": "99999999999999999999", "group": "x"},
        {"member": "\x00"},
    ],
)
def test_a_bad_move_is_refused_with_a_message_and_changes_nothing(
    alice_client, seminar, tables, people, data
):
    before = _state(seminar)
    response = alice_client.post(
        reverse("member-move", args=[seminar.pk, tables.pk]),
        data,
        headers={"accept-language": "en"},
        follow=True,
    )
    assert response.status_code == 200
    assert "Choose a person and a table of this grouping." in response.content.decode()
    assert _state(seminar) == before


def test_someone_of_another_grouping_or_seminar_cannot_be_moved_here(
    alice_client, seminar, alice, tables, people
):
    stranger = factories.make_participant(factories.make_seminar(alice, title="Andet"), "Olav")
    before = _state(seminar)
    alice_client.post(
        reverse("member-move", args=[seminar.pk, tables.pk]),
        {"member": stranger.pk, "group": tables.groups.first().pk},
    )
    assert _state(seminar) == before


def test_facilitator_renames_merges_and_removes(alice_client, seminar, tables, people):
    a, b, c = people[:3]
    alice_client.post(
        reverse("participant-edit", args=[seminar.pk, a.pk]),
        {"display_name": "Anne H.", "department": ""},
    )
    a.refresh_from_db()
    assert (a.display_name, a.department) == ("Anne H.", None)
    merge = reverse("participants-merge", args=[seminar.pk])
    for refused in ({"keep": a.pk, "duplicate": a.pk}, {"keep": "x", "duplicate": b.pk}, {}):
        alice_client.post(merge, refused)
        assert Participant.objects.filter(pk__in=[a.pk, b.pk]).count() == 2
    alice_client.post(merge, {"keep": a.pk, "duplicate": b.pk})
    assert not Participant.objects.filter(pk=b.pk).exists()
    alice_client.post(reverse("participant-remove", args=[seminar.pk, c.pk]))
    assert not Participant.objects.filter(pk=c.pk).exists()


def test_pairing_a_screen_from_the_console(alice_client, seminar, tables):
    screen = Screen.objects.create()
    group = tables.groups.first()
    response = alice_client.post(
        reverse("screen-pair", args=[seminar.pk]),
        {"pairing_code": screen.pairing_code, "group": group.pk},
    )
    assert response.status_code == 302
    screen.refresh_from_db()
    assert screen.group == group and screen.seminar == seminar


def test_wrong_pairing_code_is_explained(alice_client, seminar, tables):
    response = alice_client.post(
        reverse("screen-pair", args=[seminar.pk]),
        {"pairing_code": "ZZZZ", "group": tables.groups.first().pk},
        headers={"accept-language": "en"},
    )
    assert response.status_code == 422
    assert "No unpaired screen shows this code" in response.content.decode()


def test_screen_page_sets_a_cookie_and_shows_a_pairing_code(db):
    client = Client()
    response = client.post(reverse("screen"), follow=True)
    token = client.cookies[SCREEN_COOKIE].value
    screen = Screen.objects.get(token=token)
    assert screen.pairing_code in response.content.decode()
    assert token not in response.content.decode()  # the secret never appears in the page
    assert client.get(reverse("screen")).status_code == 200
    client.post(reverse("screen"))
    assert Screen.objects.count() == 1  # the same browser stays the same screen


def test_unpaired_screen_sees_nothing_of_any_seminar(seminar, tables):
    client = Client()
    html = client.post(reverse("screen"), follow=True).content.decode()
    assert "Leder 0" not in html and seminar.title not in html
    assert client.get(reverse("screen-status")).status_code == 204


def test_paired_screen_shows_its_table_only(alice, seminar, tables):
    client = Client()
    client.post(reverse("screen"))
    screen = Screen.objects.get()
    first, second = tables.groups.order_by("number")
    services.pair_screen(seminar, by=alice, pairing_code=screen.pairing_code, group=first)
    assert client.get(reverse("screen-status"))["HX-Refresh"] == "true"
    html = client.get(reverse("screen")).content.decode()
    assert all(m.display_name in html for m in first.members.all())
    assert not any(
        f">{m.display_name}<" in html or f"{m.display_name} <" in html for m in second.members.all()
    )


@pytest.mark.parametrize("count", [1, 3])
def test_groupings_page_queries_do_not_grow(
    count, alice, alice_client, seminar, django_assert_max_num_queries
):
    for i in range(count * 3):
        factories.make_participant(seminar, f"Q{i}")
    for i in range(count):
        plan = services.plan_grouping(seminar, method="random", size=3, seed=i)
        services.create_grouping(
            seminar, by=alice, name=f"G{i}", method="random", size=3, plan=plan
        )
    with django_assert_max_num_queries(14):
        alice_client.get(reverse("groupings", args=[seminar.pk]))
