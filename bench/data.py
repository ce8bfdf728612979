"""`python -m bench.data [--postgres URL] [--people N]`: a big seminar's export, import,
anonymisation and purge.

What it measures
    A seminar of N people (default 300) in tables of six, with a row in every table of a
    seminar and about as much as a two-day seminar leaves: 10 cards, 5 comments, 5 stars and
    3 dots each, a goal per table, an interview, a case, a speech with 2 feedbacks, 2 questions
    and 4 upvotes, a turn in the speaker queue and 10 answers on a scale each. Printed: the
    rows, the file's size, and the CPU seconds (this process: Python; the database's own work
    on PostgreSQL is not in it) and wall seconds of export_seminar, import_seminar,
    apply_retention (anonymise_seminar) and purge_seminar, with the load average beside.

How
    A throwaway database (bench/servers.py: SQLite in a temporary directory, or a database of
    its own on the PostgreSQL server given), migrated; this module then runs itself in a child
    process with that database (--child) and builds the seminar with bulk_create.
"""

import argparse
import datetime
import os
import subprocess
import sys
import time

from bench import servers


def _build(people):
    from agenda.models import AgendaItem
    from groups.models import Group, Grouping, Membership
    from ideas.models import (
        Answer,
        Board,
        Case,
        Comment,
        Dot,
        Goal,
        Idea,
        Interview,
        Question,
        QuestionVote,
        Scale,
        SpeakerRequest,
        Speech,
        SpeechFeedback,
        Star,
        Statement,
        Vote,
    )
    from seminar.models import Participant
    from tests import factories

    user = factories.make_user("bench-facilitator")
    seminar = factories.make_seminar(user, title="Bench")
    seminar.ends_on = datetime.date(2020, 1, 1)
    seminar.save()
    _day, items = factories.make_programme(seminar, by=user)
    department = seminar.departments.first()
    Participant.objects.bulk_create(
        Participant(seminar=seminar, display_name=f"Person{n} Surname{n}", department=department)
        for n in range(people)
    )
    persons = list(seminar.participants.order_by("pk"))
    grouping = Grouping.objects.create(seminar=seminar, name="Tables", method="random")
    tables = Group.objects.bulk_create(
        Group(grouping=grouping, number=n + 1, name=f"Table {n + 1}")
        for n in range((people + 5) // 6)
    )
    Membership.objects.bulk_create(
        Membership(grouping=grouping, group=tables[n // 6], participant=p)
        for n, p in enumerate(persons)
    )
    boards = Board.objects.bulk_create(
        Board(seminar=seminar, agenda_item=items[0], group=table) for table in tables
    )
    ideas = Idea.objects.bulk_create(
        Idea(board=boards[n // 6], author=p, text=f"Card {k}: Person{n}, Person{(n + 1) % people}")
        for n, p in enumerate(persons)
        for k in range(10)
    )
    Comment.objects.bulk_create(
        Comment(idea=ideas[(n * 10 + k * 7) % len(ideas)], author=p, text=f"Yes, Person{n}")
        for n, p in enumerate(persons)
        for k in range(5)
    )
    Star.objects.bulk_create(
        Star(idea=ideas[(n * 10 + 13 * k + 3) % len(ideas)], participant=p)
        for n, p in enumerate(persons)
        for k in range(5)
    )
    vote = Vote.objects.create(seminar=seminar, title="Which?")
    vote.boards.set(boards)
    Dot.objects.bulk_create(
        Dot(vote=vote, participant=p, idea=ideas[(n * 17 + k) % len(ideas)])
        for n, p in enumerate(persons)
        for k in range(3)
    )
    Goal.objects.bulk_create(
        Goal(seminar=seminar, group=t, title=f"Goal {n}", why="Because", owner=f"Person{n * 6}")
        for n, t in enumerate(tables)
    )
    Interview.objects.bulk_create(
        Interview(
            seminar=seminar,
            author=p,
            who=f"Citizen{n} Family{n}, retired",
            said=f"Citizen{n} said Person{n} listened",
        )
        for n, p in enumerate(persons)
    )
    Case.objects.bulk_create(
        Case(seminar=seminar, author=p, title=f"Case {n}", what_happened=f"Person{n + 2} came")
        for n, p in enumerate(persons)
    )
    AgendaItem.objects.filter(pk=items[1].pk).update(kind="speeches")
    speeches = Speech.objects.bulk_create(
        Speech(
            seminar=seminar,
            agenda_item=items[1],
            participant=p,
            vision=f"Vision of Person{n}",
            plan="Plan",
        )
        for n, p in enumerate(persons)
    )
    SpeechFeedback.objects.bulk_create(
        SpeechFeedback(speech=speeches[(n + k) % people], participant=p, worked="Clear")
        for n, p in enumerate(persons)
        for k in (1, 2)
    )
    questions = Question.objects.bulk_create(
        Question(seminar=seminar, agenda_item=items[2], participant=p, text=f"Q{k} by Person{n}")
        for n, p in enumerate(persons)
        for k in range(2)
    )
    QuestionVote.objects.bulk_create(
        QuestionVote(question=questions[(n * 5 + k) % len(questions)], participant=p)
        for n, p in enumerate(persons)
        for k in range(4)
    )
    SpeakerRequest.objects.bulk_create(
        SpeakerRequest(seminar=seminar, agenda_item=items[2], participant=p, position=n)
        for n, p in enumerate(persons)
    )
    scale = Scale.objects.create(seminar=seminar, agenda_item=items[2])
    statements = Statement.objects.bulk_create(
        Statement(scale=scale, position=k, low="Slow", high="Fast") for k in range(10)
    )
    Answer.objects.bulk_create(
        Answer(statement=s, participant=p, value=(n * 7 + k) % 101)
        for n, p in enumerate(persons)
        for k, s in enumerate(statements)
    )
    return seminar, user


def _timed(label, function):
    cpu, wall = time.process_time(), time.perf_counter()
    result = function()
    cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
    load = os.getloadavg()[0]
    print(f"  {label:<28} CPU {cpu:6.2f} s   wall {wall:6.2f} s   (load average {load:.2f})")
    return result


def child(people):
    import django

    django.setup()
    from django.db import connection

    from ideas.data import reach, services, transfer

    seminar, user = _build(people)
    rows = sum(
        model.objects.filter(**{path: seminar}).count()
        for model, path in reach.seminar_paths(include_auto_created=False).items()
    )
    print(f"{people} people, {rows} rows of the seminar ({connection.vendor})")
    text = _timed("export_seminar", lambda: transfer.dumps(seminar))
    print(f"  the file: {len(text.encode()) / 1e6:.1f} MB")
    copy = _timed("import_seminar", lambda: transfer.import_seminar(text, by=user))
    _timed("apply_retention (anonymise)", lambda: services.anonymise_seminar(seminar))
    from ideas.models import Idea, Interview

    left = Idea.objects.filter(board__seminar=seminar, text__contains="Person").count()
    left += Interview.objects.filter(seminar=seminar, said__contains="Citizen0 ").count()
    print(f"  texts still naming someone after it: {left}")
    _timed("purge_seminar", lambda: services.purge_seminar(copy))


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=300)
    parser.add_argument("--postgres", help="a PostgreSQL server URL (a database is made on it)")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.people)
        return
    with servers.setup(postgres_url=args.postgres) as bench:
        subprocess.run(
            [sys.executable, "-m", "bench.data", "--child", f"--people={args.people}"],
            cwd=servers.REPO,
            env=bench.env,
            check=True,
        )


if __name__ == "__main__":
    main()
