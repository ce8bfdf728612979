"""`python -m bench.scales`: 300 phones place themselves on a dilemma scale within 30 seconds.

What it measures
    300 phones are connected (and the projector and the console); each phone answers the
    first --per-phone statements of a running dilemma scale, one POST per answer, the phones
    spread evenly over --seconds. The chart (revealed on the projector) follows the answers.
    Printed: the POST's round trip, the chart pushes the projector received and the largest gap
    between two of them while answers came in (the goal: at least one a second), the time from
    an answer's POST to the first projector chart that counts it (p50/p95/max; goal p95 < 1 s),
    and daphne's CPU time per answer (goal < 5 ms), all of it with the chart pushes included.

How
    1. A temporary database (bench/servers.py) seeded through Plenum's services (bench/seed.py
       --scale dilemma): a started seminar whose current item is the dilemma scale with the
       Odsherred preset, its chart revealed, and 300 participants with sessions.
    2. daphne serves seminar.asgi:application on --port (DEBUG off). 302 websocket clients
       connect (300 phones, ?view=projector and ?view=console) and read their initial state.
    3. Each phone opens its page once for the CSRF cookie, then posts its answers as htmx
       does (POST /s/<id>/statements/<id>/answer/ with a fresh key), scheduled by the clock.
    4. Every projector message with `id="scale-chart"` carries `data-total`, the answers the
       chart counts. An answer is on the chart when a chart with a total of at least its rank
       (the answers ordered by when their POST was answered) arrived after its POST began: the
       chart is rendered from the committed answers, so the k-th committed answer is in every
       chart counting k or more.
    5. A table; the last line is one JSON object.

The load generator runs in this process on the same machine: its CPU is printed too.
"""

import argparse
import asyncio
import contextlib
import json
import os
import re
import signal
import sys
import time
import uuid
from dataclasses import dataclass
from urllib.parse import urlencode

from bench import load, servers
from bench.ideas import Poster, http_post
from bench.live import POSTGRES_URL, REDIS_URL, percentile

CHART = re.compile(r'id="scale-chart"[^>]*data-total="(\d+)"')
GOAL_P95_MS = 1000
GOAL_CPU_MS = 5
GOAL_GAP_S = 1.0


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.scales", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--phones", type=int, default=300, help="phones (default 300)")
    parser.add_argument("--seconds", type=float, default=30, help="answers spread over (30 s)")
    parser.add_argument(
        "--per-phone", type=int, default=1, help="statements each phone answers (default 1)"
    )
    parser.add_argument("--port", type=int, default=9751, help="daphne's port (default 9751)")
    parser.add_argument(
        "--idle", type=float, default=5, help="seconds of idle sockets measured first (5)"
    )
    parser.add_argument(
        "--redis", nargs="?", const=REDIS_URL, metavar="URL", help=f"Redis layer ({REDIS_URL})"
    )
    parser.add_argument(
        "--postgres", nargs="?", const=POSTGRES_URL, metavar="URL", help="PostgreSQL database"
    )
    return parser.parse_args(argv)


@dataclass
class Answer:
    phone: int
    statement_id: int
    key: str
    at: float  # scheduled
    t0: float = 0.0
    done: float = 0.0
    status: str = ""


class ChartTracker:
    """The projector's chart pushes: (arrival, total counted); everything else is `other`."""

    def __init__(self, projector):
        self.projector = projector
        self.charts: list[tuple[float, int]] = []
        self.console_charts = 0
        self.other = 0
        self.closed = 0
        self.closing = False

    def record(self, socket, message, at):
        match = CHART.search(message)
        if match is None:
            self.other += 1
        elif socket == self.projector:
            self.charts.append((at, int(match.group(1))))
        else:
            self.console_charts += 1


class Phone(Poster):
    """A participant's phone: its session and CSRF cookie (as bench.ideas' poster)."""

    def __init__(self, port, seed, number, timeout=30):
        self.port = port
        self.timeout = timeout
        self.origin = f"http://127.0.0.1:{port}"
        self.page = f"/s/{seed['seminar_id']}/me/"
        self.seminar_id = seed["seminar_id"]
        self.cookies = {seed["session_cookie"]: seed["phone_sessions"][number]}

    async def answer(self, answer, value):
        token = self.cookies["csrftoken"]
        headers = {
            "Cookie": "; ".join(f"{name}={v}" for name, v in self.cookies.items()),
            "X-CSRFToken": token,
            "Origin": self.origin,
            "Referer": self.origin + self.page,
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        body = urlencode({"value": value, "key": answer.key}).encode()
        path = f"/s/{self.seminar_id}/statements/{answer.statement_id}/answer/"
        await asyncio.sleep(max(0.0, answer.at - time.perf_counter()))
        answer.t0 = time.perf_counter()
        try:
            status, text = await http_post(self.port, path, headers, body, self.timeout)
            ok = status == 200 and b'role="alert"' not in text
            answer.status = str(status) if ok else f"{status} refused"
        except (TimeoutError, OSError, ValueError, IndexError):
            answer.status = "error"
        answer.done = time.perf_counter()


async def measure(stack, setup, seed, args):
    server = servers.Daphne("seminar.asgi:application", setup.env, setup.directory / "app.log")
    server.port = args.port
    server = stack.enter_context(server)
    monitor = stack.enter_context(servers.MemoryMonitor(server.ps))
    session = seed["session_cookie"]
    facilitator = f"{session}={seed['facilitator_session']}"
    base = f"/ws/seminar/{seed['seminar_id']}/?view="
    clients = [load.Client(base + "phone", f"{session}={key}") for key in seed["phone_sessions"]]
    clients += [
        load.Client(base + "projector", facilitator),
        load.Client(base + "console", facilitator),
    ]
    tracker = ChartTracker(projector=len(clients) - 2)
    phones = [Phone(server.port, seed, n) for n in range(len(seed["phone_sessions"]))]
    print(f"Opening {len(phones)} phone pages for their CSRF cookies", flush=True)
    for phone in phones:
        phone.log_in()
    print(f"Connecting {len(clients)} sockets", flush=True)
    connected = await load.connect_all(
        f"ws://127.0.0.1:{server.port}", clients, server.origin, tracker
    )
    try:
        # What daphne spends with the sockets open and nothing happening, to tell apart.
        idle_before = server.cpu_seconds()
        await asyncio.sleep(args.idle)
        idle_rate = (server.cpu_seconds() - idle_before) / args.idle
        statements = seed["statement_ids"][: args.per_phone]
        start = time.perf_counter() + 0.5
        count = len(phones) * len(statements)
        answers = [
            Answer(
                phone=n,
                statement_id=statement,
                key=str(uuid.uuid4()),
                at=start + (n * len(statements) + i) * args.seconds / count,
            )
            for n in range(len(phones))
            for i, statement in enumerate(statements)
        ]
        print(f"Posting {count} answers over {args.seconds:g} s", flush=True)
        cpu_before, client_before = server.cpu_seconds(), time.process_time()
        window_start = time.perf_counter()
        await asyncio.gather(
            *(phones[a.phone].answer(a, (a.phone * 37 + a.statement_id) % 101) for a in answers)
        )
        saved = sum(1 for a in answers if a.status == "200")
        deadline = time.perf_counter() + 5
        while time.perf_counter() < deadline and (
            not tracker.charts or tracker.charts[-1][1] < saved
        ):
            await asyncio.sleep(0.05)
        await asyncio.sleep(1)  # the last coalesced push, and any late one
        server_cpu = server.cpu_seconds() - cpu_before
        idle_cpu = idle_rate * (time.perf_counter() - window_start)
        client_cpu = time.process_time() - client_before
    except Exception:
        print(f"The end of daphne's log:\n{server.log_tail()}")
        raise
    finally:
        await load.close_all(connected, tracker)
    return answers, tracker, server_cpu, idle_cpu, client_cpu, monitor.peak


def stats(answers, tracker, server_cpu, idle_cpu, client_cpu, peak, args):
    saved = sorted((a for a in answers if a.status == "200"), key=lambda a: a.done)
    latencies, never = [], 0
    for rank, answer in enumerate(saved, start=1):
        shown = next(
            (at for at, total in tracker.charts if total >= rank and at >= answer.t0), None
        )
        if shown is None:
            never += 1
        else:
            latencies.append((shown - answer.t0) * 1000)
    first, last = min(a.t0 for a in answers), max(a.done for a in answers)
    during = [at for at, _total in tracker.charts if first <= at <= last + 1]
    gaps = [b - a for a, b in zip([first, *during], [*during, last], strict=True)]
    posts = [(a.done - a.t0) * 1000 for a in answers if a.done]
    return {
        "answers": len(answers),
        "saved": len(saved),
        "failed": len(answers) - len(saved),
        "post_p50_ms": percentile(posts, 50),
        "post_p95_ms": percentile(posts, 95),
        "chart_pushes": len(tracker.charts),
        "console_chart_pushes": tracker.console_charts,
        "largest_gap_s": max(gaps, default=None),
        "charts_per_s": len(during) / max(0.001, last - first),
        "chart_p50_ms": percentile(latencies, 50),
        "chart_p95_ms": percentile(latencies, 95),
        "chart_max_ms": max(latencies, default=None),
        "never_on_chart": never,
        "final_total": tracker.charts[-1][1] if tracker.charts else 0,
        "server_cpu_ms_per_answer": server_cpu * 1000 / max(1, len(answers)),
        "idle_cpu_ms_per_answer": idle_cpu * 1000 / max(1, len(answers)),
        "net_cpu_ms_per_answer": (server_cpu - idle_cpu) * 1000 / max(1, len(answers)),
        "client_cpu_ms_per_answer": client_cpu * 1000 / max(1, len(answers)),
        "peak_rss_mb": peak / 2**20,
    }


def _n(value, fmt="{:.0f}"):
    return "-" if value is None else fmt.format(value)


def print_table(setup, result, args, load_average):
    print()
    print(
        f"Plenum scales: {args.phones} phones, {args.per_phone} answer(s) each over"
        f" {args.seconds:g} s, {setup.layer} layer, {setup.database}, one daphne;"
        f" load average {load_average:.1f}"
    )
    rows = [
        ("answers posted / saved", f"{result['answers']} / {result['saved']}"),
        (
            "POST round trip p50 / p95",
            f"{_n(result['post_p50_ms'])} / {_n(result['post_p95_ms'])} ms",
        ),
        (
            "answer to projector chart p50 / p95 / max",
            f"{_n(result['chart_p50_ms'])} / {_n(result['chart_p95_ms'])} /"
            f" {_n(result['chart_max_ms'])} ms ({result['never_on_chart']} never)",
        ),
        (
            "projector chart pushes / per second",
            f"{result['chart_pushes']} / {result['charts_per_s']:.1f}"
            f" (largest gap {_n(result['largest_gap_s'], '{:.2f}')} s)",
        ),
        ("the last chart counts", f"{result['final_total']} answers"),
        (
            "server CPU per answer (with pushes)",
            f"{result['server_cpu_ms_per_answer']:.1f} ms, of which idle"
            f" {result['idle_cpu_ms_per_answer']:.1f} ms:"
            f" net {result['net_cpu_ms_per_answer']:.1f} ms",
        ),
        ("client CPU per answer", f"{result['client_cpu_ms_per_answer']:.1f} ms"),
        ("server peak RSS", f"{result['peak_rss_mb']:.0f} MB"),
    ]
    goal = (
        result["failed"] == 0
        and result["never_on_chart"] == 0
        and result["chart_p95_ms"] is not None
        and result["chart_p95_ms"] < GOAL_P95_MS
        and result["largest_gap_s"] is not None
        and result["largest_gap_s"] <= GOAL_GAP_S
        and result["net_cpu_ms_per_answer"] < GOAL_CPU_MS
    )
    rows.append(("goal (p95 < 1 s, a chart a second, < 5 ms)", "met" if goal else "missed"))
    for label, value in rows:
        print(f"{label:44}{value}")


def _exit_on_sigterm(signum, frame):
    sys.exit(128 + signum)


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    with contextlib.ExitStack() as stack:
        setup = stack.enter_context(servers.setup(redis_url=args.redis, postgres_url=args.postgres))
        print(f"Seeding {args.phones} phones and a dilemma scale", flush=True)
        seed_file = servers.seed(setup, phones=args.phones, tables=0, items=2, scale="dilemma")
        seed = json.loads(seed_file.read_text())
        with contextlib.ExitStack() as running:
            outcome = asyncio.run(measure(running, setup, seed, args))
    load_average = os.getloadavg()[0]
    result = stats(*outcome, args)
    print_table(setup, result, args, load_average)
    line = {"layer": setup.layer, "database": setup.database, "phones": args.phones}
    line.update({k: round(v, 1) if isinstance(v, float) else v for k, v in result.items()})
    line["load_average"] = round(load_average, 2)
    print(json.dumps(line))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted: the server is stopped and the temporary files removed.")
