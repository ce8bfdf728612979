"""``manage.py import_seminar FILE``: create an exported seminar anew in this installation."""

from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError

from ideas.data import transfer


class Command(BaseCommand):
    help = (
        "Create a seminar from a file made by export_seminar: new ids, facilitators and "
        "directors matched by username. A malformed file is refused and nothing changes."
    )

    def add_arguments(self, parser):
        parser.add_argument("file")
        parser.add_argument(
            "--facilitator", help="username of an account here who runs the imported seminar"
        )

    def handle(self, *args, file, facilitator=None, **options):
        by = None
        if facilitator:
            by = get_user_model().objects.filter(username=facilitator).first()
            if by is None:
                raise CommandError(f"There is no user {facilitator!r}.")
        try:
            text = Path(file).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            raise CommandError(f"Cannot read {file}: {error}") from None
        try:
            seminar = transfer.import_seminar(text, by=by)
        except transfer.ImportRefused as refusal:
            raise CommandError(str(refusal)) from None
        self.stdout.write(f"Imported as seminar {seminar.pk}: {seminar.title}")
