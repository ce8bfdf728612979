"""Choosing what the projector shows: one service, with the facilitator as the actor."""

from django.db import transaction
from django.utils.translation import gettext as _

from agenda.models import Clock
from ideas.domain import Refused
from ideas.live import publish_stage
from ideas.stage.options import option_for


def put_on_stage(seminar, key, *, item_id):
    """Inside another service's transaction: show `key` if its item runs and it can be shown
    (a vote revealed during the item); that service's push of the stage shows it."""
    clock = Clock.objects.select_for_update().get(seminar=seminar)
    if clock.current_item_id == item_id and option_for(seminar, clock.current_item, key):
        Clock.objects.filter(pk=clock.pk).update(stage=key)


@transaction.atomic
def choose_stage(seminar, *, by, key, item_id):
    """Put the option `key` on the projector ("" follows the item again).

    `item_id` is the item the console showed when the button was pressed: a choice made for
    an item that is no longer running is refused, so a late press never shows something of
    the item before. Choosing what is already on stage changes nothing and pushes nothing.
    """
    clock = Clock.objects.select_for_update().get(seminar=seminar)
    if clock.current_item_id != item_id:
        raise Refused(_("The programme has moved on meanwhile. Choose again."))
    if key and option_for(seminar, clock.current_item, key) is None:
        raise Refused(_("That cannot be shown on the projector now."))
    if clock.stage == key:
        return clock
    clock.stage = key
    clock.save(update_fields=["stage"])
    publish_stage(seminar)
    return clock
