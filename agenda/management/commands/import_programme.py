"""``manage.py import_programme``: read a timetable text file into a seminar's programme.

``--dry-run`` only shows what the text parses into (a table, or JSON with ``--json``) and saves
nothing, with what the importer guessed: each day's date, each item's kind, which durations run
to the next start and why an item got none; otherwise ``--seminar`` names the seminar (join
code, or id) and the parsed days are added to it through ``agenda.services.apply_import``.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError
from django.utils.translation import gettext as _

from agenda.importer import ParsedDay, parse_programme
from agenda.services import apply_import
from seminar.models import Seminar


class Command(BaseCommand):
    help = "Parse a seminar timetable (text file, or - for stdin) and import it into a seminar."

    def add_arguments(self, parser):
        parser.add_argument("path", help='the timetable text file, or "-" to read stdin')
        parser.add_argument(
            "--dry-run", action="store_true", help="show the parsed programme, save nothing"
        )
        parser.add_argument(
            "--json",
            action="store_true",
            dest="as_json",
            help="with --dry-run: print the days as JSON",
        )
        parser.add_argument("--seminar", help="join code or id of the seminar to import into")

    def handle(self, *args, path, dry_run, as_json, seminar, **options):
        if as_json and not dry_run:
            raise CommandError("--json only goes with --dry-run.")
        if not dry_run and not seminar:
            raise CommandError("Name the seminar to import into with --seminar, or use --dry-run.")
        days = parse_programme(_read(path))
        if dry_run:
            self.stdout.write(_as_json(days) if as_json else _as_table(days))
            return
        target = _find_seminar(seminar)
        added = apply_import(target, days, by=None)
        self.stdout.write(
            self.style.SUCCESS(f"Added {len(days)} days and {len(added)} items to {target}.")
        )


def _read(path: str) -> str:
    if path == "-":
        return sys.stdin.read()
    try:
        with open(path, encoding="utf-8-sig") as file:
            return file.read()
    except FileNotFoundError as error:
        raise CommandError(f"No such file: {path}") from error
    except UnicodeDecodeError as error:
        raise CommandError(f"{path} is not UTF-8 text.") from error
    except OSError as error:
        raise CommandError(f"Cannot read {path}: {error.strerror or error}") from error


def _find_seminar(value: str):
    """The seminar whose join code is ``value`` (any case), else whose id it is."""
    found = Seminar.objects.filter(join_code__iexact=value).first()
    if found is None and value.isdigit():
        found = Seminar.objects.filter(pk=int(value)).first()
    if found is None:
        raise CommandError(f'No seminar with join code or id "{value}".')
    return found


def _as_json(days: list[ParsedDay]) -> str:
    return json.dumps([day.as_dict(guesses=True) for day in days], ensure_ascii=False, indent=2)


def _as_table(days: list[ParsedDay]) -> str:
    """One block per day: its label (and the date it names), then per item
    "HH:MM  NNN min  kind  title [check this item]", "~" after a guessed duration, and under an
    item with no duration why none was guessed."""
    lines = []
    for day in days:
        heading = day.label or _("Day without a name")
        if date := day.date_for():
            heading += f"  [{date.isoformat()}]"
        elif day.month:  # ISO 8601's date without a year
            heading += f"  [--{day.month:02d}-{day.day_of_month:02d}]"
        lines.append(heading)
        for item in day.items:
            start = item.start.strftime("%H:%M") if item.start else "--:--"
            duration = f"{item.duration:>3} min" if item.duration is not None else "  - min"
            guessed = "~" if item.duration_guessed else " "
            flag = " [" + _("check this item") + "]" if item.flagged else ""
            lines.append(f"{start}  {duration}{guessed} {item.kind:<15} {item.title}{flag}")
            if item.duration is None and item.duration_note:
                lines.append(" " * 32 + item.duration_note_text)  # under the title
        lines.append("")
    if not lines:
        return _("No programme items were found in this text.")
    lines.append(_("~ guessed: the item runs until the next item starts."))
    return "\n".join(lines)
