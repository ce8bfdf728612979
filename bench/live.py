"""`python -m bench.live`: how long a change of the agenda takes to reach every screen in the room.

What it measures
    The facilitator presses "Next" and every phone and table screen must show the new item.
    For each change: the time from just before the facilitator's POST until the last of the N
    sockets has the "now" push (p50/p95/p99/max over the changes), every single delivery's
    latency, deliveries lost (not received within --timeout), daphne's CPU time per delivery and
    its peak resident memory. The same run measures a bare Channels app (bench/reference_asgi.py)
    that broadcasts the same bytes through the same layer and server, and prints app/reference.

How
    1. A temporary directory with a fresh SQLite file (PostgreSQL with --postgres) migrated by
       manage.py; with --redis the Redis channel layer on a flushed database of its own.
    2. bench/seed.py creates, through Plenum's services, a facilitator, a started seminar, the
       phones' participants seated at tables, paired table screens and everyone's session.
    3. daphne serves seminar.asgi:application. N websocket clients connect as those phones and
       screens and read their initial state. A change is the facilitator's htmx POST
       /s/<id>/clock/next/; it has reached a socket when a message with the new
       data-clock-version arrives (other messages are counted apart). --warmup changes are not
       counted; the last warm-up push becomes the reference's payload.
    4. A second daphne serves the reference; N more clients connect to it. Then the measured
       changes alternate between the two servers (app, reference, reference, app, ...), one at a
       time and --interval seconds apart, so that whatever else the machine is doing weighs on
       both alike. A change's CPU time runs from its POST to the end of the interval after it.
    5. A table; the last line is one JSON object.

The load generator runs in this process on the same machine: its own CPU is printed too.
"""

import argparse
import asyncio
import contextlib
import json
import os
import signal
import sys
from dataclasses import dataclass
from pathlib import Path

from bench import load, servers

REDIS_URL = "redis://127.0.0.1:6379/5"
POSTGRES_URL = "postgresql://postgres@127.0.0.1:5432"
SOCKETS_PER_TABLE = 11  # a table of ten phones and its screen


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.live", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--screens", type=int, default=330, help="sockets in all (default 330)")
    parser.add_argument(
        "--tables", type=int, default=30, help="of them table screens (default 30, at most 1 in 11)"
    )
    parser.add_argument(
        "--changes", type=int, default=20, help="measured changes per server (default 20)"
    )
    parser.add_argument("--warmup", type=int, default=2, help="unmeasured changes first")
    parser.add_argument(
        "--interval", type=float, default=0.5, help="seconds between changes (default 0.5)"
    )
    parser.add_argument(
        "--timeout", type=float, default=5.0, help="a push later than this is lost (s)"
    )
    parser.add_argument(
        "--redis", nargs="?", const=REDIS_URL, metavar="URL", help=f"Redis layer ({REDIS_URL})"
    )
    parser.add_argument(
        "--postgres", nargs="?", const=POSTGRES_URL, metavar="URL", help="PostgreSQL database"
    )
    parser.add_argument(
        "--profile",
        type=Path,
        metavar="DIR",
        help="run both daphnes under cProfile, write DIR/app.prof and DIR/reference.prof "
        "(slows them: read the profiles, not the times)",
    )
    parser.add_argument("--quiet", action="store_true", help="no line per change")
    args = parser.parse_args(argv)
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    if args.warmup < 1:
        parser.error("--warmup must be at least 1: its push is the reference's payload")
    return args


# --- Statistics ---------------------------------------------------------------------------------


def percentile(values, q):
    """Linear interpolation between closest ranks; None for no values."""
    if not values:
        return None
    ordered = sorted(values)
    rank = (len(ordered) - 1) * q / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


@dataclass
class Run:
    """One measured server: its changes and what the monitor and the clients saw."""

    name: str
    sockets: int
    changes: list[load.Change]
    peak_rss: int
    other: int
    closed: int

    @classmethod
    def of(cls, target, monitor):
        return cls(
            name=target.name,
            sockets=len(target.clients),
            changes=target.changes,
            peak_rss=monitor.peak,
            other=target.tracker.other,
            closed=target.tracker.closed,
        )

    def stats(self):
        deliveries = [ms for change in self.changes for ms in change.latencies_ms]
        complete = [c.all_received_ms for c in self.changes if len(c.latencies_ms) == self.sockets]
        received = [c for c in self.changes if c.latencies_ms]
        delivered = max(1, len(deliveries))
        return {
            "p50_ms": percentile(complete, 50),
            "p95_ms": percentile(complete, 95),
            "p99_ms": percentile(complete, 99),
            "max_ms": max(complete, default=None),
            "first_p50_ms": percentile([min(c.latencies_ms) for c in received], 50),
            "delivery_p50_ms": percentile(deliveries, 50),
            "delivery_p95_ms": percentile(deliveries, 95),
            "delivery_p99_ms": percentile(deliveries, 99),
            "post_p50_ms": percentile([c.post_ms for c in self.changes], 50),
            "lost": self.sockets * len(self.changes) - len(deliveries),
            "cpu_ms_per_delivery": sum(c.server_cpu_s for c in self.changes) * 1000 / delivered,
            "client_cpu_ms_per_delivery": sum(c.client_cpu_s for c in self.changes)
            * 1000
            / delivered,
            "peak_rss_mb": self.peak_rss / 2**20,
        }


def print_change(target, number, change, quiet):
    if quiet:
        return
    received, sockets = len(change.latencies_ms), len(target.clients)
    last = f"{change.all_received_ms:7.1f} ms" if received else "      -   "
    first = min(change.latencies_ms, default=float("nan"))
    print(
        f"  {target.name:9} change {number:3}: {received}/{sockets} received, all by {last}"
        f" (first {first:.1f} ms, POST {change.post_ms:.1f} ms)",
        flush=True,
    )


# --- The two servers ----------------------------------------------------------------------------


def app_clients(seed):
    def client(view, cookie):
        return load.Client(f"/ws/seminar/{seed['seminar_id']}/?view={view}", cookie)

    phones = [client("phone", f"{seed['session_cookie']}={key}") for key in seed["phone_sessions"]]
    screens = [
        client("screen", f"{seed['screen_cookie']}={token}") for token in seed["screen_tokens"]
    ]
    return phones + screens


def _profile_path(args, name):
    return args.profile / f"{name}.prof" if args.profile else None


def start_app(stack, setup, seed, args):
    server = stack.enter_context(
        servers.Daphne(
            "seminar.asgi:application",
            setup.env,
            setup.directory / "app.log",
            profile=_profile_path(args, "app"),
        )
    )
    monitor = stack.enter_context(servers.MemoryMonitor(server.ps))
    trigger = load.FacilitatorTrigger(
        server.port, seed["seminar_id"], seed["session_cookie"], seed["facilitator_session"]
    )
    trigger.log_in()
    return load.Target(
        "app", server, app_clients(seed), trigger, timeout=args.timeout, interval=args.interval
    ), monitor


def start_reference(stack, setup, payload, args):
    payload_file = setup.directory / "payload.html"
    payload_file.write_text(payload)
    server = stack.enter_context(
        servers.Daphne(
            "bench.reference_asgi:application",
            setup.env,
            setup.directory / "reference.log",
            extra_env={"BENCH_PAYLOAD_FILE": str(payload_file)},
            profile=_profile_path(args, "reference"),
        )
    )
    monitor = stack.enter_context(servers.MemoryMonitor(server.ps))
    clients = [load.Client("/ws/reference/")] * args.screens
    trigger = load.ReferenceTrigger(server.port)
    return load.Target(
        "reference", server, clients, trigger, timeout=args.timeout, interval=args.interval
    ), monitor


async def warm_up(target, args):
    for _ in range(args.warmup):
        await target.change()


async def measure(stack, setup, seed, args):
    """Connect both servers' clients and make the measured changes, alternating servers."""
    app, app_monitor = start_app(stack, setup, seed, args)
    targets = [app]
    try:
        await app.connect()
        await warm_up(app, args)
        if app.last_push() is None:
            raise RuntimeError("the app's warm-up push never arrived: nothing to send as reference")
        ref, ref_monitor = start_reference(stack, setup, app.last_push(), args)
        targets.append(ref)
        await ref.connect()
        await warm_up(ref, args)
        for number in range(1, args.changes + 1):
            for target in (app, ref) if number % 2 else (ref, app):
                change = await target.change()
                target.changes.append(change)
                print_change(target, number, change, args.quiet)
    except Exception:
        for target in targets:
            print(f"The end of {target.name}'s daphne log:\n{target.server.log_tail()}")
        raise
    finally:
        for target in targets:
            await target.close()
    return Run.of(app, app_monitor), Run.of(ref, ref_monitor)


# --- Output -------------------------------------------------------------------------------------

ROWS = [
    ("all received p50", "p50_ms", "ms"),
    ("all received p95", "p95_ms", "ms"),
    ("all received p99", "p99_ms", "ms"),
    ("all received max", "max_ms", "ms"),
    ("first delivery p50", "first_p50_ms", "ms"),
    ("one delivery p50", "delivery_p50_ms", "ms"),
    ("one delivery p95", "delivery_p95_ms", "ms"),
    ("one delivery p99", "delivery_p99_ms", "ms"),
    ("POST round trip p50", "post_p50_ms", "ms"),
    ("lost deliveries", "lost", ""),
    ("server CPU per delivery", "cpu_ms_per_delivery", "ms"),
    ("client CPU per delivery", "client_cpu_ms_per_delivery", "ms"),
    ("server peak RSS", "peak_rss_mb", "MB"),
]


def _cell(value):
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _ratio(app, ref):
    return app / ref if app is not None and ref else None


def print_table(setup, app, ref, args, load_average):
    app_stats, ref_stats = app.stats(), ref.stats()
    print()
    print(
        f"Plenum live: {app.sockets} sockets, {len(app.changes)} changes per server "
        f"(+{args.warmup} warm-up, {args.interval} s apart), {setup.layer} layer, "
        f"{setup.database}, one daphne process each; load average {load_average:.1f}"
    )
    print(f"{'':30}{'app':>10}{'reference':>12}{'app/ref':>10}")
    for label, key, unit in ROWS:
        ratio = _ratio(app_stats[key], ref_stats[key]) if unit == "ms" else None
        print(
            f"{label + (f' ({unit})' if unit else ''):30}{_cell(app_stats[key]):>10}"
            f"{_cell(ref_stats[key]):>12}{_cell(ratio):>10}"
        )
    for run in (app, ref):
        if run.other:
            print(f"{run.name}: {run.other} other messages (pushes of other regions)")
        if run.closed:
            print(f"{run.name}: {run.closed} sockets closed by the server")


def _round(value):
    return round(value, 3) if isinstance(value, float) else value


def summary(setup, app, ref, args, load_average):
    app_stats, ref_stats = app.stats(), ref.stats()
    keys = ["p50_ms", "p95_ms", "p99_ms", "max_ms", "lost", "cpu_ms_per_delivery", "peak_rss_mb"]
    result = {
        "layer": setup.layer,
        "database": setup.database,
        "screens": app.sockets,
        "changes": len(app.changes),
    }
    result.update({key: _round(app_stats[key]) for key in keys})
    result.update(
        ref_p50_ms=_round(ref_stats["p50_ms"]),
        ref_p95_ms=_round(ref_stats["p95_ms"]),
        ref_lost=ref_stats["lost"],
        ref_cpu_ms_per_delivery=_round(ref_stats["cpu_ms_per_delivery"]),
        ratio_p50=_round(_ratio(app_stats["p50_ms"], ref_stats["p50_ms"])),
        ratio_p95=_round(_ratio(app_stats["p95_ms"], ref_stats["p95_ms"])),
        load_average=round(load_average, 2),
    )
    return result


# --- Main ---------------------------------------------------------------------------------------


def _exit_on_sigterm(signum, frame):
    # SystemExit unwinds through the context managers: daphne stopped, files and databases gone.
    sys.exit(128 + signum)


def main(argv=None):
    args = parse_args(argv)
    signal.signal(signal.SIGTERM, _exit_on_sigterm)
    # Ctrl-C raises KeyboardInterrupt even when started where SIGINT was ignored (a background job).
    signal.signal(signal.SIGINT, signal.default_int_handler)
    tables = min(args.tables, args.screens // SOCKETS_PER_TABLE)
    phones = args.screens - tables
    with contextlib.ExitStack() as stack:
        setup = stack.enter_context(servers.setup(redis_url=args.redis, postgres_url=args.postgres))
        print(f"Seeding {phones} phones and {tables} table screens", flush=True)
        seed_file = servers.seed(
            setup, phones=phones, tables=tables, items=args.warmup + args.changes + 1
        )
        seed = json.loads(seed_file.read_text())
        app, ref = asyncio.run(measure(stack, setup, seed, args))
    # The machine's load over the last minute: other work on it widens every number.
    load_average = os.getloadavg()[0]
    print_table(setup, app, ref, args, load_average)
    print(json.dumps(summary(setup, app, ref, args, load_average)))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted: the servers are stopped and the temporary files removed.")
