"""The department page: what the goal demands of us, a message, a Monday action."""

from django import forms
from django.utils.translation import gettext_lazy as _

from seminar.forms import clean_text


class CommitmentForm(forms.Form):
    demands = forms.CharField(
        label=_("What does the goal demand of our department?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    agreements = forms.CharField(
        label=_("Which agreements have we made?"),
        required=False,
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    # The version of the department's text this form was made from (see Commitment.version).
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_demands(self):
        return clean_text(self.cleaned_data["demands"], field_label=_("What it demands of us"))

    def clean_agreements(self):
        return clean_text(self.cleaned_data["agreements"], field_label=_("Agreements"))


class MessageForm(forms.Form):
    message = forms.CharField(label=_("Message"), max_length=280)
    audience = forms.CharField(label=_("To whom"), max_length=120)
    sender = forms.CharField(label=_("By whom"), max_length=120)
    when = forms.CharField(label=_("When"), max_length=80)


class MondayForm(forms.Form):
    text = forms.CharField(
        label=_("On Monday I will …"),
        max_length=280,
        error_messages={"required": _("Write what you will do.")},
    )
    key = forms.UUIDField(required=False, widget=forms.HiddenInput(attrs={"data-fresh-key": True}))

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"], field_label=_("On Monday I will …"))
        if not text:
            raise forms.ValidationError(_("Write what you will do."))
        return text
