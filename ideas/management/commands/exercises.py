"""``manage.py exercises``: the registered exercises, their names and the screens they use."""

import json

from django.conf import settings
from django.core.management.base import BaseCommand
from django.utils import translation

from ideas.exercises import all_extras, exercises


def _names(thing):
    return _in_each_language(thing.name)


def _in_each_language(text):
    names = {}
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            names[language] = str(text)
    return names


def describe_template(template):
    """A template's name and line in each language of the interface, and its content's title."""
    return {
        "key": template.key,
        "name": _in_each_language(template.name),
        "summary": _in_each_language(template.summary),
        "title": {language: template.title(language) for language, _name in settings.LANGUAGES},
    }


def describe(exercise):
    extras = [extra.key for extra in all_extras()] if exercise.takes_extras else []
    return {
        "kind": exercise.kind,
        "name": _names(exercise),
        "screens": exercise.screens,
        "extras": extras,
        "templates": [describe_template(template) for template in exercise.templates()],
    }


def describe_extra(extra):
    """An extra the facilitator adds to an item whose exercise takes extras (a plenum)."""
    kinds = [exercise.kind for exercise in exercises() if exercise.takes_extras]
    return {"extra": extra.key, "name": _names(extra), "screens": extra.screens, "on": kinds}


class Command(BaseCommand):
    help = (
        "List the registered exercises (kind, name in each language, the screens they use, the "
        "extras they take, their templates) and the extras (questions, a speaker queue)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--json", action="store_true", dest="as_json", help="print JSON")

    def handle(self, *args, as_json=False, **options):
        described = [describe(exercise) for exercise in exercises()]
        extras = [describe_extra(extra) for extra in all_extras()]
        if as_json:
            self.stdout.write(json.dumps(described + extras, ensure_ascii=False, indent=2))
            return
        for entry in described:
            screens = ", ".join(entry["screens"]) or "-"
            self.stdout.write(f"{entry['kind']:<16} {entry['name']['en']:<28} {screens}")
            for template in entry["templates"]:
                self.stdout.write(f"  template {template['key']:<22} {template['name']['en']}")
        for entry in extras:
            screens = ", ".join(entry["screens"])
            on = ", ".join(entry["on"])
            self.stdout.write(f"+{entry['extra']:<15} {entry['name']['en']:<28} {screens} ({on})")
