"""What a server process has loaded when it starts is left out of full collections."""

import subprocess
import sys

from django.conf import settings

PROBE = """
import gc, os
os.environ["DJANGO_SETTINGS_MODULE"] = "seminar.settings"
import seminar.asgi
import agenda.views  # loaded with the URLconf: nothing of it to walk
print(gc.get_freeze_count(), len(gc.get_objects()))
"""


def test_a_started_process_has_frozen_what_it_loaded():
    result = subprocess.run(
        [sys.executable, "-c", PROBE],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
        timeout=60,
    )
    frozen, tracked = map(int, result.stdout.split())
    assert frozen > 50_000  # Django, the apps, every view module
    assert tracked < frozen // 20
