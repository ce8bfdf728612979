"""Department commitments: what the goals demand of a department, its messages, Monday actions,
and the action list's round and each table's prioritised points."""

from django.db import transaction
from django.utils.translation import gettext as _

from groups.models import Group
from ideas.commitments.live import publish_actions, publish_points, publish_round, seated_group
from ideas.commitments.models import MAX_POINTS
from ideas.commitments.presets import PRESETS, default_for, prompt_of
from ideas.domain import Conflict, Refused, post_key, works_at
from ideas.models import ActionList, Commitment, GroupPoint, Message, MondayAction
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


def actions_closed(seminar):
    """Has the facilitator closed the seminar's action list? Then every personal action stays
    as it is (on the action list and on the Friday department page alike) until reopened."""
    return ActionList.objects.filter(seminar=seminar, is_open=False).exists()


def _still_open(seminar):
    if actions_closed(seminar):
        raise Refused(_("The facilitator has closed the round: the actions can no longer change."))


def _actions_changed(participant):
    """The projector and consoles, and the table that picks its points from these actions."""
    seminar = participant.seminar
    group = seated_group(seminar, participant)
    if group is not None:
        publish_points(seminar, group)  # and the projector and consoles
    else:
        publish_actions(seminar)


@transaction.atomic
def add_monday_action(participant, *, text, goal=None, key=None):
    key = post_key(key)
    existing = MondayAction.objects.filter(key=key).first()
    if existing is not None:
        return existing
    if goal is not None and goal.seminar_id != participant.seminar_id:
        raise Refused(_("That goal belongs to another seminar."))
    _still_open(participant.seminar)
    # One to three: "the first thing I do when I get home", not a to-do list.
    type(participant).objects.select_for_update().get(pk=participant.pk)
    if participant.monday_actions.count() >= MAX_ACTIONS:
        raise Refused(_("Three actions at most: take one away to write another."))
    action = MondayAction.objects.create(participant=participant, goal=goal, text=text, key=key)
    _actions_changed(participant)
    return action


@transaction.atomic
def change_monday_action(participant, *, action, text, goal=None):
    """A person rewrites one of their actions (the same text twice changes nothing more)."""
    if action.participant_id != participant.pk:
        raise Refused(_("This is someone else's action."))
    if goal is not None and goal.seminar_id != participant.seminar_id:
        raise Refused(_("That goal belongs to another seminar."))
    _still_open(participant.seminar)
    if (action.text, action.goal_id) == (text, goal.pk if goal else None):
        return action
    action.text, action.goal = text, goal
    action.save(update_fields=["text", "goal"])
    _actions_changed(participant)
    return action


@transaction.atomic
def remove_monday_action(participant, *, action):
    if action.participant_id != participant.pk:
        raise Refused(_("This is someone else's action."))
    _still_open(participant.seminar)
    action.delete()
    _actions_changed(participant)


# --- The action list's round and the tables' prioritised points ---------------------------


def action_list_for(item):
    """The item's round, made with the template its title suggests the first time it is asked
    for (in the seminar's language)."""
    found = ActionList.objects.filter(agenda_item=item).first()
    if found is not None:
        return found
    preset = default_for(item)
    seminar = item.day.seminar
    with transaction.atomic():
        found, _created = ActionList.objects.get_or_create(
            agenda_item=item,
            defaults={
                "seminar": seminar,
                "template": preset.key,
                "prompt": prompt_of(preset, seminar.language),
            },
        )
    return found


def _facilitating(action_list, by):
    if not is_facilitator(by, action_list.seminar):
        raise Refused(_("Only the seminar's facilitators can do this."))


@transaction.atomic
def set_round_state(action_list, *, by, action):
    """Close the round (every action and point is kept as it is) or reopen it. Each press sets
    a state, so a second press changes nothing more."""
    _facilitating(action_list, by)
    states = {"close": False, "open": True}
    if action not in states:
        raise Refused(_("Unknown action."))
    if action_list.is_open != states[action]:
        action_list.is_open = states[action]
        action_list.save(update_fields=["is_open"])
        publish_round(action_list)
    return action_list


@transaction.atomic
def use_template(action_list, *, by, key):
    """Ask the other template's question (in the seminar's language); the answers stay."""
    _facilitating(action_list, by)
    preset = PRESETS.get(key)
    if preset is None:
        raise Refused(_("There is no such template."))
    action_list.prompt = prompt_of(preset, action_list.seminar.language)
    action_list.template = preset.key
    action_list.save(update_fields=["prompt", "template"])
    publish_round(action_list)
    return action_list


def _at_table(action_list, group, by):
    """The table works during this item and `by` works at it; the round is open."""
    seminar = action_list.seminar
    grouping_id = action_list.agenda_item.grouping_id
    if group.grouping_id != grouping_id or not works_at(seminar, group, by):
        raise Refused(_("Only the table's members can do this."))
    if not action_list.is_open:
        raise Refused(_("The facilitator has closed the round: the points can no longer change."))
    Group.objects.select_for_update().get(pk=group.pk)  # one change at a time per table


@transaction.atomic
def add_point(action_list, group, *, by, text="", action=None, key=None):
    """A point for the table's list, last in its order: a member's action picked (its text
    copied, so the action may change later) or a point the table writes together. A repeated
    post (the same key, or the same action picked again) adds nothing."""
    key = post_key(key)
    existing = GroupPoint.objects.filter(key=key).first()
    if existing is not None:
        return existing
    _at_table(action_list, group, by)
    if action is not None:
        if not group.memberships.filter(participant_id=action.participant_id).exists():
            raise Refused(_("That action is not one of your table's."))
        picked = GroupPoint.objects.filter(action_list=action_list, group=group, action=action)
        if picked.exists():
            return picked.first()
        text = action.text
    text = (text or "").strip()
    if not text:
        raise Refused(_("Write the point, or pick one of your table's actions."))
    points = GroupPoint.objects.filter(action_list=action_list, group=group)
    count = points.count()
    if count >= MAX_POINTS:
        raise Refused(
            _("%(count)s points at most: take one away to add another.") % {"count": MAX_POINTS}
        )
    point = GroupPoint.objects.create(
        action_list=action_list, group=group, position=count, text=text, action=action, key=key
    )
    publish_points(action_list.seminar, group)
    return point


def _renumber(points):
    for position, point in enumerate(points):
        if point.position != position:
            point.position = position
            point.save(update_fields=["position"])


@transaction.atomic
def move_point(point, *, by, to):
    """Put a point at place `to` (0 first) of its table's order. A place, not a step: the same
    press sent twice leaves the order as the first made it."""
    action_list, group = point.action_list, point.group
    _at_table(action_list, group, by)
    points = list(GroupPoint.objects.filter(action_list=action_list, group=group))
    ours = next((p for p in points if p.pk == point.pk), None)
    if ours is None:
        return
    points.remove(ours)
    to = max(0, min(int(to), len(points)))
    points.insert(to, ours)
    _renumber(points)
    publish_points(action_list.seminar, group)


@transaction.atomic
def remove_point(point, *, by):
    action_list, group = point.action_list, point.group
    _at_table(action_list, group, by)
    GroupPoint.objects.filter(pk=point.pk).delete()
    _renumber(GroupPoint.objects.filter(action_list=action_list, group=group))
    publish_points(action_list.seminar, group)
