"""What people send, made safe in one place: text without control characters, ids that are ids.

`clean_text` refuses what a person typed (their form shows why); `printable` quietly drops the
same characters where text is stored or written out (reports, spreadsheets, calendars), so a row
that got in another way can never break a writer. `TextField` is the form field of every text a
person types, so no form can forget the cleaning.
"""

import re
import uuid

from django import forms
from django.core.exceptions import ValidationError
from django.db import IntegrityError, models, transaction
from django.utils.translation import gettext_lazy as _

# C0 controls except tab and newline (CR is normalised away first), DEL, C1 controls, lone
# surrogates and the two non-characters XML refuses: none of them can be shown or exported.
UNPRINTABLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\ud800-\udfff\ufffe\uffff]")

# The largest id a database key holds (a signed 64-bit integer).
MAX_ID = 2**63 - 1


def _newlines(value):
    # Browsers send a textarea's line breaks as CRLF in an ordinary form post (and old Macs' CR
    # alone); htmx sends what the field holds.
    return value.replace("\r\n", "\n").replace("\r", "\n")


def clean_text(value, *, field_label):
    """Strip, normalise line breaks, refuse control characters: what a person reads back must be
    what they meant."""
    value = _newlines(value or "").strip()
    if UNPRINTABLE.search(value):
        raise ValidationError(
            _("%(field)s contains characters that cannot be shown."),
            code="unprintable",
            params={"field": field_label},
        )
    return value


def printable(value):
    """Text as it may be stored or written into any file: line breaks normalised, every
    unprintable character dropped. Anything not a string passes unchanged."""
    if not isinstance(value, str):
        return value
    return UNPRINTABLE.sub("", _newlines(value))


def as_id(value):
    """A posted or queried id as an int, or None when it is not one a database could hold
    ("abc", "-1", "1.5", twenty digits, NUL bytes)."""
    value = str(value if value is not None else "").strip()
    if not value.isascii() or not value.isdigit():
        return None
    number = int(value)
    return number if 0 < number <= MAX_ID else None


def form_key(value):
    """A form's post key as a UUID, or None when it sent none usable (stored, not deduplicated)."""
    try:
        return uuid.UUID(str(value)) if value else None
    except ValueError:
        return None


def create_once(model, key, create):
    """`create()` once per post key: a form sent twice (a double click, a retry) gets what the
    first stored. The key's unique index decides when both arrive at once. Call it inside the
    service's transaction."""
    key = form_key(key)
    if key is not None and (existing := model.objects.filter(key=key).first()) is not None:
        return existing
    try:
        with transaction.atomic():
            return create(key)
    except IntegrityError:
        existing = model.objects.filter(key=key).first() if key is not None else None
        if existing is None:
            raise
        return existing


def key_field():
    """The hidden post key of a facilitator's form: fresh on every form the server renders."""
    return forms.UUIDField(
        required=False, initial=uuid.uuid4, widget=forms.HiddenInput(attrs={"data-post-key": True})
    )


class ModelIdsField(forms.ModelMultipleChoiceField):
    """Chosen objects whose ids are ids before the database sees them (an `__in` lookup with a
    twenty-digit one overflows SQLite's integers)."""

    def _check_values(self, value):
        for pk in value:
            if as_id(pk) is None:
                raise ValidationError(
                    self.error_messages["invalid_pk_value"],
                    code="invalid_pk_value",
                    params={"pk": pk},
                )
        return super()._check_values(value)


class TextField(forms.CharField):
    """A CharField whose value went through `clean_text` (labelled with the field's own label)."""

    def to_python(self, value):
        value = super().to_python(value)
        if value in self.empty_values:
            return value
        return clean_text(value, field_label=self.label or "")


def sanitise_instance(sender, instance, **kwargs):
    """pre_save: every text field of Plenum's models is stored printable, whoever saves it
    (a service, the importer, the admin). Forms refuse such text before it gets here."""
    for field in sender._meta.concrete_fields:
        if isinstance(field, models.CharField | models.TextField):
            value = getattr(instance, field.attname, None)
            if isinstance(value, str):
                setattr(instance, field.attname, printable(value))
