"""A table's goal: what, why, how success is measured, by when, who owns it."""

from django import forms
from django.utils.translation import gettext_lazy as _

from seminar.input import TextField


class GoalForm(forms.Form):
    title = TextField(
        label=_("Our goal"), max_length=200, error_messages={"required": _("Write the goal first.")}
    )
    why = TextField(
        label=_("Why"), required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 2})
    )
    measure = TextField(
        label=_("How we measure success"),
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    target_date = forms.DateField(
        label=_("Target date"),
        required=False,
        # <input type="date"> takes only ISO dates: a localised value renders an empty field.
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )
    owner = TextField(label=_("Who owns it"), required=False, max_length=120)
    # The version of the table's goal this form was made from (0: before there was one).
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_title(self):
        title = self.cleaned_data["title"]
        if not title:
            raise forms.ValidationError(_("Write the goal first."))
        return title
