"""Groupings of a seminar's participants into groups (tables), and the screens on the tables."""

import secrets

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from seminar.models import JOIN_ALPHABET, Participant, Seminar


class Grouping(models.Model):
    """One way of seating the room: tables of six in the morning, departments on Friday."""

    class Method(models.TextChoices):
        RANDOM = "random", _("Random groups")
        CROSS_FUNCTIONAL = "cross_functional", _("Cross-functional groups")
        BY_DEPARTMENT = "by_department", _("One group per department")
        WITH_LEADERS = "with_leaders", _("Groups with a process leader")
        MANUAL = "manual", _("Set by hand")

    seminar = models.ForeignKey(Seminar, on_delete=models.CASCADE, related_name="groupings")
    name = models.CharField(_("name"), max_length=120)
    method = models.CharField(
        _("method"), max_length=20, choices=Method.choices, default=Method.MANUAL
    )
    group_size = models.PositiveIntegerField(_("group size"), null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    # The facilitator's form's post key: a double click stores one (null: made without a form).
    key = models.UUIDField(unique=True, null=True, blank=True, editable=False)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("grouping")
        verbose_name_plural = _("groupings")

    def __str__(self):
        return self.name


class Group(models.Model):
    """A table: a number, a name ("Bord 4"), its members and perhaps a process leader."""

    grouping = models.ForeignKey(Grouping, on_delete=models.CASCADE, related_name="groups")
    number = models.PositiveIntegerField(_("number"))
    name = models.CharField(_("name"), max_length=120)
    leader = models.ForeignKey(
        Participant,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
        verbose_name=_("process leader"),
    )
    leader_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="led_groups",
        verbose_name=_("process leader (facilitator)"),
    )
    members = models.ManyToManyField(Participant, through="Membership", related_name="groups")

    class Meta:
        ordering = ["number"]
        constraints = [
            models.UniqueConstraint(fields=["grouping", "number"], name="group_unique_number")
        ]
        verbose_name = _("group")
        verbose_name_plural = _("groups")

    def __str__(self):
        return self.name


class Membership(models.Model):
    # grouping repeats group.grouping so the database itself keeps "one table per grouping".
    grouping = models.ForeignKey(Grouping, on_delete=models.CASCADE, related_name="memberships")
    group = models.ForeignKey(Group, on_delete=models.CASCADE, related_name="memberships")
    participant = models.ForeignKey(
        Participant, on_delete=models.CASCADE, related_name="memberships"
    )

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["grouping", "participant"], name="membership_one_group_per_grouping"
            )
        ]

    def __str__(self):
        return f"{self.participant_id} @ {self.group_id}"


# Typed from a screen into the console: the join code's alphabet (no 0/O, 1/I/L), and long
# enough that guessing an open one is hopeless (31**6, about 900 million).
PAIRING_CODE_LENGTH = 6


def new_pairing_code():
    return "".join(secrets.choice(JOIN_ALPHABET) for _ in range(PAIRING_CODE_LENGTH))


def new_screen_token():
    return secrets.token_urlsafe(32)


class Screen(models.Model):
    """A tablet or laptop on a table, known by a cookie and paired to a group by a facilitator.

    The pairing code is shown on the unpaired screen and typed into the console; it says nothing
    once paired. The token lives only in the screen's cookie, never in a URL.
    """

    token = models.CharField(max_length=64, unique=True, default=new_screen_token, editable=False)
    pairing_code = models.CharField(max_length=8, default=new_pairing_code, db_index=True)
    seminar = models.ForeignKey(
        Seminar, on_delete=models.CASCADE, null=True, blank=True, related_name="screens"
    )
    group = models.ForeignKey(
        Group, on_delete=models.SET_NULL, null=True, blank=True, related_name="screens"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    paired_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = _("table screen")
        verbose_name_plural = _("table screens")
        constraints = [
            # One open pairing per code: a collision can never pair the wrong screen.
            models.UniqueConstraint(
                fields=["pairing_code"],
                condition=models.Q(seminar__isnull=True),
                name="screen_open_pairing_code_unique",
            )
        ]

    def __str__(self):
        return self.pairing_code
