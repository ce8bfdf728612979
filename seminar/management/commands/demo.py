"""Load the demo: Varde Kommune's Lederseminar 2014, a facilitator, a director, participants.

The programme is imported from the seminar's own timetable text with the same importer a
facilitator uses. Running it again keeps the existing demo unless --reset is given.
"""

import datetime
import random
import secrets
from pathlib import Path

from django.conf import settings
from django.contrib.auth.models import Group as UserGroup
from django.contrib.auth.models import User
from django.core.management.base import BaseCommand
from django.db import transaction

from agenda.importer import parse_programme
from agenda.models import AgendaItem
from agenda.services import apply_import
from groups import services as group_services
from groups.models import Grouping
from seminar import services
from seminar.models import Seminar
from seminar.permissions import DIRECTORS_GROUP, FACILITATORS_GROUP

TIMETABLE = Path(__file__).resolve().parents[2] / "demo" / "varde_2014.txt"
TITLE = "Lederseminar 2014"
DEPARTMENTS = [
    "Børn og Unge",
    "Social og Sundhed",
    "Teknik og Miljø",
    "Kultur og Fritid",
    "Økonomi og Personale",
    "Borgerservice",
]
PARTICIPANTS = [
    "Anne Holm",
    "Bo Madsen",
    "Camilla Krogh",
    "Dorthe Lund",
    "Erik Vestergaard",
    "Frida Bach",
    "Gitte Skov",
    "Hans Nørgaard",
    "Ida Kjær",
    "Jens Friis",
    "Karen Dam",
    "Lars Thomsen",
    "Mette Bruun",
    "Niels Hede",
    "Ole Riis",
    "Pia Sand",
    "Rasmus Juhl",
    "Sofie Lind",
    "Tina Ravn",
    "Ulrik Bak",
    "Vibeke Mørk",
    "Anders Kirk",
    "Birgitte Dahl",
    "Claus Storm",
]
PASSWORD = "plenum-demo"  # noqa: S105  (the demo's published password)


def keep_a_year(seminar, today=None):
    """The demo is dated 2014, so the default retention (a year after the last day) would
    anonymise it at once: each load keeps its personal data until a year from today."""
    until = (today or datetime.date.today()) + datetime.timedelta(days=Seminar.RETENTION_DAYS)
    if seminar.retain_until is None or seminar.retain_until < until:
        Seminar.objects.filter(pk=seminar.pk).update(retain_until=until)
        seminar.retain_until = until


class Command(BaseCommand):
    help = "Create the Varde 2014 demo seminar with a facilitator and a director."

    def add_arguments(self, parser):
        parser.add_argument("--reset", action="store_true", help="Delete and recreate the demo.")
        parser.add_argument(
            "--venue",
            action="store_true",
            help="The demo's logins get a password of their own instead of the published one.",
        )

    def handle(self, *args, reset=False, venue=False, **options):
        facilitator = self._user("facilitator", "Manon", "Facilitator", FACILITATORS_GROUP)
        director = self._user("director", "Mogens", "Direktør", DIRECTORS_GROUP)
        password = self._venue_password([facilitator, director], venue or settings.VENUE)
        seminar = Seminar.objects.filter(title=TITLE, municipality="Varde Kommune").first()
        if seminar and reset:
            seminar.delete()
            seminar = None
        if seminar is None:
            seminar = self._create(facilitator, director)
            self.stdout.write(self.style.SUCCESS(f"Created the demo seminar “{seminar}”."))
        else:
            self.stdout.write(f"The demo seminar “{seminar}” is already there (--reset renews it).")
        keep_a_year(seminar)
        if seminar.anonymised_at:
            self.stdout.write(
                "  Its names were anonymised by apply_retention: --reset brings them back."
            )
        self.stdout.write(
            f"  Facilitator: facilitator / {password}\n"
            f"  Director:    director / {password}\n"
            f"  Join code:   {seminar.join_code}\n"
        )

    def _venue_password(self, users, venue):
        """On the venue's network the published password would let anyone in the room log in
        as the facilitator: there the demo's logins get a password of their own, made once and
        kept in var/venue-password (readable by this user only)."""
        path = Path(settings.BASE_DIR) / "var" / "venue-password"
        if not venue:
            changed = path.exists() and not users[0].check_password(PASSWORD)
            return path.read_text().strip() if changed else PASSWORD
        if not path.exists():
            path.parent.mkdir(exist_ok=True)
            path.touch(mode=0o600)
            path.write_text(secrets.token_urlsafe(9))
        password = path.read_text().strip()
        for user in users:
            if user.check_password(PASSWORD):
                user.set_password(password)
                user.save(update_fields=["password"])
        return password

    def _user(self, username, first, last, group_name):
        user, created = User.objects.get_or_create(
            username=username, defaults={"first_name": first, "last_name": last}
        )
        if created:
            user.set_password(PASSWORD)
            user.save()
        user.groups.add(UserGroup.objects.get_or_create(name=group_name)[0])
        return user

    @transaction.atomic
    def _create(self, facilitator, director):
        seminar = services.create_seminar(
            by=facilitator,
            title=TITLE,
            municipality="Varde Kommune",
            venue="Danhostel Varde",
            language="da",
            starts_on=datetime.date(2014, 10, 30),
            ends_on=datetime.date(2014, 10, 31),
            departments=DEPARTMENTS,
        )
        seminar.directors.add(director)
        days = parse_programme(TIMETABLE.read_text(encoding="utf-8"))
        apply_import(seminar, days, by=facilitator)
        for offset, day in enumerate(seminar.days.order_by("position")):
            day.date = seminar.starts_on + datetime.timedelta(days=offset)
            day.save(update_fields=["date"])

        departments = list(seminar.departments.order_by("name"))
        for index, name in enumerate(PARTICIPANTS):
            services.join_seminar(
                seminar, display_name=name, department=departments[index % len(departments)]
            )
        self._groupings(seminar, facilitator)
        return seminar

    def _groupings(self, seminar, facilitator):
        rng = random.Random(2014)
        tables = group_services.create_grouping(
            seminar,
            by=facilitator,
            name="Tværgående borde",
            method=Grouping.Method.CROSS_FUNCTIONAL,
            size=6,
        )
        group_services.apply_plan(
            tables,
            by=facilitator,
            plan=group_services.plan_grouping(
                seminar, method=tables.method, size=6, seed=rng.random()
            ),
        )
        participants = list(seminar.participants.order_by("pk"))
        large = group_services.create_grouping(
            seminar,
            by=facilitator,
            name="Fire store grupper",
            method=Grouping.Method.WITH_LEADERS,
        )
        leaders = [participants[i].pk for i in (0, 7, 14, 21)]
        group_services.apply_plan(
            large,
            by=facilitator,
            plan=group_services.plan_grouping(
                seminar, method=large.method, count=4, leaders=leaders, seed=rng.random()
            ),
        )
        departments = group_services.create_grouping(
            seminar,
            by=facilitator,
            name="Forvaltningsgrupper",
            method=Grouping.Method.BY_DEPARTMENT,
        )
        group_services.apply_plan(
            departments,
            by=facilitator,
            plan=group_services.plan_grouping(seminar, method=departments.method),
        )

        # Which item sits at which tables, as the Varde programme describes it.
        items = AgendaItem.objects.filter(day__seminar=seminar).select_related("day")
        for item in items:
            title = item.title.lower()
            if any(
                word in title
                for word in (
                    "hvad synes",
                    "hvad tænker",
                    "brainstorm",
                    "fernisering",
                    "borgerperspektiver",
                )
            ):
                item.grouping = tables
            elif any(word in title for word in ("ølkassen", "fra læring", "fællles mål")):
                item.grouping = large
            elif any(word in title for word in ("fra helhed", "kommunikerer")):
                item.grouping = departments
                item.kind = AgendaItem.Kind.COMMITMENTS
            else:
                continue
            if item.kind == AgendaItem.Kind.PLENUM:
                item.kind = AgendaItem.Kind.GROUP_WORK
            item.save(update_fields=["grouping", "kind"])
