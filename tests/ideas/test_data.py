"""A seminar's personal data: retention, purge, and a phone's own download."""

import datetime
import io
import json
import re
from types import SimpleNamespace

import pytest
from django.apps import apps
from django.core.files.base import ContentFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils import timezone
from PIL import Image

from agenda.models import Clock
from groups.models import Group, Grouping, Membership, Screen
from ideas.data import reach, retention, services, transfer
from ideas.models import (
    ActionList,
    Answer,
    BestPractice,
    Board,
    Case,
    CasePoster,
    CaseStage,
    Cluster,
    Comment,
    Commitment,
    Dot,
    Goal,
    GoalStage,
    GroupPoint,
    Highlight,
    Idea,
    Interview,
    InterviewDifference,
    InterviewFlag,
    InterviewStage,
    InterviewThread,
    Message,
    MondayAction,
    Photo,
    Pledge,
    Presenter,
    ProgressNote,
    Question,
    QuestionVote,
    RoundQuestion,
    Scale,
    SpeakerRequest,
    Speech,
    SpeechFeedback,
    Star,
    Statement,
    Vernissage,
    Vote,
)
from tests import factories
from tests.conftest import client_for_participant


def _jpeg():
    out = io.BytesIO()
    Image.new("RGB", (20, 20), "white").save(out, "JPEG")
    return ContentFile(out.getvalue(), name="poster.jpg")


CITIZEN = "Jytte Hansen, pensioner"


def populate(seminar, by, names=("Anne", "Bo")):
    """A seminar with a row in every table of a seminar: programme, a table (and its screen),
    cards, comments, stars, dots, a vernissage, a goal shaken and followed up, a commitment with
    a message, a Monday action and its table's prioritised point, a photo; the newer exercises
    (interviews, cases, a speech and its feedback, questions, the speaker queue, a scale's
    answers, a question round) and the state of the room (the clock's item and stage, the
    stages of goals, cases and interviews). Texts name the people (and the citizen
    interviewed), so retention has names to take out."""
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
    _populate_more(seminar, items, people, names, table, board, idea, goal)
    # A question round: an answer merged into a conclusion made after it (a later row).
    question = RoundQuestion.objects.create(agenda_item=items[1], text="What matters most?")
    answers = Board.objects.create(
        seminar=seminar, agenda_item=items[1], group=table, question=question, prompt="?"
    )
    conclusions = Board.objects.create(
        seminar=seminar, agenda_item=items[1], question=question, holds_conclusions=True
    )
    answer = Idea.objects.create(board=answers, text=f"Answer of table {table.number}")
    answer.merged_into = Idea.objects.create(board=conclusions, text="Listen")
    answer.save()
    return people, goal, photo


def _populate_more(seminar, items, people, names, table, board, idea, goal):
    first, second = names[0], names[1]
    now = timezone.now()
    cluster = Cluster.objects.create(board=board, heading=f"{first}'s heading")
    Idea.objects.filter(pk=idea.pk).update(cluster=cluster)
    items[0].extras = {"questions": {"moderated": True}, "speakers": {}}
    items[0].save(update_fields=["extras"])
    vernissage = Vernissage.objects.create(
        agenda_item=items[1], source_item=items[2], round_minutes=7, round_number=1
    )
    Presenter.objects.create(vernissage=vernissage, board=board, participant=people[0], turn=0)
    Highlight.objects.create(seminar=seminar, vernissage=vernissage, idea=idea, text=idea.text)
    Screen.objects.create(seminar=seminar, group=table, paired_at=now)
    Clock.objects.filter(seminar=seminar).update(
        current_item=items[1], started_at=now, item_started_at=now, stage="questions", version=3
    )
    GoalStage.objects.create(seminar=seminar, current_goal=goal)
    case = Case.objects.create(
        seminar=seminar,
        author=people[0],
        title=f"{first}'s case",
        partners=f"{second} and the school",
        what_happened=f"{first.split()[0]} and {second} met the parents.",
        learning="Ask first",
    )
    Case.objects.create(seminar=seminar, author=people[1], title="Bus", what_happened="Late")
    poster = CasePoster.objects.create(
        seminar=seminar,
        group=table,
        presenting=case,
        picked=case,
        went_well=f"{first} listened",
        to_improve="Time",
        how="Plan",
        version=2,
    )
    BestPractice.objects.create(seminar=seminar, group=table, text=f"Like {second} does")
    CaseStage.objects.create(seminar=seminar, poster=poster)
    heard = Interview.objects.create(
        seminar=seminar,
        author=people[0],
        who=CITIZEN,
        said="Jytte waits for the bus; Hansen says it is late.",
        quote=f"{first} was kind",
        sharing=Interview.Sharing.ANONYMOUS,
    )
    other = Interview.objects.create(
        seminar=seminar, author=people[1], who="A shop owner", said="Parking", quote=""
    )
    thread = InterviewThread.objects.create(seminar=seminar, group=table, label="Transport")
    thread.interviews.add(heard, other)
    InterviewDifference.objects.create(
        seminar=seminar, group=table, first=heard, second=other, note="Jytte walks"
    )
    flag = InterviewFlag.objects.create(
        seminar=seminar, interview=heard, group=table, heading=InterviewFlag.Heading.SURPRISING
    )
    InterviewStage.objects.create(seminar=seminar, flag=flag)
    question = Question.objects.create(
        seminar=seminar,
        agenda_item=items[0],
        participant=people[1],
        text=f"Will {first} answer?",
        status=Question.Status.ANSWERED,
        answer=f"{first} did",
        answered_at=now,
    )
    Question.objects.create(seminar=seminar, agenda_item=items[0], text="Anonymous?")
    QuestionVote.objects.create(question=question, participant=people[0])
    SpeakerRequest.objects.create(
        seminar=seminar,
        agenda_item=items[0],
        participant=people[0],
        status=SpeakerRequest.Status.SPOKE,
        position=1,
        started_at=now,
        ended_at=now,
    )
    speech = Speech.objects.create(
        seminar=seminar,
        agenda_item=items[1],
        participant=people[0],
        group=table,
        vision="Fewer meetings",
        why=f"{second} asked for it",
        plan="Start Monday",
        volunteer=True,
        shared=True,
        pick=1,
        version=2,
    )
    SpeechFeedback.objects.create(
        speech=speech, participant=people[1], worked="Clear", suggestion=f"Mention {second}"
    )
    scale = Scale.objects.create(seminar=seminar, agenda_item=items[2], round=2, revealed=True)
    statement = Statement.objects.create(
        scale=scale, position=1, text="Pace", low="Slow", middle="", high="Fast"
    )
    Answer.objects.create(statement=statement, participant=people[0], round=1, value=70)
    Answer.objects.create(statement=statement, participant=people[1], round=2, value=20, wish=3)


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
    # The cards stay, with the names in them taken out.
    assert (
        Idea.objects.get(board__seminar=seminar, board__question=None).text == "Idea of Deltager 1"
    )
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


def _texts_of(seminar):
    """Every text of every row of the seminar that a retention rule covers: (label, pk, field,
    value)."""
    paths = dict(transfer.MODELS)
    out = []
    for label in retention.FIELDS:
        model = apps.get_model(label)
        for row in model.objects.filter(**{paths[model]: seminar}):
            for field in retention.text_fields(model):
                value = field.value_from_object(row)
                out.append((label, row.pk, field.name, json.dumps(value, ensure_ascii=False)))
    return out


def test_anonymising_leaves_no_name_in_any_row(
    seminar, other_seminar, alice, media, django_capture_on_commit_callbacks
):
    people, goal, _photo = populate(seminar, alice, names=("Anne Holm", "Bo Madsen"))
    populate(other_seminar, alice, names=("Cai Berg", "Dag Lund"))
    Idea.objects.create(board=Board.objects.filter(seminar=seminar).first(), text="Per Anne bo")
    before = _texts_of(seminar)
    assert any("Anne Holm" in value for *_where, value in before)
    assert any("Jytte" in value for *_where, value in before)

    with django_capture_on_commit_callbacks(execute=True):
        services.anonymise_seminar(seminar)

    # Read every row after: no participant's or citizen's name, in any text of any table.
    pattern = re.compile(r"(?<!\w)(Anne|Holm|Madsen|Jytte|Hansen)(?!\w)")
    left = [where for where in _texts_of(seminar) if pattern.search(where[-1])]
    assert left == []
    assert sorted(seminar.participants.values_list("display_name", flat=True)) == [
        "Deltager 1",
        "Deltager 2",
    ]
    interview = Interview.objects.get(seminar=seminar, author=people[0])
    assert interview.who == "Borger 1"
    assert interview.said == "Borger 1 waits for the bus; Borger 1 says it is late."
    assert interview.quote == "Deltager 1 was kind"
    assert Interview.objects.get(seminar=seminar, author=people[1]).who == "Borger 2"
    case = Case.objects.get(author=people[0])
    assert case.what_happened == "Deltager 1 and Deltager 2 met the parents."
    assert case.partners == "Deltager 2 and the school"
    assert Question.objects.get(participant=people[1]).text == "Will Deltager 1 answer?"
    assert Speech.objects.get(participant=people[0]).why == "Deltager 2 asked for it"
    assert SpeechFeedback.objects.get(participant=people[1]).suggestion == "Mention Deltager 2"
    # A first name alone is a name; the same word in lower case is a word ("bo": to live).
    assert Idea.objects.get(text__startswith="Per").text == "Per Deltager 1 bo"
    goal.refresh_from_db()
    assert goal.owner == "" and goal.title == "Fewer meetings"
    assert Answer.objects.filter(statement__scale__seminar=seminar).count() == 2
    # The other seminar is another's: untouched, names and all.
    assert any("Cai Berg" in value for *_where, value in _texts_of(other_seminar))
    assert Interview.objects.filter(seminar=other_seminar, who=CITIZEN).exists()


def test_a_first_name_two_people_share_becomes_a_placeholder(seminar, alice, media):
    factories.make_participant(seminar, "Anne Holm")
    factories.make_participant(seminar, "Anne Lund")
    factories.make_participant(seminar, "A")  # a letter is no name to hunt for in texts
    goal = Goal.objects.create(
        seminar=seminar, title="Anne and Anne Lund", why="A plan", owner="Anne Holm"
    )
    services.anonymise_seminar(seminar)
    goal.refresh_from_db()
    assert goal.title == "(navn) and Deltager 2" and goal.owner == ""
    assert goal.why == "A plan"


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
    made = row_counts()
    # populate() fills every table that belongs to a seminar (found by walking the models'
    # keys, so a new exercise's table is in this list the day it is added).
    empty = sorted(
        model._meta.label
        for model in reach.seminar_paths()
        if made[model._meta.label] == before[model._meta.label]
    )
    assert empty == [], f"populate() makes no row of {empty}: add one, so purge covers it"
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


def test_phone_download_has_the_persons_answers_speeches_questions_and_interview(
    seminar, other_seminar, alice, media
):
    people, _goal, _photo = populate(seminar, alice)
    populate(other_seminar, alice, names=("Cai", "Dag"))
    url = reverse("my-contributions", args=[seminar.pk])
    mine = json.loads(client_for_participant(people[0]).get(url).content)
    assert mine["answers"] == [
        {"item": "Hvad synes I?", "statement": "Pace", "round": 1, "value": 70, "wish": None}
    ]
    assert [(i["who"], i["quote"], i["sharing"]) for i in mine["interviews"]] == [
        (CITIZEN, "Anne was kind", "anonymous")
    ]
    assert [c["title"] for c in mine["cases"]] == ["Anne's case"]
    (speech,) = mine["speeches"]
    assert speech["item"] == "Visionen" and speech["plan"] == "Start Monday"
    assert speech["volunteer"] is True and speech["shared"] is True
    # What the listeners wrote, without who wrote it (as the phone shows it).
    assert speech["feedback_received"] == [{"worked": "Clear", "suggestion": "Mention Bo"}]
    assert mine["feedback_given"] == []
    assert mine["questions"] == []  # Bo asked the question
    assert mine["questions_upvoted"] == ["Will Anne answer?"]
    assert [(r["item"], r["status"]) for r in mine["speaker_queue"]] == [("Velkommen", "spoke")]
    assert mine["speaker_queue"][0]["spoke_from"]
    theirs = json.loads(client_for_participant(people[1]).get(url).content)
    assert [a["value"] for a in theirs["answers"]] == [20] and theirs["answers"][0]["wish"] == 3
    assert [i["who"] for i in theirs["interviews"]] == ["A shop owner"]
    assert [c["title"] for c in theirs["cases"]] == ["Bus"]
    assert theirs["speeches"] == [] and theirs["speaker_queue"] == []
    assert theirs["feedback_given"] == [
        {"item": "Visionen", "worked": "Clear", "suggestion": "Mention Bo"}
    ]
    (asked,) = theirs["questions"]
    assert asked["text"] == "Will Anne answer?" and asked["answer"] == "Anne did"
    assert asked["status"] == "answered" and theirs["questions_upvoted"] == []
    # Nothing of the other seminar's people, though they wrote the same kinds of things.
    assert "Cai" not in json.dumps(mine) and "Dag" not in json.dumps(theirs)


def test_contributions_download_outsiders(seminar, other_seminar, alice_client, client):
    url = reverse("my-contributions", args=[seminar.pk])
    assert client.get(url).status_code == 403
    assert alice_client.get(url).status_code == 403  # a facilitator is not a phone
    stranger = client_for_participant(factories.make_participant(other_seminar, "Eve"))
    assert stranger.get(url).status_code == 403


def test_names_are_found_as_whole_words_however_they_are_spaced():
    people = [SimpleNamespace(display_name=n) for n in ("Anne-Marie Holm", "Bo", "Per Lund")]
    heard = [SimpleNamespace(who="Jytte Hansen (72), retired")]
    names = retention.Names(people, heard, "en")
    assert names.scrub("anne-marie  HOLM said") == "Participant 1 said"
    assert (
        names.scrub("Anne-Marie's idea; Annelise's too") == "Participant 1's idea; Annelise's too"
    )
    assert names.scrub("Bo and bo; Bob") == "Participant 2 and bo; Bob"
    assert names.scrub("Per\nLund, per person: Per") == "Participant 3, per person: Participant 3"
    assert names.scrub("Jytte Hansen, then Hansen alone") == "Citizen 1, then Citizen 1 alone"
    assert names.scrub("Holm, Anne") == "Holm, Anne"  # a surname alone is a word too often
    assert names.scrub("") == "" and names.scrub("No one") == "No one"
    assert names.is_a_name(" bo ") is False and names.is_a_name("per lund") is True
