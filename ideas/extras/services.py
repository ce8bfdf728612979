"""Turn an extra (ideas/exercises.py: questions, a speaker queue) on or off for an item, and
change its settings; every screen's exercise region follows."""

from django.db import transaction
from django.utils.translation import gettext as _

from agenda.models import AgendaItem
from ideas import live
from ideas.domain import Refused
from ideas.exercises import extras_offered


def offered_extra(item, key):
    """The extra `key` if the item takes it, else Refused."""
    for extra in extras_offered(item):
        if extra.key == key:
            return extra
    raise Refused(_("This item does not take that."))


@transaction.atomic
def switch_extra(item, *, by, key, on):
    """Turn the extra `key` on (with its default settings, or those it had) or off."""
    extra = offered_extra(item, key)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    extras = dict(item.extras) if isinstance(item.extras, dict) else {}
    if on:
        extras.setdefault(key, extra.defaults())
    else:
        extras.pop(key, None)
    item.extras = extras
    item.save(update_fields=["extras"])
    live.publish_exercise(item.day.seminar, every_seat=True)
    return item


@transaction.atomic
def configure_extra(item, *, by, key, **settings):
    """Change the settings of an extra that is on (turning it on if it was not)."""
    extra = offered_extra(item, key)
    item = AgendaItem.objects.select_for_update().get(pk=item.pk)
    extras = dict(item.extras) if isinstance(item.extras, dict) else {}
    extras[key] = {**extra.defaults(), **(extras.get(key) or {}), **settings}
    item.extras = extras
    item.save(update_fields=["extras"])
    live.publish_exercise(item.day.seminar, every_seat=True)
    return item
