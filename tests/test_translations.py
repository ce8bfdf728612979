"""The translation catalogues: every string a person reads exists in Danish, Norwegian and Swedish.

English is the source language, so locale/en stays untranslated. After new strings: run
makemessages, translate what is empty or fuzzy, then `manage.py compile_translations`.
"""

import re
from functools import cache
from pathlib import Path

import pytest
from babel.messages.pofile import read_po
from django.conf import settings
from django.urls import reverse

TRANSLATED = ["da", "nb", "sv"]
# A named %-placeholder with its conversion: %(name)s, %(count)d, %(share).1f.
PLACEHOLDER = re.compile(r"%\(\w+\)[#0 +-]*\d*(?:\.\d+)?[a-zA-Z]")
PLURAL_FORMS_HEADER = re.compile(r'^"Plural-Forms: (.*)\\n"$', re.MULTILINE)


def po_path(language):
    return Path(settings.LOCALE_PATHS[0]) / language / "LC_MESSAGES" / "django.po"


@cache
def catalogue(language):
    with po_path(language).open("rb") as po_file:
        return read_po(po_file, locale=language)


def messages(language):
    """Every message but the header (whose msgid is empty)."""
    return [message for message in catalogue(language) if message.id]


def forms(text):
    """A msgid or msgstr as a tuple: plural messages already are one."""
    return text if isinstance(text, tuple) else (text,)


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_has_no_fuzzy_messages(language):
    assert not catalogue(language).fuzzy, "the header is marked fuzzy"
    fuzzy = [message.id for message in messages(language) if message.fuzzy]
    assert fuzzy == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_translates_every_message(language):
    untranslated = [message.id for message in messages(language) if not all(forms(message.string))]
    assert untranslated == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_plural_translations_have_every_form(language):
    expected = catalogue(language).num_plurals
    wrong = [
        message.id
        for message in messages(language)
        if message.pluralizable and len(forms(message.string)) != expected
    ]
    assert wrong == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_translations_keep_the_placeholders(language):
    mismatched = []
    for message in messages(language):
        expected = {match for text in forms(message.id) for match in PLACEHOLDER.findall(text)}
        for translation in forms(message.string):
            if set(PLACEHOLDER.findall(translation)) != expected:
                mismatched.append((message.id, translation))
    assert mismatched == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_plural_forms_header_is_set(language):
    # Read from the file itself: Babel would fall back to the locale's rule if it were missing.
    header = PLURAL_FORMS_HEADER.search(po_path(language).read_text(encoding="utf-8"))
    assert header, "no Plural-Forms header"
    assert header.group(1) == "nplurals=2; plural=(n != 1);"


def test_english_catalogue_exists_with_a_header():
    english = catalogue("en")
    assert english.locale_identifier == "en"
    assert not english.fuzzy


def test_danish_item_title_error_is_the_agreed_text():
    # tests/agenda/test_i18n.py looks for exactly this sentence.
    assert catalogue("da")["Give the item a title."].string == "Giv punktet en titel."


def test_login_page_is_norwegian_when_the_browser_asks_for_nb(client, db):
    response = client.get(reverse("login"), headers={"accept-language": "nb"})
    page = response.content.decode()
    assert '<html lang="nb">' in page
    assert "Logg inn" in page, "no Norwegian: run `manage.py compile_translations`"


# --- The glossary: locale/GLOSSARY.md keeps the product's terms consistent ----------------------


def glossary():
    """The glossary's rows: {"en": ..., "da": ..., "not da": ..., ...}."""
    lines = (Path(settings.LOCALE_PATHS[0]) / "GLOSSARY.md").read_text(encoding="utf-8")
    rows = [line for line in lines.splitlines() if line.startswith("|")]
    header = [cell.strip() for cell in rows[0].strip("|").split("|")]
    return [
        dict(zip(header, (cell.strip() for cell in row.strip("|").split("|")), strict=True))
        for row in rows[2:]
    ]


def test_the_glossary_names_every_term_in_every_language():
    rows = glossary()
    assert len(rows) >= 20
    for row in rows:
        assert all(row[language] for language in TRANSLATED), row


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_never_uses_a_word_the_glossary_rules_out(language):
    avoided = [
        (row[f"not {language}"].lower(), row) for row in glossary() if row[f"not {language}"]
    ]
    found = [
        f"{message.id!r} says {word!r} (glossary: {row['en']} is {row[language]!r})"
        for message in messages(language)
        for text in forms(message.string)
        for word, row in avoided
        if re.search(r"\b" + re.escape(word), text.lower())
    ]
    assert found == []


@pytest.mark.parametrize("language", TRANSLATED)
def test_catalogue_uses_the_glossarys_word_where_the_source_does(language):
    """A message whose English names a key term uses the glossary's word for it."""
    terms = {"handshake": "", "department": "", "vernissage": "", "table screen": ""}
    rows = {row["en"]: row for row in glossary()}
    missing = []
    for message in messages(language):
        source = PLACEHOLDER.sub("", " ".join(forms(message.id))).lower()
        target = " ".join(forms(message.string)).lower()
        for term in terms:
            stem = rows[term][language].lower()[:-2]  # "forvaltning" in "forvaltningens"
            if term in source and stem not in target:
                missing.append(f"{message.id!r}: no {rows[term][language]!r}")
    assert missing == []
