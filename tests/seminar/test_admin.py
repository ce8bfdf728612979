import pytest
from django.contrib.auth.models import User
from django.test import Client
from django.urls import reverse


@pytest.mark.parametrize(
    "model",
    [
        "seminar/seminar",
        "seminar/participant",
        "agenda/day",
        "groups/grouping",
        "groups/screen",
        "ideas/board",
        "ideas/idea",
        "ideas/goal",
    ],
)
def test_admin_lists_work_for_a_superuser(model, seminar, participant, programme):
    admin = User.objects.create_superuser("root", password="pw-for-tests-1")
    client = Client()
    client.force_login(admin)
    app, name = model.split("/")
    assert client.get(reverse(f"admin:{app}_{name}_changelist")).status_code == 200


def test_admin_refuses_facilitators_and_directors(alice_client, carol_client):
    for client in (alice_client, carol_client):
        response = client.get(reverse("admin:seminar_seminar_changelist"))
        assert response.status_code == 302
