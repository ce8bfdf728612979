"""Plain factory functions for tests: each makes one thing with sensible defaults."""

import itertools

from django.contrib.auth.models import Group as UserGroup
from django.contrib.auth.models import User

from agenda import services as agenda_services
from seminar import services as seminar_services
from seminar.permissions import DIRECTORS_GROUP, FACILITATORS_GROUP

_counter = itertools.count(1)


def make_user(username=None, *, role=FACILITATORS_GROUP, password="pw-for-tests-1"):
    user = User.objects.create_user(username or f"user{next(_counter)}", password=password)
    if role:
        user.groups.add(UserGroup.objects.get_or_create(name=role)[0])
    return user


def make_director(username=None):
    return make_user(username, role=DIRECTORS_GROUP)


def make_seminar(facilitator=None, *, title="Lederseminar", departments=("Teknik", "Skole")):
    return seminar_services.create_seminar(
        by=facilitator, title=title, municipality="Varde Kommune", departments=departments
    )


def make_programme(
    seminar,
    *,
    by=None,
    items=(("08:15", 15, "Velkommen"), ("08:30", 30, "Visionen"), ("09:00", 30, "Hvad synes I?")),
):
    import datetime

    day = agenda_services.add_day(seminar, by=by, label="Torsdag")
    made = []
    for start, duration, title in items:
        made.append(
            agenda_services.add_item(
                day,
                by=by,
                title=title,
                duration=duration,
                start=datetime.time.fromisoformat(start) if start else None,
            )
        )
    return day, made


def make_participant(seminar, name="Anne", department=None):
    if department is None:
        department = seminar.departments.first()
    return seminar_services.join_seminar(seminar, display_name=name, department=department)
