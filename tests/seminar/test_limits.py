"""Only failures count: a room behind one address joins, guessing codes or passwords gets 429."""

from django.test import Client
from django.urls import reverse

from seminar.models import Participant


def _join(client, seminar, name):
    return client.post(
        reverse("join", args=[seminar.join_code]),
        {"display_name": name, "department": seminar.departments.first().pk},
    )


def test_a_room_of_300_phones_behind_one_address_joins(seminar, settings):
    settings.JOIN_RATE_LIMIT = 10
    statuses = {
        _join(Client(REMOTE_ADDR="192.0.2.10"), seminar, f"Leder {number}").status_code
        for number in range(300)
    }
    assert statuses == {302}
    assert Participant.objects.filter(seminar=seminar).count() == 300


def test_guessing_codes_gets_429_in_the_readers_language_with_the_code_kept(db, settings):
    settings.JOIN_RATE_LIMIT = 3
    client = Client(REMOTE_ADDR="198.51.100.7", headers={"accept-language": "sv"})
    statuses = [
        client.post(reverse("join-start"), {"code": f"WRONG{n}"}).status_code for n in range(5)
    ]
    assert statuses == [200, 200, 200, 429, 429]
    page = client.post(reverse("join-start"), {"code": "ABC234"})
    html = page.content.decode()
    assert page.status_code == 429 and page["Retry-After"] == "60"
    assert "För många" in html and 'value="ABC234"' in html


def test_a_limited_address_keeps_the_typed_name(seminar, settings):
    settings.JOIN_RATE_LIMIT = 2
    client = Client(REMOTE_ADDR="198.51.100.8", headers={"accept-language": "en"})
    for n in range(2):
        client.get(reverse("join", args=[f"NOPE{n}"]))
    response = _join(client, seminar, "Karen Blixen")
    assert response.status_code == 429
    assert 'value="Karen Blixen"' in response.content.decode()
    assert not Participant.objects.exists()


def test_a_guesser_on_the_venue_network_does_not_lock_the_room_out(seminar, settings):
    settings.JOIN_RATE_LIMIT = 3
    assert _join(Client(REMOTE_ADDR="192.0.2.20"), seminar, "First").status_code == 302
    guesser = Client(REMOTE_ADDR="192.0.2.20")
    for n in range(6):
        guesser.post(reverse("join-start"), {"code": f"GUESS{n}"})
    assert guesser.post(reverse("join-start"), {"code": "GUESS9"}).status_code == 429
    # The room's own code is known at this address: the next phones still join.
    phone = Client(REMOTE_ADDR="192.0.2.20")
    assert phone.post(reverse("join-start"), {"code": seminar.join_code}).status_code == 302
    assert _join(phone, seminar, "Second").status_code == 302


def test_wrong_passwords_are_limited_per_user(alice, settings):
    settings.LOGIN_RATE_LIMIT = 3
    url = reverse("login")
    statuses = [
        Client(REMOTE_ADDR=f"203.0.113.{n}").post(url, {"username": "alice", "password": "no"})
        for n in range(4)
    ]
    assert [r.status_code for r in statuses] == [200, 200, 200, 429]
    # Even the right password waits now, from any address, and is told why.
    response = Client(REMOTE_ADDR="203.0.113.99", headers={"accept-language": "da"}).post(
        url, {"username": "Alice", "password": "pw-for-tests-1"}
    )
    assert response.status_code == 429 and "For mange" in response.content.decode()
    assert 'value="Alice"' in response.content.decode()


def test_wrong_passwords_are_limited_per_address(alice, bob, settings):
    settings.LOGIN_RATE_LIMIT_PER_ADDRESS = 4
    client = Client(REMOTE_ADDR="203.0.113.50")
    for n in range(4):
        client.post(reverse("login"), {"username": f"nobody{n}", "password": "x"})
    response = client.post(reverse("login"), {"username": "bob", "password": "pw-for-tests-1"})
    assert response.status_code == 429
    other = Client(REMOTE_ADDR="203.0.113.51")
    assert (
        other.post(reverse("login"), {"username": "bob", "password": "pw-for-tests-1"}).status_code
        == 302
    )


def test_successful_logins_never_count(alice, settings):
    settings.LOGIN_RATE_LIMIT = 2
    for _ in range(10):
        client = Client(REMOTE_ADDR="203.0.113.60")
        response = client.post(
            reverse("login"), {"username": "alice", "password": "pw-for-tests-1"}
        )
        assert response.status_code == 302
