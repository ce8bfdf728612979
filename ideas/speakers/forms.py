"""The speaker queue's setting: the time each speaker has."""

from django import forms
from django.utils.translation import gettext_lazy as _


class SpeakerSettingsForm(forms.Form):
    minutes = forms.IntegerField(
        label=_("Minutes per speaker"),
        min_value=1,
        max_value=30,
        error_messages={
            "min_value": _("Give each speaker 1 to 30 minutes."),
            "max_value": _("Give each speaker 1 to 30 minutes."),
            "invalid": _("Give each speaker 1 to 30 minutes."),
            "required": _("Give each speaker 1 to 30 minutes."),
        },
    )
