"""A visitor's comment on a poster, and the facilitator's set-up of a vernissage."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem
from ideas.exercises import board_kinds
from ideas.models import COMMENT_MAX_LENGTH, IDEA_MAX_LENGTH
from seminar.input import TextField


class CommentForm(forms.Form):
    text = TextField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        error_messages={"required": _("Write your comment first.")},
    )
    key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text:
            raise forms.ValidationError(_("Write your comment first."))
        return text


class HighlightForm(forms.Form):
    """What the facilitator pins: their own words, or (left empty) the card's text."""

    text = TextField(label=_("Highlight"), required=False, max_length=IDEA_MAX_LENGTH)


class VernissageForm(forms.Form):
    source_item = forms.ModelChoiceField(
        label=_("Show the boards of"), queryset=None, empty_label=_("Choose an item")
    )
    round_minutes = forms.IntegerField(
        label=_("Minutes per round"), min_value=1, max_value=120, initial=10
    )

    def __init__(self, *args, item, **kwargs):
        super().__init__(*args, **kwargs)
        # Items that have boards, or will have them when they run (a vernissage can be set up
        # before its brainstorm); never the vernissage itself.
        self.fields["source_item"].queryset = (
            AgendaItem.objects.filter(day__seminar=item.day.seminar_id)
            .filter(Q(boards__isnull=False) | Q(kind__in=board_kinds()))
            .exclude(pk=item.pk)
            .distinct()
        )
