"""The root of the domain: a seminar, who runs it, who takes part, and how a phone gets in."""

import datetime
import secrets

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

# Join codes are read aloud and typed on phones: no 0/O, 1/I/L look-alikes, no vowels-only words.
JOIN_ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"
JOIN_CODE_LENGTH = 6


def new_join_code():
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(JOIN_CODE_LENGTH))


def normalise_join_code(value):
    """What a person typed, as it is stored: upper case, no spaces or dashes."""
    return "".join(ch for ch in (value or "").upper() if ch.isalnum())


class Seminar(models.Model):
    class Language(models.TextChoices):
        DANISH = "da", _("Danish")
        NORWEGIAN = "nb", _("Norwegian")
        SWEDISH = "sv", _("Swedish")
        ENGLISH = "en", _("English")

    title = models.CharField(_("title"), max_length=200)
    municipality = models.CharField(_("municipality"), max_length=120, blank=True)
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    language = models.CharField(
        _("language"), max_length=5, choices=Language.choices, default=Language.DANISH
    )
    starts_on = models.DateField(_("first day"), null=True, blank=True)
    ends_on = models.DateField(_("last day"), null=True, blank=True)
    facilitators = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="facilitated_seminars",
        verbose_name=_("facilitators"),
    )
    directors = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        related_name="followed_seminars",
        blank=True,
        verbose_name=_("directors"),
    )
    join_code = models.CharField(
        _("join code"), max_length=8, unique=True, default=new_join_code, editable=False
    )
    joining_locked = models.BooleanField(_("joining locked"), default=False)
    created_at = models.DateTimeField(auto_now_add=True)
    # Personal data: after this day the participants' names and photos go (apply_retention).
    retain_until = models.DateField(
        _("keep personal data until"),
        null=True,
        blank=True,
        help_text=_("Empty: one year after the last day."),
    )
    anonymised_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["-starts_on", "title"]
        verbose_name = _("seminar")
        verbose_name_plural = _("seminars")

    def __str__(self):
        return self.title

    RETENTION_DAYS = 365

    @property
    def retention_date(self):
        """The day after which personal data goes: the one set, or a year after the last day
        (the first day, or the day it was made, when the last is not known)."""
        if self.retain_until:
            return self.retain_until
        last = self.ends_on or self.starts_on or (self.created_at and self.created_at.date())
        last = last or datetime.date.today()
        return last + datetime.timedelta(days=self.RETENTION_DAYS)


class Department(models.Model):
    """A seminar's own list of departments ("forvaltninger"), editable by the facilitator."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="departments")
    name = models.CharField(_("name"), max_length=120)

    class Meta:
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(fields=["seminar", "name"], name="department_unique_name")
        ]
        verbose_name = _("department")
        verbose_name_plural = _("departments")

    def __str__(self):
        return self.name


class Participant(models.Model):
    """A leader in the room: no account, a name and a department, known by a session cookie."""

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="participants")
    display_name = models.CharField(_("name"), max_length=80)
    department = models.ForeignKey(
        Department,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="participants",
        verbose_name=_("department"),
    )
    joined_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["display_name", "pk"]
        verbose_name = _("participant")
        verbose_name_plural = _("participants")

    def __str__(self):
        return self.display_name


class PendingPush(models.Model):
    """Screens a committed change has still to reach (seminar/outbox.py).

    Written in the change's own transaction and deleted once its push is handed to the hubs; a
    row older than a few seconds means its process died between the commit and the publish,
    and a live process resyncs those screens.
    """

    groups = models.JSONField(default=list)  # the hub groups of the change's audiences
    created_at = models.DateTimeField(default=timezone.now, db_index=True)

    def __str__(self):
        return f"pending push {self.pk} ({len(self.groups)} groups)"
