"""Nothing a person wrote is forgotten by the export or by retention: every model that belongs
to a seminar (found by walking the models' keys, ideas/data/reach.py) is exported or skipped
with a reason, and each of its texts has a retention rule. A new exercise's model fails here
until it is declared."""

from django.apps import apps

from ideas.data import reach, retention, transfer
from ideas.models import Answer, Speech
from seminar.models import Seminar


def test_every_model_of_a_seminar_is_exported_or_skipped_with_a_reason():
    assert reach.not_exported() == []
    for label, reason in transfer.SKIPPED.items():
        assert reason.strip(), label


def test_every_text_of_a_seminar_has_a_retention_rule():
    assert reach.without_retention_rule() == []
    rules = {rule for fields in retention.FIELDS.values() for rule, _why in fields.values()}
    assert rules <= {retention.PSEUDONYM, retention.CITIZEN, retention.UNLINK}.union(
        {retention.SCRUB, retention.KEEP}
    )
    for label, fields in retention.FIELDS.items():
        for name, (_rule, why) in fields.items():
            assert why.strip(), (label, name)


def test_no_declaration_names_a_model_or_field_that_is_not_there():
    reachable = {model._meta.label for model in reach.seminar_paths()}
    declared = [m._meta.label for m, _p in transfer.MODELS] + list(transfer.SKIPPED)
    assert sorted(set(declared) - reachable) == []
    assert len(declared) == len(set(declared))
    assert sorted((set(retention.FIELDS) | set(retention.WHOLE)) - reachable) == []
    # anonymise_seminar finds a model's rows by its export path.
    assert set(retention.FIELDS) <= {m._meta.label for m, _p in transfer.MODELS}
    for label, fields in retention.FIELDS.items():
        model = apps.get_model(label)
        texts = {field.name for field in retention.text_fields(model)}
        assert set(fields) <= texts, (label, set(fields) - texts)


def test_export_paths_are_keys_that_cannot_be_empty_in_dependency_order():
    seen = set()
    for model, path in transfer.MODELS:
        assert reach.mandatory_path(model, path), (model._meta.label, path)
        for field in model._meta.concrete_fields:
            target = field.related_model if field.is_relation else None
            if target is None or target is Seminar or target._meta.label == "auth.User":
                continue
            if target is model:  # its own rows (an answer merged into a later conclusion):
                continue  # linked once every row of the model is made (_link_own_rows)
            assert target in seen, f"{model._meta.label}.{field.name} before its target"
        for field in transfer._many(model):
            assert field.related_model in seen, f"{model._meta.label}.{field.name}"
        seen.add(model)


def test_the_checks_catch_a_model_or_text_left_out(monkeypatch):
    # As if Answer had been added without a line in the export, and Speech without rules.
    monkeypatch.setattr(transfer, "MODELS", [(m, p) for m, p in transfer.MODELS if m is not Answer])
    fields = dict(retention.FIELDS)
    del fields[Speech._meta.label]
    monkeypatch.setattr(retention, "FIELDS", fields)
    assert reach.not_exported() == ["ideas.Answer"]
    missing = reach.without_retention_rule()
    assert ("ideas.Speech", "vision") in missing and ("ideas.Speech", "plan") in missing
    assert all(label == "ideas.Speech" for label, _field in missing)


def test_seminar_paths_walk_the_models_keys():
    paths = reach.seminar_paths()
    assert paths[Answer] == "participant__seminar"  # a shortest chain of keys never empty
    assert reach.mandatory_path(Answer, "statement__scale__seminar")
    assert not reach.mandatory_path(apps.get_model("ideas.Idea"), "author__seminar")  # nullable
    assert apps.get_model("sessions.Session") not in paths
    assert apps.get_model("seminar.PendingPush") not in paths
