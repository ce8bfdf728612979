"""A seminar as one JSON file, and back: backup, and a move to another installation.

Rows are written with the ids they have here; those ids only tie the file together. An import
makes every row anew (new ids, new join code, new keys) and matches accounts by username; the
times rows were written and changed are kept. Photos and table screens stay behind (a screen
is paired in its room; a photo is a file).

Every model that belongs to a seminar (ideas/data/reach.py) is either in MODELS or in SKIPPED
with the reason; tests/ideas/test_data_coverage.py fails on one that is in neither.

Versions: 1 (before the scales, interviews, cases, soapbox, questions, speaker queue and the
clock's state); 2 adds them. A version-1 file is still read: the newer tables are empty.
"""

import datetime
import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _

from agenda.models import AgendaItem, Clock, Day
from groups.models import Group, Grouping, Membership
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
from seminar import services as seminar_services
from seminar.input import sanitise_instance
from seminar.models import Department, Participant, Seminar

FORMAT = "plenum-seminar"
VERSION = 2
READS = (1, 2)  # the versions this Plenum imports

# In dependency order: each row's references point to rows written before it.
MODELS = [
    (Department, "seminar"),
    (Participant, "seminar"),
    (Grouping, "seminar"),
    (Group, "grouping__seminar"),
    (Membership, "grouping__seminar"),
    (Day, "seminar"),
    (AgendaItem, "day__seminar"),
    (Vernissage, "agenda_item__day__seminar"),
    (RoundQuestion, "agenda_item__day__seminar"),
    (Board, "seminar"),
    (Cluster, "board__seminar"),
    (Idea, "board__seminar"),
    (Comment, "idea__board__seminar"),
    (Star, "idea__board__seminar"),
    (Presenter, "vernissage__agenda_item__day__seminar"),
    (Highlight, "seminar"),
    (Vote, "seminar"),
    (Dot, "vote__seminar"),
    (Goal, "seminar"),
    (Pledge, "goal__seminar"),
    (ProgressNote, "goal__seminar"),
    (Commitment, "goal__seminar"),
    (Message, "commitment__goal__seminar"),
    (MondayAction, "participant__seminar"),
    # Version 2: the state of the room and the newer exercises.
    (Clock, "seminar"),
    (GoalStage, "seminar"),
    (Case, "seminar"),
    (CasePoster, "seminar"),
    (BestPractice, "seminar"),
    (CaseStage, "seminar"),
    (Interview, "seminar"),
    (InterviewThread, "seminar"),
    (InterviewDifference, "seminar"),
    (InterviewFlag, "seminar"),
    (InterviewStage, "seminar"),
    (Question, "seminar"),
    (QuestionVote, "question__seminar"),
    (SpeakerRequest, "seminar"),
    (Speech, "seminar"),
    (SpeechFeedback, "speech__seminar"),
    (Scale, "seminar"),
    (Statement, "scale__seminar"),
    (Answer, "statement__scale__seminar"),
    (ActionList, "seminar"),
    (GroupPoint, "action_list__seminar"),
]
# What belongs to a seminar and is not in the file, and why (by model label).
SKIPPED = {
    "ideas.Photo": "a photo is a file on disk, not a row: it stays behind (copy var/media)",
    "groups.Screen": "a table screen is paired in its room by its cookie: pair it again there",
    "seminar.Seminar_facilitators": "written as usernames in the file's head",
    "seminar.Seminar_directors": "written as usernames in the file's head",
}
SEMINAR_FIELDS = ["title", "municipality", "venue", "language", "starts_on", "ends_on"]
# Made anew on import: a key is unique across the installation.
FRESH = {"key"}


class ImportRefused(Exception):
    """The file cannot be imported; nothing was changed. The message says why."""


def _label(model):
    return model._meta.label


def _fields(model):
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in FRESH]


def _many(model):
    """Many-to-many keys of a model kept in the file (those with a table of their own are
    rows: Membership)."""
    exported = {m for m, _path in MODELS}
    return [
        field
        for field in model._meta.many_to_many
        if field.related_model in exported and field.remote_field.through._meta.auto_created
    ]


def _stamped(model):
    """Fields Django stamps on save (auto_now, auto_now_add): put back after an import."""
    return [
        field
        for field in _fields(model)
        if getattr(field, "auto_now", False) or getattr(field, "auto_now_add", False)
    ]


def _one_per_seminar(model):
    field = next((f for f in model._meta.concrete_fields if f.name == "seminar"), None)
    return field is not None and field.one_to_one


def _is_user(field):
    return field.is_relation and field.related_model is get_user_model()


def export_seminar(seminar):
    """The seminar as plain data (json.dumps-able with `Encoder`)."""
    users = get_user_model().objects.in_bulk()
    data = {
        "format": FORMAT,
        "version": VERSION,
        "seminar": {name: getattr(seminar, name) for name in SEMINAR_FIELDS},
        "facilitators": sorted(seminar.facilitators.values_list("username", flat=True)),
        "directors": sorted(seminar.directors.values_list("username", flat=True)),
        "rows": {},
    }
    data["seminar"]["retain_until"] = seminar.retain_until
    for model, path in MODELS:
        rows = []
        for obj in model.objects.filter(**{path: seminar}).order_by("pk"):
            row = {"id": obj.pk}
            for field in _fields(model):
                value = field.value_from_object(obj)
                if _is_user(field):
                    user = users.get(value)
                    value = user.username if user else None
                elif field.is_relation and field.name == "seminar":
                    continue
                row[field.name] = value
            for field in _many(model):
                row[field.name] = sorted(
                    getattr(obj, field.name).values_list("pk", flat=True).order_by()
                )
            rows.append(row)
        data["rows"][_label(model)] = rows
    return data


class Encoder(DjangoJSONEncoder):
    """Django's encoder, but a time that is not a whole millisecond keeps its microseconds:
    DjangoJSONEncoder cuts them, so 12:00:00.000500 came back from a round trip as 12:00:00
    (and 12:00:00.123456 as 12:00:00.123). Whole milliseconds are written as Django writes
    them, so files stay as they were and compare equal to older ones."""

    def default(self, o):
        if isinstance(o, datetime.datetime | datetime.time) and o.microsecond % 1000:
            text = o.isoformat()
            return text.removesuffix("+00:00") + "Z" if text.endswith("+00:00") else text
        return super().default(o)


def dumps(seminar):
    return json.dumps(export_seminar(seminar), cls=Encoder, ensure_ascii=False, indent=1)


def import_seminar(text, *, by=None):
    """Create the seminar of an exported file anew; refuse a malformed file, changing nothing."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as error:
        raise ImportRefused(_("The file is not JSON: %(error)s") % {"error": error}) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(_("The file is not a seminar exported from Plenum."))
    if data.get("version") not in READS:
        raise ImportRefused(
            _("The file has version %(version)s; this Plenum reads versions %(ours)s.")
            % {"version": data.get("version"), "ours": ", ".join(str(v) for v in READS)}
        )
    try:
        with transaction.atomic():
            return _create(data, by=by)
    except ImportRefused:
        raise
    except (KeyError, TypeError, ValueError, AttributeError, ValidationError, DatabaseError) as e:
        raise ImportRefused(
            _("The file is damaged or incomplete, so nothing was imported (%(error)s).")
            % {"error": f"{type(e).__name__}: {e}"}
        ) from None


def _create(data, *, by):
    User = get_user_model()
    head = data["seminar"]
    fields = {
        name: Seminar._meta.get_field(name).to_python(head.get(name)) for name in SEMINAR_FIELDS
    }
    fields["retain_until"] = Seminar._meta.get_field("retain_until").to_python(
        head.get("retain_until")
    )
    fields = {name: value for name, value in fields.items() if value is not None}
    if not fields.get("title"):
        raise ImportRefused(_("The file's seminar has no title."))
    seminar = seminar_services.create_seminar(by=by, **fields)
    for role in ("facilitators", "directors"):
        names = data.get(role) or []
        getattr(seminar, role).add(*User.objects.filter(username__in=names))
    if not seminar.facilitators.exists():
        raise ImportRefused(
            _("No facilitator of the file has an account here: import it as a facilitator.")
        )
    made = {}  # (model label, id in the file) -> new object
    rows = data["rows"]
    for model, _path in MODELS:
        label = _label(model)
        made.update(_create_rows(model, rows.get(label, []), seminar, made, User))
        _link_own_rows(model, rows.get(label, []), made)
    return seminar


def _create_rows(model, rows, seminar, made, User):
    """One model's rows, checked one by one and written in batches: {(label, id): object}."""
    label, single = _label(model), _one_per_seminar(model)
    objects = []
    for row in rows:
        values = _values(model, row, seminar, made, User)
        if single:
            # Made with the seminar (its clock) or on first use: one per seminar.
            obj = model.objects.filter(seminar=seminar).first() or model(seminar=seminar)
            for name, value in values.items():
                setattr(obj, name, value)
        else:
            obj = model(**values)
        sanitise_instance(model, obj)  # as a save would (bulk_create sends no pre_save)
        # Constraints across rows are the database's to check, in this transaction.
        obj.full_clean(exclude=_unchecked(model), validate_unique=False, validate_constraints=False)
        objects.append(obj)
    if single:
        for obj in objects:
            obj.save()
    elif objects:
        model.objects.bulk_create(objects, batch_size=500)
    out, restamp = {}, []
    for row, obj in zip(rows, objects, strict=True):
        out[(label, row["id"])] = obj
        for field in _many(model):
            targets = [_ref(made, field.related_model, pk) for pk in row.get(field.name, [])]
            getattr(obj, field.name).set(targets)
        stamps = {f.name: f.to_python(row.get(f.name)) for f in _stamped(model)}
        if any(value is not None for value in stamps.values()):
            for name, value in stamps.items():
                if value is not None:
                    setattr(obj, name, value)
            restamp.append(obj)
    if restamp:
        # Saving stamped them now; bulk_update writes the file's times as they are.
        fields = [f.name for f in _stamped(model)]
        model.objects.bulk_update(restamp, fields, batch_size=500)
    return out


def _self_references(model):
    """A model's references to its own rows (an answer merged into a later conclusion)."""
    return [f for f in _fields(model) if f.is_relation and f.related_model is model]


def _link_own_rows(model, rows, made):
    """References to rows of the same model, set once every row of it is made."""
    for field in _self_references(model):
        for row in rows:
            if row.get(field.name) is not None:
                obj = made[(_label(model), row["id"])]
                setattr(obj, field.name, _ref(made, model, row[field.name]))
                obj.save(update_fields=[field.name])


def _unchecked(model):
    # References are checked as they are resolved; unique keys are made fresh.
    return [f.name for f in model._meta.concrete_fields if f.is_relation] + list(FRESH)


def _ref(made, model, pk):
    if pk is None:
        return None
    try:
        return made[(_label(model), pk)]
    except KeyError:
        raise ValueError(f"{_label(model)} {pk} is referred to but not in the file") from None


def _values(model, row, seminar, made, User):
    values = {}
    for field in _fields(model):
        if field.name == "seminar" and field.is_relation:
            values["seminar"] = seminar
        elif _is_user(field):
            username = row.get(field.name)
            values[field.name] = (
                User.objects.filter(username=username).first() if username else None
            )
        elif field.is_relation and field.related_model is model:
            continue  # set after every row of the model is made (_link_own_rows)
        elif field.is_relation:
            values[field.name] = _ref(made, field.related_model, row.get(field.name))
        elif field.name in row:
            value = field.to_python(row[field.name])
            if value is None and not field.null:
                raise ValueError(f"{_label(model)}.{field.name} is empty")
            values[field.name] = value
    if isinstance(model._meta.get_field("id"), models.AutoField | models.BigAutoField):
        values.pop("id", None)
    return values


def structure(seminar):
    """The export without ids (references become positions in the file): what a round trip
    must keep, every field of every row (for tests and a quick diff)."""
    return structure_of(export_seminar(seminar))


def structure_of(data):
    """`structure` of an exported file's data (of any version this Plenum reads)."""
    index = {}
    for label, rows in data["rows"].items():
        for position, row in enumerate(rows):
            index[(label, row["id"])] = position
    relations = {
        _label(model): {
            f.name: _label(f.related_model)
            for f in _fields(model)
            if f.is_relation and not _is_user(f) and f.name != "seminar"
        }
        for model, _path in MODELS
    }
    many = {
        _label(model): {f.name: _label(f.related_model) for f in _many(model)}
        for model, _path in MODELS
    }
    out = {"seminar": data["seminar"], "facilitators": data["facilitators"], "rows": {}}
    for label, rows in data["rows"].items():
        clean = []
        for row in rows:
            row = {k: v for k, v in row.items() if k != "id"}
            for name, target in relations[label].items():
                if row.get(name) is not None:
                    row[name] = index[(target, row[name])]
            for name, target in many[label].items():
                row[name] = sorted(index[(target, pk)] for pk in row[name])
            clean.append(row)
        out["rows"][label] = clean
    return json.loads(json.dumps(out, cls=Encoder))
