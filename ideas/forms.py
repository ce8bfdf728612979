"""Forms of the ideas app: what phones post, and what facilitators set up."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import COMMENT_MAX_LENGTH, IDEA_MAX_LENGTH, Board
from seminar.forms import clean_text


class IdeaForm(forms.Form):
    text = forms.CharField(
        label=_("Your idea"),
        max_length=IDEA_MAX_LENGTH,
        error_messages={
            "required": _("Write your idea first."),
            "max_length": _(
                "An idea can be at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
    )
    key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"], field_label=_("Your idea"))
        if not text:
            raise forms.ValidationError(_("Write your idea first."))
        return text


class CommentForm(forms.Form):
    text = forms.CharField(
        label=_("Your comment"),
        max_length=COMMENT_MAX_LENGTH,
        error_messages={"required": _("Write your comment first.")},
    )
    key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean_text(self):
        text = clean_text(self.cleaned_data["text"], field_label=_("Your comment"))
        if not text:
            raise forms.ValidationError(_("Write your comment first."))
        return text


class HeadingForm(forms.Form):
    heading = forms.CharField(
        label=_("Heading"), max_length=120, error_messages={"required": _("Write a heading.")}
    )

    def clean_heading(self):
        heading = clean_text(self.cleaned_data["heading"], field_label=_("Heading"))
        if not heading:
            raise forms.ValidationError(_("Write a heading."))
        return heading


class VoteForm(forms.Form):
    title = forms.CharField(
        label=_("Question"), max_length=200, initial=_("Which ideas matter most?")
    )
    boards = forms.ModelMultipleChoiceField(
        label=_("Boards"),
        queryset=Board.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Choose at least one board.")},
    )
    budget = forms.IntegerField(label=_("Dots per person"), min_value=1, max_value=20, initial=3)
    several_per_idea = forms.BooleanField(
        label=_("Several dots may go to one card"), required=False
    )

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["boards"].queryset = Board.objects.filter(seminar=seminar).select_related(
            "agenda_item", "group"
        )


class VernissageForm(forms.Form):
    source_item = forms.ModelChoiceField(
        label=_("Show the boards of"), queryset=None, empty_label=_("Choose an item")
    )
    round_minutes = forms.IntegerField(
        label=_("Minutes per round"), min_value=1, max_value=120, initial=10
    )

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        from agenda.models import AgendaItem

        self.fields["source_item"].queryset = AgendaItem.objects.filter(
            day__seminar=seminar, boards__isnull=False
        ).distinct()
