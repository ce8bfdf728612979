"""Forms of the programme editor and the timetable import."""

from django import forms
from django.utils.translation import gettext_lazy as _

from agenda import services
from agenda.models import AgendaItem, Day
from seminar.input import TextField, key_field


class DayForm(forms.ModelForm):
    key = key_field()

    class Meta:
        model = Day
        fields = ["label", "date"]
        field_classes = {"label": TextField}
        widgets = {"date": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}

    def clean_label(self):
        label = self.cleaned_data["label"]
        if not label:
            raise forms.ValidationError(_("Give the day a name, for example “Thursday”."))
        return label


class AgendaItemForm(forms.ModelForm):
    shift_rest = forms.BooleanField(label=_("Move the rest of the day by as much"), required=False)
    key = key_field()  # a new item only: an edit of an item is the same whenever repeated

    class Meta:
        model = AgendaItem
        fields = ["start", "duration", "title", "kind", "grouping", "description"]
        field_classes = {"title": TextField, "description": TextField}
        widgets = {
            "start": forms.TimeInput(attrs={"type": "time"}, format="%H:%M"),
            "duration": forms.NumberInput(attrs={"min": 0, "max": 1440, "step": 5}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }
        error_messages = {"title": {"required": _("Give the item a title.")}}

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["grouping"].queryset = seminar.groupings.all()
        self.fields["grouping"].required = False
        self.fields["grouping"].empty_label = _("Everyone in plenum")
        if not self.instance.pk:
            del self.fields["shift_rest"]
        else:
            del self.fields["key"]

    def clean_title(self):
        title = self.cleaned_data["title"]
        if not title:
            raise forms.ValidationError(_("Give the item a title."))
        return title

    def clean_kind(self):
        kind = self.cleaned_data["kind"]
        if self.instance.pk and kind != self.instance.kind:
            locked = services.kind_locked(self.instance)
            if locked:
                raise forms.ValidationError(locked)
        return kind

    def clean_duration(self):
        duration = self.cleaned_data["duration"]
        if duration is not None and duration > 24 * 60:
            raise forms.ValidationError(_("An item can last at most 24 hours."))
        return duration


class ImportForm(forms.Form):
    key = key_field()  # the preview and its confirmation carry it: one import per form
    text = TextField(
        label=_("Timetable"),
        widget=forms.Textarea(attrs={"rows": 14}),
        max_length=100_000,
        help_text=_(
            "Paste the programme, for example “Kl 8.15: Velkommen”. "
            "You see a preview before anything is saved."
        ),
    )
