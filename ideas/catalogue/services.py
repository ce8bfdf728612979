"""Adding a template to the programme: a new item from it, or an item's empty parts filled."""

from dataclasses import dataclass, field

from django.db import transaction
from django.utils.translation import gettext as _

from agenda import services as agenda
from agenda.models import AgendaItem, Clock
from ideas.domain import Refused
from ideas.exercises import all_templates, template_for
from seminar.input import form_key


@dataclass
class Applied:
    item: AgendaItem
    template: object
    kept: list = field(default_factory=list)  # what kept the facilitator's words, for them


def _template(key):
    template = template_for(key)
    if template is None:
        raise Refused(_("There is no such template."))
    return template


def _fill(template, item, by, applied):
    if template.fill is not None and template.fill(item, by=by) == "kept":
        applied.kept.append(_("The statements you wrote were kept."))


@transaction.atomic
def add_from_template(day, *, by, template, key=None):
    """A new item at the end of the day, made from the template in the seminar's language; the
    same form sent twice (its `key`) adds one item."""
    template = _template(template)
    key = form_key(key)
    if key is not None and (done := AgendaItem.objects.filter(key=key, day=day).first()):
        return Applied(done, template)
    language = day.seminar.language
    item = agenda.add_item(
        day,
        by=by,
        title=template.title(language)[: AgendaItem._meta.get_field("title").max_length],
        description=template.description(language),
        kind=template.kind,
        key=key,
    )
    applied = Applied(item, template)
    _fill(template, item, by, applied)
    return applied


@transaction.atomic
def apply_template(item, *, by, template):
    """The template's kind for the item, and its content where the item has none.

    Only empty parts are filled, never asked about: the facilitator's words are never lost, a
    second press changes nothing more (one post, nothing to confirm), and clearing a part then
    choosing the template again takes the template's. A part that holds another template's
    content word for word is no one's own and is replaced. What was kept is said
    (`Applied.kept`). The item's title is always the facilitator's (an item has one)."""
    template = _template(template)
    item = AgendaItem.objects.select_for_update().select_related("day__seminar").get(pk=item.pk)
    seminar = item.day.seminar
    applied = Applied(item, template)
    changes = {}
    if item.kind != template.kind:
        if Clock.objects.filter(seminar=seminar, current_item=item).exists():
            raise Refused(_("This item is running now: its kind cannot change until it ends."))
        locked = agenda.kind_locked(item)
        if locked:
            raise Refused(locked)
        changes["kind"] = template.kind
    description = template.description(seminar.language)
    written = item.description.strip()
    # Another template's description, word for word, is no one's own: the new one replaces it.
    others = {other.description(seminar.language).strip() for other in all_templates()}
    if description and (not written or (written in others and written != description.strip())):
        changes["description"] = description
    elif description and written != description.strip():
        applied.kept.append(_("The description you wrote was kept."))
    if changes:
        agenda.update_item(item, by=by, **changes)
    _fill(template, item, by, applied)
    return applied
