"""``manage.py exercises``: the registered exercises, their names and the screens they use."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from ideas.exercises import exercises


def describe(exercise):
    names = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names[language] = str(exercise.name)
    return {"kind": exercise.kind, "name": names, "screens": exercise.screens}


class Command(BaseCommand):
    help = "List the registered exercises: kind, name in each language, the screens they use."

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="print JSON")

    def handle(self, *args, as_json=False, **options):
        described = [describe(exercise) for exercise in exercises()]
        if as_json:
            self.stdout.write(json.dumps(described, ensure_ascii=False, indent=2))
            return
        for entry in described:
            screens = ", ".join(entry["screens"]) or "-"
            self.stdout.write(f"{entry['kind']:<16} {entry['name']['en']:<28} {screens}")
