"""Forms of the ideas app: what phones post, and what facilitators set up."""

from django import forms
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from agenda.models import AgendaItem
from ideas.exercises import board_kinds
from ideas.models import COMMENT_MAX_LENGTH, IDEA_MAX_LENGTH, Board, Goal
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


class GoalForm(forms.Form):
    title = forms.CharField(
        label=_("Our goal"), max_length=200, error_messages={"required": _("Write the goal first.")}
    )
    why = forms.CharField(
        label=_("Why"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    measure = forms.CharField(
        label=_("How we measure success"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target_date = forms.DateField(
        label=_("Target date"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    owner = forms.CharField(label=_("Who owns it"), required=False, max_length=120)

    def clean_title(self):
        title = clean_text(self.cleaned_data["title"], field_label=_("Our goal"))
        if not title:
            raise forms.ValidationError(_("Write the goal first."))
        return title

    def clean_why(self):
        return clean_text(self.cleaned_data["why"], field_label=_("Why"))

    def clean_measure(self):
        return clean_text(self.cleaned_data["measure"], field_label=_("How we measure success"))

    def clean_owner(self):
        return clean_text(self.cleaned_data["owner"], field_label=_("Who owns it"))


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=())
    note = forms.CharField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    noted_on = forms.DateField(label=_("Date"), widget=forms.DateInput(attrs={"type": "date"}))
    next_follow_up = forms.DateField(
        label=_("Next follow-up"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    owner = forms.CharField(label=_("Owner"), required=False, max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Goal.Status.choices

    def clean_note(self):
        return clean_text(self.cleaned_data["note"], field_label=_("Note"))

    def clean(self):
        cleaned = super().clean()
        noted, following = cleaned.get("noted_on"), cleaned.get("next_follow_up")
        if noted and following and following < noted:
            self.add_error("next_follow_up", _("The next follow-up cannot be before the note."))
        return cleaned


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
