"""``manage.py apply_retention``: run daily; anonymises every seminar past its retention date."""

import datetime

from django.core.management.base import BaseCommand, CommandError

from ideas.data import services


class Command(BaseCommand):
    help = (
        "Anonymise the seminars past their retention date: names become 'Participant N', "
        "interviewed citizens 'Citizen N', those names leave every text (rules per field: "
        "ideas/data/retention.py), photos are removed; the texts, goals, follow-up, answers and "
        "documentation stay. Run it daily (deploy/systemd/plenum-retention.timer)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--today", help="act as if today were this day (YYYY-MM-DD)")

    def handle(self, *args, today=None, **options):
        if today:
            try:
                today = datetime.date.fromisoformat(today)
            except ValueError:
                raise CommandError(
                    f"--today must be a date like 2026-12-31, not {today!r}."
                ) from None
        due = services.due_for_retention(today)
        for seminar in due:
            count = services.anonymise_seminar(seminar)
            self.stdout.write(f"Anonymised seminar {seminar.pk} ({count} participants).")
        if not due:
            self.stdout.write("No seminar is past its retention date.")
