"""Prepare bench.join's room: the Varde demo, started and running its first item with tables.

Run as `python -m bench.join_seed OUT.json` with the benchmark's environment. Writes the seminar's
id and join code, and the static files a phone's first visit links (the join pages and the phone
page), which the reference run fetches too.
"""

import json
import os
import re
import sys
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

from agenda import services as agenda_services  # noqa: E402
from agenda.queries import programme_items  # noqa: E402
from ideas.exercises import exercise_for  # noqa: E402
from seminar import services as seminar_services  # noqa: E402
from seminar.models import Seminar  # noqa: E402
from seminar.permissions import participant_session_key  # noqa: E402

STATIC = re.compile(r'(?:src|href)="(/static/[^"]+)"')


def main(out):
    call_command("demo", verbosity=0)
    seminar = Seminar.objects.get(municipality="Varde Kommune")
    facilitator = seminar.facilitators.first()
    item = next(
        each
        for each in programme_items(seminar)
        if each.grouping_id and exercise_for(each).work_template
    )
    agenda_services.start_seminar(seminar, by=facilitator)
    agenda_services.go_to(seminar, by=facilitator, item=item)
    # The static files of a phone's first visit, read from the pages themselves.
    probe = seminar_services.join_seminar(seminar, display_name="Probe", department=None)
    client = Client(HTTP_HOST="127.0.0.1")
    links = set(STATIC.findall(client.get("/join/").content.decode()))
    links |= set(STATIC.findall(client.get(f"/join/{seminar.join_code}/").content.decode()))
    session = client.session
    session[participant_session_key(seminar.pk)] = probe.pk
    session.save()
    links |= set(STATIC.findall(client.get(f"/s/{seminar.pk}/me/").content.decode()))
    seminar_services.remove_participant(probe, by=facilitator)
    Path(out).write_text(
        json.dumps(
            {
                "seminar_id": seminar.pk,
                "join_code": seminar.join_code,
                "item": item.title,
                "static_links": sorted(links),
            }
        )
    )


if __name__ == "__main__":
    main(sys.argv[1])
