"""Citizen interviews: each leader's notes of the citizen they interviewed, the threads and
differences their table finds between them, and the ones flagged for the plenum.

An interview belongs to its author for the whole seminar (one each): the table it is shared at
is the author's table, so the same notes serve the table work and the plenum after it.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from groups.models import Group
from seminar.models import Participant, Seminar


class Interview(models.Model):
    class Sharing(models.TextChoices):
        NAMED = "named", _("With my name")
        ANONYMOUS = "anonymous", _("Without my name")
        TABLE = "table", _("Only at my table")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="interviews")
    author = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="interviews")
    who = models.CharField(_("who, in what role"), max_length=200)
    said = models.TextField(_("what they said about working with the municipality"))
    quote = models.CharField(_("a quote"), max_length=400, blank=True)
    sharing = models.CharField(
        _("sharing"), max_length=12, choices=Sharing.choices, default=Sharing.NAMED
    )
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["author"], name="one_interview_per_person"),
        ]
        verbose_name = _("interview")
        verbose_name_plural = _("interviews")

    def __str__(self):
        return self.who

    @property
    def in_plenum(self):
        """May it leave the table (the projector, the documentation)?"""
        return self.sharing != self.Sharing.TABLE

    @property
    def byline(self):
        """The author's name where they chose to be named."""
        return self.author.display_name if self.sharing == self.Sharing.NAMED else ""


class InterviewThread(models.Model):
    """A common thread: a short label over several interviews of one table."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="interview_threads")
    label = models.CharField(_("common thread"), max_length=120)
    interviews = models.ManyToManyField(Interview, related_name="threads")
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.label


class InterviewDifference(models.Model):
    """A difference a table noted between two of its interviews."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="interview_differences")
    first = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="+")
    second = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="+")
    note = models.CharField(_("the difference"), max_length=400)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.note


class InterviewFlag(models.Model):
    """An interview a table brings to the plenum, under one of the four headings."""

    class Heading(models.TextChoices):
        INTERESTING = "interesting", _("Most interesting")
        SURPRISING = "surprising", _("Most surprising")
        CONFIRMING = "confirming", _("Most confirming")
        STRANGE = "strange", _("Strangest")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="+")
    interview = models.ForeignKey(Interview, on_delete=models.CASCADE, related_name="flags")
    group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    heading = models.CharField(_("heading"), max_length=12, choices=Heading.choices)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.UniqueConstraint(fields=["interview", "heading"], name="flag_once_per_heading"),
        ]

    def __str__(self):
        return f"{self.get_heading_display()}: {self.interview}"


class InterviewStage(models.Model):
    """Which flagged interview the projector shows now, stepped through by the facilitator."""

    seminar = models.OneToOneField(Seminar, on_delete=models.CASCADE, related_name="+")
    flag = models.ForeignKey(
        InterviewFlag, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self):
        return f"{self.seminar_id}: {self.flag_id}"
