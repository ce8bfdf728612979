from django.urls import reverse


def test_invalid_item_errors_are_in_the_users_language(alice_client, seminar, programme):
    day, _items = programme
    alice_client.post(reverse("set_language"), {"language": "da"})
    response = alice_client.post(
        reverse("item-add", args=[seminar.pk, day.pk]),
        {"title": ""},
        headers={"hx-request": "true"},
    )
    assert "Giv punktet en titel." in response.content.decode()
