"""A seminar's personal data: retention, purge, and a phone's own download."""

import datetime
import io
import json

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from PIL import Image

from groups.models import Group, Grouping, Membership
from ideas.models import (
    ActionList,
    Board,
    Comment,
    Commitment,
    Dot,
    Goal,
    GroupPoint,
    Idea,
    Message,
    MondayAction,
    Photo,
    Pledge,
    ProgressNote,
    Star,
    Vote,
)
from tests import factories
from tests.conftest import client_for_participant


def _jpeg():
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, "JPEG")
    return ContentFile(out.getvalue(), name="poster.jpg")


def populate(seminar, by, names=("Anne", "Bo")):
    """A seminar with a bit of everything: programme, a table, cards, comments, stars, dots,
    a goal shaken and followed up, a commitment with a message, a Monday action and its
    table's prioritised point, a photo."""
    _day, items = factories.make_programme(seminar, by=by)
    people = [factories.make_participant(seminar, name) for name in names]
    grouping = Grouping.objects.create(seminar=seminar, name="Borde", method="random", group_size=6)
    table = Group.objects.create(grouping=grouping, number=1, name="Bord 1", leader=people[0])
    for person in people:
        Membership.objects.create(grouping=grouping, group=table, participant=person)
    board = Board.objects.create(seminar=seminar, agenda_item=items[2], group=table, prompt="?")
    idea = Idea.objects.create(board=board, author=people[0], text=f"Idea of {names[0]}")
    Comment.objects.create(idea=idea, author=people[1], text="Good one")
    Star.objects.create(idea=idea, participant=people[1])
    vote = Vote.objects.create(seminar=seminar, title="Which?")
    vote.boards.add(board)
    Dot.objects.create(vote=vote, participant=people[0], idea=idea)
    goal = Goal.objects.create(seminar=seminar, group=table, title="Fewer meetings", owner=names[0])
    Pledge.objects.create(goal=goal, participant=people[0])
    ProgressNote.objects.create(
        goal=goal, author=by, status="under_way", note="Going", noted_on=datetime.date(2026, 1, 5)
    )
    commitment = Commitment.objects.create(
        goal=goal, department=seminar.departments.first(), demands="Time", agreements="Meet less"
    )
    Message.objects.create(
        commitment=commitment, message="We meet less", audience="All", sender=names[1], when="May"
    )
    action = MondayAction.objects.create(participant=people[0], goal=goal, text="Cancel a meeting")
    action_list = ActionList.objects.create(
        seminar=seminar, agenda_item=items[1], prompt="Det første", template="home"
    )
    GroupPoint.objects.create(action_list=action_list, group=table, text=action.text, action=action)
    photo = Photo(board=board, author=people[0])
    photo.image.save("poster.jpg", _jpeg(), save=True)
    return people, goal, photo


def row_counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models(include_auto_created=True)
    }


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    return tmp_path


def test_retention_date_defaults_to_a_year_after_the_last_day(seminar):
    seminar.ends_on = datetime.date(2026, 3, 6)
    assert seminar.retention_date == datetime.date(2027, 3, 6)
    seminar.retain_until = datetime.date(2026, 6, 1)
    assert seminar.retention_date == datetime.date(2026, 6, 1)


def test_settings_page_shows_and_saves_the_retention_date(alice_client, seminar):
    seminar.ends_on = datetime.date(2026, 3, 6)
    seminar.save()
    url = reverse("seminar-edit", args=[seminar.pk])
    page = alice_client.get(url).content.decode()
    assert 'name="retain_until"' in page and "2027" in page
    data = {"title": seminar.title, "language": "da", "retain_until": "2026-09-01"}
    assert alice_client.post(url, data).status_code == 302
    seminar.refresh_from_db()
    assert seminar.retain_until == datetime.date(2026, 9, 1)


def test_retention_date_cannot_be_before_the_last_day(alice_client, seminar):
    url = reverse("seminar-edit", args=[seminar.pk])
    data = {
        "title": seminar.title,
        "language": "da",
        "starts_on": "2026-03-05",
        "ends_on": "2026-03-06",
        "retain_until": "2026-03-01",
    }
    response = alice_client.post(url, data)
    assert response.status_code == 200 and 'id="id_retain_until_error"' in response.content.decode()
    seminar.refresh_from_db()
    assert seminar.retain_until is None


def test_apply_retention_anonymises_past_seminars_only(
    seminar, other_seminar, alice, bob, media, django_capture_on_commit_callbacks
):
    seminar.retain_until = datetime.date(2026, 1, 31)
    seminar.save()
    other_seminar.retain_until = datetime.date(2026, 3, 1)
    other_seminar.save()
    people, goal, photo = populate(seminar, alice)
    others, other_goal, other_photo = populate(other_seminar, bob, names=("Cai", "Dag"))
    photo_path = media / photo.image.name
    assert photo_path.exists()

    with django_capture_on_commit_callbacks(execute=True):
        call_command("apply_retention", today="2026-02-01", stdout=io.StringIO())

    names = sorted(seminar.participants.values_list("display_name", flat=True))
    assert names == ["Deltager 1", "Deltager 2"]  # the seminar's language: Danish
    assert not Photo.objects.filter(board__seminar=seminar).exists()
    assert not photo_path.exists()
    goal.refresh_from_db()
    assert goal.title == "Fewer meetings" and goal.owner == ""
    assert goal.progress.count() == 1 and goal.commitments.get().agreements == "Meet less"
    assert Message.objects.get(commitment__goal=goal).sender == ""
    assert Idea.objects.get(board__seminar=seminar).text == "Idea of Anne"
    seminar.refresh_from_db()
    assert seminar.anonymised_at is not None
    # The other seminar is not due yet: untouched.
    assert sorted(other_seminar.participants.values_list("display_name", flat=True)) == [
        "Cai",
        "Dag",
    ]
    assert (media / other_photo.image.name).exists()
    other_goal.refresh_from_db()
    assert other_goal.owner == "Cai"


def test_apply_retention_refuses_a_bad_date():
    with pytest.raises(CommandError):
        call_command("apply_retention", today="tomorrow")


def test_purge_leaves_no_row_behind_and_the_other_seminar_untouched(
    other_seminar, alice, bob, media, django_capture_on_commit_callbacks
):
    populate(other_seminar, bob, names=("Cai", "Dag"))
    dora = factories.make_director("dora")
    before = row_counts()
    seminar = factories.make_seminar(alice, title="To be purged")
    seminar.directors.add(dora)
    _people, _goal, photo = populate(seminar, alice)
    assert row_counts() != before
    with pytest.raises(CommandError):
        call_command("purge_seminar", seminar.pk)  # not without --yes
    with django_capture_on_commit_callbacks(execute=True):
        call_command("purge_seminar", seminar.pk, yes=True, stdout=io.StringIO())
    assert row_counts() == before  # the accounts stay: they are not the seminar's
    assert not (media / photo.image.name).exists()
    assert other_seminar.participants.count() == 2
    with pytest.raises(CommandError):
        call_command("purge_seminar", 999999, yes=True)


def test_phone_downloads_only_what_its_person_contributed(seminar, alice, media):
    people, goal, _photo = populate(seminar, alice)
    client = client_for_participant(people[0])
    phone = client.get(reverse("phone", args=[seminar.pk])).content.decode()
    assert reverse("my-contributions", args=[seminar.pk]) in phone
    response = client.get(reverse("my-contributions", args=[seminar.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    mine = json.loads(response.content)
    assert mine["name"] == "Anne"
    assert [card["text"] for card in mine["cards"]] == ["Idea of Anne"]
    assert mine["comments"] == [] and mine["stars"] == []
    assert mine["dots"] == ["Idea of Anne"]
    assert [g["title"] for g in mine["goals_drafted"]] == ["Fewer meetings"]
    assert [g["title"] for g in mine["goals_shaken"]] == ["Fewer meetings"]
    assert mine["monday_actions"][0]["text"] == "Cancel a meeting"
    theirs = json.loads(
        client_for_participant(people[1]).get(response.request["PATH_INFO"]).content
    )
    assert theirs["name"] == "Bo" and theirs["cards"] == [] and theirs["stars"] == ["Idea of Anne"]
    assert [c["text"] for c in theirs["comments"]] == ["Good one"]


def test_contributions_download_outsiders(seminar, other_seminar, alice_client, client):
    url = reverse("my-contributions", args=[seminar.pk])
    assert client.get(url).status_code == 403
    assert alice_client.get(url).status_code == 403  # a facilitator is not a phone
    stranger = client_for_participant(factories.make_participant(other_seminar, "Eve"))
    assert stranger.get(url).status_code == 403
