"""``manage.py import_programme``: read a timetable text file into a seminar's programme.

``--dry-run`` only shows what the text parses into (a table, or JSON with ``--json``) and saves
nothing; otherwise ``--seminar`` names the seminar (join code, or id) and the parsed days are
added to it through ``agenda.services.apply_import``.
"""

import json
import sys

from django.core.management.base import BaseCommand, CommandError

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
        # Imported here: the services and models need the app registry, the dry run does not.

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
    return json.dumps([day.as_dict() for day in days], ensure_ascii=False, indent=2)


def _as_table(days: list[ParsedDay]) -> str:
    """One block per day: its label, then "HH:MM  NNN min  title [flagged]" per item."""
    lines = []
    for day in days:
        lines.append(day.label or "(no day heading)")
        for item in day.items:
            start = item.start.strftime("%H:%M") if item.start else "--:--"
            duration = f"{item.duration:>3} min" if item.duration is not None else "  - min"
            flag = " [flagged]" if item.flagged else ""
            lines.append(f"{start}  {duration}  {item.title}{flag}")
        lines.append("")
    return "\n".join(lines).rstrip("\n") if lines else "No programme found in the text."
