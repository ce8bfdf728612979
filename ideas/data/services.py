"""A seminar's personal data from start to end: anonymised after its retention date, purged
whole on request, and what one person contributed, for that person to take home."""

import datetime

from django.apps import apps
from django.db import connections, router, transaction
from django.utils import timezone

from ideas.data import retention, transfer
from ideas.models import (
    Answer,
    Case,
    Comment,
    Dot,
    Goal,
    Idea,
    Interview,
    MondayAction,
    Photo,
    Pledge,
    Question,
    QuestionVote,
    SpeakerRequest,
    Speech,
    SpeechFeedback,
    Star,
)
from seminar.models import Seminar


def due_for_retention(today=None):
    """Seminars past their retention date and not yet anonymised."""
    today = today or datetime.date.today()
    return [
        seminar
        for seminar in Seminar.objects.filter(anonymised_at__isnull=True)
        if seminar.retention_date < today
    ]


def _delete_photo_files(photos):
    """Photo files go from the disk after the rows' commit (a rollback keeps both)."""
    names = [(photo.image.storage, photo.image.name) for photo in photos if photo.image]

    def delete():
        for storage, name in names:
            storage.delete(name)

    transaction.on_commit(delete)


@transaction.atomic
def anonymise_seminar(seminar):
    """Every text of the seminar after its rule in retention.FIELDS: names become "Participant
    12" (in the seminar's language), an interviewed citizen "Citizen 3", and those names are
    taken out of the free text everyone wrote; photos go from disk and database. Goals, their
    follow-up, answers and the documentation stay."""
    seminar = Seminar.objects.select_for_update().get(pk=seminar.pk)
    participants = list(seminar.participants.order_by("joined_at", "pk"))
    interviews = list(Interview.objects.filter(seminar=seminar).order_by("created_at", "pk"))
    names = retention.Names(participants, interviews, seminar.language)
    photos = list(Photo.objects.filter(board__seminar=seminar))
    _delete_photo_files(photos)
    Photo.objects.filter(pk__in=[photo.pk for photo in photos]).delete()
    numbered = {
        retention.PSEUDONYM: dict(zip(participants, names.pseudonyms, strict=True)),
        retention.CITIZEN: dict(zip(interviews, names.citizens, strict=True)),
    }
    paths = dict(transfer.MODELS)
    for label, rules in retention.FIELDS.items():
        model = apps.get_model(label)
        rules = {name: rule for name, (rule, _why) in rules.items() if rule != retention.KEEP}
        if not rules:
            continue
        fields = list(rules)
        rows = model.objects.filter(**{paths[model]: seminar}).only("pk", *fields)
        changed = []
        for row in rows.iterator(chunk_size=500):
            before = [getattr(row, name) for name in fields]
            for name, rule in rules.items():
                if rule in numbered:
                    value = numbered[rule].get(row, getattr(row, name))
                else:
                    value = retention.apply(getattr(row, name), rule, names)
                setattr(row, name, value)
            if [getattr(row, name) for name in fields] != before:
                changed.append(row)
        _update(model, changed, fields)
    seminar.anonymised_at = timezone.now()
    seminar.save(update_fields=["anonymised_at"])
    return len(participants)


def _update(model, rows, names):
    """Write `names` of `rows`: one statement run for every row (Django's bulk_update builds a
    CASE per row and field, several times slower for a seminar's thousands of texts). The
    values are the rows' own texts with names replaced: printable as they were."""
    if not rows:
        return
    connection = connections[router.db_for_write(model)]
    fields = [model._meta.get_field(name) for name in names]
    quote = connection.ops.quote_name
    sets = ", ".join(f"{quote(field.column)} = %s" for field in fields)
    table, key = quote(model._meta.db_table), quote(model._meta.pk.column)
    # Only the models' own table and column names, quoted, are in the text; values are params.
    sql = f"UPDATE {table} SET {sets} WHERE {key} = %s"  # noqa: S608
    params = [
        [field.get_db_prep_save(getattr(row, field.attname), connection) for field in fields]
        + [row.pk]
        for row in rows
    ]
    with connection.cursor() as cursor:
        cursor.executemany(sql, params)


@transaction.atomic
def purge_seminar(seminar):
    """Delete the seminar and everything of it; its photos' files go too."""
    _delete_photo_files(list(Photo.objects.filter(board__seminar=seminar)))
    seminar.delete()


def contributions(participant):
    """What this person contributed, as plain data (their phone downloads it as JSON)."""
    seminar = participant.seminar
    ideas = Idea.objects.filter(author=participant, hidden=False).select_related("board")
    comments = Comment.objects.filter(author=participant, hidden=False).select_related("idea")
    stars = Star.objects.filter(participant=participant).select_related("idea")
    dots = Dot.objects.filter(participant=participant).select_related("idea")
    group_ids = list(participant.memberships.values_list("group_id", flat=True))
    drafted = Goal.objects.filter(seminar=seminar, group_id__in=group_ids)
    shaken = Goal.objects.filter(pledges__in=Pledge.objects.filter(participant=participant))
    commitments = [
        commitment
        for goal in Goal.objects.filter(seminar=seminar).prefetch_related("commitments")
        for commitment in goal.commitments.all()
        if participant.department_id and commitment.department_id == participant.department_id
    ]
    return {
        "seminar": {
            "title": seminar.title,
            "municipality": seminar.municipality,
            "first_day": _iso(seminar.starts_on),
            "last_day": _iso(seminar.ends_on),
        },
        "name": participant.display_name,
        "department": participant.department.name if participant.department else "",
        "cards": [{"text": idea.text, "written": _iso(idea.created_at)} for idea in ideas],
        "comments": [
            {"text": c.text, "on": c.idea.text, "written": _iso(c.created_at)} for c in comments
        ],
        "stars": [star.idea.text for star in stars],
        "dots": [dot.idea.text for dot in dots],
        "goals_drafted": [_goal(goal) for goal in drafted.distinct()],
        "goals_shaken": [_goal(goal) for goal in shaken.distinct()],
        "commitments": [
            {"goal": c.goal.title, "demands": c.demands, "agreements": c.agreements}
            for c in commitments
        ],
        "monday_actions": [
            {"text": action.text, "goal": action.goal.title if action.goal else ""}
            for action in MondayAction.objects.filter(participant=participant).select_related(
                "goal"
            )
        ],
        **_exercises(participant),
    }


def _exercises(participant):
    """The newer exercises: scales, interview, case, speech, questions, the speaker queue."""
    answers = Answer.objects.filter(participant=participant).select_related(
        "statement__scale__agenda_item"
    )
    speeches = (
        Speech.objects.filter(participant=participant)
        .select_related("agenda_item")
        .prefetch_related("feedback")
    )
    given = SpeechFeedback.objects.filter(participant=participant).select_related(
        "speech__agenda_item"
    )
    upvoted = QuestionVote.objects.filter(participant=participant, up=True).exclude(
        question__status=Question.Status.HIDDEN
    )
    return {
        "answers": [
            {
                "item": answer.statement.scale.agenda_item.title,
                "statement": str(answer.statement),
                "round": answer.round,
                "value": answer.value,
                "wish": answer.wish,
            }
            for answer in answers.order_by("statement__scale_id", "statement__position", "round")
        ],
        "interviews": [
            {
                "who": interview.who,
                "said": interview.said,
                "quote": interview.quote,
                "sharing": interview.sharing,
                "written": _iso(interview.created_at),
            }
            for interview in Interview.objects.filter(author=participant)
        ],
        "cases": [
            {
                "title": case.title,
                "partners": case.partners,
                "what_happened": case.what_happened,
                "learning": case.learning,
            }
            for case in Case.objects.filter(author=participant)
        ],
        "speeches": [
            {
                "item": speech.agenda_item.title,
                **{name: getattr(speech, name) for name in SPEECH_FIELDS},
                "volunteer": speech.volunteer,
                "shared": speech.shared,
                # What the listeners wrote to this person, without their names (as on the phone).
                "feedback_received": [
                    {"worked": f.worked, "suggestion": f.suggestion} for f in speech.feedback.all()
                ],
            }
            for speech in speeches
        ],
        "feedback_given": [
            {"item": f.speech.agenda_item.title, "worked": f.worked, "suggestion": f.suggestion}
            for f in given
        ],
        "questions": [
            {
                "text": q.text,
                "status": q.status,
                "answer": q.answer,
                "asked": _iso(q.created_at),
            }
            for q in Question.objects.filter(participant=participant)
        ],
        "questions_upvoted": [vote.question.text for vote in upvoted.select_related("question")],
        "speaker_queue": [
            {
                "item": request.agenda_item.title,
                "status": request.status,
                "asked": _iso(request.created_at),
                "spoke_from": _iso(request.started_at),
                "spoke_until": _iso(request.ended_at),
            }
            for request in SpeakerRequest.objects.filter(participant=participant).select_related(
                "agenda_item"
            )
        ],
    }


SPEECH_FIELDS = ("vision", "why", "strengths", "alive", "implementation", "plan")


def _goal(goal):
    return {"title": goal.title, "why": goal.why, "measure": goal.measure}


def _iso(value):
    return value.isoformat() if value else None
