"""``manage.py export_seminar ID OUT.json``: a seminar as one file, for backup or a move."""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from ideas.data import transfer
from seminar.models import Seminar


class Command(BaseCommand):
    help = (
        "Write a seminar's programme, groupings, participants, every exercise's contributions, "
        "goals and follow-up to one JSON file (format version 2; photos and table screens stay "
        "behind)."
    )

    def add_arguments(self, parser):
        parser.add_argument("seminar_id", type=int)
        parser.add_argument("out", help="the file to write ('-' for standard output)")

    def handle(self, *args, seminar_id, out, **options):
        seminar = Seminar.objects.filter(pk=seminar_id).first()
        if seminar is None:
            raise CommandError(f"There is no seminar {seminar_id}.")
        text = transfer.dumps(seminar)
        if out == "-":
            self.stdout.write(text)
            return
        Path(out).write_text(text, encoding="utf-8")
        self.stdout.write(f"Seminar {seminar_id} written to {out}.")
