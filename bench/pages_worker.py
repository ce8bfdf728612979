"""The measuring half of `python -m bench.pages` (its own process, the benchmark's settings).

`python -m bench.pages_worker SEED.json OUT.json [--repeat N] [--warmup N] [--profile DIR]
[--label small|large] [--page PAGE ...]`
"""

import argparse
import cProfile
import json
import math
import os
import statistics
import sys
import time
from pathlib import Path

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from bench.pages import page_urls  # noqa: E402


def clients(seed):
    """A browser per role, with the cookies of its session (HTTP_HOST as a venue's laptop)."""
    made = {}
    for who in ("facilitator", "director", "phone"):
        client = Client(HTTP_HOST="127.0.0.1")
        client.cookies[seed["session_cookie"]] = seed[f"{who}_session"]
        made[who] = client
    screen = Client(HTTP_HOST="127.0.0.1")
    screen.cookies[seed["screen_cookie"]] = seed["screen_token"]
    made["screen"] = screen
    return made


def percentile(values, share):
    """The nearest-rank percentile (p95 of 20 values: the 19th)."""
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


def measure(client, url, *, repeat, warmup, profile=None):
    """GET the page: warm-ups, one with its queries counted, then `repeat` timed ones."""

    def get():
        response = client.get(url)
        if response.status_code != 200:
            raise RuntimeError(f"GET {url} answered {response.status_code}")
        # A download is streamed or not; either way its bytes are made before it is measured.
        return b"".join(response) if response.streaming else response.content

    for _ in range(warmup):
        get()
    with CaptureQueriesContext(connection) as captured:
        body = get()
    # Read now: the next request's request_started empties the connection's log.
    sql = [query["sql"] for query in captured.captured_queries]
    wall, cpu = [], []
    profiler = cProfile.Profile() if profile else None
    for _ in range(repeat):
        if profiler:
            profiler.enable()
        c0, w0 = time.process_time(), time.perf_counter()
        get()
        c1, w1 = time.process_time(), time.perf_counter()
        if profiler:
            profiler.disable()
        wall.append((w1 - w0) * 1000)
        cpu.append((c1 - c0) * 1000)
    if profiler:
        profiler.dump_stats(profile)
    return {
        "queries": len(sql),
        "ms_median": round(statistics.median(wall), 2),
        "ms_p95": round(percentile(wall, 0.95), 2),
        "cpu_ms_median": round(statistics.median(cpu), 2),
        "kb": round(len(body) / 1024, 1),
        "n": repeat,
        "sql": sql,
    }


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("seed", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--page", action="append", dest="pages", default=[])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--warmup", type=int, default=3)
    parser.add_argument("--label", default="room")
    parser.add_argument("--profile", type=Path)
    args = parser.parse_args()
    seed = json.loads(args.seed.read_text())
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "127.0.0.1"]
    browsers = clients(seed)
    results = {}
    for name, (who, url) in page_urls(seed).items():
        if args.pages and name not in args.pages:
            continue
        profile = None
        if args.profile:
            profile = args.profile / f"{args.label}-{name.replace(' ', '-')}.prof"
        results[name] = measure(
            browsers[who], url, repeat=args.repeat, warmup=args.warmup, profile=profile
        )
    args.out.write_text(json.dumps(results))


if __name__ == "__main__":
    sys.exit(main())
