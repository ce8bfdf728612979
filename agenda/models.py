"""The programme of a seminar (days and agenda items) and the clock that runs it live."""

import datetime

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from agenda.importer import label_date  # pure Python: reads text, imports no models
from seminar.models import Seminar

# Times of day are added to by way of a date far from the calendar's ends.
ANY_DAY = datetime.date(2000, 1, 2)


class Day(models.Model):
    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="days")
    position = models.PositiveIntegerField(default=0)
    label = models.CharField(_("label"), max_length=120, help_text=_("For example “Thursday”."))
    date = models.DateField(_("date"), null=True, blank=True)
    # The post key of the facilitator's form (or of an import, on its first day): a double
    # click stores one (null: made without a form).
    key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["position", "pk"]
        verbose_name = _("day")
        verbose_name_plural = _("days")

    def __str__(self):
        return self.label

    @property
    def date_beside_label(self):
        """The date to show beside the label, or None when the label already says it
        ("Torsdag d. 30. oktober"): a heading would repeat it."""

        if self.date is None:
            return None
        named = label_date(self.label)
        if named and named[:2] == (self.date.day, self.date.month):
            return None
        return self.date


class AgendaItem(models.Model):
    class Kind(models.TextChoices):
        PLENUM = "plenum", _("Plenum")
        GROUP_WORK = "group_work", _("Group work")
        BREAK = "break", _("Break")
        MEAL = "meal", _("Meal")
        EXCURSION = "excursion", _("Excursion")
        BRAINSTORM = "brainstorm", _("Brainstorm")
        VERNISSAGE = "vernissage", _("Vernissage")
        SPEECHES = "speeches", _("Speeches")
        INTERVIEWS = "interviews", _("Interviews")
        CASES = "cases", _("Cases")
        GOALS = "goals", _("Goals and handshakes")
        COMMITMENTS = "commitments", _("Department commitments")
        DILEMMA = "dilemma", _("Dilemma scale")
        SELF_ASSESSMENT = "self_assessment", _("Self-assessment")
        RATING = "rating", _("Rating")
        QUESTIONS = "questions", _("Question round")
        ACTION_LIST = "action_list", _("Action list")

    day = models.ForeignKey(Day, on_delete=models.CASCADE, related_name="items")
    position = models.PositiveIntegerField(default=0)
    start = models.TimeField(_("start"), null=True, blank=True)
    duration = models.PositiveIntegerField(_("duration (minutes)"), null=True, blank=True)
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("description"), blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PLENUM)
    grouping = models.ForeignKey(
        "groups.Grouping",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("grouping"),
    )
    # What the item adds to its kind, turned on in the run console or guessed by the importer:
    # {"questions": {...settings}, "speakers": {...}}; the keys are registered extras
    # (ideas/exercises.py), unknown to this app.
    extras = models.JSONField(_("extras"), default=dict, blank=True)
    flagged = models.BooleanField(
        _("needs attention"), default=False, help_text=_("Imported without a time.")
    )
    # The programme as it ran, for the seminar's documentation.
    actual_start = models.DateTimeField(null=True, blank=True, editable=False)
    actual_end = models.DateTimeField(null=True, blank=True, editable=False)
    # The facilitator's form's post key: a double click stores one (null: made without a form).
    key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["day__position", "day_id", "position", "pk"]
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")

    def __str__(self):
        return self.title

    @property
    def end(self):
        if self.start is None or self.duration is None:
            return None
        start = datetime.datetime.combine(ANY_DAY, self.start)
        return (start + datetime.timedelta(minutes=self.duration)).time()


class Clock(models.Model):
    """Where the seminar is: the current item, when it started, pauses and extensions.

    The browser computes the countdown from `deadline` and the server's time at render, so
    nothing is pushed per second and a reload or a skewed phone clock still shows the truth.
    """

    seminar = models.OneToOneField(Seminar, on_delete=models.CASCADE, related_name="clock")
    current_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    started_at = models.DateTimeField(null=True, blank=True)
    item_started_at = models.DateTimeField(null=True, blank=True)
    paused_at = models.DateTimeField(null=True, blank=True)
    paused_seconds = models.PositiveIntegerField(default=0)
    extra_minutes = models.PositiveIntegerField(default=0)
    # Bumped on every change: a screen can tell a stale push from a fresh one.
    version = models.PositiveIntegerField(default=0)
    # What the projector shows, chosen on the console ("" follows the item; ideas/stage/).
    # A new item clears it, so nothing chosen during one item stays on the projector.
    stage = models.CharField(max_length=80, blank=True, default="")

    class Meta:
        verbose_name = _("clock")
        verbose_name_plural = _("clocks")

    def __str__(self):
        return f"{self.seminar}: {self.current_item or '-'}"

    @property
    def running(self):
        return self.current_item_id is not None

    @property
    def paused(self):
        return self.paused_at is not None

    def planned_seconds(self):
        item = self.current_item
        minutes = (item.duration or 0) + self.extra_minutes if item else 0
        return minutes * 60

    def elapsed_seconds(self, now=None):
        """Seconds of the current item used so far, pauses excluded."""
        if not self.item_started_at:
            return 0
        now = self.paused_at or now or timezone.now()
        return max(0, int((now - self.item_started_at).total_seconds()) - self.paused_seconds)

    def remaining_seconds(self, now=None):
        return self.planned_seconds() - self.elapsed_seconds(now)

    def deadline(self):
        """When the current item's time runs out if nobody pauses (None while paused)."""
        if not self.item_started_at or self.paused:
            return None
        return self.item_started_at + datetime.timedelta(
            seconds=self.planned_seconds() + self.paused_seconds
        )
