"""Timetable importer: read the pasted text of a seminar programme into days and items.

The facilitator pastes a timetable (from a slide deck, a mail, a document) and sees a preview
before anything is saved. This module only reads text; it imports nothing from Django (but for
the two texts the preview shows, ``ParsedItem.kind_label`` and ``.duration_note_text``), so the
preview, the management command and the tests share it. ``parse_programme`` never raises on any
input; what it cannot read as a time is kept as a *flagged* item, never dropped.

Reading rules
-------------
Cleaning. Text is NFC-normalised and split into lines; control and invisible characters are
removed and whitespace collapsed. Lines that start with known web debris ("Præsentation er
lastning", "Download ppt", "Lignende præsentationer", "Annoncer fra Google", "Præsentationer
af emnet", and their English versions) are dropped. A slide number ("2 Torsdag ...") is
stripped when a day heading or an item time follows it. Text before the first day heading or
item marker (the deck's title page) is ignored.

Times. "Kl 8:", "Kl 8.15:", "kl. 09.00-10.15", "klo 9", "09:30 - 10:00", "13.00 Lunsj",
"13:00"; "." or ":" between hour and minutes; hyphen, en dash or em dash in ranges. Without
a "kl" prefix the minutes are required. Impossible times (25.00, 9.75) are not times, so such
text is not an item start. At the start of a line (after a heading) any of these forms starts
an item. Inside a line (the transcript puts a whole slide on one line) only a capitalised
"Kl ..." or a time followed by a colon starts an item, so "vi mødes kl. 13 ved bussen" in a
description stays description. A "Kl" followed by a capitalised word but no time ("Kl Fællles
mål ...") starts a flagged item with no start time.

Day headings. A weekday name (Danish, Norwegian, Swedish, English; any case) or "Dag N" /
"Day N", optionally followed by a date ("d. 30. oktober", "31/10", "14 maj"), a part of the
day ("formiddag", "förmiddag", "ettermiddag", ...) or a short remark in brackets. At the start
of a line the heading must fill the line or be followed by an item time; inside a line it must
be capitalised and directly followed by an item time ("... en overraskelse Torsdag formiddag
Kl 08.15: ..."). Headings with the same weekday (or, without a weekday, the same text) are one
day; the day keeps the first heading's label. Items before any heading go into a day with
label "" and weekday None.

Dates. A heading with a date ("Torsdag d. 30. oktober", "onsdag 6. mars", "Fredag 31/10",
"Onsdag 15.05.2024") gives its day a day and month; the year is the heading's own, else the
first year a heading or the title page names ("Lederseminar 2014"), else unknown.
``ParsedDay.date_for(starts_on)`` takes the year from the seminar's first day when it has one.

Title and description. The text after an item's time up to the next item is its body. The
title ends at the first sentence end ("?", "!", or "." after a word of three or more letters
when a capital or the end follows). When the body shares its line with other items (a slide),
or is longer than the title limit, the title also ends where a new sentence visibly starts: a
capitalised word that is not the first word, not an acronym, and not part of a name, i.e. not
after a preposition/conjunction ("i Varde"), a colon or a dash, and not after another name word
or before an organisation noun ("Varde Kommune"). So "Velkommen Mogens byder velkommen ..."
gives title "Velkommen". A title is never cut inside a sentence: when no cut falls within 80
characters, the whole first sentence is the title if it has 200 characters at most (the
model's limit), else the title ends at the last clause boundary (":", ";", ",", a dash) within
80, then 200 characters, and only text with no such boundary is cut at a word boundary (or, a
run without spaces, at 80). The rest of the body is the description. Lines without an item
marker continue the previous item's description (or give an item with no title its title);
without a previous item in the day they become a flagged item. An item with no title text is
titled by its raw time ("Kl 8").

Restatements. Decks often state a day twice (a facilitator version, then a participant
version). Within a day, an item with the same title and start as an earlier item is that item
again. Otherwise, an item whose start is earlier than the previous timed item's opens a new
*pass* over the day, and an item of a later pass merges into one item of an earlier pass: first
one with the same title (the later pass wins the start: it is the revised schedule), else one
with the same start (the first title is kept). Each earlier item absorbs at most one item per
pass this way. Merging appends the later title (if it differs) and description to the kept
item's description unless the text is already contained, so nothing of the text is lost; a
restated sentence that says nearly the same as a kept one (four in five of its words, endings
aside: "Grupperne præsenterer deres mål i plenum.") is not repeated, and one that says more than
a kept sentence replaces it. Other items of the same pass never merge (parallel sessions at one
time stay separate).

Order and durations. Items are sorted by start; a flagged item stays right after the timed item
that preceded it in the text. A range ("09.00-10.15") gives the duration; an inverted range
gives none. Otherwise the duration is a guess: the item runs to the next later start in the
day (``duration_note`` "next_start"), except that no duration is guessed, so no gap is filled
in silence, when
- an item without a time comes before that start ("untimed_after"): part of the time is its;
- the item is a break and the gap is longer than a break (30 min, "break_gap");
- the gap is longer than two hours ("long_gap"): free time or travel, not a session.
The day's last item has none. The preview says which durations were guessed and why not.

Kinds. ``guess_kind`` reads the kind of item (the values of ``AgendaItem.Kind``) from the
words of its title in Danish, Norwegian, Swedish and English; the kind whose word comes first
in the title wins ("Fernisering af gode ideer" is a vernissage, not a brainstorm). A title with
none of them falls back on how its description says people work ("i tværgående grupper",
"Vi arbejder i forvaltningsgrupper"), else it is plenum.
"""

import datetime
import functools
import itertools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass, field

# A title's usual length: within it the title ends at a sentence end or a new sentence.
TITLE_MAX = 80
# The longest title (AgendaItem.title's max_length): a whole first sentence up to it is kept.
TITLE_LIMIT = 200
# The longest duration guessed from the next start, for a break and for any other item.
BREAK_GUESS_MAX = 30
GUESS_MAX = 120

# Weekday names by weekday number (0 = Monday): Danish, Norwegian (bokmål, nynorsk), Swedish,
# English.
_WEEKDAY_NAMES = (
    ("mandag", "måndag", "monday"),
    ("tirsdag", "tisdag", "tysdag", "tuesday"),
    ("onsdag", "wednesday"),
    ("torsdag", "thursday"),
    ("fredag", "friday"),
    ("lørdag", "lördag", "laurdag", "saturday"),
    ("søndag", "söndag", "sundag", "sunday"),
)
_WEEKDAY_BY_NAME = {name: day for day, names in enumerate(_WEEKDAY_NAMES) for name in names}

# Month names and abbreviations (da, no, sv, en) that may follow a day number in a heading, by
# month number (1 = January).
_MONTH_NAMES = (
    ("januar", "januari", "january", "jan"),
    ("februar", "februari", "february", "feb"),
    ("marts", "mars", "march", "mar"),
    ("april", "apr"),
    ("maj", "mai", "may"),
    ("juni", "june", "jun"),
    ("juli", "july", "jul"),
    ("august", "augusti", "aug"),
    ("september", "sep", "sept"),
    ("oktober", "october", "okt", "oct"),
    ("november", "nov"),
    ("december", "desember", "dec", "des"),
)
_MONTH_BY_NAME = {name: month for month, names in enumerate(_MONTH_NAMES, 1) for name in names}

# Parts of a day that may follow a weekday in a heading ("Torsdag formiddag").
_PARTS_OF_DAY = (
    *("formiddag", "förmiddag", "eftermiddag", "ettermiddag", "morgen", "morgon", "middag"),
    *("aften", "aftenen", "kveld", "kvelden", "kväll", "kvällen", "fm", "em", "morning"),
    *("afternoon", "evening"),
)

# Words after which a capitalised word is part of the title (a name), not a new sentence.
_FUNCTION_WORDS = frozenset(
    {
        *("i", "på", "af", "av", "til", "till", "med", "fra", "från", "for", "för", "om"),
        *("og", "och", "samt", "eller", "ved", "vid", "hos", "mod", "mot", "mellem", "mellom"),
        *("mellan", "efter", "etter", "under", "over", "uden", "uten", "utan", "ifølge"),
        *("iflg", "enligt", "som", "en", "et", "ett", "den", "det", "de", "der", "and", "or"),
        *("of", "in", "on", "at", "to", "the", "a", "an", "by", "with", "from", "about"),
    }
)

# Nouns that continue a capitalised name before them ("Varde Kommune", "Region Syd").
_ORGANISATION_NOUNS = frozenset(
    {"kommune", "kommunes", "kommun", "kommuns", "region", "regions", "fylke", "amt"}
    | {"fylkeskommune", "landsting"}
)

# Hyphen, en dash and em dash: ranges, subtitles ("kommune - borgerperspektiver"). The hyphen
# comes first so the characters can open a regex character class.
_DASH_CHARS = "-\u2013\u2014"
_DASHES = frozenset(_DASH_CHARS)
# Characters trimmed around titles and bodies.
_SEPARATORS = " :" + _DASH_CHARS
# Opening quotes and brackets ignored when checking whether a word is capitalised.
_OPENERS = "\"'(\u00ab\u2018\u2019\u201c"


def _alternatives(words) -> str:
    """A regex alternation of literal words, longest first so none shadows a longer one."""
    return "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))


# -- Pattern pieces (strings, composed into the compiled regexes below; no capture groups) --

# A weekday name in any case.
_WEEKDAY = rf"(?i:{_alternatives(_WEEKDAY_BY_NAME)})(?!\w)"
# What may follow a weekday in a heading: "d.", a day number, a numeric date, a month, a
# part of the day, another weekday ("Dag 1 - torsdag"), "fortsat", a short remark in brackets.
_QUALIFIER = (
    r"(?i:den|d\.|the"
    r"|[0-9]{1,2}[./-](?:0?[1-9]|1[0-2])(?:[./-][0-9]{2,4})?\.?"
    r"|[0-9]{1,4}\.?"
    rf"|(?:{_alternatives(_MONTH_BY_NAME)})\.?"
    rf"|{_alternatives(_PARTS_OF_DAY)}"
    r"|fortsat|fortsatt|fortsättning|forts\.|continued|\([^()]{1,40}\)"
    rf"|{_WEEKDAY})(?!\w)"
)
# A day heading: a weekday or "Dag N"/"Day N", then up to six qualifiers.
_HEAD = (
    rf"(?:{_WEEKDAY}|(?i:dag|day) ?[0-9]{{1,2}}\.?(?!\w))"
    rf"(?:(?:\s*[{_DASH_CHARS},]\s*|\s+){_QUALIFIER}){{0,6}}"
)
# The "kl." word before a time (Danish/Norwegian/Swedish "kl", "klokken", "klockan", Finnish
# "klo"), any case.
_PREFIX = r"(?<!\w)(?i:kl(?:o|okken|okka|ockan)?)\.?\s*"
# Hours 0-23 and minutes 00-59; digits around are not allowed, so "25.00" and "9.75" fail.
_HOUR = r"(?<![0-9])(?:2[0-3]|[01]?[0-9])"
_END = r"(?![0-9]|[.:,][0-9])"
_CLOCK_H = rf"{_HOUR}(?:[.:][0-5][0-9])?{_END}"  # "8", "8.15" (only after a prefix)
_CLOCK_HM = rf"{_HOUR}[.:][0-5][0-9]{_END}"  # "08.15", "13:00"
_DASH = rf"\s*[{_DASH_CHARS}]\s*"
_RANGE_H = rf"{_DASH}(?:{_PREFIX})?{_CLOCK_H}"
_RANGE_HM = rf"{_DASH}(?:{_PREFIX})?{_CLOCK_HM}"
# Punctuation between a time and its title: "Kl 8.15:", "12. Frokost", "10:00 - Pause".
_AFTER_TIME = rf"(?:\s*:|\.(?=\s|$)|\s+[{_DASH_CHARS}](?=\s|$))?"
# A time starting an item at the start of a line: prefixed or bare, optionally a range,
# optionally after a bullet.
_LEAD_TIME = (
    rf"(?:[{_DASH_CHARS}\u2022*\u00b7\u25aa]\s+)?"
    rf"(?:{_PREFIX}{_CLOCK_H}(?:{_RANGE_H})?|{_CLOCK_HM}(?:{_RANGE_HM})?){_AFTER_TIME}"
)
# A time starting an item inside a line: a capitalised "Kl 8.15", or any time then a colon.
_INLINE_TIME = (
    rf"(?<!\w)Kl(?:o|okken|okka|ockan)?\.?\s*{_CLOCK_H}(?:{_RANGE_H})?{_AFTER_TIME}"
    rf"|(?<![\w.,:])(?:{_PREFIX})?{_CLOCK_HM}(?:{_RANGE_HM})?\s*:(?![0-9])"
)
# A "Kl" with no time before a capitalised word: an item whose time is missing.
_UPPER = "A-ZÆØÅÄÖÜÉ"
_UNTIMED_LEAD = rf"(?<!\w)[Kk]l\.?\s+(?=[{_UPPER}])"
_UNTIMED_INLINE = rf"(?<!\w)Kl\.?\s+(?=[{_UPPER}])"

# -- Compiled regexes --

# A day heading at the start of a line: fills the line or is followed by an item marker.
_LINE_HEADING = re.compile(
    rf"(?:#+\s*)?(?P<label>{_HEAD})\s*:?\s*(?=$|{_LEAD_TIME}|{_UNTIMED_LEAD})"
)
# An item marker at the start of a line (after any heading).
_LEAD_MARKER = re.compile(rf"(?P<time>{_LEAD_TIME})|(?P<untimed>{_UNTIMED_LEAD})")
# Markers inside a line: a capitalised heading right before a time, a time, an untimed "Kl".
_INLINE_MARKER = re.compile(
    rf"(?P<heading>(?<!\w)(?=[{_UPPER}])(?P<label>{_HEAD})\s*:?\s*(?={_INLINE_TIME}))"
    rf"|(?P<time>{_INLINE_TIME})"
    rf"|(?P<untimed>{_UNTIMED_INLINE})"
)
# The hour and minutes of each clock in a matched marker ("kl. 09.00-10.15" gives two).
_CLOCK_PARTS = re.compile(r"(?<![0-9])([0-9]{1,2})(?:[.:]([0-9]{2}))?(?![0-9])")
# A weekday name anywhere in a heading label.
_WEEKDAY_IN_LABEL = re.compile(rf"(?<!\w){_WEEKDAY}")
# A slide number at the start of a transcript line ("2 Torsdag d. 30. oktober ...").
_SLIDE_NUMBER = re.compile(r"[0-9]{1,3}\s+")
# Web-page debris around a captured transcript; a line starting with it is dropped.
_DEBRIS = re.compile(
    r"(?:[0-9]{1,3}\s+)?(?i:præsentation(?:en)? er lastning|download ppt|download presentation"
    r"|lignende præsentationer|annoncer fra google|præsentationer af emnet"
    r"|præsentationens transcript|presentation is loading|similar presentations"
    r"|ads by google|presentation on theme|presentation transcript)"
)
# Control characters left inside a line after splitting it off (tabs included).
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
# Invisible format characters and lone surrogates (soft hyphen, zero-width, bidi marks, BOM).
_INVISIBLE = re.compile(
    "[\u00ad\u061c\u180e\u200b-\u200f\u202a-\u202e\u2060-\u206f\ufeff\ufff9-\ufffb\ud800-\udfff]"
)
# A sentence end within a title: "?" or "!"; or "." after a word of 3+ letters before a
# capital, a digit or the end (so "f.eks. ved" and "ca. 20" do not end it).
_SENTENCE_END = re.compile(rf"[?!]+(?=\s|$)|(?<=[^\W\d_]{{3}})\.(?=\s+[{_UPPER}0-9\"'«(]|\s*$)")
# A word of a body (for finding where a new sentence starts).
_WORD = re.compile(r"\S+")
# Anything that is neither a letter/digit nor a space (ignored when comparing texts).
_PUNCTUATION = re.compile(r"[^\w\s]|_")
# Where a clause ends inside a sentence: a colon, semicolon or comma, or a dash between spaces.
_CLAUSE_END = re.compile(rf"[:;,](?=\s)|\s[{_DASH_CHARS}](?=\s)")
# A year (1900-2099) in a heading or on the title page ("Lederseminar 2014").
_YEAR = re.compile(r"(?<![0-9])(?:19|20)[0-9]{2}(?![0-9])")
_MONTH = rf"(?<!\w)(?i:{_alternatives(_MONTH_BY_NAME)})(?!\w)"
# A date in a heading: "31/10", "15.05.2024"; "30. oktober", "14 maj 2013"; "October 30, 2014".
_LABEL_DATE = re.compile(
    r"(?<![0-9])(?P<d1>[0-9]{1,2})[./-](?P<m1>[0-9]{1,2})(?:[./-](?P<y1>[0-9]{4}|[0-9]{2}))?"
    r"(?![0-9])"
    rf"|(?<![0-9])(?P<d2>[0-9]{{1,2}})\.?\s*(?P<m2>{_MONTH})\.?(?:,?\s+(?P<y2>[0-9]{{4}}))?"
    rf"|(?P<m3>{_MONTH})\.?\s+(?P<d3>[0-9]{{1,2}})(?![0-9])\.?(?:,?\s+(?P<y3>[0-9]{{4}}))?"
)


# Why an item's duration is what it is (``ParsedItem.duration_note``): "" when the text states
# it (a range) or nothing follows; "next_start" when it was guessed to run to the next start;
# otherwise why none was guessed.
NEXT_START = "next_start"
UNTIMED_AFTER = "untimed_after"
BREAK_GAP = "break_gap"
LONG_GAP = "long_gap"


@dataclass(frozen=True)
class ParsedItem:
    """One programme item as read from the text, with what was guessed about it."""

    start: datetime.time | None
    duration: int | None
    title: str
    description: str
    flagged: bool
    kind: str = "plenum"  # a value of AgendaItem.Kind, guessed from the words (guess_kind)
    extras: tuple[str, ...] = ()  # extras the words ask for (guess_extras)
    duration_note: str = ""  # NEXT_START, or why no duration was guessed (see above)
    next_start: datetime.time | None = None  # the next later start, for the duration note

    @property
    def duration_guessed(self) -> bool:
        return self.duration_note == NEXT_START

    @property
    def kind_label(self) -> str:
        """The guessed kind's name in the active language (the preview shows it)."""
        from agenda.models import AgendaItem  # here: reading text must run without Django

        return AgendaItem.Kind(self.kind).label

    @property
    def duration_note_text(self) -> str:
        """What the preview says of the duration: that it was guessed, or why none was."""
        from django.utils.translation import gettext as _  # here: reading runs without Django

        notes = {
            NEXT_START: _("Guessed: until %(time)s, when the next item starts."),
            UNTIMED_AFTER: _("No end given: an item without a time comes before %(time)s."),
            BREAK_GAP: _("No end given: a break does not stretch until %(time)s."),
            LONG_GAP: _("No end given: the next item starts only at %(time)s."),
        }
        note = notes.get(self.duration_note)
        return note % {"time": _hhmm(self.next_start)} if note else ""

    def as_dict(self, *, guesses: bool = False) -> dict:
        """The item as read; with ``guesses`` also its kind and how its duration was found."""
        data = {
            "start": _hhmm(self.start),
            "duration": self.duration,
            "title": self.title,
            "description": self.description,
            "flagged": self.flagged,
        }
        if guesses:
            data.update(
                kind=self.kind, duration_note=self.duration_note, next_start=_hhmm(self.next_start)
            )
        return data


@dataclass(frozen=True)
class ParsedDay:
    """One day of the programme: its heading as written, its weekday, its items in order, and
    the day and month its heading names, with the year the timetable names (if any)."""

    label: str
    weekday: int | None
    items: tuple[ParsedItem, ...]
    day_of_month: int | None = None
    month: int | None = None
    year: int | None = None

    def date_for(self, starts_on: datetime.date | None = None) -> datetime.date | None:
        """The day's date in the year of ``starts_on`` (the seminar's first day) if given, else
        in the timetable's own year; None when the heading names no date or no year is known."""
        if self.month is None or self.day_of_month is None:
            return None
        year = starts_on.year if starts_on is not None else self.year
        if year is None:
            return None
        # A seminar across New Year: a January day belongs to the year after a December start.
        if starts_on is not None and self.month < starts_on.month - 6:
            year += 1
        try:
            return datetime.date(year, self.month, self.day_of_month)
        except ValueError:
            return None

    def as_dict(self, *, guesses: bool = False) -> dict:
        """The day as read; with ``guesses`` also its date ("--10-30" without a known year) and
        each item's guesses."""
        data = {
            "label": self.label,
            "weekday": self.weekday,
            "items": [item.as_dict(guesses=guesses) for item in self.items],
        }
        if guesses:
            date = self.date_for()
            if date is None and self.month is not None:
                data["date"] = f"--{self.month:02d}-{self.day_of_month:02d}"
            else:
                data["date"] = date and date.isoformat()
        return data


def _hhmm(value: datetime.time | None) -> str | None:
    return None if value is None else f"{value:%H:%M}"


def label_date(label: str) -> tuple[int, int, int | None] | None:
    """(day, month, year or None) of the date a day heading names ("Torsdag d. 30. oktober"),
    or None when it names none (or an impossible one)."""
    found = _LABEL_DATE.search(label)
    if found is None:
        return None
    day, month, year = (
        found["d1"] or found["d2"] or found["d3"],
        found["m1"] or found["m2"] or found["m3"],
        found["y1"] or found["y2"] or found["y3"],
    )
    month_number = int(month) if month.isdigit() else _MONTH_BY_NAME[month.casefold()]
    year_number = None if year is None else int(year) + (2000 if len(year) == 2 else 0)
    try:  # 2000 is a leap year: 29 February is a date
        datetime.date(2000, month_number, int(day))
    except ValueError:
        return None
    return int(day), month_number, year_number


# -- Kinds --

# Words that say what kind of item a title is (AgendaItem.Kind values), in Danish, Norwegian,
# Swedish and English: regexes over the casefolded title, each matched at a word start, so
# "\w*paus" finds the compound "kaffepause" and "middag" does not find "eftermiddag". Where two
# kinds' words start at the same place, the one listed first wins ("kaffepause" is a break).
_KIND_WORDS = (
    ("break", (r"\w*paus", r"break\b")),
    (
        "meal",
        (
            *(r"frokost", r"frukost", r"morgenmad", r"lunsj", r"lunch", r"middag", r"dinner"),
            *(r"aftensmad", r"kveldsmat", r"kvällsmat", r"måltid", r"breakfast", r"buffet"),
            *(r"kaffe", r"kaffi", r"fika", r"coffee", r"smørrebrød", r"smörgås"),
        ),
    ),
    (
        "commitments",
        (
            *(r"forvaltningsgrupp", r"förvaltningsgrupp", r"forvaltningsvis", r"förvaltningsvis"),
            *(r"sektorvis", r"sektorgrupp", r"afdelingsvis", r"avdelingsvis", r"avdelningsvis"),
            *(r"afdelingsgrupp", r"avdelingsgrupp", r"avdelningsgrupp", r"enhedsvis", r"enhetsvis"),
            *(r"på (?:mandag|måndag)", r"(?:mandag|måndag) (?:morgen|morgon)", r"on monday"),
            *(r"vi kommer (?:hjem|heim|hem)", r"budsk", r"kommunikationsplan"),
            *(r"kommunikasjonsplan", r"communication plan"),
            r"eg(?:en|et|ne|na) (?:enhed|enhet|afdeling|avdeling|avdelning|sektor)",
            r"eg(?:en|et|ne|na) (?:forvaltning|förvaltning)",
        ),
    ),
    (
        "action_list",
        (
            *(r"handlingslist", r"åtgärdslist", r"tiltakslist", r"action list"),
            r"\w*handlingsplan",
            *(r"det (?:første|första) (?:jeg|jag)", r"(?:jeg|jag) kommer (?:hjem|heim|hem)"),
        ),
    ),
    (
        "vernissage",
        (
            *(r"ferniser", r"vernissa", r"galleri", r"gallery", r"\w*udstilling"),
            *(r"\w*utstilling", r"\w*utställning"),
        ),
    ),
    (
        "brainstorm",
        (
            *(r"brainstorm", r"id[ée]myldr", r"id[ée]storm", r"tankestorm"),
            r"id[ée](?:er|erne|ene|erna|udvikling|utvikling|utveckling|generering)?\b",
        ),
    ),
    (
        "excursion",
        (
            *(r"gåtur", r"ekskursion", r"ekskursjon", r"exkursion", r"excursion", r"utflykt"),
            *(r"udflugt", r"utflukt", r"byvandring", r"stadsvandring", r"studietur"),
            *(r"studiebesø", r"studiebesö", r"spasertur", r"promenad", r"walk\b"),
        ),
    ),
    (
        "speeches",
        (
            *(r"ølkass", r"ölback", r"öllåd", r"speakers?\W*corner", r"soapbox", r"speech"),
            *(r"tale\b", r"talen\b", r"taler\b", r"medarbejdertale", r"medarbeidertale"),
            *(r"talerstol", r"talarstol", r"medarbetartal", r"(?:ett|mitt|ditt|hålla|håll) tal\b"),
        ),
    ),
    (
        "interviews",
        (
            *(r"\w*interview", r"\w*intervju"),
            # What citizens said, as Varde's 13:00 names it ("borgerperspektiver").
            *(r"borgerperspektiv", r"innbyggerperspektiv", r"medborgarperspektiv"),
        ),
    ),
    (
        "cases",
        (
            *(r"case", r"fallstud", r"fallbeskriv", r"praksiseksempl", r"praksisfortæl"),
            *(r"erfaring", r"erfarenhet", r"læring", r"lærdom", r"lärdom", r"lärande"),
            # Co-creation alone names a lecture or a walk as often as the cases ("Ledelse af
            # samskabelse"): it says cases only with the example or case it is about.
            r"samskab\w*\W*(?:eksempl|case)",
            r"samskap\w*\W*(?:eksempl|case|fall)",
            r"samskapande\W*(?:fall|exempel|case)",
            r"fall(?:et|en)?\b",
        ),
    ),
    (
        "goals",
        (
            *(r"^mål\b", r"(?:fæl+es|fel+es|gemensamma?|vores|våre|våra) mål\b"),
            r"mål\w* (?:for|för|i|til|till) (?:\w+ ){0,2}(?:19|20)[0-9]{2}\b",
            *(r"målsætning", r"målsetting", r"målsättning", r"goals?\b"),
            *(r"håndslag", r"handslag", r"håndtryk", r"i hånden", r"handshake"),
        ),
    ),
    (
        "questions",
        (
            *(r"spørgerunde", r"spørsmålsrunde", r"frågerunda", r"spørgsmål", r"spørsmål"),
            *(r"frågor\b", r"frågestund", r"questions?\b", r"q&a"),
            # What a round ends in (003 in the seeds): its answers, prioritised by dot votes.
            *(r"(?:de )?vigtigste konklusion", r"(?:de )?viktigste konklusjon"),
            *(r"(?:de )?viktigaste slutsats", r"most important conclusions"),
        ),
    ),
    ("dilemma", (r"dilemma", r"yderpunkt", r"ytterpunkt", r"ytterlighet")),
    (
        "self_assessment",
        (
            *(r"selvevaluer", r"selvvurder", r"självskatt", r"självvärder", r"self-assess"),
            *(r"(?:hvor|var) står vi", r"självutvärder", r"egenvurder", r"selvtest"),
            r"kommun(?:en|e)? [123][.,]0",
            r"municipality [123][.,]0",
        ),
    ),
    (
        "rating",
        (
            *(r"rating", r"rangering", r"rangordn", r"(?:ti|10|tio) punkt", r"ten points?\b"),
            r"karaktergiv",
            *(r"betygsätt", r"score card", r"scorecard"),
        ),
    ),
    (
        "group_work",
        (r"gruppe?arbe", r"grupparbete", r"group ?work", r"workshop", r"grupp", r"groups?\b"),
    ),
)
# How a description says people work, read when the title names no kind: in department groups,
# or in groups ("i tværgående 6 mands grupper", "i grupper på seks"). First listed wins.
_DESCRIPTION_KIND_WORDS = (
    (
        "commitments",
        (r"(?:forvaltnings|förvaltnings|afdelings|avdelings|avdelnings|sektor)grupp", r"sektorvis"),
    ),
    ("group_work", (r"(?:i|in) (?:\S+ ){0,3}(?:grupp|group)", r"gruppe?arbe", r"grupparbete")),
)


def _kind_patterns(table) -> tuple[tuple[str, re.Pattern], ...]:
    return tuple(
        (kind, re.compile("|".join(rf"(?<!\w)(?:{word})" for word in words)))
        for kind, words in table
    )


_KIND_PATTERNS = _kind_patterns(_KIND_WORDS)
_DESCRIPTION_KIND_PATTERNS = _kind_patterns(_DESCRIPTION_KIND_WORDS)


# Extras an item's words ask for beside its kind (ideas/exercises.py registers them): a plenum
# that ends "Er der spørgsmål fra deltagerne?" takes the room's questions.
_EXTRA_WORDS = (
    (
        "questions",
        (
            *(r"spørgsmål fra (?:deltagerne|salen)", r"spørsmål fra (?:deltakerne|salen)"),
            *(r"frågor från (?:deltagarna|publiken|salen)", r"frågestund med"),
            r"questions from the (?:participants|audience|floor)",
            *(r"spørgsmål til (?:oplægsholder|panelet)", r"spørsmål til (?:panelet|innleder)"),
            *(r"frågor till panelen", r"questions to the panel", r"q&a"),
        ),
    ),
)
_EXTRA_PATTERNS = _kind_patterns(_EXTRA_WORDS)


def guess_extras(title: str, description: str = "") -> tuple[str, ...]:
    """The extras (plenum questions...) an item's title or description asks for."""
    text = " ".join(unicodedata.normalize("NFC", f"{title} {description}").casefold().split())
    return tuple(extra for extra, pattern in _EXTRA_PATTERNS if pattern.search(text))


def guess_kind(title: str, description: str = "") -> str:
    """The kind of item (an AgendaItem.Kind value) its words say, "plenum" if they say none."""
    title = " ".join(unicodedata.normalize("NFC", title).casefold().split())
    found = [
        (match.start(), order, kind)
        for order, (kind, pattern) in enumerate(_KIND_PATTERNS)
        if (match := pattern.search(title))
    ]
    if found:
        return min(found)[2]
    if title.count("?") > 1:  # "Hva er hovedutfordringene ...? Hva kan vi gjøre i fellesskap?"
        return "questions"
    description = " ".join(unicodedata.normalize("NFC", description).casefold().split())
    for kind, pattern in _DESCRIPTION_KIND_PATTERNS:
        if pattern.search(description):
            return kind
    return "plenum"


def parse_programme(text: str) -> list[ParsedDay]:
    """Read a pasted timetable into days of items (see the module docstring for the rules)."""
    reader = _Reader()
    for line in _clean_lines(text):
        for token in _scan_line(line):
            reader.feed(token)
    return [day.finish(reader.year) for day in reader.days]


def parse_programme_json(text: str, *, guesses: bool = False) -> list[dict]:
    """``parse_programme`` as plain dicts, ready for JSON (the preview and the command); with
    ``guesses`` also each day's date and each item's kind and duration note."""
    return [day.as_dict(guesses=guesses) for day in parse_programme(text)]


# -- Lines and tokens --


@dataclass(frozen=True)
class _Heading:
    label: str


@dataclass(frozen=True)
class _Item:
    marker: str  # the time as written ("Kl 8.15:"), or "Kl" for an untimed item
    body: str  # the text after the marker, up to the next marker on the line
    full_split: bool  # split the title at a new sentence too (slide text or long body)


@dataclass(frozen=True)
class _Text:
    text: str  # text with no marker: continues the previous item


def _clean_lines(text: str) -> Iterator[str]:
    """Non-empty lines, tidied, without web debris."""
    for raw in unicodedata.normalize("NFC", text).splitlines():
        line = " ".join(_CONTROL.sub(" ", _INVISIBLE.sub("", raw)).split())
        if line and not _DEBRIS.match(line):
            yield line


def _scan_line(line: str) -> Iterator[_Heading | _Item | _Text]:
    """Split one line into a heading, text continuing the previous item, and items."""
    pos = _after_slide_number(line)
    if heading := _LINE_HEADING.match(line, pos):
        yield _Heading(heading["label"])
        pos = heading.end()
    markers = []
    if lead := _LEAD_MARKER.match(line, pos):
        markers.append(lead)
    markers.extend(_INLINE_MARKER.finditer(line, lead.end() if lead else pos))
    ends = [marker.start() for marker in markers[1:]] + [len(line)]
    if leading_text := line[pos : markers[0].start() if markers else len(line)].strip():
        yield _Text(leading_text)
    items_on_line = sum(1 for marker in markers if marker.lastgroup != "heading")
    for marker, end in zip(markers, ends, strict=False):
        if marker.lastgroup == "heading":
            yield _Heading(marker["label"])
            continue
        body = line[marker.end() : end].strip().lstrip(_SEPARATORS)
        full = items_on_line > 1 or len(body) > TITLE_MAX
        yield _Item(marker.group().strip(), body, full)


def _after_slide_number(line: str) -> int:
    """Where the line's content starts: after a slide number that precedes a heading or time."""
    number = _SLIDE_NUMBER.match(line)
    if number and (
        _LINE_HEADING.match(line, number.end()) or _LEAD_MARKER.match(line, number.end())
    ):
        return number.end()
    return 0


def _clock_minutes(marker: str) -> tuple[int | None, int | None]:
    """Start and (for a range) end of a marker, in minutes after midnight."""
    clocks = [int(hour) * 60 + int(minute or 0) for hour, minute in _CLOCK_PARTS.findall(marker)]
    return (clocks[0] if clocks else None), (clocks[1] if len(clocks) > 1 else None)


# -- Titles --


def _split_title(body: str, *, full: bool) -> tuple[str, str]:
    """Title and description of an item's body (the heuristic is in the module docstring)."""
    body = body.strip().lstrip(_SEPARATORS)
    cut = _first_cut(body[:TITLE_MAX], full=full)
    if cut is not None or len(body) <= TITLE_MAX:
        cut = len(body) if cut is None else cut
        return body[:cut].rstrip(_SEPARATORS), body[cut:].strip()
    title_end, rest_start = _long_title_cut(body, full=full)
    return body[:title_end].rstrip(_SEPARATORS), body[rest_start:].strip()


def _first_cut(window: str, *, full: bool) -> int | None:
    """Where the first sentence of ``window`` ends (or, with ``full``, a new one visibly starts)."""
    cuts = [match.end() for match in [_SENTENCE_END.search(window)] if match]
    if full and (new_sentence := _new_sentence_start(window)) is not None:
        cuts.append(new_sentence)
    return min(cuts) if cuts else None


def _long_title_cut(body: str, *, full: bool) -> tuple[int, int]:
    """Where the title of a body with no cut in its first TITLE_MAX characters ends, and where
    the description starts: after the whole first sentence if it fits TITLE_LIMIT, else at a
    clause boundary; at a word boundary (or TITLE_MAX) only if the text has neither."""
    sentence_end = _first_cut(body[:TITLE_LIMIT], full=full)
    if sentence_end is None and len(body) <= TITLE_LIMIT:
        sentence_end = len(body)
    # A run of characters without a space is no sentence of words: it is cut below.
    if sentence_end is not None and " " in body[:sentence_end].strip():
        return sentence_end, sentence_end
    for limit in (TITLE_MAX, TITLE_LIMIT):
        clauses = [match for match in _CLAUSE_END.finditer(body, 0, limit) if match.start()]
        if clauses:
            return clauses[-1].start(), clauses[-1].end()
    space = body.rfind(" ", 0, TITLE_MAX)
    cut = space if space > 0 else TITLE_MAX
    return cut, cut


def _new_sentence_start(window: str) -> int | None:
    """Offset of the first capitalised word that starts a new sentence, if any."""
    words = list(_WORD.finditer(window))
    in_name = False
    for previous, word in itertools.pairwise(words):
        core = word.group().lstrip(_OPENERS)
        if not _is_capitalised(core):
            in_name = False
            continue
        before = previous.group()
        in_name = (
            in_name
            or before.endswith(":")
            or before in _DASHES
            or _bare(before) in _FUNCTION_WORDS
            or (_bare(core) in _ORGANISATION_NOUNS and _is_capitalised(before))
        )
        if not in_name:
            return word.start()
    return None


def _is_capitalised(word: str) -> bool:
    """A word starting with a capital that is not an acronym or a single letter ("KS", "I")."""
    letters = [char for char in word if char.isalpha()]
    return len(letters) >= 2 and word[0].isupper() and not word.isupper()


def _bare(word: str) -> str:
    return _PUNCTUATION.sub("", word.casefold())


def _normalised(text: str) -> str:
    """Text for comparing titles and descriptions: casefolded, no punctuation, single spaces."""
    return " ".join(_PUNCTUATION.sub(" ", text.casefold()).split())


# -- Building days --


@dataclass(eq=False)
class _Draft:
    """An item while the text is read; restatements merge into it."""

    start: int | None
    end: int | None
    title: str
    raw: str
    order: int
    pass_no: int
    anchor: "_Draft | None"  # the timed item before it in the text (places an untimed item)
    parts: list[list[str]] = field(default_factory=list)  # paragraphs, as lists of sentences
    claimed_in: int = -1  # the last pass whose item was merged into this one
    seen: str = ""  # title and description, normalised, to test whether text is contained

    def __post_init__(self):
        self.seen = _normalised(self.title)

    def describe(self, text: str) -> None:
        """Append a paragraph to the description."""
        self.parts.append(_sentences(text))
        self.seen += " " + _normalised(text)

    def add_new_text(self, text: str) -> None:
        """Append restated text, but no sentence that is contained in the item's text or says
        nearly what its title or a kept sentence says; one that says more replaces the kept one."""
        if _normalised(text) in self.seen:
            return
        new = []
        for sentence in _sentences(text):
            words = _sentence_words(sentence)
            if _normalised(sentence) in self.seen or self._already_says(words):
                continue
            if said_more := self._sentence_said_more_by(words):
                paragraph, index = said_more
                paragraph[index] = sentence
                self.seen += " " + _normalised(sentence)
            else:
                new.append(sentence)
        if new:
            self.describe(" ".join(new))

    def _already_says(self, words: "_Words") -> bool:
        kept = [_sentence_words(self.title)]
        kept += [_sentence_words(sentence) for paragraph in self.parts for sentence in paragraph]
        return any(_says_nearly(words, sentence) for sentence in kept)

    def _sentence_said_more_by(self, words: "_Words") -> tuple[list[str], int] | None:
        """The paragraph and index of a kept sentence that ``words`` say and more, if any."""
        for paragraph in self.parts:
            for index, sentence in enumerate(paragraph):
                kept = _sentence_words(sentence)
                if len(words.words) > len(kept.words) and _says_nearly(kept, words):
                    return paragraph, index
        return None

    def continue_with(self, text: str) -> None:
        """A continuation line: the title if there is none yet, else more description."""
        if self.title:
            self.describe(text)
            return
        self.title, rest = _split_title(text, full=len(text) > TITLE_MAX)
        self.seen = f"{_normalised(self.title)} {self.seen}"
        if rest:
            self.describe(rest)

    def sort_key(self) -> tuple[int, int, int]:
        if self.start is not None:
            return (self.start, 0, self.order)
        anchor_start = self.anchor.start if self.anchor and self.anchor.start is not None else -1
        return (anchor_start, 1, self.order)

    def as_item(self, later: int | None, untimed_between: bool) -> ParsedItem:
        """The finished item; ``later`` is the next later start in the day and
        ``untimed_between`` whether an item without a time comes before it."""
        title = self.title or self.raw.rstrip(_SEPARATORS) or self.raw
        description = "\n".join(" ".join(paragraph) for paragraph in self.parts)
        kind = guess_kind(title, description)
        extras = guess_extras(title, description)
        if kind == "questions" and "questions" in extras:
            kind = "plenum"  # the room asks the stage, not a question round at the tables
        duration, note = None, ""
        if self.start is not None and self.end is not None:
            duration = self.end - self.start if self.end >= self.start else None
        elif self.start is None or later is None:
            pass
        elif untimed_between:
            note = UNTIMED_AFTER
        elif kind == "break" and later - self.start > BREAK_GUESS_MAX:
            note = BREAK_GAP
        elif later - self.start > GUESS_MAX:
            note = LONG_GAP
        else:
            duration, note = later - self.start, NEXT_START
        return ParsedItem(
            start=_time(self.start),
            duration=duration,
            title=title,
            description=description,
            flagged=self.start is None,
            kind=kind,
            extras=extras,
            duration_note=note,
            next_start=_time(later) if note else None,
        )


def _time(minutes: int | None) -> datetime.time | None:
    return None if minutes is None else datetime.time(*divmod(minutes, 60))


def _sentences(text: str) -> list[str]:
    """The sentences of a paragraph (joined with a space they give it back)."""
    sentences, start = [], 0
    for match in _SENTENCE_END.finditer(text):
        if sentence := text[start : match.end()].strip():
            sentences.append(sentence)
        start = match.end()
    if rest := text[start:].strip():
        sentences.append(rest)
    return sentences


@dataclass(frozen=True)
class _Words:
    """A sentence's words, and their stems for comparing them with endings aside."""

    words: tuple[str, ...]
    stems: frozenset[str]


@functools.lru_cache(maxsize=4096)
def _sentence_words(sentence: str) -> _Words:
    words = tuple(_normalised(sentence).split())
    return _Words(words, frozenset(stem for word in words for stem in _stems(word)))


def _stems(word: str) -> set[str]:
    """A word, and without its last one or two letters if four remain, so that inflected forms
    meet ("præsenterer" and "præsenteres", "vision" and "visionen")."""
    return {word, *(word[:-cut] for cut in (1, 2) if len(word) - cut >= 4)}


def _says_nearly(sentence: _Words, other: _Words) -> bool:
    """Whether four in five words of ``sentence`` (of three or more) are words of ``other``."""
    if len(sentence.words) < 3:
        return False
    found = sum(1 for word in sentence.words if not _stems(word).isdisjoint(other.stems))
    return found * 5 >= len(sentence.words) * 4


class _DayDraft:
    """A day while the text is read: its items, passes and the indexes to find restatements."""

    def __init__(self, label: str, weekday: int | None):
        self.label = label
        self.weekday = weekday
        self.date: tuple[int, int, int | None] | None = None  # from the first heading with one
        self.drafts: list[_Draft] = []
        self.pass_no = 0
        self.last_start: int | None = None
        self.last_timed: _Draft | None = None
        self._index: dict[tuple, list[_Draft]] = {}

    def add(
        self, start: int | None, end: int | None, body: str, *, full: bool, raw: str
    ) -> tuple[_Draft, bool]:
        """Add an item; returns the draft that holds it and whether it merged into another."""
        if start is not None:
            if self.last_start is not None and start < self.last_start:
                self.pass_no += 1
            self.last_start = start
        title, description = _split_title(body, full=full)
        new = _Draft(start, end, title, raw, len(self.drafts), self.pass_no, self.last_timed)
        if description:
            new.describe(description)
        target = self._restated(new)
        if target:
            self._merge(target, new)
        else:
            target = new
            self.drafts.append(new)
            self.index(new)
        if target.start is not None:
            self.last_timed = target
        return target, target is not new

    def index(self, draft: _Draft) -> None:
        """Make a draft findable by title, by start, and by both."""
        title = _normalised(draft.title)
        keys = [("start", draft.start)]
        if title:
            keys += [("title", title), ("both", title, draft.start)]
        for key in keys:
            self._index.setdefault(key, []).append(draft)

    def _restated(self, new: _Draft) -> _Draft | None:
        """The earlier item that ``new`` states again (see "Restatements"), if any."""
        title = _normalised(new.title)
        same_item = (
            draft
            for draft in self._index.get(("both", title, new.start), ())
            if draft.start == new.start
        )
        if title and (draft := next(same_item, None)):
            return draft
        keys = [("title", title)] if title else []
        if new.start is not None:
            keys.append(("start", new.start))
        for key in keys:
            for draft in self._index.get(key, ()):
                if (
                    draft.pass_no < self.pass_no
                    and draft.claimed_in != self.pass_no
                    and (key[0] == "title" or draft.start == new.start)
                ):
                    return draft
        return None

    def _merge(self, target: _Draft, new: _Draft) -> None:
        if new.start is not None and new.start != target.start:
            target.start, target.end = new.start, new.end
            self.index(target)
        elif target.end is None:
            target.end = new.end
        if _normalised(new.title) != _normalised(target.title):
            target.add_new_text(new.title)
        for paragraph in new.parts:
            target.add_new_text(" ".join(paragraph))
        target.claimed_in = self.pass_no

    def finish(self, year: int | None) -> ParsedDay:
        """The finished day; ``year`` is the timetable's, for a date whose heading has none."""
        ordered = sorted(self.drafts, key=_Draft.sort_key)
        nexts = _next_later_starts([draft.start for draft in ordered])
        items = (draft.as_item(*after) for draft, after in zip(ordered, nexts, strict=True))
        day, month, own_year = self.date or (None, None, None)
        return ParsedDay(
            self.label,
            self.weekday,
            tuple(items),
            day_of_month=day,
            month=month,
            year=(own_year or year) if month else None,
        )


def _next_later_starts(starts: list[int | None]) -> list[tuple[int | None, bool]]:
    """For each start (timed starts ascending, untimed ones among them), the first later start
    greater than it, and whether an untimed item comes before that one."""
    result: list[tuple[int | None, bool]] = []
    nearest = None  # the start of the nearest timed item after this one
    nearest_after = (None, False)  # that item's own result
    untimed = False  # whether an untimed item lies between this one and the nearest
    for start in reversed(starts):
        if start is None:
            result.append((None, False))
            untimed = True
            continue
        if nearest is None or start < nearest:
            after = (nearest, untimed)
        else:  # a parallel item: the same later start, past its neighbour too
            after = (nearest_after[0], untimed or nearest_after[1])
        result.append(after)
        nearest, nearest_after, untimed = start, after, False
    return result[::-1]


class _Reader:
    """Feeds tokens into days: finds or opens the day, adds items, routes continuation text."""

    def __init__(self):
        self.days: list[_DayDraft] = []
        self._days_by_key: dict[object, _DayDraft] = {}
        self._day: _DayDraft | None = None
        self._current: _Draft | None = None  # the item continuation text belongs to
        self._current_merged = False  # whether that item is a restatement merged into another
        self.year: int | None = None  # the first year a heading or the title page names

    def feed(self, token: _Heading | _Item | _Text) -> None:
        match token:
            case _Heading(label):
                self._day = self._open_day(label)
                self._current = None
            case _Item(marker, body, full):
                start, end = _clock_minutes(marker)
                self._day = self._day or self._open_day("")
                self._current, self._current_merged = self._day.add(
                    start, end, body, full=full, raw=marker
                )
            case _Text(text):
                self._continue(text)

    def _continue(self, text: str) -> None:
        if self._current is None:
            if self._day is not None:  # text under a heading before any item: keep it, flagged
                self._current, self._current_merged = self._day.add(
                    None, None, text, full=len(text) > TITLE_MAX, raw=text
                )
            # Text before the programme starts (a title page) is ignored but for its year.
            self._note_year(text)
            return
        if self._current_merged:
            self._current.add_new_text(text)
        else:
            had_title = bool(self._current.title)
            self._current.continue_with(text)
            if not had_title:  # now findable by its title too
                self._day.index(self._current)

    def _open_day(self, label: str) -> _DayDraft:
        weekday_name = _WEEKDAY_IN_LABEL.search(label)
        weekday = _WEEKDAY_BY_NAME[weekday_name.group().casefold()] if weekday_name else None
        key = weekday if weekday is not None else _normalised(label)
        if key not in self._days_by_key:
            day = _DayDraft(label, weekday)
            self._days_by_key[key] = day
            self.days.append(day)
        day = self._days_by_key[key]
        day.date = day.date or label_date(label)
        self._note_year(label)
        return day

    def _note_year(self, text: str) -> None:
        if self.year is None and (year := _YEAR.search(text)):
            self.year = int(year.group())
