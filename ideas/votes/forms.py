"""The facilitator's new dot vote: the question, the boards, the dots per person."""

from django import forms
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from ideas.models import Board
from seminar.input import ModelIdsField, TextField, key_field

DEFAULT_QUESTION = _("Which ideas matter most?")


class VoteForm(forms.Form):
    title = TextField(label=_("Question"), max_length=200)
    boards = ModelIdsField(
        label=_("Boards"),
        queryset=Board.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one board.")},
    )
    budget = forms.IntegerField(label=_("Dots per person"), min_value=1, max_value=20, initial=3)
    several_per_idea = forms.BooleanField(
        label=_("Several dots may go to one card"), required=False
    )
    key = key_field()

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["boards"].queryset = Board.objects.filter(seminar=seminar).select_related(
            "agenda_item", "group"
        )
        # The question the room reads, if the facilitator keeps it, is in the room's language,
        # whatever language the facilitator's console speaks.
        with translation.override(seminar.language):
            self.fields["title"].initial = str(DEFAULT_QUESTION)
