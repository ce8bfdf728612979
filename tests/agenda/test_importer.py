"""The timetable importer: the Varde seed, Norwegian and Swedish timetables, the time and
heading grammar, the title heuristic, restatements, and properties over arbitrary text.

The importer is pure Python: these tests need no database, and also run without Django:
``pytest -p no:django --noconftest -W ignore::pytest.PytestConfigWarning <this file>``
"""

import datetime
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from agenda.importer import (
    BREAK_GUESS_MAX,
    GUESS_MAX,
    TITLE_LIMIT,
    TITLE_MAX,
    ParsedDay,
    guess_kind,
    parse_programme,
    parse_programme_json,
)

FIXTURES = Path(__file__).parent / "fixtures"
EN_DASH = "\u2013"
EM_DASH = "\u2014"


def fixture(name: str) -> str:
    return (FIXTURES / name).read_text(encoding="utf-8")


def hm(item) -> str | None:
    return None if item.start is None else f"{item.start:%H:%M}"


def timed(day: ParsedDay) -> dict[str, object]:
    """The day's timed items by "HH:MM" (asserting each start occurs once)."""
    starts = [hm(item) for item in day.items if item.start is not None]
    assert len(starts) == len(set(starts)), starts
    return {hm(item): item for item in day.items if item.start is not None}


def only_day(text: str) -> ParsedDay:
    days = parse_programme(text)
    assert len(days) == 1, days
    return days[0]


# -- The Varde Kommune seed (Danish, 2014): one slide per line, Thursday stated twice --


@pytest.fixture(scope="module")
def seed() -> list[ParsedDay]:
    return parse_programme(fixture("varde_2014_seed.txt"))


def test_seed_has_thursday_then_friday(seed):
    assert [(day.label, day.weekday) for day in seed] == [
        ("Torsdag d. 30. oktober", 3),
        ("Fredag", 4),
    ]


def test_seed_thursday_has_every_programme_item_once(seed):
    items = timed(seed[0])
    expected = {
        "08:00": "Kaffe",
        "08:15": "Velkommen",
        "08:30": "Visionen ifølge kommunal direktør og borgermester",
        "09:00": "Hvad synes I?",
        "09:30": f"Brainstorm {EN_DASH} hvordan kan vi levendegøre visionen?",
        "10:15": "Fernisering af gode ideer",
        "10:45": "Pause",
        "11:00": f"Op på ølkassen {EN_DASH} speakerscorner og handlingsplaner",
        "12:00": "Frokost",
        "13:00": "Varde Kommune på vej til en samskabende kommune - borgerperspektiver",
        "13:30": "Plenum tilbagemelding af interviews",
        "13:45": "Ledelse af samskabelse",
        "14:15": "Samskabelse i Varde Kommune - gåtur",
        "15:30": "Fra læring i egen organisation til konkrete samskabelses mål i 2017",
        "16:15": "Kort pause",
        "17:30": "Mål for samskabelse i 2017",
        "18:00": "Tak for i dag",
        "19:00": "Aftensmad",
        "20:30": "Aftens arrangement: en overraskelse",
    }
    assert {start: item.title for start, item in items.items()} == expected
    titles = [item.title for item in seed[0].items]
    assert titles.count("Tak for i dag") == 1
    assert titles.count("Aftensmad") == 1


def test_seed_thursday_durations(seed):
    durations = {start: item.duration for start, item in timed(seed[0]).items()}
    assert durations["08:00"] == 15
    assert durations["08:15"] == 15
    assert durations["09:30"] == 45
    assert durations["10:15"] == 30
    assert durations["14:15"] == 75
    assert durations["20:30"] is None


def test_seed_timeless_kl_line_is_a_flagged_item_in_its_place(seed):
    items = seed[0].items
    flagged = [item for item in items if item.flagged]
    assert [item.title for item in flagged] == [
        "Fællles mål med samskabelse i Varde kommune: Hvad skal vi lykkes med i 2017?"
    ]
    position = items.index(flagged[0])
    assert (hm(items[position - 1]), hm(items[position + 1])) == ("16:15", "17:30")
    assert flagged[0].start is None and flagged[0].duration is None


def test_seed_friday(seed):
    friday = seed[1]
    assert [(hm(item), item.duration, item.title) for item in friday.items] == [
        ("08:30", 10, "God morgen"),
        ("08:40", 80, "Hvad er der på spil i en samskabende kommune?"),
        ("10:00", 15, "Pause"),
        ("10:15", 60, "Fra helhed til egen enhed"),
        ("11:15", 45, "Hvad kommunikerer vi når vi kommer hjem?"),
        ("12:00", None, "Slut"),
    ]
    assert not any(item.flagged for item in friday.items)


def test_seed_descriptions_hold_the_text_after_the_heading(seed):
    items = timed(seed[0])
    assert items["08:15"].description.startswith("Mogens byder velkommen til seminaret")
    assert items["08:30"].description.startswith("Kenneth interviewer Mogens og Erik")
    assert items["09:30"].description.startswith("Hvert bord arbejder med at finde gode ideer")
    # "Kort pause" without a time stays in the running text.
    assert "Kort pause Den afsluttende opgave" in items["15:30"].description
    assert items["10:45"].description == ""


def test_seed_restatement_keeps_the_participant_version_text(seed):
    items = timed(seed[0])
    # Same start, other title: the first title stays, the restated one joins the description.
    assert "Hvad tænker I?" in items["09:00"].description
    assert "sådan ser visionen ud i mine hænder" in items["11:00"].description
    assert "Bearbejdning af interviews" in items["13:00"].description
    # Same text restated is not repeated.
    walk = items["14:15"].description
    assert walk.count("Vi går en tur til Flygtningemuseet") == 1
    # Every title of the participant version is somewhere in Thursday.
    thursday_text = " ".join(f"{item.title} {item.description}" for item in seed[0].items)
    for title in (
        "Velkommen",
        "Hvad tænker I?",
        f"Op på ølkassen {EN_DASH} sådan ser visionen ud i mine hænder",
        "Kort pause",
        "Tak for i dag",
        "Aftensmad",
    ):
        assert title in thursday_text


def test_seed_restated_title_takes_the_later_time(seed):
    starts = {item.title: hm(item) for item in seed[0].items}
    assert starts["Tak for i dag"] == "18:00"
    assert starts["Aftensmad"] == "19:00"
    assert timed(seed[0])["17:30"].duration == 30


def test_seed_has_no_web_debris_or_slide_numbers(seed):
    text = json.dumps([day.as_dict() for day in seed], ensure_ascii=False)
    for debris in (
        "Præsentation er lastning",
        "Download ppt",
        "Annoncer fra Google",
        "Lignende præsentationer",
        "Præsentationer af emnet",
        "Lederseminar 2014",
    ):
        assert debris not in text
    assert not any(day.label[0].isdigit() for day in seed)


def test_seed_json_matches_the_dataclasses(seed):
    data = parse_programme_json(fixture("varde_2014_seed.txt"))
    assert data == [day.as_dict() for day in seed]
    assert data[1]["items"][0] == {
        "start": "08:30",
        "duration": 10,
        "title": "God morgen",
        "description": "",
        "flagged": False,
    }
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data


# -- Norwegian and Swedish timetables: one item per line --


def test_norwegian_timetable():
    days = parse_programme(fixture("norwegian_ks_2013.txt"))
    assert [(day.label, day.weekday) for day in days] == [
        ("Tirsdag 14. mai", 1),
        ("Onsdag 15. mai", 2),
    ]
    tuesday, wednesday = days
    assert [(hm(item), item.duration, item.title) for item in tuesday.items] == [
        ("09:00", 75, "Velkommen og innledning"),
        ("10:15", 15, "Pause"),
        ("10:30", 90, "Gruppearbeid: Hva er hovedutfordringene?"),
        ("12:00", 60, "Lunsj"),
        ("13:00", 90, "Plenum: Hva kan vi gjøre i fellesskap?"),
        ("14:30", 30, "Oppsummering og veien videre"),
    ]
    assert tuesday.items[0].description == (
        "Rådmannen ønsker velkommen. KS presenterer lederpolicyen."
    )
    assert tuesday.items[2].description == (
        "Diskusjon i grupper på seks.\nHver gruppe noterer de tre viktigste utfordringene."
    )
    assert [(hm(item), item.duration, item.title) for item in wednesday.items] == [
        ("08:30", 30, "Kaffe"),
        ("09:00", 60, "Foredrag: God ledelse i kommunene"),
        ("10:00", 15, "Pause"),
        ("10:15", 90, f"Ti punkter for god ledelse {EN_DASH} hvor står vi?"),
        ("11:45", None, "Avslutning"),
    ]
    # A time inside a sentence and an impossible time are not items: they stay description.
    assert wednesday.items[3].description == (
        "Hver leder vurderer egen enhet, vi møtes kl. 11.30 i storsalen.\n"
        "klo 25.00 Dette er ikke et tidspunkt"
    )


def test_swedish_timetable():
    days = parse_programme(fixture("swedish_host_2012.txt"))
    assert [(day.label, day.weekday) for day in days] == [
        ("Måndag 8 oktober", 0),
        ("Tisdag förmiddag", 1),
    ]
    monday, tuesday = days
    assert [(hm(item), item.duration, item.title) for item in monday.items] == [
        ("09:30", 30, "Kaffe och registrering"),
        ("10:00", 30, "Välkommen"),
        ("10:30", 90, "Vad är god ledning?"),
        ("12:00", 60, "Lunch"),
        ("13:00", 90, "Workshop: Det viktigaste jag gör när jag kommer hem"),
        ("15:00", None, "Avslutning dag 1"),
    ]
    assert monday.items[1].description == "Kommundirektören inleder konferensen."
    assert monday.items[2].description == "Samtal i grupper om egna erfarenheter."
    # "Tisdag förmiddag" and "Tisdag eftermiddag" are one day.
    assert [(hm(item), item.duration, item.title) for item in tuesday.items] == [
        ("08:30", 45, "Sammanfattning av gårdagen"),
        ("09:15", 45, "Paneldebatt"),
        ("13:00", 60, "Handlingslista: det första jag vill göra"),
        ("14:00", None, "Slut"),
    ]
    assert tuesday.items[2].description == "Varje deltagare skriver sin egen lista."


# -- Times --


@pytest.mark.parametrize(
    ("line", "start", "duration"),
    [
        ("Kl 8: Kaffe", "08:00", None),
        ("Kl 8.15: Kaffe", "08:15", None),
        ("Kl 13.00: Kaffe", "13:00", None),
        ("Kl 08.15: Kaffe", "08:15", None),
        ("Kl. 08.15 Kaffe", "08:15", None),
        ("kl 9 Kaffe", "09:00", None),
        ("klo 9.30 Kaffe", "09:30", None),
        ("klokken 9 Kaffe", "09:00", None),
        (f"kl. 09.00{EN_DASH}10.15 Kaffe", "09:00", 75),
        (f"kl. 09.00 {EM_DASH} 10.15 Kaffe", "09:00", 75),
        ("09:30 - 10:00 Kaffe", "09:30", 30),
        ("09:30-10:00: Kaffe", "09:30", 30),
        ("kl. 9 - kl. 11 Kaffe", "09:00", 120),
        ("13.00 Kaffe", "13:00", None),
        ("13:00 Kaffe", "13:00", None),
        ("0:05 Kaffe", "00:05", None),
        ("23.59 Kaffe", "23:59", None),
        (f"10:00 {EN_DASH} Kaffe", "10:00", None),
        ("- 10:00 Kaffe", "10:00", None),
        ("\u2022 10:00 Kaffe", "10:00", None),
        ("Kl 10.30-10.00 Kaffe", "10:30", None),  # an inverted range gives no duration
    ],
)
def test_time_forms(line, start, duration):
    (item,) = only_day(line).items
    assert (hm(item), item.duration, item.title, item.flagged) == (start, duration, "Kaffe", False)


@pytest.mark.parametrize(
    "line",
    ["25.00 Kaffe", "24:00 Kaffe", "9.75 Kaffe", "Kl 8.60 Kaffe", "930 Kaffe", "9 Kaffe"],
)
def test_impossible_or_bare_numbers_are_not_times(line):
    assert parse_programme(line) == []
    (item,) = only_day(f"Fredag\n{line}").items
    assert item.flagged and item.title == line


def test_times_inside_a_line_need_a_capital_kl_or_a_colon():
    day = only_day("Fredag Kl 9: Kaffe vi mødes kl. 10.00 ved bussen 11.00 og spiser 12:00: Slut")
    assert [(hm(item), item.title) for item in day.items] == [
        ("09:00", "Kaffe vi mødes kl. 10.00 ved bussen 11.00 og spiser"),
        ("12:00", "Slut"),
    ]


def test_text_with_times_but_no_heading_is_one_unlabelled_day():
    day = only_day("Seminar for ledere\n09:00 Kaffe\n10:00 Oplæg\n11:00 Frokost")
    assert (day.label, day.weekday) == ("", None)
    assert [(hm(item), item.duration) for item in day.items] == [
        ("09:00", 60),
        ("10:00", 60),
        ("11:00", None),
    ]


def test_an_item_without_text_is_titled_by_its_time_or_by_the_next_line():
    assert only_day("Kl 8:").items[0].title == "Kl 8"
    (item,) = only_day("09:00\nKaffe og rundstykker\nI foyeren").items
    assert (item.title, item.description) == ("Kaffe og rundstykker", "I foyeren")


# -- Day headings --


@pytest.mark.parametrize(
    ("heading", "weekday"),
    [
        ("Torsdag d. 30. oktober", 3),
        ("Torsdag formiddag", 3),
        ("Fredag 31/10", 4),
        ("tisdag 14 maj", 1),
        ("fredag förmiddag", 4),
        ("Onsdag ettermiddag", 2),
        ("MANDAG", 0),
        ("Lørdag 2. november 2014", 5),
        ("lördag", 5),
        ("Søndag", 6),
        ("söndag kväll", 6),
        ("Thursday, 30 October", 3),
        ("Onsdag 15.05.2024", 2),
        ("Torsdag (fortsat)", 3),
        ("Fredag (halv dag)", 4),
        ("Dag 1", None),
        ("Day 2", None),
        (f"Dag 2 {EN_DASH} fredag", 4),
    ],
)
def test_headings(heading, weekday):
    day = only_day(f"{heading}\n09:00 Kaffe")
    assert (day.label, day.weekday, len(day.items)) == (heading, weekday, 1)


def test_heading_on_the_same_line_as_the_first_item():
    day = only_day("2 Torsdag d. 30. oktober Kl 8: Kaffe Kl 8.15: Velkommen")
    assert (day.label, [item.title for item in day.items]) == (
        "Torsdag d. 30. oktober",
        ["Kaffe", "Velkommen"],
    )


def test_headings_of_one_weekday_are_one_day_with_the_first_label():
    days = parse_programme(
        "Torsdag formiddag\n09:00 A\nFredag\n09:00 B\nTorsdag eftermiddag\n13:00 C\n"
        "Dag 1\n09:00 D\nDag 2\n09:00 E\ndag 1\n10:00 F"
    )
    assert [(day.label, day.weekday, [item.title for item in day.items]) for day in days] == [
        ("Torsdag formiddag", 3, ["A", "C"]),
        ("Fredag", 4, ["B"]),
        ("Dag 1", None, ["D", "F"]),
        ("Dag 2", None, ["E"]),
    ]


def test_weekday_words_in_running_text_are_not_headings():
    day = only_day(
        "Fredag Kl 11.15: Hjem Hvad gør hver leder når han kommer på kontor på mandag? "
        "Mandag er en travl dag. Kl 12: Slut\nTorsdag er der fri"
    )
    assert day.label == "Fredag"
    assert [item.title for item in day.items] == ["Hjem", "Slut"]
    assert "på mandag? Mandag er en travl dag." in day.items[0].description
    assert day.items[1].description == "Torsdag er der fri"


def test_text_under_a_heading_before_any_item_is_a_flagged_item():
    day = only_day("Tirsdag 14. mai\nSted: Rådhuset, sal 2\n09:00 Kaffe")
    assert [(hm(item), item.title, item.flagged) for item in day.items] == [
        (None, "Sted: Rådhuset, sal 2", True),
        ("09:00", "Kaffe", False),
    ]


def test_text_before_the_programme_and_web_debris_are_ignored():
    text = (
        "Præsentation er lastning. Vent venligst\nLederseminar 2014\n"
        "1 Lederseminar 2014 Varde Kommune\nFredag\nKl 9: Kaffe\nKl 12: Slut\n\n"
        'Download ppt "Lederseminar 2014 Varde Kommune"\nLignende præsentationer\n'
        "Annoncer fra Google"
    )
    day = only_day(text)
    assert [(item.title, item.description) for item in day.items] == [
        ("Kaffe", ""),
        ("Slut", ""),
    ]


# -- Titles --


@pytest.mark.parametrize(
    ("body", "title", "description"),
    [
        ("Velkommen Mogens byder velkommen.", "Velkommen", "Mogens byder velkommen."),
        (
            "Hvad synes I? Deltagerne arbejder i grupper.",
            "Hvad synes I?",
            "Deltagerne arbejder i grupper.",
        ),
        (
            "Samskabelse i Varde Kommune - gåtur Vi går en tur.",
            "Samskabelse i Varde Kommune - gåtur",
            "Vi går en tur.",
        ),
        (
            "Varde Kommune på vej - borgerperspektiver Mogens introducerer ideen.",
            "Varde Kommune på vej - borgerperspektiver",
            "Mogens introducerer ideen.",
        ),
        ("Oplæg fra KS om ledelse", "Oplæg fra KS om ledelse", ""),
        ("Gruppearbejde: Hvad gør vi nu?", "Gruppearbejde: Hvad gør vi nu?", ""),
        ("Kaffe, f.eks. med kage", "Kaffe, f.eks. med kage", ""),
        ("Pause.", "Pause.", ""),
    ],
)
def test_titles_on_slide_lines(body, title, description):
    day = only_day(f"Fredag Kl 8: Kaffe Kl 9: {body} Kl 10: Slut")
    item = day.items[1]
    assert (item.title, item.description) == (title, description)


def test_a_single_item_line_keeps_its_whole_text_as_title():
    (item,) = only_day("09:00 Workshop Digitalisering i praksis").items
    assert (item.title, item.description) == ("Workshop Digitalisering i praksis", "")


def test_long_titles_are_capped_at_a_word_boundary():
    words = " ".join(["samskabelse"] * 20)
    (item,) = only_day(f"09:00 {words}").items
    assert len(item.title) <= TITLE_MAX
    assert f"{item.title} {item.description}" == words
    (item,) = only_day("09:00 " + "x" * 200).items
    assert (item.title, item.description) == ("x" * TITLE_MAX, "x" * 120)


# -- Restatements and order --


def test_parallel_items_of_one_pass_stay_separate():
    day = only_day("09:00 Workshop A\n09:00 Workshop B\n10:30 Frokost")
    assert [(hm(item), item.duration, item.title) for item in day.items] == [
        ("09:00", 90, "Workshop A"),
        ("09:00", 90, "Workshop B"),
        ("10:30", None, "Frokost"),
    ]


def test_a_verbatim_repeat_is_one_item():
    day = only_day("09:00 Kaffe\nmed kage\n09:00 Kaffe\nmed kage")
    assert [(item.title, item.description) for item in day.items] == [("Kaffe", "med kage")]


def test_restatement_merges_by_title_then_by_start():
    day = only_day(
        "Torsdag\n09:00 Velkommen\n10:00 Pause\n11:00 Gruppearbejde\n15:00 Pause\n"
        "Torsdag (deltagerversion)\n09:00 Goddag\n10:00 Pause\n11:30 Gruppearbejde\nny tekst\n"
        "15:15 Pause"
    )
    assert [(hm(item), item.title, item.description) for item in day.items] == [
        ("09:00", "Velkommen", "Goddag"),
        ("10:00", "Pause", ""),
        ("11:30", "Gruppearbejde", "ny tekst"),
        ("15:15", "Pause", ""),
    ]


def test_items_are_sorted_and_flagged_items_keep_their_neighbour():
    day = only_day("Fredag\n10:00 B\nKl Ukendt tidspunkt\n09:00 A\n11:00 C")
    assert [(hm(item), item.title) for item in day.items] == [
        ("09:00", "A"),
        ("10:00", "B"),
        (None, "Ukendt tidspunkt"),
        ("11:00", "C"),
    ]


# -- Properties --

WEEKDAY_NAMES = (
    ("mandag", "måndag", "monday"),
    ("tirsdag", "tisdag", "tuesday"),
    ("onsdag", "wednesday"),
    ("torsdag", "thursday"),
    ("fredag", "friday"),
    ("lørdag", "lördag", "saturday"),
    ("søndag", "söndag", "sunday"),
)
QUALIFIERS = ("", " d. 30. oktober", " 31/10", " 14 maj", " formiddag", " förmiddag", " 2014")
# Words for generated titles and descriptions: no times, weekdays, "kl" or "dag".
WORDS = (
    *("kaffe", "pause", "frokost", "lunsj", "oplæg", "gruppearbejde", "refleksion", "visionen"),
    *("samskabelse", "borgere", "ledelse", "plenum", "workshop", "mål", "velkommen"),
    *("opsamling", "æøå", "ÆØÅ", "äö"),
)
PIECES = st.one_of(
    st.sampled_from([name for names in WEEKDAY_NAMES for name in names]).map(str.title),
    st.sampled_from([name for names in WEEKDAY_NAMES for name in names]).map(str.upper),
    st.sampled_from(QUALIFIERS),
    st.sampled_from(["Dag 1", "Day 2", "dag 3"]),
    st.builds(
        "{}{}{}{:02d}{}".format,
        st.sampled_from(["Kl ", "kl. ", "klo ", "KL ", "", "Kl", "kl "]),
        st.integers(0, 30),
        st.sampled_from([".", ":", ""]),
        st.integers(0, 80),
        st.sampled_from(["", ":", " ", f"{EN_DASH}11.00 ", " - 10:15", f"{EM_DASH}", "."]),
    ),
    st.sampled_from(["Kl ", "Kl Fællles", "kl.", "Kort pause", "?", ".", "!", ":", "-"]),
    st.sampled_from(["Præsentation er lastning. Vent venligst", "Download ppt", "2 "]),
    st.sampled_from(WORDS),
    st.text(max_size=12),
    st.text(alphabet=st.characters(codec="utf-8"), max_size=6),
    st.sampled_from(["\x00", "\x1c", "\u2028", "\u200b", "\ufeff", "\t", "\r", "\x85"]),
)
SEPARATORS = st.sampled_from([" ", " ", "\n", "\r\n", "  ", "\t", ""])


@st.composite
def grammar_text(draw) -> str:
    pieces = draw(st.lists(st.tuples(PIECES, SEPARATORS), max_size=60))
    return "".join(piece + separator for piece, separator in pieces)


def assert_invariants(days: list[ParsedDay]) -> None:
    keys = []
    for day in days:
        keys.append(day.weekday if day.weekday is not None else day.label.casefold())
        starts = [item.start for item in day.items if item.start is not None]
        assert starts == sorted(starts)
        for item in day.items:
            assert item.title.strip() == item.title and item.title, item
            assert len(item.title) <= TITLE_LIMIT
            assert "\n" not in item.title
            assert item.duration is None or item.duration >= 0
            assert item.flagged == (item.start is None)
            assert item.start is not None or item.duration is None
            text = item.title + item.description
            assert not any(ord(char) < 32 and char != "\n" for char in text)
    assert len(keys) == len(set(keys)), keys


def assert_stable(text: str) -> None:
    """Parsing is deterministic and the JSON preview is stable through JSON."""
    first = parse_programme_json(text)
    second = parse_programme_json(text)
    assert first == second
    assert json.loads(json.dumps(first, ensure_ascii=False)) == first
    assert first == [day.as_dict() for day in parse_programme(text)]


PROPERTY_SETTINGS = settings(
    max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(st.text())
def test_arbitrary_text_never_crashes(text):
    assert_invariants(parse_programme(text))
    assert_stable(text)


@PROPERTY_SETTINGS
@given(grammar_text())
def test_text_from_grammar_pieces_keeps_the_invariants(text):
    assert_invariants(parse_programme(text))
    assert_stable(text)


@settings(max_examples=20, deadline=None)
@given(grammar_text(), st.integers(200, 2000))
def test_very_long_lines(text, repeat):
    line = (text.replace("\n", " ") + " ") * repeat
    assert_invariants(parse_programme(line[:200_000]))


@st.composite
def programmes(draw):
    """A programme (days of timed items) and its rendering as one-item-per-line text."""
    weekdays = draw(st.lists(st.integers(0, 6), min_size=1, max_size=4, unique=True))
    expected, lines = [], []
    for weekday in weekdays:
        name = draw(st.sampled_from(WEEKDAY_NAMES[weekday]))
        label = draw(st.sampled_from([name, name.title(), name.upper()]))
        label += draw(st.sampled_from(QUALIFIERS))
        lines.append(label)
        starts = sorted(
            draw(st.lists(st.integers(0, 23 * 60 + 59), min_size=1, max_size=8, unique=True))
        )
        items = []
        for position, start in enumerate(starts):
            title = " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=5)))
            title = title[0].upper() + title[1:]
            length = draw(st.none() | st.integers(0, 23 * 60 + 59 - start))
            description = draw(st.lists(st.sampled_from(WORDS), max_size=4).map(" ".join))
            lines.append(render_time(draw, start, length) + title)
            if description:
                lines.append(description)
            following = starts[position + 1] - start if position + 1 < len(starts) else None
            duration = length if length is not None else guessed(following, title, description)
            items.append((f"{start // 60:02d}:{start % 60:02d}", duration, title, description))
        expected.append((label, weekday, items))
    return expected, "\n".join(lines)


def guessed(gap: int | None, title: str, description: str) -> int | None:
    """An item without an end runs to the next start, but a break for 30 minutes at most and
    any item for two hours at most: a longer gap is left open."""
    limit = BREAK_GUESS_MAX if guess_kind(title, description) == "break" else GUESS_MAX
    return gap if gap is not None and gap <= limit else None


def render_time(draw, start: int, length: int | None) -> str:
    hour, minute = divmod(start, 60)
    prefix = draw(st.sampled_from(["", "Kl ", "kl. ", "klo "]))
    dot = draw(st.sampled_from([".", ":"]))
    clock = f"{hour:02d}{dot}{minute:02d}"
    if prefix and minute == 0 and draw(st.booleans()):
        clock = str(hour)
    if length is not None:
        end_hour, end_minute = divmod(start + length, 60)
        dash = draw(st.sampled_from(["-", " - ", EN_DASH, f" {EM_DASH} "]))
        clock += f"{dash}{end_hour:02d}{dot}{end_minute:02d}"
    return prefix + clock + draw(st.sampled_from([" ", ": ", " - "]))


def summary(days: list[ParsedDay]):
    return [
        (
            day.label,
            day.weekday,
            [(hm(item), item.duration, item.title, item.description) for item in day.items],
        )
        for day in days
    ]


@settings(max_examples=100, deadline=None)
@given(programmes())
def test_rendered_programmes_parse_back(programme):
    expected, text = programme
    assert summary(parse_programme(text)) == expected


@settings(max_examples=50, deadline=None)
@given(programmes())
def test_a_programme_stated_twice_is_imported_once(programme):
    expected, text = programme
    assert summary(parse_programme(f"{text}\n{text}")) == expected


def test_empty_text_gives_no_days():
    assert parse_programme("") == []
    assert parse_programme_json(" \n\t\n") == []


def test_items_carry_times_and_dicts_carry_strings():
    (item,) = only_day("kl. 09.00-10.15 Velkommen").items
    assert item.start == datetime.time(9, 0)
    assert item.as_dict() == {
        "start": "09:00",
        "duration": 75,
        "title": "Velkommen",
        "description": "",
        "flagged": False,
    }
