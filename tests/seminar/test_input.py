"""Text people send is cleaned in one place; ids that are not ids are nobody's."""

import pytest
from django import forms
from django.core.exceptions import ValidationError

from ideas.models import Highlight
from seminar.input import MAX_ID, TextField, as_id, clean_text, printable
from seminar.models import Seminar


@pytest.mark.parametrize("bad", ["Tell\x01everyone", "own\x0ber", "nul\x00", "lone \ud800", "\x7f"])
def test_clean_text_refuses_control_characters(bad):
    with pytest.raises(ValidationError):
        clean_text(bad, field_label="Message")


def test_clean_text_keeps_tabs_and_normalises_line_breaks():
    assert clean_text("  one\r\ntwo\rthree\tfour \n", field_label="x") == "one\ntwo\nthree\tfour"


def test_printable_drops_what_cannot_be_shown():
    assert printable("Tell\x01every\x0bone\r\nnow\ud800\ufffe") == "Telleveryone\nnow"
    assert printable(None) is None and printable(3) == 3


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("12", 12),
        (" 7 ", 7),
        ("abc", None),
        ("-1", None),
        ("0", None),
        ("1.5", None),
        ("9" * 20, None),
        ("1\x00", None),
        ("²", None),
        ("١٢", None),
        (None, None),
        ("", None),
        (str(MAX_ID), MAX_ID),
    ],
)
def test_as_id_accepts_only_ids_a_database_holds(value, expected):
    assert as_id(value) == expected


class _Form(forms.Form):
    owner = TextField(label="Owner", required=False, max_length=10)


def test_text_field_refuses_with_a_message_naming_the_field():
    form = _Form({"owner": "own\x0ber"})
    assert not form.is_valid()
    assert "Owner" in form.errors["owner"][0]


def test_text_field_counts_a_crlf_as_one_character():
    form = _Form({"owner": "abcd\r\nefgh"})
    assert form.is_valid() and form.cleaned_data["owner"] == "abcd\nefgh"


def test_every_model_text_is_stored_printable(seminar):
    seminar.municipality = "Var\x01de"
    seminar.save()
    highlight = Highlight.objects.create(seminar=seminar, text="high\x0blight\r\n")
    seminar.refresh_from_db()
    highlight.refresh_from_db()
    assert seminar.municipality == "Varde" and highlight.text == "highlight\n"
    assert Seminar.objects.filter(venue__contains="\x01").count() == 0
