import pytest
from django.test import Client
from django.urls import reverse

from seminar.models import JOIN_ALPHABET, Participant, normalise_join_code
from seminar.permissions import participant_session_key
from tests import factories


def test_join_codes_avoid_look_alikes(seminar):
    assert len(seminar.join_code) >= 6
    assert set(seminar.join_code) <= set(JOIN_ALPHABET)
    assert not set("01OIL") & set(JOIN_ALPHABET)


def test_join_code_is_case_insensitive_and_forgives_spaces(db):
    assert normalise_join_code(" ab-c 234 ") == "ABC234"


def test_joining_asks_for_name_and_department_only(seminar):
    client = Client()
    response = client.get(reverse("join", args=[seminar.join_code.lower()]))
    html = response.content.decode()
    assert 'name="display_name"' in html and 'name="department"' in html
    assert 'type="password"' not in html and 'type="email"' not in html
    assert (
        html.count("<input") - html.count('type="hidden"') == 1
    )  # the name; department is a select
    department = seminar.departments.first()
    response = client.post(
        reverse("join", args=[seminar.join_code]),
        {"display_name": "Anne", "department": department.pk},
    )
    assert response.status_code == 302
    participant = Participant.objects.get()
    assert (participant.display_name, participant.department) == ("Anne", department)
    assert client.session[participant_session_key(seminar.pk)] == participant.pk


def test_no_department_is_chosen_for_the_person(seminar):
    """The list starts with "Choose your department", chosen: a person who does not open it is
    asked to, in their language, and nobody is filed under the first department on the list."""
    client = Client(headers={"accept-language": "da"})
    url = reverse("join", args=[seminar.join_code])
    html = client.get(url).content.decode()
    first = html[html.index('name="department"') :].split("<option", 2)[1]
    assert 'value=""' in first and "Vælg din forvaltning" in first
    assert " selected" in first or "selected>" in first
    response = client.post(url, {"display_name": "Anne"})
    assert response.status_code == 422
    assert "Vælg din forvaltning." in response.content.decode()
    assert not Participant.objects.exists()


def test_coming_back_on_the_same_phone_resumes(seminar, participant, participant_client):
    response = participant_client.get(reverse("join", args=[seminar.join_code]))
    assert response.status_code == 302
    assert response["Location"] == reverse("phone", args=[seminar.pk])
    assert Participant.objects.count() == 1


def test_wrong_code_gets_a_clear_message(db):
    response = Client(headers={"accept-language": "en"}).post(
        reverse("join-start"), {"code": "ZZZZZZ"}
    )
    assert "There is no seminar with this code" in response.content.decode()


def test_locked_seminar_refuses_joins_and_changes_nothing(seminar, alice):
    from seminar.services import set_joining_locked

    set_joining_locked(seminar, by=alice, locked=True)
    response = Client(headers={"accept-language": "en"}).post(
        reverse("join", args=[seminar.join_code]),
        {"display_name": "Late", "department": seminar.departments.first().pk},
    )
    assert "Joining this seminar is closed" in response.content.decode()
    assert not Participant.objects.exists()


def test_rotated_code_stops_working_but_people_stay_in(seminar, alice, participant_client):
    from seminar.services import rotate_join_code

    old = seminar.join_code
    new = rotate_join_code(seminar, by=alice)
    assert new != old
    assert Client().get(reverse("join", args=[old])).status_code == 404
    assert participant_client.get(reverse("phone", args=[seminar.pk])).status_code == 200


def test_overlong_or_control_character_names_are_refused(seminar):
    department = seminar.departments.first().pk
    for name in ["x" * 81, "Anne\x00", "   "]:
        Client().post(
            reverse("join", args=[seminar.join_code]),
            {"display_name": name, "department": department},
        )
    assert not Participant.objects.exists()


def test_markup_in_a_name_is_shown_as_text(seminar, alice_client):
    factories.make_participant(seminar, "<b>Bold</b>")
    html = alice_client.get(reverse("groupings", args=[seminar.pk])).content.decode()
    assert "&lt;b&gt;Bold&lt;/b&gt;" in html and "<b>Bold</b>" not in html


def test_too_many_join_attempts_get_429(seminar, settings):
    settings.JOIN_RATE_LIMIT = 3
    client = Client(REMOTE_ADDR="10.1.2.3")
    statuses = [
        client.post(reverse("join-start"), {"code": "WRONG2"}).status_code for _ in range(5)
    ]
    assert statuses[:3] == [200, 200, 200]
    assert statuses[3:] == [429, 429]
    # Another client is not affected.
    other = Client(REMOTE_ADDR="10.9.9.9")
    assert other.post(reverse("join-start"), {"code": "WRONG2"}).status_code == 200


def test_participant_of_another_seminar_cannot_open_this_seminars_phone_page(
    seminar, outsider_participant_client
):
    response = outsider_participant_client.get(reverse("phone", args=[seminar.pk]))
    assert response.status_code == 403


def test_join_code_alone_does_not_make_you_someone_else(seminar, participant):
    # A new phone with the code and the same name is not given the existing person's session:
    # it is asked whether it is someone else, and becomes a new participant only then.
    client = Client()
    url = reverse("join", args=[seminar.join_code])
    data = {"display_name": participant.display_name, "department": participant.department_id}
    response = client.post(url, data)
    assert response.status_code == 422
    assert participant_session_key(seminar.pk) not in client.session
    assert seminar.participants.count() == 1
    client.post(url, {**data, "another_person": "on"})
    assert client.session[participant_session_key(seminar.pk)] != participant.pk
    assert seminar.participants.count() == 2


def test_a_phone_that_left_is_offered_its_person_again(seminar):
    client = Client()
    url = reverse("join", args=[seminar.join_code])
    department = seminar.departments.first().pk
    client.post(url, {"display_name": "Anne", "department": department})
    anne = seminar.participants.get()
    client.post(reverse("leave", args=[seminar.pk]))
    page = client.get(url).content.decode()
    assert "Anne" in page and 'name="resume"' in page
    client.post(url, {"resume": "1"})
    assert client.session[participant_session_key(seminar.pk)] == anne.pk
    # Typing the same name again on that phone is the same person too.
    client.post(reverse("leave", args=[seminar.pk]))
    client.post(url, {"display_name": "anne", "department": department})
    assert client.session[participant_session_key(seminar.pk)] == anne.pk
    assert seminar.participants.count() == 1


def test_a_remembered_person_is_not_offered_in_another_seminar(seminar, other_seminar):
    client = Client()
    department = seminar.departments.first().pk
    client.post(
        reverse("join", args=[seminar.join_code]),
        {"display_name": "Anne", "department": department},
    )
    page = client.get(reverse("join", args=[other_seminar.join_code])).content.decode()
    assert 'name="resume"' not in page
    client.post(reverse("join", args=[other_seminar.join_code]), {"resume": "1"})
    assert participant_session_key(other_seminar.pk) not in client.session


def test_leaving_asks_first(seminar, participant_client):
    page = participant_client.get(reverse("phone", args=[seminar.pk])).content.decode()
    assert 'class="leave" data-confirm=' in page


@pytest.mark.parametrize("url_name", ["phone"])
def test_anonymous_visitor_sees_no_phone_page(seminar, url_name):
    assert Client().get(reverse(url_name, args=[seminar.pk])).status_code == 403
