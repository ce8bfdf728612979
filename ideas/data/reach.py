"""Which models belong to a seminar: every model with a chain of foreign keys (or one-to-one
keys) to Seminar, found by walking the installed models rather than by a list that rots.

The export (transfer.py) and retention (retention.py) declare what they do with each of these;
tests/ideas/test_data_coverage.py fails when a model is reachable here and declared nowhere.
"""

from collections import deque

from django.apps import apps

from ideas.data import retention, transfer
from seminar.models import Seminar


def _forward_keys(model):
    return [
        field
        for field in model._meta.concrete_fields
        if field.is_relation and (field.many_to_one or field.one_to_one)
    ]


def _walk(models, paths, *, mandatory):
    queue = deque(paths)
    while queue:
        target = queue.popleft()
        for model in models:
            if model in paths:
                continue
            for field in _forward_keys(model):
                if field.related_model is target and not (mandatory and field.null):
                    rest = paths[target]
                    paths[model] = field.name if not rest else f"{field.name}__{rest}"
                    queue.append(model)
                    break


def seminar_paths(*, include_auto_created=True):
    """{model: a lookup path from it to its seminar ("idea__board__seminar")} for every model
    that has one, through keys that cannot be empty where there is such a path (the shortest),
    else through any; Seminar itself is left out."""
    models = list(apps.get_models(include_auto_created=include_auto_created))
    paths = {Seminar: ""}
    _walk(models, paths, mandatory=True)
    _walk(models, paths, mandatory=False)
    del paths[Seminar]
    return paths


def mandatory_path(model, path):
    """Is `path` a chain of keys that cannot be empty, from `model` to Seminar?"""
    for name in path.split("__"):
        field = model._meta.get_field(name)
        if not (field.is_relation and (field.many_to_one or field.one_to_one)) or field.null:
            return False
        model = field.related_model
    return model is Seminar


def _kept_through(model):
    """Is `model` the table Django made for a many-to-many key the export writes itself?"""
    if not model._meta.auto_created:
        return False
    for owner, _path in transfer.MODELS:
        for field in transfer._many(owner):
            if field.remote_field.through is model:
                return True
    return False


def not_exported():
    """Labels of the models of a seminar the export neither writes nor skips with a reason."""
    exported = {model for model, _path in transfer.MODELS}
    return sorted(
        model._meta.label
        for model in seminar_paths()
        if model not in exported
        and model._meta.label not in transfer.SKIPPED
        and not _kept_through(model)
    )


def without_retention_rule():
    """(label, field) of every text of a seminar's models with no rule in retention.py."""
    missing = []
    for model in seminar_paths(include_auto_created=False):
        label = model._meta.label
        if label in retention.WHOLE:
            continue
        rules = retention.FIELDS.get(label, {})
        missing += [
            (label, field.name) for field in retention.text_fields(model) if field.name not in rules
        ]
    return sorted(missing)
