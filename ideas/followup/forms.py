"""A director's progress note on a goal: status, note, next follow-up, owner."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import Goal
from seminar.input import MAX_ID, TextField


class DateInput(forms.DateInput):
    """A browser's date picker takes only ISO dates: a Danish "30.11.2026" shows an empty field."""

    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs, format="%Y-%m-%d")


class FilterForm(forms.Form):
    """The follow-up list's filters, from the query string (never shown as a form)."""

    seminar = forms.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    department = TextField(required=False, max_length=120)
    owner = TextField(required=False, max_length=120)
    status = forms.ChoiceField(required=False, choices=Goal.Status.choices)
    due_before = forms.DateField(required=False, input_formats=["%Y-%m-%d"])


class ProgressForm(forms.Form):
    status = forms.ChoiceField(label=_("Status"), choices=())
    note = TextField(
        label=_("Note"), required=False, max_length=4000, widget=forms.Textarea(attrs={"rows": 3})
    )
    noted_on = forms.DateField(label=_("Date"), widget=DateInput())
    next_follow_up = forms.DateField(label=_("Next follow-up"), required=False, widget=DateInput())
    owner = TextField(label=_("Owner"), required=False, max_length=120)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["status"].choices = Goal.Status.choices

    def clean(self):
        cleaned = super().clean()
        noted, following = cleaned.get("noted_on"), cleaned.get("next_follow_up")
        if noted and following and following < noted:
            self.add_error("next_follow_up", _("The next follow-up cannot be before the note."))
        return cleaned
