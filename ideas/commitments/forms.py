"""The department page: what the goal demands of us, a message, a Monday action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from seminar.input import TextField


class CommitmentForm(forms.Form):
    demands = TextField(
        label=_("What does the goal demand of our department?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreements = TextField(
        label=_("Which agreements have we made?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The version of the department's text this form was made from (see Commitment.version).
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)


class MessageForm(forms.Form):
    message = TextField(label=_("Message"), max_length=280)
    audience = TextField(label=_("To whom"), max_length=120)
    sender = TextField(label=_("By whom"), max_length=120)
    when = TextField(label=_("When"), max_length=80)


class MondayForm(forms.Form):
    text = TextField(
        label=_("On Monday I will …"),
        max_length=280,
        error_messages={"required": _("Write what you will do.")},
    )
    key = forms.UUIDField(required=False, widget=forms.HiddenInput(attrs={"data-fresh-key": True}))

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text:
            raise forms.ValidationError(_("Write what you will do."))
        return text


class ActionForm(MondayForm):
    """The action list's own words for the same action ("the first thing when I get home" is
    not always Monday)."""

    text = TextField(
        label=_("My action"),
        max_length=280,
        error_messages={"required": _("Write what you will do.")},
    )


class PointForm(forms.Form):
    """A table's point: a member's action picked (`action`) or a point written together."""

    text = TextField(label=_("Our point"), required=False, max_length=280)
    action = forms.IntegerField(required=False, min_value=1, max_value=2**31 - 1)
    key = forms.UUIDField(required=False, widget=forms.HiddenInput(attrs={"data-fresh-key": True}))

    def clean(self):
        cleaned = super().clean()
        if not self.errors and not cleaned.get("text") and not cleaned.get("action"):
            raise forms.ValidationError(_("Write the point, or pick one of your table's actions."))
        return cleaned
