"""What a phone posts to a board, and the heading a table screen or facilitator adds."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.models import IDEA_MAX_LENGTH
from seminar.input import TextField


class IdeaForm(forms.Form):
    text = TextField(
        label=_("Your idea"),
        max_length=IDEA_MAX_LENGTH,
        error_messages={
            "required": _("Write your idea first."),
            "max_length": _(
                "An idea can be at most %(limit_value)d characters (it has %(show_value)d)."
            ),
        },
        # A card is a few lines: a one-line input showed a sliver of a 280-character card.
        widget=forms.Textarea(attrs={"rows": 4}),
    )
    key = forms.UUIDField(required=False, widget=forms.HiddenInput)

    def clean_text(self):
        text = self.cleaned_data["text"]
        if not text:
            raise forms.ValidationError(_("Write your idea first."))
        return text


class HeadingForm(forms.Form):
    heading = TextField(
        label=_("Heading"), max_length=120, error_messages={"required": _("Write a heading.")}
    )

    def clean_heading(self):
        heading = self.cleaned_data["heading"]
        if not heading:
            raise forms.ValidationError(_("Write a heading."))
        return heading
