"""Prepare bench.pages' room: the Varde demo run to its brainstorm, grown to a size.

Run as `python -m bench.pages_seed OUT.json --people P --cards C` with the benchmark's
environment (bench.pages does). Everything goes through the app's services, as in a seminar:

- the demo is loaded (`manage.py demo`: its participants at three groupings);
- with --people above the demo's, more people join (each seated by the late-joiner rule) and
  the tables the brainstorm sits at are formed anew (tables of six, as the demo's), before the
  seminar starts;
- the seminar starts and goes to the brainstorm: one board per table;
- C cards spread over the boards, each by a member of its table; every second card has a
  comment and every card a star, from people of other tables;
- a dot vote over every board, one dot per person; a goal per table, one of them shown and
  shaken on by everyone, sealed, and taken off the projector; a progress note by the director on
  every fifth goal; a Monday action for every fifth person;
- one table screen paired to the first board's table.

The JSON names the seminar, the session cookie's name and a session for the facilitator, the
director and a phone at the first board's table, the screen cookie and the screen's token, and
the room's counts.
"""

import argparse
import datetime
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402

from agenda import services as agenda_services  # noqa: E402
from agenda.models import AgendaItem  # noqa: E402
from agenda.queries import programme_items  # noqa: E402
from bench.seed import facilitator_session, new_session  # noqa: E402
from groups import services as group_services  # noqa: E402
from groups.models import Grouping, Screen  # noqa: E402
from ideas import services  # noqa: E402
from ideas.models import Comment, Dot, Goal, Idea, Pledge, Star  # noqa: E402
from seminar import services as seminar_services  # noqa: E402
from seminar.models import Seminar  # noqa: E402
from seminar.permissions import SCREEN_COOKIE, participant_session_key  # noqa: E402

TABLE_SIZE = 6  # the demo's cross-functional tables


def join_more(seminar, people):
    """Join people until the seminar has `people`; each is seated by the late-joiner rule."""
    departments = list(seminar.departments.order_by("name"))
    have = seminar.participants.count()
    for number in range(have, people):
        seminar_services.join_seminar(
            seminar,
            display_name=f"Leder {number + 1}",
            department=departments[number % len(departments)],
        )


def form_tables(grouping, facilitator):
    """The brainstorm's tables formed anew for everyone (late joiners fill the demo's few)."""
    plan = group_services.plan_grouping(
        grouping.seminar, method=grouping.method, size=TABLE_SIZE, seed=2014
    )
    group_services.apply_plan(grouping, by=facilitator, plan=plan)


def post_cards(boards, people, cards):
    """`cards` cards over the boards by their tables' members; comments and stars from others."""
    members = {board.pk: list(board.group.members.all()) for board in boards}
    for number in range(cards):
        board = boards[number % len(boards)]
        authors = members[board.pk] or people
        idea = services.add_idea(
            board, by=authors[number % len(authors)], text=f"Idé nummer {number + 1}"
        )
        visitor = people[(number * 7 + 3) % len(people)]
        if number % 2 == 0:
            services.add_comment(idea, by=visitor, text=f"Kommentar til idé {number + 1}")
        services.toggle_star(idea, by=people[(number * 11 + 5) % len(people)])


def vote(seminar, facilitator, boards, people):
    """A dot vote over every board; each person puts one dot on a card."""
    ballot = services.open_vote(seminar, by=facilitator, title="Vigtigst?", boards=boards)
    ideas = list(Idea.objects.filter(board__in=boards).order_by("pk"))
    if not ideas:
        return
    for number, person in enumerate(people):
        services.cast_dot(ballot, by=person, idea=ideas[(number * 13) % len(ideas)])


def goals(seminar, facilitator, director, boards, people):
    """A goal per table; the first shown, shaken on by everyone, sealed and taken down."""
    made = []
    for number, board in enumerate(boards):
        made.append(
            services.draft_goal(
                seminar,
                by=facilitator,
                group=board.group,
                title=f"Mål for {board.group.name}",
                why="Fordi borgerne mærker det.",
                measure="Halvdelen af afdelingerne har prøvet det.",
                target_date=datetime.date(2015, 3, 1) + datetime.timedelta(days=number),
                owner=f"Leder {number + 1}",
            )
        )
    if not made:
        return
    services.show_goal(seminar, by=facilitator, goal=made[0])
    for person in people:
        services.shake(made[0], by=person)
    services.seal_goal(made[0], by=facilitator)
    services.show_goal(seminar, by=facilitator, goal=None)
    statuses = [Goal.Status.UNDER_WAY, Goal.Status.ACHIEVED, Goal.Status.NOT_STARTED]
    for number, goal in enumerate(made[::5]):
        services.record_progress(
            goal, by=director, status=statuses[number % 3], note="Godt i gang i to afdelinger."
        )
    for number, person in enumerate(people[::5]):
        services.add_monday_action(
            person, text=f"Mandag: tal med teamet om idé {number + 1}", goal=made[0]
        )


def seed(people, cards):
    started = time.perf_counter()
    call_command("demo", verbosity=0)
    seminar = Seminar.objects.get(municipality="Varde Kommune")
    facilitator = seminar.facilitators.first()
    director = seminar.directors.first()
    brainstorm = next(
        item for item in programme_items(seminar) if item.kind == AgendaItem.Kind.BRAINSTORM
    )
    tables = brainstorm.grouping
    if people > seminar.participants.count():
        join_more(seminar, people)
        form_tables(tables, facilitator)
    agenda_services.start_seminar(seminar, by=facilitator)
    agenda_services.go_to(seminar, by=facilitator, item=brainstorm)
    boards = list(
        services.boards_for_item(brainstorm, by=facilitator)
    )  # one per table, as going to it makes them
    boards = [board for board in boards if board.group_id is not None]
    everyone = list(seminar.participants.order_by("pk"))
    post_cards(boards, everyone, cards)
    vote(seminar, facilitator, boards, everyone)
    goals(seminar, facilitator, director, boards, everyone)
    first = boards[0]
    screen = group_services.pair_screen(
        seminar,
        by=facilitator,
        pairing_code=Screen.objects.create().pairing_code,
        group=first.group,
    )
    phone = first.group.members.order_by("pk").first()
    return {
        "seminar_id": seminar.pk,
        "session_cookie": settings.SESSION_COOKIE_NAME,
        "screen_cookie": SCREEN_COOKIE,
        "facilitator_session": facilitator_session(facilitator),
        "director_session": facilitator_session(director),
        "phone_session": new_session({participant_session_key(seminar.pk): phone.pk}),
        "screen_token": screen.token,
        "item": brainstorm.title,
        "room": {
            "participants": seminar.participants.count(),
            "tables": len(boards),
            "groupings": Grouping.objects.filter(seminar=seminar).count(),
            "cards": Idea.objects.filter(board__seminar=seminar).count(),
            "comments": Comment.objects.filter(idea__board__seminar=seminar).count(),
            "stars": Star.objects.filter(idea__board__seminar=seminar).count(),
            "dots": Dot.objects.filter(vote__seminar=seminar).count(),
            "goals": Goal.objects.filter(seminar=seminar).count(),
            "handshakes": Pledge.objects.filter(goal__seminar=seminar).count(),
        },
        "seed_seconds": round(time.perf_counter() - started, 1),
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("--people", type=int, default=0, help="participants (0: the demo's)")
    parser.add_argument("--cards", type=int, default=4)
    args = parser.parse_args()
    args.out.write_text(json.dumps(seed(args.people, args.cards)))


if __name__ == "__main__":
    sys.exit(main())
