"""`python -m bench.cost`: the server CPU of one action, in-process, and where it goes.

What it measures
    The CPU time (this process's user+system, `time.process_time`) of one request and its push
    rendered on commit, with no socket connected: everything the server does for an action
    except the per-socket writes. Three actions on a seeded room of 300 participants at 30
    tables: a phone posting an idea card (bench.ideas), a phone answering a scale
    (bench.scales; the coalesced chart push is measured apart, once per push), and the
    facilitator's "Next" (bench.live). Printed per action: queries, CPU per request (median
    and mean over --repeat), and with --profile a cProfile of the requests (DIR/<action>.prof).

How
    A temporary SQLite database (or --postgres) seeded by bench/seed.py as the benchmarks seed
    it; then, in a process of its own (the benchmark's settings, DEBUG off), the requests go
    through `django.test.Client` (the whole middleware, CSRF checks on, the view, the service,
    and the push rendered after the commit; the hub has no sockets, so nothing is written).
    The seminar's language is registered as read (`seminar.live.listening`), as a connected
    room would, so every push is rendered. The first --warmup requests of each action are not
    counted (template and URL caches).
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

ACTIONS = ("card", "scale", "next")


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.cost", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("actions", nargs="*", choices=[*ACTIONS, []], help="card scale next (all)")
    parser.add_argument("--repeat", type=int, default=100, help="requests measured (100)")
    parser.add_argument("--warmup", type=int, default=10, help="requests not counted (10)")
    parser.add_argument("--profile", type=Path, metavar="DIR", help="cProfile: DIR/<action>.prof")
    parser.add_argument("--sql", action="store_true", help="print the SQL of one request")
    parser.add_argument(
        "--asgi",
        action="store_true",
        help="send the requests through seminar.asgi.application (Django's ASGI handler, its "
        "thread hops, a database connection per request) instead of the test client",
    )
    parser.add_argument(
        "--postgres", nargs="?", const=POSTGRES_URL, metavar="URL", help="PostgreSQL database"
    )
    args = parser.parse_args(argv)
    args.actions = args.actions or list(ACTIONS)
    return args


def run(action, args):
    with servers.setup(postgres_url=args.postgres) as bench:
        items = args.repeat + args.warmup + 2 if action == "next" else 2  # "Next" needs items
        seed = servers.seed(
            bench,
            phones=300,
            tables=30,
            items=items,
            brainstorm=action == "card",
            scale="dilemma" if action == "scale" else None,
        )
        out = bench.directory / "cost.json"
        command = [sys.executable, "-m", "bench.cost_worker", action, str(seed), str(out)]
        command += [f"--repeat={args.repeat}", f"--warmup={args.warmup}"]
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            command.append(f"--profile={args.profile / (action + '.prof')}")
        if args.asgi:
            command.append("--asgi")
        subprocess.run(command, cwd=servers.REPO, env=bench.env, check=True)
        return json.loads(out.read_text())


def main(argv=None):
    args = parse_args(argv)
    results = {}
    for action in args.actions:
        result = results[action] = run(action, args)
        print(
            f"{action:6} {result['queries']:3d} queries, CPU per request median"
            f" {result['cpu_ms_median']:.2f} ms, mean {result['cpu_ms_mean']:.2f} ms,"
            f" wall median {result['wall_ms_median']:.2f} ms"
            + (
                f"; chart push {result['chart_cpu_ms']:.2f} ms CPU,"
                f" {result['chart_queries']} queries"
                if "chart_cpu_ms" in result
                else ""
            ),
            flush=True,
        )
    if args.sql:
        for action, result in results.items():
            print(f"--- {action}:", *result["sql"], sep="\n")
    for result in results.values():
        del result["sql"]
    with contextlib.suppress(OSError):
        results["load_average"] = round(os.getloadavg()[0], 2)
    print(json.dumps(results))


if __name__ == "__main__":
    sys.exit(main())
