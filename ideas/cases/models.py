"""Co-creation cases: each leader's own case (homework), and each group's poster: the case being
presented, the best practices it collects, the case it picks, and that case's analysis in three
columns (what went well, what can be improved, how), filled in plenum.
"""

import uuid

from django.db import models
from django.utils.translation import gettext_lazy as _

from groups.models import Group
from seminar.models import Participant, Seminar


class Case(models.Model):
    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="cases")
    author = models.ForeignKey(Participant, on_delete=models.CASCADE, related_name="cases")
    title = models.CharField(_("title"), max_length=200)
    partners = models.CharField(_("partners"), max_length=400, blank=True)
    what_happened = models.TextField(_("what happened"))
    # After the plenum's analysis: what the leader takes back to their own case.
    learning = models.TextField(_("learning for my case"), blank=True)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [models.UniqueConstraint(fields=["author"], name="one_case_per_person")]
        verbose_name = _("case")
        verbose_name_plural = _("cases")

    def __str__(self):
        return self.title


class CasePoster(models.Model):
    """A group's poster: whose case is presented now, the case it picked and its analysis."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="+")
    group = models.OneToOneField(Group, on_delete=models.CASCADE, related_name="case_poster")
    presenting = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    picked = models.ForeignKey(
        Case, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    went_well = models.TextField(_("what went well"), blank=True)
    to_improve = models.TextField(_("what can be improved"), blank=True)
    how = models.TextField(_("how"), blank=True)
    # Raised by every save of the analysis: a save made from an older one is a Conflict.
    version = models.PositiveIntegerField(default=0)
    updated_at = models.DateTimeField(auto_now=True)

    def __str__(self):
        return f"{self.group}: {self.picked or '-'}"


class BestPractice(models.Model):
    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="+")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="best_practices")
    text = models.CharField(_("best practice"), max_length=280)
    key = models.UUIDField(unique=True, default=uuid.uuid4, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "pk"]

    def __str__(self):
        return self.text


class CaseStage(models.Model):
    """Which group's analysis the projector shows now."""

    seminar = models.OneToOneField(Seminar, on_delete=models.CASCADE, related_name="+")
    poster = models.ForeignKey(
        CasePoster, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )

    def __str__(self):
        return f"{self.seminar_id}: {self.poster_id}"
