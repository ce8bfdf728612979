"""The goals and their handshakes as a spreadsheet, CSV files and a follow-up calendar.

`goals` is a queryset or a list of Goal. Querysets go through `goals_for_export`, lists get the
same related rows fetched in one go, so an export costs the same few queries for 1 goal or 500.
Every cell a person typed is neutralised against spreadsheet formula injection (OWASP).
The CSV files follow the reader's language: Danish, Norwegian and Swedish spreadsheet programs
split on semicolons and read a decimal comma, English ones split on commas.
Hidden ideas and comments are not part of goals, so nothing here can show them.
"""

import csv
import datetime
import decimal
import io
from dataclasses import dataclass

from django.conf import settings
from django.db.models import QuerySet, prefetch_related_objects
from django.utils import timezone
from django.utils.text import capfirst
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from icalendar import Calendar, Event
from openpyxl import Workbook
from openpyxl.styles import Alignment, Font
from openpyxl.utils import get_column_letter

from ideas.followup.queries import actions_lookup, goals_for_export, related_lookups
from seminar.input import printable

# What a spreadsheet program reads as the start of a formula (OWASP "CSV injection").
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
# Spreadsheet programs skip leading blanks before a formula too: "  =1+1" is still one.
FORMULA_SIGNS = ("=", "+", "-", "@")
CALENDAR_PRODID = "-//Plenum//Goal follow-up//EN"
MAX_COLUMN_WIDTH = 60


def _loaded(goals):
    if isinstance(goals, QuerySet):
        return list(goals_for_export(goals))
    goals = list(goals)
    missing = [goal for goal in goals if not hasattr(goal, "export_pledges")]
    if missing:
        prefetch_related_objects(missing, "seminar", "group", "department", *related_lookups())
    return goals


def neutralise(value):
    """A cell value that no spreadsheet runs as a formula: text starting with = + - @ (also
    after leading spaces or tabs), a tab or a carriage return gets a leading apostrophe.
    Control characters are dropped (what is stored never breaks a file), and the text is
    checked before and after. Numbers, dates and None pass unchanged."""
    if not isinstance(value, str):
        return value
    cleaned = printable(value)
    if any(
        text.startswith(FORMULA_STARTS) or text.lstrip().startswith(FORMULA_SIGNS)
        for text in (value, cleaned)
    ):
        return "'" + cleaned
    return cleaned


def _local(moment):
    """A stored (aware) time as the wall-clock time of the site, without tzinfo (for Excel)."""
    return timezone.localtime(moment).replace(tzinfo=None, microsecond=0)


def _pledger(pledge):
    if pledge.participant_id:
        return pledge.participant.display_name, _("Person")
    return (pledge.group.name if pledge.group_id else ""), _("Table")


def _latest_note(goal):
    if not goal.export_progress:
        return ""
    note = goal.export_progress[0]
    text = note.note or note.get_status_display()
    return f"{note.noted_on.isoformat()}: {text}"


def goals_header():
    # The labels the goal pages use, so one thing has one name everywhere.
    return [
        _("Seminar"),
        capfirst(_("municipality")),
        _("Table"),
        capfirst(_("goal")),
        _("Why"),
        _("How we measure success"),
        _("Target date"),
        _("Owner"),
        _("Department"),
        _("Status"),
        _("Next follow-up"),
        _("Handshakes"),
        _("Handshake by"),
        _("Latest progress note"),
    ]


def pledges_header():
    return [_("Seminar"), capfirst(_("goal")), _("Handshake by"), _("Kind"), _("When")]


def goals_rows(goals):
    """The goals table: the header row (in the active language), then one row per goal.

    Values are raw (dates as dates, counts as ints); the writers neutralise and format them.
    """
    rows = [goals_header()]
    for goal in _loaded(goals):
        rows.append(
            [
                goal.seminar.title,
                goal.seminar.municipality,
                goal.group.name if goal.group_id else "",
                goal.title,
                goal.why,
                goal.measure,
                goal.target_date,
                goal.owner,
                goal.department.name if goal.department_id else "",
                goal.get_status_display(),
                goal.next_follow_up,
                len(goal.export_pledges),
                "; ".join(_pledger(pledge)[0] for pledge in goal.export_pledges),
                _latest_note(goal),
            ]
        )
    return rows


def pledges_rows(goals):
    """The pledges table: the header row, then one row per handshake (local time)."""
    rows = [pledges_header()]
    for goal in _loaded(goals):
        for pledge in goal.export_pledges:
            name, kind = _pledger(pledge)
            rows.append([goal.seminar.title, goal.title, name, kind, _local(pledge.created_at)])
    return rows


def actions_header():
    return [_("Seminar"), capfirst(_("goal")), _("Personal action"), _("By whom"), _("Department")]


def actions_rows(goals):
    """The personal actions written for the goals (the action list, Friday's Monday action):
    the header row, then one row per action."""
    rows = [actions_header()]
    goals = _loaded(goals)
    missing = [goal for goal in goals if not hasattr(goal, "export_actions")]
    if missing:
        prefetch_related_objects(missing, actions_lookup())
    for goal in goals:
        for action in goal.export_actions:
            person = action.participant
            department = person.department.name if person.department_id else ""
            rows.append(
                [goal.seminar.title, goal.title, action.text, person.display_name, department]
            )
    return rows


# --- Spreadsheet ----------------------------------------------------------------------------


def _cell_text(value):
    if isinstance(value, datetime.datetime):
        return value.isoformat(sep=" ", timespec="minutes")
    if isinstance(value, datetime.date):
        return value.isoformat()
    return "" if value is None else str(value)


def _fill_sheet(sheet, rows):
    bold = Font(bold=True)
    top = Alignment(vertical="top", wrap_text=True)
    widths = [len(str(title)) for title in rows[0]]
    for row_number, row in enumerate(rows, start=1):
        for column, value in enumerate(row, start=1):
            cell = sheet.cell(row=row_number, column=column, value=neutralise(value))
            if row_number == 1:
                cell.font = bold
                continue
            cell.alignment = top
            if isinstance(value, datetime.datetime):
                cell.number_format = "yyyy-mm-dd hh:mm"
            elif isinstance(value, datetime.date):
                cell.number_format = "yyyy-mm-dd"
            longest = max((len(line) for line in _cell_text(value).splitlines()), default=0)
            widths[column - 1] = max(widths[column - 1], longest)
    sheet.freeze_panes = "A2"
    for column, width in enumerate(widths, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = min(
            MAX_COLUMN_WIDTH, max(10, width + 2)
        )


def _sheet_title(text):
    # Excel: at most 31 characters, none of []:*?/\
    return "".join(ch for ch in text if ch not in "[]:*?/\\")[:31] or "Sheet"


def goals_xlsx(goals):
    """An Excel workbook with three sheets: the goals, the pledges, the personal actions."""
    goals = _loaded(goals)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = _sheet_title(_("Goals"))
    _fill_sheet(sheet, goals_rows(goals))
    _fill_sheet(workbook.create_sheet(_sheet_title(_("Pledges"))), pledges_rows(goals))
    _fill_sheet(workbook.create_sheet(_sheet_title(_("Personal actions"))), actions_rows(goals))
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


# --- CSV ------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CsvStyle:
    """How a reader's spreadsheet program splits a CSV line and reads a decimal number."""

    delimiter: str
    decimal: str


CSV_STYLES = {
    "da": CsvStyle(delimiter=";", decimal=","),
    "nb": CsvStyle(delimiter=";", decimal=","),
    "sv": CsvStyle(delimiter=";", decimal=","),
    "en": CsvStyle(delimiter=",", decimal="."),
}


def csv_style(language=None):
    """The CSV style of a language ("da", "sv", "en-gb"; default: the active language)."""
    code = (language or get_language() or settings.LANGUAGE_CODE).lower().split("-")[0]
    return CSV_STYLES.get(code) or CSV_STYLES[settings.LANGUAGE_CODE]


def _csv_cell(value, style):
    # Numbers are ours, never typed text: they keep their sign and get the reader's decimal mark.
    if isinstance(value, float | decimal.Decimal):
        return str(value).replace(".", style.decimal)
    return _cell_text(neutralise(value))


def csv_text(rows, *, style=None):
    """Rows as CSV text in the style of the active language, unless `style` says otherwise.

    A cell holding the delimiter is quoted, so no typed text can start a cell of its own."""
    style = style or csv_style()
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=style.delimiter)
    for row in rows:
        writer.writerow([_csv_cell(value, style) for value in row])
    # The byte order mark makes Excel read the file as UTF-8, so æøå arrive intact.
    return "\ufeff" + buffer.getvalue()


def goals_csv(goals, *, style=None):
    """The goals table as CSV text (UTF-8 with a BOM once encoded: encode with "utf-8")."""
    return csv_text(goals_rows(goals), style=style)


def pledges_csv(goals, *, style=None):
    """The handshakes of the goals as CSV text, one row per pledge."""
    return csv_text(pledges_rows(goals), style=style)


# --- Calendar -------------------------------------------------------------------------------


def _follow_up_description(goal):
    lines = [
        f"{_('Status')}: {goal.get_status_display()}",
        f"{_('Owner')}: {goal.owner or '-'}",
        f"{_('How we measure success')}: {goal.measure or '-'}",
        f"{_('Seminar')}: {goal.seminar.title}",
    ]
    return "\n".join(lines)


def follow_up_ics(goals, *, calendar_name):
    """An iCalendar file with one all-day event per goal that has a next follow-up date.

    The UID is stable per goal, so importing a newer file moves the event instead of adding one.
    """
    calendar = Calendar()
    calendar.add("prodid", CALENDAR_PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("name", printable(calendar_name))
    calendar.add("x-wr-calname", printable(calendar_name))
    stamp = timezone.now().replace(microsecond=0)
    for goal in _loaded(goals):
        if goal.next_follow_up is None:
            continue
        event = Event()
        event.add("uid", f"goal-{goal.pk}-followup@plenum")
        event.add("dtstamp", stamp)
        event.add("last-modified", goal.updated_at.replace(microsecond=0))
        event.add("sequence", len(goal.export_progress))
        event.add("dtstart", goal.next_follow_up)
        if goal.next_follow_up < datetime.date.max:  # without DTEND an all-day event is one day
            event.add("dtend", goal.next_follow_up + datetime.timedelta(days=1))
        event.add("summary", printable(_("Follow-up: %(goal)s") % {"goal": goal.title}))
        event.add("description", printable(_follow_up_description(goal)))
        event.add("transp", "TRANSPARENT")
        calendar.add_component(event)
    return calendar.to_ical()
