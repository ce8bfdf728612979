"""Forms of the groups page: forming a grouping, moving a person, pairing a screen."""

from django import forms
from django.utils.translation import gettext_lazy as _

from groups.models import Group, Grouping
from seminar.input import TextField, key_field
from seminar.models import Participant


class GroupingForm(forms.Form):
    name = TextField(
        label=_("Name"), max_length=120, help_text=_("For example “Cross-functional tables”.")
    )
    method = forms.ChoiceField(
        label=_("How"), choices=[c for c in Grouping.Method.choices if c[0] != "manual"]
    )
    size = forms.IntegerField(
        label=_("People per table"),
        min_value=2,
        max_value=100,
        required=False,
        help_text=_("For random and cross-functional groups."),
    )
    leaders = forms.MultipleChoiceField(
        label=_("Process leaders"),
        required=False,
        help_text=_("For groups with a process leader: one group per leader."),
        widget=forms.SelectMultiple(attrs={"size": 6}),
    )
    seed = forms.IntegerField(widget=forms.HiddenInput, required=False)
    key = key_field()  # preview and create carry the same key: one grouping per form

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.seminar = seminar
        facilitators = [
            (f"u{u.pk}", u.get_full_name() or u.username) for u in seminar.facilitators.all()
        ]
        participants = [(f"p{p.pk}", p.display_name) for p in seminar.participants.all()]
        self.fields["leaders"].choices = [
            (_("Facilitators"), facilitators),
            (_("Participants"), participants),
        ]

    def clean_name(self):
        name = self.cleaned_data["name"]
        if not name:
            raise forms.ValidationError(_("Give the grouping a name."))
        return name

    def clean(self):
        cleaned = super().clean()
        method = cleaned.get("method")
        people = self.seminar.participants.count()
        if people == 0:
            raise forms.ValidationError(_("No one has joined yet, so there is no one to seat."))
        sized = method in (Grouping.Method.RANDOM, Grouping.Method.CROSS_FUNCTIONAL)
        if sized and not cleaned.get("size"):
            self.add_error("size", _("Say how many people sit at each table."))
        if method == Grouping.Method.WITH_LEADERS:
            leaders = cleaned.get("leaders") or []
            if not leaders:
                self.add_error("leaders", _("Choose a process leader for each group."))
            elif len(leaders) > people:
                self.add_error("leaders", _("There are more leaders than participants."))
        return cleaned

    def leader_ids(self):
        """Leaders as the allocation sees them: participants by id, facilitators negated."""
        ids = []
        for value in self.cleaned_data.get("leaders") or []:
            kind, pk = value[0], int(value[1:])
            ids.append(pk if kind == "p" else -pk)
        return ids


class MoveForm(forms.Form):
    """One person of a grouping to another of its tables (one form per grouping, not per
    person: the page stays light with 300 people)."""

    member = forms.ModelChoiceField(
        label=_("Person"), queryset=Participant.objects.none(), empty_label=_("Choose a person")
    )
    group = forms.ModelChoiceField(
        label=_("To the table"), queryset=Group.objects.none(), empty_label=_("Choose a table")
    )

    def __init__(self, *args, grouping, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["member"].queryset = Participant.objects.filter(
            seminar=grouping.seminar_id, memberships__grouping=grouping
        )
        self.fields["group"].queryset = grouping.groups.all()


class MergeForm(forms.Form):
    """Two entries of one person: the duplicate's seats move to the one kept."""

    duplicate = forms.ModelChoiceField(
        label=_("The duplicate"), queryset=Participant.objects.none(), empty_label="-"
    )
    keep = forms.ModelChoiceField(
        label=_("Merge into"), queryset=Participant.objects.none(), empty_label="-"
    )

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("duplicate", "keep"):
            self.fields[name].queryset = seminar.participants.all()

    def clean(self):
        data = super().clean()
        if data.get("duplicate") and data.get("duplicate") == data.get("keep"):
            raise forms.ValidationError(_("Choose two different participants."))
        return data


class PairScreenForm(forms.Form):
    pairing_code = TextField(
        label=_("Code shown on the screen"),
        max_length=8,
        widget=forms.TextInput(attrs={"autocomplete": "off", "autocapitalize": "characters"}),
    )
    group = forms.ModelChoiceField(
        label=_("Table"), queryset=Group.objects.none(), empty_label=_("Choose a table")
    )

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["group"].queryset = Group.objects.filter(
            grouping__seminar=seminar
        ).select_related("grouping")
        self.fields["group"].label_from_instance = lambda g: f"{g.grouping.name}: {g.name}"


class ParticipantForm(forms.Form):
    display_name = TextField(label=_("Name"), max_length=80)
    department = forms.ModelChoiceField(
        label=_("Department"), queryset=None, required=False, empty_label=_("No department")
    )

    def __init__(self, *args, seminar, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["department"].queryset = seminar.departments.all()

    def clean_display_name(self):
        name = self.cleaned_data["display_name"]
        if not name:
            raise forms.ValidationError(_("A participant needs a name."))
        return name
