"""Department commitments: what the goals demand of a department, its messages, Monday actions."""

from django.db import transaction
from django.utils.translation import gettext as _

from ideas.commitments.live import publish_actions
from ideas.domain import Conflict, Refused, post_key
from ideas.models import Commitment, Message, MondayAction
from seminar.permissions import is_facilitator

MAX_ACTIONS = 3


def _department_member(participant, department):
    return participant.seminar_id == department.seminar_id and (
        participant.department_id == department.pk
    )


def _may_commit(by, goal, department):
    from django.contrib.auth.models import User

    if department.seminar_id != goal.seminar_id:
        raise Refused(_("That department belongs to another seminar."))
    allowed = (
        is_facilitator(by, goal.seminar)
        if isinstance(by, User)
        else _department_member(by, department)
    )
    if not allowed:
        raise Refused(_("Only the department's leaders can write its commitments."))


@transaction.atomic
def save_commitment(goal, *, by, department, demands, agreements, version=None):
    """Save what the goal demands of the department and its agreements. With `version` (the one
    the form was made from), text another leader saved meanwhile is not overwritten."""
    _may_commit(by, goal, department)
    commitment, _created = Commitment.objects.get_or_create(goal=goal, department=department)
    commitment = Commitment.objects.select_for_update().get(pk=commitment.pk)
    unchanged = version is None or version == commitment.version
    if not unchanged and (commitment.demands, commitment.agreements) != (demands, agreements):
        raise Conflict(
            _(
                "Another leader of your department saved this meanwhile. Their text is shown "
                "below, and yours is still in the form: save again to replace theirs."
            ),
            current=commitment,
        )
    commitment.demands, commitment.agreements = demands, agreements
    commitment.version += 1
    commitment.save()
    return commitment


@transaction.atomic
def add_message(goal, *, by, department, message, audience, sender, when):
    """A line of the department's communication plan for a goal."""
    _may_commit(by, goal, department)
    commitment, _created = Commitment.objects.get_or_create(goal=goal, department=department)
    return Message.objects.create(
        commitment=commitment, message=message, audience=audience, sender=sender, when=when
    )


@transaction.atomic
def add_monday_action(participant, *, text, goal=None, key=None):
    key = post_key(key)
    existing = MondayAction.objects.filter(key=key).first()
    if existing is not None:
        return existing
    if goal is not None and goal.seminar_id != participant.seminar_id:
        raise Refused(_("That goal belongs to another seminar."))
    # One to three: "the first thing I do when I get home", not a to-do list.
    type(participant).objects.select_for_update().get(pk=participant.pk)
    if participant.monday_actions.count() >= MAX_ACTIONS:
        raise Refused(_("Three actions at most: take one away to write another."))
    action = MondayAction.objects.create(participant=participant, goal=goal, text=text, key=key)
    publish_actions(participant.seminar)
    return action


@transaction.atomic
def remove_monday_action(participant, *, action):
    if action.participant_id != participant.pk:
        raise Refused(_("This is someone else's action."))
    action.delete()
    publish_actions(participant.seminar)
