"""What the facilitator writes in a question round: the questions, one a line, and a
conclusion's wording."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import IDEA_MAX_LENGTH
from seminar.input import TextField


class QuestionsForm(forms.Form):
    questions = TextField(
        label=_("Questions, one a line"),
        max_length=5000,
        error_messages={"required": _("Write at least one question.")},
        widget=forms.Textarea(attrs={"rows": 6}),
    )


class ConclusionForm(forms.Form):
    text = TextField(label=_("Conclusion"), max_length=IDEA_MAX_LENGTH, required=False)
    key = forms.UUIDField(required=False)
