"""Forms of the seminar app: a seminar's settings and the phone's join form."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils import formats
from django.utils.translation import gettext_lazy as _

from seminar.input import TextField, clean_text
from seminar.models import Department, Seminar, normalise_join_code

__all__ = ["JoinCodeForm", "JoinForm", "SeminarForm", "clean_text"]  # clean_text: seminar.input


class SeminarForm(forms.ModelForm):
    departments = TextField(
        label=_("Departments"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("One per line. Participants choose one when they join."),
    )

    class Meta:
        model = Seminar
        fields = [
            "title",
            "municipality",
            "venue",
            "language",
            "starts_on",
            "ends_on",
            "retain_until",
        ]
        field_classes = {"title": TextField, "municipality": TextField, "venue": TextField}
        widgets = {
            "starts_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "ends_on": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
            "retain_until": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            names = self.instance.departments.values_list("name", flat=True)
            self.initial["departments"] = "\n".join(names)
        if self.instance.pk and not self.instance.retain_until:
            self.fields["retain_until"].help_text = _(
                "Empty: one year after the last day, now %(date)s. After this day the "
                "participants' names and photos are removed; goals and documentation stay."
            ) % {"date": formats.date_format(self.instance.retention_date)}

    def clean_departments(self):
        text = self.cleaned_data["departments"]
        names = [line.strip() for line in text.splitlines() if line.strip()]
        if any(len(name) > 120 for name in names):
            raise ValidationError(_("A department name can be at most 120 characters."))
        return names

    def clean(self):
        cleaned = super().clean()
        starts, ends = cleaned.get("starts_on"), cleaned.get("ends_on")
        if starts and ends and ends < starts:
            self.add_error("ends_on", _("The last day cannot be before the first day."))
        retain, last = cleaned.get("retain_until"), ends or starts
        if retain and last and retain < last:
            self.add_error(
                "retain_until", _("Personal data must be kept at least until the last day.")
            )
        return cleaned


class TeamMemberForm(forms.Form):
    """Add a co-facilitator or a director to a seminar, by the username of an existing account."""

    username = forms.CharField(
        label=_("Username"),
        max_length=150,
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )
    role = forms.ChoiceField(
        label=_("Role"),
        choices=[("facilitator", _("Facilitator")), ("director", _("Director"))],
        initial="facilitator",
    )

    def clean_username(self):
        return clean_text(self.cleaned_data["username"], field_label=_("Username"))


class JoinCodeForm(forms.Form):
    code = TextField(
        label=_("Join code"),
        max_length=12,
        widget=forms.TextInput(
            attrs={
                "autocomplete": "off",
                "autocapitalize": "characters",
                "spellcheck": "false",
                "inputmode": "text",
                "autofocus": True,
            }
        ),
    )

    def clean_code(self):
        return normalise_join_code(self.cleaned_data["code"])


class JoinForm(forms.Form):
    display_name = TextField(
        label=_("Your name"),
        max_length=80,
        widget=forms.TextInput(attrs={"autocomplete": "name", "autofocus": True}),
    )
    # No department is chosen for the person: the first on the list would file everyone who
    # did not open it there (and skew the tables spread by department).
    department = forms.ModelChoiceField(
        label=_("Your department"),
        queryset=Department.objects.none(),
        empty_label=_("Choose your department"),
        error_messages={"required": _("Choose your department.")},
    )

    # Shown only when the name is taken: the person says they are someone else.
    another_person = forms.BooleanField(
        label=_("I am someone else with the same name"), required=False, widget=forms.HiddenInput
    )

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        departments = seminar.departments.all()
        self.fields["department"].queryset = departments
        if not departments.exists():
            del self.fields["department"]
        if self.data.get("another_person"):
            self.fields["another_person"].widget = forms.CheckboxInput()

    def ask_another_person(self, name):
        """The name is taken: ask whether this is someone else (never a second person silently)."""
        self.fields["another_person"].widget = forms.CheckboxInput()
        self.add_error(
            "display_name",
            _(
                "Someone called %(name)s has already joined. If that was you on another phone, "
                "ask the facilitator to put the two together after you join. If you are "
                "someone else, add your last name, or tick the box below."
            )
            % {"name": name},
        )

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        if not name:
            raise ValidationError(_("Please write your name."))
        return name
