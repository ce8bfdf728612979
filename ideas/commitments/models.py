"""The action list's own rows: the round an action list item runs (its prompt, open or closed)
and each table's prioritised points, picked from its members' actions or written together.

The personal actions themselves are `MondayAction` (ideas/models.py): one per line a leader
writes, shared by the Friday department page and every action list of the seminar.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem
from groups.models import Group
from seminar.models import Seminar

POINT_MAX_LENGTH = 280
MAX_POINTS = 5  # a table's prioritised points: the few it stands behind, not every action


class ActionList(models.Model):
    """An action list item's round: what it asks (a template's words in the seminar's
    language, or the facilitator's own) and whether answers may still change."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="action_lists")
    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="action_list"
    )
    prompt = models.CharField(_("prompt"), max_length=200, blank=True)
    template = models.CharField(max_length=40, blank=True)
    is_open = models.BooleanField(_("open for answers"), default=True)

    def __str__(self):
        return str(self.agenda_item)


class GroupPoint(models.Model):
    """One of a table's prioritised points, at its place in the table's order (0 first).
    `action` is the member's action it was picked from (None: written by the table)."""

    action_list = models.ForeignKey(ActionList, on_delete=models.CASCADE, related_name="points")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="action_points")
    position = models.PositiveIntegerField(default=0)
    text = models.CharField(_("point"), max_length=POINT_MAX_LENGTH)
    action = models.ForeignKey(
        "ideas.MondayAction",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="points",
    )
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["group__number", "position", "pk"]

    def __str__(self):
        return self.text
