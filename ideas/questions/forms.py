"""A phone's question, and the facilitator's settings and answer notes."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import QUESTION_MAX_LENGTH

NAMES = (
    ("choice", _("Each person chooses")),
    ("named", _("With the asker's name")),
    ("anonymous", _("Anonymous")),
)


class QuestionForm(forms.Form):
    text = forms.CharField(
        label=_("Your question"),
        max_length=QUESTION_MAX_LENGTH,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": _("Write your question first.")},
    )
    anonymous = forms.BooleanField(label=_("Ask anonymously"), required=False)


class QuestionSettingsForm(forms.Form):
    names = forms.ChoiceField(label=_("Names"), choices=NAMES)
    moderated = forms.BooleanField(label=_("Approve each question first"), required=False)


class AnswerForm(forms.Form):
    answer = forms.CharField(
        label=_("Answer note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
