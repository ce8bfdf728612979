"""Pairing codes of six characters, unique among the screens not paired yet."""

import secrets

from django.db import migrations, models

ALPHABET = "23456789ABCDEFGHJKMNPQRSTUVWXYZ"


def longer_codes(apps, schema_editor):
    """Screens still waiting for a pairing get a fresh six-character code, each its own."""
    Screen = apps.get_model("groups", "Screen")
    taken = set()
    for screen in Screen.objects.filter(seminar__isnull=True).only("pk"):
        code = "".join(secrets.choice(ALPHABET) for _ in range(6))
        while code in taken:
            code = "".join(secrets.choice(ALPHABET) for _ in range(6))
        taken.add(code)
        Screen.objects.filter(pk=screen.pk).update(pairing_code=code)


class Migration(migrations.Migration):
    dependencies = [
        ("groups", "0001_initial"),
        ("seminar", "0001_initial"),
    ]

    operations = [
        migrations.RunPython(longer_codes, migrations.RunPython.noop),
        migrations.AddConstraint(
            model_name="screen",
            constraint=models.UniqueConstraint(
                condition=models.Q(("seminar__isnull", True)),
                fields=("pairing_code",),
                name="screen_open_pairing_code_unique",
            ),
        ),
    ]
