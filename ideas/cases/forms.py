"""A leader's co-creation case, the group's best practices and its analysis of the picked case.

The labels are the seed's words (Varde 2014: "hvad er de vigtigste tematikker i casen?", "hvad
der gik godt, og hvad der kan forbedres og hvordan")."""

from django import forms
from django.utils.translation import gettext_lazy as _

from seminar.forms import clean_text

# Made by plenum.js before the first try: a retried post is stored once.
FRESH_KEY = forms.HiddenInput(attrs={"data-fresh-key": ""})


def _text(form, name, *, missing=None):
    value = clean_text(form.cleaned_data.get(name), field_label=form.fields[name].label)
    if missing and not value:
        raise forms.ValidationError(missing)
    return value


class CaseForm(forms.Form):
    title = forms.CharField(
        label=_("Your co-creation case"),
        max_length=200,
        help_text=_("A short title: what was the case about?"),
        error_messages={"required": _("Give your case a title.")},
    )
    partners = forms.CharField(
        label=_("Who worked together on it?"),
        max_length=400,
        required=False,
        help_text=_("Citizens, associations, businesses, other departments…"),
    )
    what_happened = forms.CharField(
        label=_("What happened? What are the most important themes in the case?"),
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write what happened.")},
    )
    learning = forms.CharField(
        label=_("After the analysis: what do you take back to your own case?"),
        max_length=2000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    key = forms.UUIDField(required=False, widget=FRESH_KEY)

    def clean_title(self):
        return _text(self, "title", missing=_("Give your case a title."))

    def clean_partners(self):
        return _text(self, "partners")

    def clean_what_happened(self):
        return _text(self, "what_happened", missing=_("Write what happened."))

    def clean_learning(self):
        return _text(self, "learning")


class PracticeForm(forms.Form):
    text = forms.CharField(
        label=_("A best practice for the poster"),
        max_length=280,
        error_messages={"required": _("Write the best practice first.")},
    )
    key = forms.UUIDField(required=False, widget=FRESH_KEY)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, prefix="practice", **kwargs)

    def clean_text(self):
        return _text(self, "text", missing=_("Write the best practice first."))


class AnalysisForm(forms.Form):
    went_well = forms.CharField(
        label=_("What went well?"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    to_improve = forms.CharField(
        label=_("What can be improved?"),
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    how = forms.CharField(
        label=_("How?"), max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 4})
    )
    # The version of the analysis this form was made from.
    version = forms.IntegerField(required=False, min_value=0, widget=forms.HiddenInput)

    def clean_went_well(self):
        return _text(self, "went_well")

    def clean_to_improve(self):
        return _text(self, "to_improve")

    def clean_how(self):
        return _text(self, "how")
