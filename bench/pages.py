"""`python -m bench.pages`: the pages of a grown room, their queries and server time (issue 19).

What it measures
    The server time of one GET of each page a facilitator, a director, a phone and a table screen
    open while a seminar runs a brainstorm: the groups page, the run console, the projector, the
    programme, the report (its HTML, and the Word and PDF downloads), the directors' follow-up,
    the phone page, the table screen and the gallery. Per page: the queries of one GET, the wall
    time per GET (median and p95 over --repeat, after --warmup not counted), its CPU (median)
    and the page's size. The goal of issue 19: every page under 200 ms at 300 participants and
    1,000 cards, with as many queries as in a small room (tests/test_scaling.py holds the
    counts equal; here they are printed side by side).

How
    Two rooms, each in a temporary SQLite database (or --postgres) of its own: the Varde demo as
    loaded (its participants, a few cards), and the demo grown to --people participants at
    tables of six and --cards cards, with comments, stars, dots, a goal per table and
    handshakes (bench/pages_seed.py, in a process of its own, through the app's services). The
    seminar is started and runs its brainstorm. Then, in another process (the benchmark's
    settings, DEBUG off), each page is read through `django.test.Client` (the whole middleware:
    sessions, the screen cookie, the views, the templates; no socket). With --profile DIR the
    timed GETs are profiled to DIR/<room>-<page>.prof.
"""

import argparse
import contextlib
import json
import os
import subprocess
import sys
from pathlib import Path

from bench import servers
from bench.live import POSTGRES_URL

GOAL_MS = 200
SEED = [sys.executable, "-m", "bench.pages_seed"]


def page_urls(seed):
    """Every page measured, as {name: (who, url)}, in the order printed."""
    s = seed["seminar_id"]
    return {
        "groups": ("facilitator", f"/s/{s}/groups/"),
        "console": ("facilitator", f"/s/{s}/run/"),
        "projector": ("facilitator", f"/s/{s}/projector/"),
        "programme": ("facilitator", f"/s/{s}/programme/"),
        "report": ("facilitator", f"/s/{s}/report/"),
        "report.docx": ("facilitator", f"/s/{s}/report.docx"),
        "report.pdf": ("facilitator", f"/s/{s}/report.pdf"),
        "follow-up": ("director", "/follow-up/"),
        "phone": ("phone", f"/s/{s}/me/"),
        "table screen": ("screen", "/screen/"),
        "gallery": ("phone", f"/s/{s}/gallery/"),
    }


PAGES = list(page_urls({"seminar_id": 0}))


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.pages", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("pages", nargs="*", choices=[*PAGES, []], help="(all)", metavar="PAGE")
    parser.add_argument("--people", type=int, default=300, help="the large room's (300)")
    parser.add_argument("--cards", type=int, default=1000, help="the large room's (1000)")
    parser.add_argument("--repeat", type=int, default=20, help="GETs timed per page (20)")
    parser.add_argument("--warmup", type=int, default=3, help="GETs not counted (3)")
    parser.add_argument("--quick", action="store_true", help="a smoke run: 3 GETs, 1 warm-up")
    parser.add_argument("--large-only", action="store_true", help="skip the small room")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="cProfile: DIR/<room>-<page>")
    parser.add_argument("--sql", action="store_true", help="print the SQL of each page")
    parser.add_argument(
        "--postgres", nargs="?", const=POSTGRES_URL, metavar="URL", help="PostgreSQL database"
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.repeat, args.warmup = 3, 1
    return args


def run(label, people, cards, args):
    """Seed a room in a database of its own and measure its pages; (seed, results)."""
    with servers.setup(postgres_url=args.postgres) as bench:
        seed_file = bench.directory / "seed.json"
        subprocess.run(
            [*SEED, str(seed_file), f"--people={people}", f"--cards={cards}"],
            cwd=servers.REPO,
            env=bench.env,
            check=True,
            stdout=subprocess.DEVNULL,  # the demo's logins
        )
        seed = json.loads(seed_file.read_text())
        out = bench.directory / "pages.json"
        command = [sys.executable, "-m", "bench.pages_worker", str(seed_file), str(out)]
        command += [f"--repeat={args.repeat}", f"--warmup={args.warmup}", f"--label={label}"]
        command += [f"--page={name}" for name in args.pages]
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            command.append(f"--profile={args.profile}")
        subprocess.run(command, cwd=servers.REPO, env=bench.env, check=True)
        return seed, json.loads(out.read_text())


def room_line(label, seed):
    room = seed["room"]
    return (
        f"{label}: {room['participants']} participants at {room['tables']} tables,"
        f" {room['cards']} cards, {room['comments']} comments, {room['stars']} stars,"
        f" {room['dots']} dots, {room['goals']} goals, {room['handshakes']} handshakes"
        f" (seeded in {seed['seed_seconds']} s)"
    )


def table(rooms):
    """The pages side by side: queries, median / p95 ms, CPU and size per room."""
    labels = list(rooms)
    head = f"{'page':13}" + "".join(
        f" | {label + ' queries':>14} {'ms median':>9} {'p95':>7} {'CPU':>7} {'kB':>6}"
        for label in labels
    )
    lines = [head, "-" * len(head)]
    names = [name for name in PAGES if all(name in rooms[label] for label in labels)]
    for name in names:
        cells = []
        for label in labels:
            result = rooms[label][name]
            over = "*" if label == labels[-1] and result["ms_p95"] > GOAL_MS else " "
            cells.append(
                f" | {result['queries']:14d} {result['ms_median']:9.1f} {result['ms_p95']:7.1f}"
                f"{over}{result['cpu_ms_median']:6.1f} {result['kb']:6.1f}"
            )
        if len(labels) > 1 and len({rooms[label][name]["queries"] for label in labels}) > 1:
            cells.append("  queries differ")
        lines.append(f"{name:13}" + "".join(cells))
    return "\n".join(lines)


def main(argv=None):
    args = parse_args(argv)
    database = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"bench.pages: {database}, {args.repeat} GETs per page after {args.warmup} warm-ups",
        flush=True,
    )
    sizes = {"small": (0, 4), "large": (args.people, args.cards)}
    if args.large_only:
        del sizes["small"]
    rooms, seeds = {}, {}
    for label, (people, cards) in sizes.items():
        seeds[label], rooms[label] = run(label, people, cards, args)
        print(room_line(label, seeds[label]), flush=True)
    print(table(rooms))
    print(f"(* p95 over the goal of {GOAL_MS} ms in the large room)")
    if args.sql:
        for label, results in rooms.items():
            for name, result in results.items():
                print(f"--- {label} {name}:", *result["sql"], sep="\n")
    summary = {
        "database": database.lower(),
        "repeat": args.repeat,
        "rooms": {label: seed["room"] for label, seed in seeds.items()},
        "pages": {
            name: {
                label: {key: value for key, value in rooms[label][name].items() if key != "sql"}
                for label in rooms
                if name in rooms[label]
            }
            for name in PAGES
            if any(name in rooms[label] for label in rooms)
        },
    }
    summary["over_goal"] = [
        name
        for name, result in summary["pages"].items()
        if result[list(rooms)[-1]]["ms_p95"] > GOAL_MS
    ]
    summary["queries_differ"] = [
        name
        for name, result in summary["pages"].items()
        if len({room["queries"] for room in result.values()}) > 1
    ]
    with contextlib.suppress(OSError):
        summary["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(summary))


if __name__ == "__main__":
    sys.exit(main())
