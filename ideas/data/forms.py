"""The form of "Use as a template": the new seminar's title and first day."""

import uuid

from django import forms
from django.utils.translation import gettext_lazy as _

from seminar.forms import clean_text


class TemplateForm(forms.Form):
    title = forms.CharField(label=_("Title of the new seminar"), max_length=200)
    starts_on = forms.DateField(
        label=_("First day of the new seminar"),
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text=_("The days' dates move with it. Empty: the dates stay as they are."),
    )
    key = forms.UUIDField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if not self.is_bound:
            self.initial.setdefault("key", uuid.uuid4())

    def clean_title(self):
        title = clean_text(self.cleaned_data["title"], field_label=_("Title"))
        if not title:
            raise forms.ValidationError(_("Please write a title."))
        return title
