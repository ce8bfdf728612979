"""The importer on real timetables: gaps it must not fill, titles it must not cut inside a
sentence, restated descriptions it must not repeat, the kinds it guesses in Danish, Norwegian
and Swedish, and the dates day headings name.

Pure Python like test_importer.py: no database, no Django.
"""

import datetime
from pathlib import Path

import pytest

from agenda.importer import (
    BREAK_GAP,
    LONG_GAP,
    NEXT_START,
    TITLE_LIMIT,
    TITLE_MAX,
    UNTIMED_AFTER,
    ParsedDay,
    guess_kind,
    label_date,
    parse_programme,
)

FIXTURES = Path(__file__).parent / "fixtures"
EN_DASH = "\u2013"


def parse(name: str) -> list[ParsedDay]:
    return parse_programme((FIXTURES / name).read_text(encoding="utf-8"))


def by_start(day: ParsedDay) -> dict:
    return {f"{item.start:%H:%M}": item for item in day.items if item.start is not None}


@pytest.fixture(scope="module")
def varde() -> list[ParsedDay]:
    return parse("varde_2014_seed.txt")


@pytest.fixture(scope="module")
def norwegian() -> list[ParsedDay]:
    return parse("norwegian_samling_2013.txt")


@pytest.fixture(scope="module")
def swedish() -> list[ParsedDay]:
    return parse("swedish_chefsdag_2012.txt")


# -- Gaps are not filled in silence --


def test_varde_short_break_does_not_swallow_the_untimed_goal_work(varde):
    thursday = varde[0]
    items = by_start(thursday)
    pause = items["16:15"]
    assert (pause.title, pause.duration) == ("Kort pause", None)
    assert (pause.duration_note, pause.next_start) == (UNTIMED_AFTER, datetime.time(17, 30))
    goal_work = thursday.items[thursday.items.index(pause) + 1]
    assert goal_work.title.startswith("Fællles mål") and goal_work.flagged
    assert (goal_work.duration, goal_work.duration_note) == (None, "")


def test_norwegian_summary_does_not_run_until_dinner(norwegian):
    items = by_start(norwegian[0])
    summary = items["15:30"]
    assert (summary.title, summary.duration) == ("Oppsummering", None)
    assert (summary.duration_note, summary.next_start) == (LONG_GAP, datetime.time(19, 0))


def test_a_break_does_not_stretch():
    (day,) = parse_programme("Fredag\n09:00 Kaffepause\n10:00 Foredrag\n10:20 Pause\n10:40 Slut")
    coffee, talk, pause, end = day.items
    assert (coffee.duration, coffee.duration_note) == (None, BREAK_GAP)
    assert (talk.duration, talk.duration_note) == (20, NEXT_START)
    assert (pause.duration, pause.duration_note) == (20, NEXT_START)
    assert (end.duration, end.duration_note) == (None, "")


def test_guessed_durations_are_told_from_stated_ones(norwegian):
    items = by_start(norwegian[0])
    stated = items["09:00"]  # a range: "09.00-09.30 Kaffe og registrering"
    assert (stated.duration, stated.duration_guessed, stated.duration_note) == (30, False, "")
    guessed = items["14:15"]
    assert (guessed.duration, guessed.duration_guessed) == (75, True)
    assert guessed.next_start == datetime.time(15, 30)


def test_sessions_up_to_two_hours_still_run_to_the_next_start(varde):
    durations = {start: item.duration for start, item in by_start(varde[0]).items()}
    assert (durations["14:15"], durations["15:30"], durations["19:00"]) == (75, 45, 90)


def test_parallel_items_before_an_untimed_item_keep_no_guess():
    (day,) = parse_programme("09:00 Workshop A\n09:00 Workshop B\nKl Frokost\n11:00 Slut")
    assert [(item.title, item.duration) for item in day.items] == [
        ("Workshop A", None),
        ("Workshop B", None),
        ("Frokost", None),
        ("Slut", None),
    ]
    assert day.items[0].duration_note == UNTIMED_AFTER


# -- Titles end at a sentence or clause boundary --


def test_a_long_first_sentence_is_the_whole_title(norwegian, swedish):
    group_work = by_start(norwegian[0])["10:00"]
    assert group_work.title == (
        "Gruppearbeid i tverrfaglige grupper: Hva betyr de nye målene for oss som ledere, og "
        "hvordan gjør vi dem levende i hverdagen?"
    )
    assert group_work.description == "Hver gruppe lager en plakat."
    assert by_start(swedish[0])["09:30"].title.endswith("i vårt gemensamma arbete?")


def test_a_long_title_on_a_slide_line_ends_with_its_sentence():
    body = (
        "Samskabelse med borgerne i de mindre lokalsamfund omkring byen og i landdistrikterne "
        "i hele kommunen? Vi arbejder ved bordene."
    )
    (day,) = parse_programme(f"Fredag Kl 9: Kaffe Kl 10: {body} Kl 11: Slut")
    item = day.items[1]
    assert item.title == body.removesuffix(" Vi arbejder ved bordene.")
    assert item.description == "Vi arbejder ved bordene."


def test_a_sentence_too_long_for_a_title_ends_it_at_a_clause_boundary():
    clause = "Gruppearbeid om visjonen i tverrfaglige grupper"
    rest = " ".join(["og hvordan vi gjør den levende i hverdagen på egen arbeidsplass"] * 4)
    (item,) = parse_programme(f"10.00 {clause}, {rest}.")[0].items
    assert (item.title, item.description) == (clause, f"{rest}.")


@pytest.mark.parametrize(
    "body",
    [
        "Intervju med innbyggere om hva de forventer av kommunen og om hvordan vi kan bli bedre "
        "til å lytte til dem i hverdagen",
        "Vad innebär visionen för min förvaltning och för de medborgare som vi är till för varje "
        "dag i vårt arbete? Samtal vid borden.",
    ],
)
def test_titles_over_80_characters_are_never_cut_inside_a_sentence(body):
    (item,) = parse_programme(f"10:00 {body}")[0].items
    assert TITLE_MAX < len(item.title) <= TITLE_LIMIT
    assert body.startswith(item.title)
    assert item.description in ("", "Samtal vid borden.")


# -- Restated descriptions are not repeated --


def test_varde_restated_sentences_are_not_repeated(varde):
    items = by_start(varde[0])
    goals = items["17:30"].description
    assert goals == (
        "Grupperne præsenteres deres mål i plenum og - hvis muligt - giver vi hinanden håndslag "
        "på målene."
    )
    brainstorm = items["09:30"].description
    assert "Grupperne arbejder med at finde gode ideer" not in brainstorm
    assert brainstorm.count("Ideerne må gerne udtrykkes kreativt") == 1
    assert "Præsentation af nogle perspektiver" not in items["13:45"].description
    assert "Opsamling i plenum" not in items["09:00"].description
    # What the restatement adds stays: another title, another sentence.
    assert "Hvad tænker I?" in items["09:00"].description
    assert "Kommunaldirektøren velkommen til seminaret" in items["08:15"].description


def test_a_restated_sentence_that_says_more_replaces_the_shorter_one():
    (day,) = parse_programme(
        "Torsdag\n09:00 Mål for 2017\nGrupperne præsenterer målene. Vi siger tak.\n"
        "Torsdag (deltagerversion)\n09:00 Mål for 2017\n"
        "Grupperne præsenterer målene i plenum og giver håndslag."
    )
    (item,) = day.items
    assert item.description == (
        "Grupperne præsenterer målene i plenum og giver håndslag. Vi siger tak."
    )


# -- Kinds, in Danish, Norwegian and Swedish --


@pytest.mark.parametrize(
    ("title", "description", "kind"),
    [
        ("Gruppearbeid: Hva er hovedutfordringene?", "", "group_work"),
        ("Gruppearbejde i tværgående grupper", "", "group_work"),
        ("Grupparbete: Vad innebär visionen?", "", "group_work"),
        ("Gallerivandring", "", "vernissage"),
        ("Fernisering af gode ideer", "", "vernissage"),
        (f"Vernissage {EN_DASH} gruppernas affischer", "", "vernissage"),
        ("Sektorvise grupper: Hva krever målene", "", "commitments"),
        ("Hva sier vi på mandag?", "", "commitments"),
        ("Hvad siger vi på mandag?", "", "commitments"),
        ("Vad säger vi på måndag?", "", "commitments"),
        ("Hvad kommunikerer vi når vi kommer hjem?", "", "commitments"),
        ("Fra helhed til egen enhed", "", "commitments"),
        ("Fra læring i egen organisation til konkrete samskabelses mål i 2017", "", "cases"),
        ("Fallstudier från egen organisation", "", "cases"),
        ("Mål for samskabelse i 2017", "", "goals"),
        ("Felles mål for 2015: vi tar hverandre i hånden", "", "goals"),
        ("Inledning: kommunens mål och vision", "", "plenum"),
        ("Kaffepause", "", "break"),
        ("Fikapaus", "", "break"),
        ("Kort pause", "", "break"),
        ("Kaffe og registrering", "", "meal"),
        ("Lunsj", "", "meal"),
        ("Aftensmad", "", "meal"),
        ("Torsdag eftermiddag", "", "plenum"),
        ("Idémyldring om samskaping", "", "brainstorm"),
        ("Ølkassen: hver deltaker holder en kort tale", "", "speeches"),
        ("Samtale om ledelse", "", "plenum"),
        ("Intervjuer med innbyggere", "", "interviews"),
        ("Borgerinterview: hvad siger borgerne?", "", "interviews"),
        ("Innbyggerintervju i gruppene", "", "interviews"),
        ("Medborgarintervjuer: vad säger de?", "", "interviews"),
        ("Varde Kommune på vej til en samskabende kommune - borgerperspektiver", "", "interviews"),
        ("Vores samskabelseseksempler", "", "cases"),
        ("Samskabelse: egne cases", "", "cases"),
        ("Samskapingscase fra egen enhet", "", "cases"),
        ("Samskapande fall från egen verksamhet", "", "cases"),
        ("Vårt fall: vad gick bra?", "", "cases"),
        ("Hvad er der på spil i en samskabende kommune?", "", "plenum"),
        ("Samskabelse i Varde Kommune - gåtur", "", "excursion"),
        ("Handlingslista: det första jag vill göra", "", "action_list"),
        ("Oppsummering og veien videre", "", "plenum"),
        ("Hvad synes I?", "Deltagerne arbejder i tværgående 6 mands grupper.", "group_work"),
        ("Vad är god ledning?", "Samtal i grupper om egna erfarenheter.", "group_work"),
        ("Ledelse af samskabelse", "Manon præsenterer nogle cases.", "plenum"),
        ("Hvad er der på spil?", "Hvordan påvirker de gruppens resultat?", "plenum"),
    ],
)
def test_guess_kind(title, description, kind):
    assert guess_kind(title, description) == kind


def test_kinds_of_the_real_timetables(varde, norwegian, swedish):
    def kinds(day):
        return {start: item.kind for start, item in by_start(day).items()}

    thursday = kinds(varde[0])
    assert (thursday["09:00"], thursday["15:30"], thursday["17:30"]) == (
        "group_work",
        "cases",
        "goals",
    )
    assert [kinds(varde[1])[start] for start in ("10:15", "11:15")] == ["commitments"] * 2
    tuesday, wednesday = kinds(norwegian[0]), kinds(norwegian[1])
    assert (tuesday["10:00"], tuesday["11:00"], tuesday["14:00"]) == (
        "group_work",
        "vernissage",
        "break",
    )
    assert (wednesday["08:45"], wednesday["10:30"], wednesday["11:30"]) == (
        "commitments",
        "goals",
        "commitments",
    )
    assert kinds(swedish[0]) == {
        "08:30": "meal",
        "09:00": "plenum",
        "09:30": "group_work",
        "10:30": "break",
        "10:45": "vernissage",
        "11:30": "meal",
        "12:30": "cases",
        "14:00": "break",
        "14:15": "commitments",
        "15:00": "plenum",
    }


# -- Dates --


@pytest.mark.parametrize(
    ("label", "date"),
    [
        ("Torsdag d. 30. oktober", (30, 10, None)),
        ("onsdag 6. mars", (6, 3, None)),
        ("Måndag 8 oktober", (8, 10, None)),
        ("Fredag 31/10", (31, 10, None)),
        ("Onsdag 15.05.2024", (15, 5, 2024)),
        ("Lørdag 2. november 2014", (2, 11, 2014)),
        ("Thursday, October 30, 2014", (30, 10, 2014)),
        ("Fredag 31/10/14", (31, 10, 2014)),
        ("Fredag", None),
        ("Dag 1", None),
        ("Torsdag 31. april", None),
    ],
)
def test_label_date(label, date):
    assert label_date(label) == date


def test_days_get_the_dates_their_headings_name(varde, norwegian, swedish):
    # The years come from the title pages ("Lederseminar 2014 Varde Kommune").
    assert [day.date_for() for day in varde] == [datetime.date(2014, 10, 30), None]
    assert [day.date_for() for day in norwegian] == [
        datetime.date(2013, 3, 5),
        datetime.date(2013, 3, 6),
    ]
    assert swedish[0].date_for() == datetime.date(2012, 11, 7)


def test_the_seminars_year_comes_before_the_timetables(norwegian):
    starts_on = datetime.date(2025, 3, 4)
    assert norwegian[1].date_for(starts_on) == datetime.date(2025, 3, 6)


def test_without_a_year_a_day_has_no_date_until_the_seminar_gives_one():
    (day,) = parse_programme("Torsdag d. 30. oktober\n09:00 Kaffe")
    assert (day.day_of_month, day.month, day.year) == (30, 10, None)
    assert day.date_for() is None
    assert day.date_for(datetime.date(2014, 10, 30)) == datetime.date(2014, 10, 30)


def test_a_heading_year_wins_and_a_seminar_across_new_year_moves_on():
    days = parse_programme("Lørdag 2. november 2014\n09:00 A\nSøndag 3. november\n09:00 B")
    assert [day.date_for() for day in days] == [
        datetime.date(2014, 11, 2),
        datetime.date(2014, 11, 3),
    ]
    (day,) = parse_programme("Fredag 2. januar\n09:00 Kaffe")
    assert day.date_for(datetime.date(2014, 12, 30)) == datetime.date(2015, 1, 2)


def test_guesses_are_in_the_json_only_when_asked(norwegian):
    plain = norwegian[0].as_dict()
    assert "date" not in plain and "kind" not in plain["items"][0]
    guessed = norwegian[0].as_dict(guesses=True)
    assert guessed["date"] == "2013-03-05"
    summary = next(item for item in guessed["items"] if item["title"] == "Oppsummering")
    assert (summary["kind"], summary["duration_note"], summary["next_start"]) == (
        "plenum",
        LONG_GAP,
        "19:00",
    )
    (day,) = parse_programme("Torsdag 30. oktober\n09:00 Kaffe")
    assert day.as_dict(guesses=True)["date"] == "--10-30"
