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
    key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"], field_label=_("On Monday I will …"))
        if not text:
            raise forms.ValidationError(_("Write what you will do."))
        return text
