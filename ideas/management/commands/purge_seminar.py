"""``manage.py purge_seminar ID --yes``: delete a whole seminar, leaving no row and no photo."""

from django.core.management.base import BaseCommand, CommandError

from ideas.data import services
from seminar.models import Seminar


class Command(BaseCommand):
    help = "Delete a seminar and everything of it (participants, contributions, goals, photos)."

    def add_arguments(self, parser):
        parser.add_argument("seminar_id", type=int)
        parser.add_argument("--yes", action="store_true", help="confirm: this cannot be undone")

    def handle(self, *args, seminar_id, yes=False, **options):
        seminar = Seminar.objects.filter(pk=seminar_id).first()
        if seminar is None:
            raise CommandError(f"There is no seminar {seminar_id}.")
        if not yes:
            raise CommandError(
                f"This deletes seminar {seminar_id} ({seminar.title}) for good. "
                "Run again with --yes to confirm."
            )
        services.purge_seminar(seminar)
        self.stdout.write(f"Seminar {seminar_id} deleted.")
