"""The choice of a template in the programme editor."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.exercises import all_templates
from seminar.input import key_field


class TemplateForm(forms.Form):
    template = forms.ChoiceField(
        label=_("Template"),
        widget=forms.RadioSelect,
        error_messages={
            "required": _("Choose a template."),
            "invalid_choice": _("There is no such template."),
        },
    )
    key = key_field()  # a new item only: filling an item twice changes nothing more

    def __init__(self, *args, new_item, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["template"].choices = [(t.key, t.key) for t in all_templates()]
        if not new_item:
            del self.fields["key"]
