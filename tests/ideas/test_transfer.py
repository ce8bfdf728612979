"""A seminar exported to one file and imported anew: the same programme, goals, follow-up."""

import datetime
import io
import json
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import translation

from agenda.models import Clock
from ideas.data import transfer
from ideas.models import Answer, Goal, InterviewThread, Vote
from seminar.models import Seminar
from tests import factories
from tests.conftest import client_for_participant
from tests.ideas.test_data import CITIZEN, media, populate  # noqa: F401 (a fixture)


def _counts():
    return {m._meta.label: m.objects.count() for m in apps.get_models(include_auto_created=True)}


def test_round_trip_keeps_programme_goals_and_follow_up(seminar, alice, tmp_path, media):  # noqa: F811
    populate(seminar, alice)
    seminar.directors.add(factories.make_director("carol"))
    out = tmp_path / "seminar.json"
    call_command("export_seminar", seminar.pk, str(out), stdout=io.StringIO())
    assert json.loads(out.read_text())["format"] == "plenum-seminar"
    call_command("import_seminar", str(out), stdout=io.StringIO())
    copy = Seminar.objects.exclude(pk=seminar.pk).get()
    assert copy.join_code != seminar.join_code
    assert transfer.structure(copy) == transfer.structure(seminar)
    assert list(copy.facilitators.all()) == [alice]
    assert copy.directors.get().username == "carol"
    dump = transfer.structure(copy)
    assert [r["title"] for r in dump["rows"]["agenda.AgendaItem"]] == [
        "Velkommen",
        "Visionen",
        "Hvad synes I?",
    ]
    goal = Goal.objects.get(seminar=copy)
    assert goal.title == "Fewer meetings" and goal.progress.get().note == "Going"
    assert goal.commitments.get().agreements == "Meet less"
    assert Vote.objects.get(seminar=copy).boards.get().seminar == copy


def test_round_trip_keeps_every_row_of_every_exercise(other_seminar, alice, bob, media):  # noqa: F811
    populate(other_seminar, bob, names=("Cai", "Dag"))
    before = _counts()
    seminar = factories.make_seminar(alice, title="Exported")
    populate(seminar, alice)
    made = {label: count - before[label] for label, count in _counts().items()}
    data = transfer.export_seminar(seminar)
    assert data["version"] == 2
    # Each table's rows of this seminar, and none of the other seminar's.
    for model, _path in transfer.MODELS:
        label = model._meta.label
        assert len(data["rows"][label]) == made[label], label
    copy = transfer.import_seminar(transfer.dumps(seminar), by=alice)
    original, imported = transfer.structure(seminar), transfer.structure(copy)
    for label, rows in original["rows"].items():
        assert imported["rows"][label] == rows, label  # every field, times included
    assert imported == original
    assert copy.participants.get(display_name="Anne").interviews.get().who == CITIZEN
    thread = InterviewThread.objects.get(seminar=copy)
    assert thread.interviews.count() == 2 and {i.seminar for i in thread.interviews.all()} == {copy}
    clock = Clock.objects.get(seminar=copy)
    assert clock.stage == "questions" and clock.current_item.day.seminar == copy
    assert Answer.objects.filter(statement__scale__seminar=copy).count() == 2


def test_a_time_keeps_its_microseconds(seminar, alice, media):  # noqa: F811
    """A time under a millisecond past the second (1 in 1,000 of them) came back without its
    fraction: the export cut it to ".000" and the import read that as a whole second."""
    populate(seminar, alice)
    odd = datetime.datetime(2026, 12, 1, 1, 14, 50, 500, tzinfo=datetime.UTC)
    Goal.objects.filter(seminar=seminar).update(created_at=odd)
    copy = transfer.import_seminar(transfer.dumps(seminar), by=alice)
    assert Goal.objects.get(seminar=copy).created_at == odd
    assert transfer.structure(copy) == transfer.structure(seminar)


def test_a_version_1_file_is_still_imported(db, alice):
    """A file written by the Plenum before version 2 (kept in tests/ideas/files/)."""
    text = (Path(__file__).parent / "files" / "seminar-v1.json").read_text(encoding="utf-8")
    old = json.loads(text)
    assert old["version"] == 1
    copy = transfer.import_seminar(text, by=alice)
    now = transfer.structure(copy)
    then = transfer.structure_of(old)
    for label, rows in then["rows"].items():
        # A field added since keeps its default; the file's fields come back as they were.
        kept = [
            {name: row[name] for name in old_row}
            for row, old_row in zip(now["rows"][label], rows, strict=False)
        ]
        assert len(now["rows"][label]) == len(rows) and kept == rows, label
    assert then["seminar"] == now["seminar"]
    # What version 1 did not know is empty, except the clock every seminar has.
    for label in set(now["rows"]) - set(then["rows"]):
        if label == "agenda.Clock":
            assert now["rows"][label][0]["current_item"] is None
        else:
            assert now["rows"][label] == [], label


def test_import_leaves_unknown_facilitators_to_the_importer(seminar, alice, bob, tmp_path):
    text = transfer.dumps(seminar).replace('"alice"', '"someone-else"')
    path = tmp_path / "s.json"
    path.write_text(text)
    with translation.override("en"), pytest.raises(CommandError, match="No facilitator"):
        call_command("import_seminar", str(path))
    call_command("import_seminar", str(path), facilitator="bob", stdout=io.StringIO())
    assert list(Seminar.objects.exclude(pk=seminar.pk).get().facilitators.all()) == [bob]


@pytest.mark.parametrize(
    "mangle",
    [
        lambda text: text[: len(text) // 2],
        lambda text: "[]",
        lambda text: text.replace('"plenum-seminar"', '"other"'),
        lambda text: text.replace('"version": 2', '"version": 9'),
        lambda text: text.replace('"version": 2', '"version": 0'),
        lambda text: text.replace('"title": "Velkommen"', '"title": null'),
        lambda text: text.replace('"kind": "plenum"', '"kind": "nonsense"'),
        lambda text: text.replace('"day": ', '"day": 99999, "x": '),
    ],
)
def test_a_malformed_file_is_refused_and_changes_nothing(mangle, seminar, alice, tmp_path):
    factories.make_programme(seminar, by=alice)
    path = tmp_path / "bad.json"
    path.write_text(mangle(transfer.dumps(seminar)))
    before = _counts()
    with pytest.raises(CommandError):
        call_command("import_seminar", str(path))
    assert _counts() == before


def test_export_of_a_missing_seminar_is_refused(db, tmp_path):
    with pytest.raises(CommandError, match="no seminar"):
        call_command("export_seminar", 99999, str(tmp_path / "x.json"))


def test_facilitator_downloads_the_seminar_from_settings(alice_client, seminar, alice):
    factories.make_programme(seminar, by=alice)
    page = alice_client.get(reverse("seminar-edit", args=[seminar.pk])).content.decode()
    url = reverse("seminar-export", args=[seminar.pk])
    assert url in page
    response = alice_client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment")
    assert json.loads(response.content)["seminar"]["title"] == seminar.title


def test_seminar_export_outsiders(seminar, bob_client, carol_client, carol, client, participant):
    seminar.directors.add(carol)
    url = reverse("seminar-export", args=[seminar.pk])
    assert bob_client.get(url).status_code == 404
    assert carol_client.get(url).status_code == 404
    assert client.get(url).status_code == 302  # to the login
    assert client_for_participant(participant).get(url).status_code == 302
