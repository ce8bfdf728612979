"""A seminar as one JSON file, and back: backup, and a move to another installation.

Rows are written with the ids they have here; those ids only tie the file together. An import
makes every row anew (new ids, new join code, new keys) and matches accounts by username.
Photos and table screens stay behind (a screen is paired in its room; a photo is a file).
"""

import json

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.serializers.json import DjangoJSONEncoder
from django.db import DatabaseError, models, transaction
from django.utils.translation import gettext as _

from agenda.models import AgendaItem, Day
from groups.models import Group, Grouping, Membership
from ideas.models import (
    ActionList,
    Board,
    Cluster,
    Comment,
    Commitment,
    Dot,
    Goal,
    GroupPoint,
    Highlight,
    Idea,
    Message,
    MondayAction,
    Pledge,
    Presenter,
    ProgressNote,
    Star,
    Vernissage,
    Vote,
)
from seminar import services as seminar_services
from seminar.models import Department, Participant, Seminar

FORMAT = "plenum-seminar"
VERSION = 1

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
    (ActionList, "seminar"),
    (GroupPoint, "action_list__seminar"),
]
SEMINAR_FIELDS = ["title", "municipality", "venue", "language", "starts_on", "ends_on"]
# Made anew on import: a key is unique across the installation.
FRESH = {"key"}


class ImportRefused(Exception):
    """The file cannot be imported; nothing was changed. The message says why."""


def _label(model):
    return model._meta.label


def _fields(model):
    return [f for f in model._meta.concrete_fields if not f.primary_key and f.name not in FRESH]


def _is_user(field):
    return field.is_relation and field.related_model is get_user_model()


def export_seminar(seminar):
    """The seminar as plain data (json.dumps-able with DjangoJSONEncoder)."""
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
            if model is Vote:
                row["boards"] = sorted(obj.boards.values_list("pk", flat=True))
            rows.append(row)
        data["rows"][_label(model)] = rows
    return data


def dumps(seminar):
    return json.dumps(export_seminar(seminar), cls=DjangoJSONEncoder, ensure_ascii=False, indent=1)


def import_seminar(text, *, by=None):
    """Create the seminar of an exported file anew; refuse a malformed file, changing nothing."""
    try:
        data = json.loads(text)
    except (TypeError, ValueError) as error:
        raise ImportRefused(_("The file is not JSON: %(error)s") % {"error": error}) from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise ImportRefused(_("The file is not a seminar exported from Plenum."))
    if data.get("version") != VERSION:
        raise ImportRefused(
            _("The file has version %(version)s; this Plenum reads version %(ours)s.")
            % {"version": data.get("version"), "ours": VERSION}
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
        for row in rows.get(label, []):
            obj = model(**_values(model, row, seminar, made, User))
            obj.full_clean(exclude=_unchecked(model), validate_unique=False)
            obj.save()
            if model is Vote:
                obj.boards.set([_ref(made, Board, pk) for pk in row.get("boards", [])])
            made[(label, row["id"])] = obj
    return seminar


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
    """The export without ids: what a round trip must keep (for tests and a quick diff)."""
    data = export_seminar(seminar)
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
    out = {"seminar": data["seminar"], "facilitators": data["facilitators"], "rows": {}}
    for label, rows in data["rows"].items():
        clean = []
        for row in rows:
            row = {
                k: v
                for k, v in row.items()
                if k not in {"id", "created_at", "updated_at", "joined_at"}
            }
            for name, target in relations[label].items():
                if row.get(name) is not None:
                    row[name] = index[(target, row[name])]
            if "boards" in row:
                row["boards"] = sorted(index[("ideas.Board", pk)] for pk in row["boards"])
            clean.append(row)
        out["rows"][label] = clean
    return json.loads(json.dumps(out, cls=DjangoJSONEncoder))
