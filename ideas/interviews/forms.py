"""What a leader writes about their interview, and what their table marks between them.

The labels and prompts are the seed's own words (Varde 2014: "hvad siger borgerne om
samarbejdet med kommunen?", "er der nogle røde tråd, hvad er forskellene?")."""

from django import forms
from django.utils.translation import gettext_lazy as _

from ideas.interviews.models import Interview, InterviewFlag
from seminar.forms import clean_text

# Made by plenum.js before the first try: a retried post is stored once.
FRESH_KEY = forms.HiddenInput(attrs={"data-fresh-key": ""})


def _text(form, name, label, *, required=True, missing=None):
    value = clean_text(form.cleaned_data.get(name), field_label=label)
    if required and not value:
        raise forms.ValidationError(missing)
    return value


class InterviewForm(forms.Form):
    who = forms.CharField(
        label=_("Who did you interview, and in what role?"),
        max_length=200,
        help_text=_("For example: a parent of two, volunteer at the local sports club."),
        error_messages={"required": _("Say who you interviewed.")},
    )
    said = forms.CharField(
        label=_("What did they say about working with the municipality?"),
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 5}),
        error_messages={"required": _("Write what they said.")},
    )
    quote = forms.CharField(
        label=_("A quote in their own words"),
        max_length=400,
        required=False,
        widget=forms.Textarea(attrs={"rows": 2}),
    )
    sharing = forms.ChoiceField(
        label=_("Who may see it beyond your table?"),
        choices=Interview.Sharing.choices,
        initial=Interview.Sharing.NAMED,
        widget=forms.RadioSelect,
        help_text=_(
            "Your table always sees it. Shared interviews can be shown in plenum and go in the "
            "seminar's documentation."
        ),
    )
    key = forms.UUIDField(required=False, widget=FRESH_KEY)

    def clean_who(self):
        return _text(self, "who", _("Who"), missing=_("Say who you interviewed."))

    def clean_said(self):
        return _text(self, "said", _("What they said"), missing=_("Write what they said."))

    def clean_quote(self):
        return _text(self, "quote", _("Quote"), required=False)


class ThreadForm(forms.Form):
    label = forms.CharField(
        label=_("The common thread"),
        max_length=120,
        error_messages={"required": _("Name the common thread.")},
    )
    interviews = forms.ModelMultipleChoiceField(
        label=_("Interviews that share it"),
        queryset=Interview.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": _("Tick the interviews that share the thread.")},
    )
    key = forms.UUIDField(required=False, widget=FRESH_KEY)

    def __init__(self, *args, interviews=(), **kwargs):
        super().__init__(*args, prefix="thread", **kwargs)
        self.fields["interviews"].queryset = Interview.objects.filter(
            pk__in=[interview.pk for interview in interviews]
        )
        self.fields["interviews"].label_from_instance = lambda interview: interview.who

    def clean_label(self):
        return _text(self, "label", _("The common thread"), missing=_("Name the common thread."))

    def clean_interviews(self):
        chosen = self.cleaned_data["interviews"]
        if len(chosen) < 2:
            raise forms.ValidationError(_("A common thread joins at least two interviews."))
        return chosen


class DifferenceForm(forms.Form):
    first = forms.ModelChoiceField(
        label=_("One interview"),
        queryset=Interview.objects.none(),
        empty_label=_("Choose an interview"),
        error_messages={"required": _("Choose two interviews.")},
    )
    second = forms.ModelChoiceField(
        label=_("Another interview"),
        queryset=Interview.objects.none(),
        empty_label=_("Choose an interview"),
        error_messages={"required": _("Choose two interviews.")},
    )
    note = forms.CharField(
        label=_("What is different?"),
        max_length=400,
        widget=forms.Textarea(attrs={"rows": 2}),
        error_messages={"required": _("Say what is different.")},
    )
    key = forms.UUIDField(required=False, widget=FRESH_KEY)

    def __init__(self, *args, interviews=(), **kwargs):
        super().__init__(*args, prefix="difference", **kwargs)
        queryset = Interview.objects.filter(pk__in=[interview.pk for interview in interviews])
        for name in ("first", "second"):
            self.fields[name].queryset = queryset
            self.fields[name].label_from_instance = lambda interview: interview.who

    def clean_note(self):
        return _text(self, "note", _("What is different?"), missing=_("Say what is different."))

    def clean(self):
        data = super().clean()
        if data.get("first") and data.get("first") == data.get("second"):
            raise forms.ValidationError(_("A difference is between two different interviews."))
        return data


class FlagForm(forms.Form):
    heading = forms.ChoiceField(choices=InterviewFlag.Heading.choices)
    on = forms.BooleanField(required=False)
