"""A participant's speech and action plan, and a listener's feedback."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import Speech

SPEECH_FIELDS = ("vision", "why", "strengths", "alive", "implementation")


class SpeechForm(forms.ModelForm):
    version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Speech
        fields = (*SPEECH_FIELDS, "plan", "volunteer", "shared")
        widgets = {name: forms.Textarea(attrs={"rows": 3}) for name in (*SPEECH_FIELDS, "plan")}


class FeedbackForm(forms.Form):
    worked = forms.CharField(
        label=_("What worked"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    suggestion = forms.CharField(
        label=_("One suggestion"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )

    def clean(self):
        data = super().clean()
        if not (data.get("worked", "").strip() or data.get("suggestion", "").strip()):
            raise forms.ValidationError(_("Write what worked or a suggestion."))
        return data
