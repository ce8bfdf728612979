"""Boards and their ideas, the vernissage over them, and dot votes.

A board belongs to an agenda item and a group (a table's poster) or to no group (the plenum's).
Ideas arrive from phones with a client-made key, so a retried post is stored once. Hidden ideas
are kept (the facilitator can unhide them) but leave every screen and every export.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem
from groups.models import Group
from seminar.models import Participant, Seminar

IDEA_MAX_LENGTH = 280
COMMENT_MAX_LENGTH = 280


class Board(models.Model):
    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="boards")
    agenda_item = models.ForeignKey(AgendaItem, on_delete=models.CASCADE, related_name="boards")
    group = models.ForeignKey(
        Group, on_delete=models.CASCADE, null=True, blank=True, related_name="boards"
    )
    prompt = models.TextField(_("prompt"), blank=True)
    is_open = models.BooleanField(_("open for ideas"), default=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["agenda_item_id", "group__number", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["agenda_item", "group"], name="board_one_per_group"),
        ]
        verbose_name = _("board")
        verbose_name_plural = _("boards")

    def __str__(self):
        return f"{self.agenda_item}: {self.group or _('Plenum')}"


class Cluster(models.Model):
    """Cards grouped under a heading, on the table screen or by the facilitator."""

    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="clusters")
    heading = models.CharField(_("heading"), max_length=120)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.heading


class Idea(models.Model):
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="ideas")
    author = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    text = models.CharField(_("idea"), max_length=IDEA_MAX_LENGTH)
    # Made by the phone before the first try; a retry of the same post finds it taken.
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    cluster = models.ForeignKey(
        Cluster, on_delete=models.SET_NULL, null=True, blank=True, related_name="ideas"
    )
    hidden = models.BooleanField(_("hidden"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("idea")
        verbose_name_plural = _("ideas")

    def __str__(self):
        return self.text


class Comment(models.Model):
    """A vernissage visitor's comment on an idea."""

    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="comments")
    author = models.ForeignKey(
        Participant, on_delete=models.SET_NULL, null=True, blank=True, related_name="comments"
    )
    text = models.CharField(_("comment"), max_length=COMMENT_MAX_LENGTH)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    hidden = models.BooleanField(_("hidden"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class Star(models.Model):
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="stars")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="stars")

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["idea", "participant"], name="star_once_per_person")
        ]

    def __str__(self):
        return f"{self.participant_id} ★ {self.idea_id}"


class Vernissage(models.Model):
    """The gallery walk: an agenda item that shows the boards of an earlier item as posters."""

    agenda_item = models.OneToOneField(
        AgendaItem, on_delete=models.CASCADE, related_name="vernissage"
    )
    source_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="+", verbose_name=_("boards of")
    )
    round_minutes = models.PositiveIntegerField(_("minutes per round"), default=10)
    round_number = models.PositiveIntegerField(default=0)
    round_started_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)

    def __str__(self):
        return str(self.agenda_item)


class Presenter(models.Model):
    """Who stays at the poster, in turns: turn 0 presents in round 1, turn 1 in round 2, ..."""

    vernissage = models.ForeignKey(Vernissage, on_delete=models.CASCADE, related_name="presenters")
    board = models.ForeignKey(Board, on_delete=models.CASCADE, related_name="presenters")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="+")
    turn = models.PositiveIntegerField(default=0)

    class Meta:
        ordering = ["turn", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["vernissage", "board", "participant"], name="presenter_once_per_board"
            )
        ]

    def __str__(self):
        return f"{self.participant} @ {self.board}"


class Highlight(models.Model):
    """What the room saw and heard: pinned by the facilitator, part of the seminar's record."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="highlights")
    vernissage = models.ForeignKey(
        Vernissage, on_delete=models.SET_NULL, null=True, blank=True, related_name="highlights"
    )
    idea = models.ForeignKey(
        Idea, on_delete=models.SET_NULL, null=True, blank=True, related_name="highlights"
    )
    text = models.CharField(_("highlight"), max_length=IDEA_MAX_LENGTH)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class Vote(models.Model):
    """Dot voting over boards' ideas: a budget of dots per participant, tally hidden until
    the facilitator reveals it."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="votes")
    title = models.CharField(_("question"), max_length=200)
    boards = models.ManyToManyField(Board, related_name="votes", blank=True)
    budget = models.PositiveIntegerField(_("dots per person"), default=3)
    several_per_idea = models.BooleanField(_("several dots on one idea"), default=False)
    is_open = models.BooleanField(default=True)
    revealed = models.BooleanField(default=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.title


class Dot(models.Model):
    vote = models.ForeignKey(Vote, on_delete=models.CASCADE, related_name="dots")
    participant = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="dots")
    idea = models.ForeignKey(Idea, on_delete=models.CASCADE, related_name="dots")
    # The phone's key for this dot: pressing twice on a flaky network spends one dot.
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return f"{self.participant_id} · {self.idea_id}"
