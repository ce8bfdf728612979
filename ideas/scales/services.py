"""Every change of a scale: its statements, its rounds, and each person's answers."""

import uuid

from django.db import IntegrityError, transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ideas.domain import Refused, post_key
from ideas.models import Answer, Scale, Statement
from ideas.scales import live
from ideas.scales.kinds import MEASURES, measure_for
from ideas.scales.presets import PRESETS, default_for, statements_of


def scale_for(item):
    """The item's scale, made with the kind's preset the first time it is asked for."""
    scale = Scale.objects.filter(agenda_item=item).first()
    if scale is not None:
        return scale
    with transaction.atomic():
        scale, created = Scale.objects.get_or_create(
            agenda_item=item, defaults={"seminar_id": item.day.seminar_id}
        )
        if created:
            preset = default_for(item.kind)
            if preset is not None:
                _fill(scale, preset)
    return scale


def _fill(scale, preset):
    language = scale.seminar.language
    with translation.override(language):
        rows = statements_of(preset, language)
    Statement.objects.bulk_create(
        Statement(scale=scale, position=i, text=text, low=low, middle=middle, high=high)
        for i, (text, low, middle, high) in enumerate(rows)
    )
    scale.template = preset.key
    scale.save(update_fields=["template"])


def _rows(statements):
    return [(s.text, s.low, s.middle, s.high) for s in statements]


def _preset_rows(preset, language):
    return [tuple(row) for row in statements_of(preset, language)]


def fill_from_preset(item, preset_key, *, by):
    """A programme template's statements for the item's scale: "filled", "same" (they are there
    already) or "kept". The facilitator's own statements are kept, and so are statements people
    answered; statements that are exactly another preset's are no one's words and are replaced.
    Runs inside the caller's transaction."""
    preset = PRESETS[preset_key]
    scale, created = Scale.objects.get_or_create(
        agenda_item=item, defaults={"seminar_id": item.day.seminar_id}
    )
    language = scale.seminar.language
    if created:
        _fill(scale, preset)
        return "filled"
    rows = _rows(scale.statements.all())
    if rows == _preset_rows(preset, language):
        return "same"
    presets = [_preset_rows(other, language) for other in PRESETS.values()]
    answered = Answer.objects.filter(statement__scale=scale).exists()
    if answered or (rows and rows not in presets):
        return "kept"
    scale.statements.all().delete()
    _fill(scale, preset)
    live.publish_scale(scale)
    return "filled"


def _no_answers_yet(scale):
    if Answer.objects.filter(statement__scale=scale).exists():
        raise Refused(_("People have answered already: edit the statements one by one instead."))


@transaction.atomic
def use_preset(scale, *, by, key):
    preset = PRESETS.get(key)
    if preset is None:
        raise Refused(_("There is no such template."))
    _no_answers_yet(scale)
    scale.statements.all().delete()
    _fill(scale, preset)
    live.publish_scale(scale)


@transaction.atomic
def save_statement(scale, *, by, statement=None, text="", low="", middle="", high="", key=None):
    """Add a statement (no `statement`; a repeated post with the same key adds it once) or
    change one; its answers stay."""
    if not (text.strip() or (low.strip() and high.strip())):
        raise Refused(_("Write the statement, or both ends of the scale."))
    if statement is None:
        key = post_key(key)
        added = Statement.objects.filter(key=key, scale=scale).first()
        if added is not None:
            return added
        last = scale.statements.order_by("-position").first()
        statement = Statement(scale=scale, position=(last.position + 1) if last else 0, key=key)
    elif statement.scale_id != scale.pk:
        raise Refused(_("This statement belongs to another exercise."))
    statement.text, statement.low = text.strip(), low.strip()
    statement.middle, statement.high = middle.strip(), high.strip()
    statement.save()
    live.publish_scale(scale)
    return statement


@transaction.atomic
def remove_statement(scale, *, by, statement):
    if statement.scale_id != scale.pk:
        raise Refused(_("This statement belongs to another exercise."))
    statement.delete()
    live.publish_scale(scale)


@transaction.atomic
def set_scale_state(scale, *, by, action, seen_round=None):
    """The facilitator's buttons: close or reopen the round, a second round, reveal... Each
    sets a state, so a repeated press changes nothing more; a new round starts only from the
    round the facilitator saw (`seen_round`)."""
    settings = {
        "close": {"is_open": False},
        "open": {"is_open": True},
        "reveal": {"revealed": True},
        "hide": {"revealed": False},
        "split": {"by_department": True},
        "unsplit": {"by_department": False},
        "importance-on": {"asks_importance": True},
        "importance-off": {"asks_importance": False},
    }
    if action == "next-round":
        if str(seen_round) != str(scale.round):
            return  # pressed twice, or another facilitator moved on already
        changes = {"round": scale.round + 1, "is_open": True}
    elif action in settings:
        changes = settings[action]
    else:
        raise Refused(_("Unknown action."))
    for name, value in changes.items():
        setattr(scale, name, value)
    scale.save()
    live.publish_scale(scale)


def _checked(value, bounds, label):
    if value in (None, ""):
        return None
    try:
        number = int(value)
    except (TypeError, ValueError):
        raise Refused(_("%(what)s must be a whole number.") % {"what": label}) from None
    low, high = bounds
    if not low <= number <= high:
        raise Refused(
            _("%(what)s must be between %(low)s and %(high)s.")
            % {"what": label, "low": low, "high": high}
        )
    return number


def sent_order(text):
    """(page, number) of a post's `sent` field ("<page uuid>.<number>", plenum.js), else None."""
    page, _dot, number = str(text or "").partition(".")
    try:
        return uuid.UUID(page), int(number)
    except ValueError:
        return None


@transaction.atomic
def answer(statement, *, by, value=None, wish=None, key=None, sent=None):
    """Set a person's answer to a statement in the round that is open; sending the same key
    again changes nothing, and so does an answer that arrives after a later one from the same
    page (`sent`: `sent_order`; a slow post overtaken by the next, on a flaky network or through
    another server process): the later answer stays."""
    key = post_key(key)
    done = Answer.objects.filter(key=key).first()
    if done is not None:
        return done
    scale = statement.scale
    if by is None or by.seminar_id != scale.seminar_id:
        raise Refused(_("This exercise belongs to another seminar."))
    if not scale.is_open:
        raise Refused(_("The round is closed: your answer was not changed."))
    if scale.agenda_item.kind not in MEASURES:  # the item is no longer a scale
        raise Refused(_("This item no longer asks for answers on a scale."))
    measure = measure_for(scale.agenda_item.kind)
    value = _checked(value, measure.value, _("The answer"))
    wish = _checked(wish, measure.wish, _("The answer")) if measure.wish else None
    if value is None and wish is None:
        raise Refused(_("Choose an answer."))
    fields = {"key": key}
    if value is not None:
        fields["value"] = value
    if wish is not None:
        fields["wish"] = wish
    order = sent_order(sent)
    if order is not None:
        fields["sent_from"], fields["sent_number"] = order
    # An update first (the common case: a person moving the slider again), an insert when it
    # finds nothing: two queries per answer, not the four of update_or_create.
    mine = Answer.objects.filter(statement=statement, participant=by, round=scale.round)
    newer = mine
    if order is not None:  # not over a later answer from the same page
        newer = mine.exclude(sent_from=order[0], sent_number__gt=order[1])
    if not newer.update(**fields):
        try:
            with transaction.atomic():
                Answer.objects.create(
                    statement=statement, participant=by, round=scale.round, **fields
                )
        except IntegrityError:
            # There is one: the same person's other tab at the same moment (the later wins), or
            # a later answer from this page (this one was overtaken: it stays; nothing to push).
            if not newer.update(**fields):
                return mine.get()
    saved = Answer(statement=statement, participant=by, round=scale.round, **fields)
    if measure.wish and (value is None or wish is None):  # the other half may be saved: read it
        saved = mine.get()
    live.publish_answers(scale)
    return saved
