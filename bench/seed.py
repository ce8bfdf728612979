"""Seed a fresh database for the live benchmarks and write the clients' cookies as JSON.

Run by bench.live as `python -m bench.seed OUT.json --phones P --tables T --items K` with
DJANGO_SETTINGS_MODULE set. Everything goes through Plenum's services, as in a real seminar:
a facilitator, a seminar of K agenda items (started, so "next" works), P participants seated at
T tables, T paired table screens, and a logged-in session for the facilitator and every phone.

With --brainstorm (bench.ideas) the first item is a brainstorm seated by the tables' grouping,
so starting the seminar makes one board per table; the JSON then also lists, per table, its
board, its screen and its members (indexes into the phone and screen lists).
"""

import argparse
import datetime
import json
import math
import os
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.auth import BACKEND_SESSION_KEY, HASH_SESSION_KEY, SESSION_KEY  # noqa: E402
from django.contrib.auth.models import Group as UserGroup  # noqa: E402
from django.contrib.auth.models import User  # noqa: E402
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402

from agenda import services as agenda_services  # noqa: E402
from agenda.queries import programme_items  # noqa: E402
from groups import services as groups_services  # noqa: E402
from groups.models import Grouping, Membership, Screen  # noqa: E402
from ideas.models import Board  # noqa: E402
from seminar import services as seminar_services  # noqa: E402
from seminar.permissions import (  # noqa: E402
    FACILITATORS_GROUP,
    SCREEN_COOKIE,
    participant_session_key,
)

DEPARTMENTS = ["Skole", "Dagtilbud", "Ældre", "Teknik", "Kultur", "Borgerservice"]
DESCRIPTION = (
    "Drøft ved bordene, hvordan visionen kan leves ud i hverdagen, og skriv jeres bedste idéer "
    "på tavlen. Procesholderen samler op til plenum."
)


def make_facilitator():
    user = User.objects.create_user("bench-facilitator", password=None)
    user.groups.add(UserGroup.objects.get_or_create(name=FACILITATORS_GROUP)[0])
    return user


def make_programme(seminar, user, items):
    day = agenda_services.add_day(seminar, by=user, label="Torsdag")
    start = datetime.datetime(2014, 5, 22, 8, 15)
    for number in range(items):
        moment = start + datetime.timedelta(minutes=10 * number)
        agenda_services.add_item(
            day,
            by=user,
            title=f"Programpunkt {number + 1}: Visionen i praksis",
            # Past midnight the times would sort out of order; the rest run without a time.
            start=moment.time() if moment.date() == start.date() else None,
            duration=10,
            description=DESCRIPTION,
        )


def make_participants(seminar, phones):
    departments = list(seminar.departments.order_by("name"))
    return [
        seminar_services.join_seminar(
            seminar,
            display_name=f"Leder {number + 1}",
            department=departments[number % len(departments)],
        )
        for number in range(phones)
    ]


def seat_at_tables(seminar, user, phones, tables):
    size = max(1, math.ceil(phones / tables))
    grouping = groups_services.create_grouping(
        seminar, by=user, name="Borde", method=Grouping.Method.CROSS_FUNCTIONAL, size=size
    )
    plan = groups_services.plan_grouping(
        seminar, method=Grouping.Method.CROSS_FUNCTIONAL, size=size, seed=1
    )
    groups_services.apply_plan(grouping, by=user, plan=plan)
    return list(grouping.groups.order_by("number"))


def pair_screens(seminar, user, groups, tables):
    screens = []
    for number in range(tables):
        unpaired = Screen.objects.create()
        screens.append(
            groups_services.pair_screen(
                seminar,
                by=user,
                pairing_code=unpaired.pairing_code,
                group=groups[number % len(groups)],
            )
        )
    return screens


def new_session(data):
    session = SessionStore()
    session.update(data)
    session.create()
    return session.session_key


def facilitator_session(user):
    return new_session(
        {
            SESSION_KEY: str(user.pk),
            BACKEND_SESSION_KEY: "django.contrib.auth.backends.ModelBackend",
            HASH_SESSION_KEY: user.get_session_auth_hash(),
        }
    )


def make_brainstorm(seminar, user, groups):
    """The first item becomes a brainstorm at the tables: starting there makes the boards."""
    first = programme_items(seminar)[0]
    agenda_services.update_item(
        first, by=user, kind="brainstorm", grouping=groups[0].grouping, title="Brainstorm"
    )
    return first


def make_scale(seminar, user, kind):
    """The first item becomes a scale (bench.scales); its chart is on the projector at once."""
    first = programme_items(seminar)[0]
    agenda_services.update_item(first, by=user, kind=kind, title="Dilemmaer på spil")
    return first


def scale_of(item):
    from ideas.models import Scale

    scale = Scale.objects.get(agenda_item=item)
    scale.revealed = True
    scale.save(update_fields=["revealed"])
    return {
        "scale_id": scale.pk,
        "statement_ids": list(scale.statements.values_list("pk", flat=True)),
    }


def tables_of(item, groups, participants, screens):
    """Per table: its board, the index of its screen and of its members' phones."""
    phone_index = {participant.pk: number for number, participant in enumerate(participants)}
    screen_index = {screen.pk: number for number, screen in enumerate(screens)}
    boards = dict(Board.objects.filter(agenda_item=item).values_list("group_id", "pk"))
    members = {}
    for group_id, participant_id in Membership.objects.filter(group__in=groups).values_list(
        "group_id", "participant_id"
    ):
        members.setdefault(group_id, []).append(phone_index[participant_id])
    return [
        {
            "group_id": group.pk,
            "name": group.name,
            "board_id": boards[group.pk],
            "screens": [screen_index[s.pk] for s in screens if s.group_id == group.pk],
            "members": sorted(members.get(group.pk, [])),
        }
        for group in groups
    ]


def seed(phones, tables, items, brainstorm=False, scale=None):
    user = make_facilitator()
    seminar = seminar_services.create_seminar(
        by=user,
        title="Lederseminar 2014",
        municipality="Varde Kommune",
        venue="Hotel Lalandia",
        departments=DEPARTMENTS,
    )
    make_programme(seminar, user, items)
    participants = make_participants(seminar, phones)
    groups = seat_at_tables(seminar, user, phones, tables) if participants and tables else []
    screens = pair_screens(seminar, user, groups, tables) if groups else []
    item = make_brainstorm(seminar, user, groups) if brainstorm and groups else None
    scale_item = make_scale(seminar, user, scale) if scale else None
    agenda_services.start_seminar(seminar, by=user)
    key = participant_session_key(seminar.pk)
    result = {
        "seminar_id": seminar.pk,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "screen_cookie": SCREEN_COOKIE,
        "facilitator_session": facilitator_session(user),
        "phone_sessions": [new_session({key: p.pk}) for p in participants],
        "screen_tokens": [screen.token for screen in screens],
    }
    if scale_item is not None:
        result.update(scale_of(scale_item))
    if item is not None:
        result["item_id"] = item.pk
        result["tables"] = tables_of(item, groups, participants, screens)
    return result


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("out", type=Path)
    parser.add_argument("--phones", type=int, required=True)
    parser.add_argument("--tables", type=int, required=True)
    parser.add_argument("--items", type=int, required=True)
    parser.add_argument("--brainstorm", action="store_true", help="the first item: boards")
    parser.add_argument("--scale", help="the first item: a scale of this kind (dilemma...)")
    args = parser.parse_args()
    args.out.write_text(
        json.dumps(seed(args.phones, args.tables, args.items, args.brainstorm, args.scale))
    )


if __name__ == "__main__":
    main()
