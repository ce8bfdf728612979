"""`python -m bench.live`: how long a change of the agenda takes to reach every screen in the room.

What it measures
    The facilitator presses "Next" and every phone and table screen must show the new item.
    For each change: the time from just before the facilitator's POST until the last of the N
    sockets has the "now" push (p50/p95/p99/max over the changes), every single delivery's
    latency, deliveries lost (not received within --timeout), the server's CPU time per delivery
    and its peak resident memory, sockets the hub dropped and resynced. The same run measures
    two references that broadcast the same bytes: a bare Channels app (bench/reference_asgi.py,
    same daphne, same channel layer settings) and a plain `websockets` server
    (bench/plain_websockets.py, no Django, no ASGI), and prints app/reference for both.

Modes
    default             the app's changes are the facilitator's "Next" (HTTP, view, database,
                        rendering, hub); one change at a time, --interval apart.
    --trigger hub       the app's changes are everyone-broadcasts of the captured push through
                        `seminar.hub.publish` (bench/app_asgi.py's POST /bench/broadcast/): the
                        fan-out alone, through the app's real sockets. One at a time.
    --broadcast RATE    RATE everyone-broadcasts a second for --duration seconds, by the clock,
                        on each server in turn (the app through the hub); percentiles over the
                        broadcasts, each until all its sockets have it.
    --processes 2       (with --redis) the app is measured twice: one daphne holding every
                        socket, then two daphnes sharing Redis with the sockets split between
                        them and the broadcasts triggered on the first; prints 2proc/1proc.

How
    1. A temporary directory with a fresh SQLite file (PostgreSQL with --postgres) migrated by
       manage.py; with --redis the hub and the reference's channel layer on a flushed Redis
       database of its own.
    2. bench/seed.py creates, through Plenum's services, a facilitator, a started seminar, the
       phones' participants seated at tables, paired table screens and everyone's session.
    3. daphne serves bench.app_asgi:application (seminar.asgi:application plus the bench-only
       routes /bench/broadcast/ and /bench/stats/). N websocket clients connect as those phones
       and screens and read their initial state. A "Next" is the facilitator's htmx POST
       /s/<id>/clock/next/; it has reached a socket when a message with the new
       data-clock-version arrives (other messages are counted apart). --warmup changes are not
       counted; the last warm-up push becomes the payload of every broadcast.
    4. A second daphne serves the Channels reference and a third process the plain websockets
       one; N more clients connect to each. One at a time, the measured changes rotate over the
       servers (app, reference, plain; reference, plain, app; ...), --interval seconds apart, so
       that whatever else the machine is doing weighs on all alike; a change's CPU time runs
       from its trigger to the end of the interval after it. With --broadcast each server gets
       its burst in turn, and the CPU time of the burst (until all arrived, plus --interval) is
       shared among its broadcasts.
    5. The app's own counters (seminar.hub.seminar_stats through GET /bench/stats/: resyncs and
       drops, summed over the processes) are read before and after the measured changes. The
       clients count the closes with 4000 (a drop) and reconnect as the page does.
    6. A table; the last line is one JSON object.

The load generator runs in this process (one client process) on the same machine: its own CPU
is printed too.
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
    parser.add_argument(
        "--trigger",
        choices=("next", "hub"),
        default="next",
        help="the app's changes: the facilitator's Next (default) or hub everyone-broadcasts",
    )
    parser.add_argument(
        "--broadcast",
        type=float,
        metavar="RATE",
        help="RATE everyone-broadcasts a second on each server for --duration s (app: hub)",
    )
    parser.add_argument(
        "--duration", type=float, default=10.0, help="seconds of --broadcast (default 10)"
    )
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        choices=(1, 2),
        help="2 (needs --redis): measure the app on one daphne, then on two sharing Redis",
    )
    parser.add_argument("--quiet", action="store_true", help="no line per change")
    args = parser.parse_args(argv)
    if args.profile:
        args.profile.mkdir(parents=True, exist_ok=True)
    if args.warmup < 1:
        parser.error("--warmup must be at least 1: its push is the references' payload")
    if args.processes > 1 and not args.redis:
        parser.error("--processes 2 needs --redis: processes share broadcasts through Redis")
    if args.broadcast is not None:
        if args.broadcast <= 0 or args.duration <= 0:
            parser.error("--broadcast and --duration must be positive")
        args.trigger = "hub"
    return args


def mode_of(args):
    if args.broadcast is not None:
        return "rate"
    return args.trigger


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
    """One measured server: its changes and what the monitor, the clients and the hub saw."""

    name: str
    sockets: int
    changes: list[load.Change]
    peak_rss: int
    other: int
    closed: int
    client_drops: int = 0  # closes with 4000 seen by the clients
    reconnects: int = 0
    hub: dict | None = None  # the app's own counters over the measured changes
    rss_before: int | None = None  # the server's memory before its clients connected

    @classmethod
    def of(cls, target, peak_rss, hub=None, rss_before=None):
        connected = target.connected
        return cls(
            name=target.name,
            sockets=len(target.clients),
            changes=target.changes,
            peak_rss=peak_rss,
            other=target.tracker.other,
            closed=target.tracker.closed,
            client_drops=connected.drops if connected else 0,
            reconnects=connected.reconnects if connected else 0,
            hub=hub,
            rss_before=rss_before,
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
            "complete": len(complete),
            "first_p50_ms": percentile([min(c.latencies_ms) for c in received], 50),
            "delivery_p50_ms": percentile(deliveries, 50),
            "delivery_p95_ms": percentile(deliveries, 95),
            "delivery_p99_ms": percentile(deliveries, 99),
            "post_p50_ms": percentile([c.post_ms for c in self.changes], 50),
            "post_p95_ms": percentile([c.post_ms for c in self.changes], 95),
            "lost": self.sockets * len(self.changes) - len(deliveries),
            "cpu_ms_per_delivery": sum(c.server_cpu_s for c in self.changes) * 1000 / delivered,
            "client_cpu_ms_per_delivery": sum(c.client_cpu_s for c in self.changes)
            * 1000
            / delivered,
            "peak_rss_mb": self.peak_rss / 2**20,
            # What a connected socket costs the server: peak RSS less the RSS before connecting.
            "rss_kb_per_socket": (self.peak_rss - self.rss_before) / 1024 / self.sockets
            if self.rss_before is not None and self.peak_rss
            else None,
            "resyncs": self.hub["resyncs"] if self.hub else None,
            "drops": self.hub["drops"] if self.hub else None,
            "full_collections": self.hub["full_collections"] if self.hub else None,
            "longest_collection_ms": self.hub["longest_collection_ms"] if self.hub else None,
            "client_drops": self.client_drops,
            "reconnects": self.reconnects,
        }


def print_change(target, number, change, quiet):
    if quiet:
        return
    received, sockets = len(change.latencies_ms), len(target.clients)
    last = f"{change.all_received_ms:7.1f} ms" if received else "      -   "
    first = min(change.latencies_ms, default=float("nan"))
    print(
        f"  {target.name:9} change {number:3}: {received}/{sockets} received, all by {last}"
        f" (first {first:.1f} ms, trigger {change.post_ms:.1f} ms)",
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


def start_app_process(stack, setup, args, number):
    name = "app" if number == 1 else f"app{number}"
    server = stack.enter_context(
        servers.Daphne(
            "bench.app_asgi:application",
            setup.env,
            setup.directory / f"{name}.log",
            extra_env={"BENCH_PAYLOAD_FILE": str(setup.directory / "payload.html")},
            profile=_profile_path(args, name),
        )
    )
    return server, stack.enter_context(servers.MemoryMonitor(server.ps))


def start_app(stack, setup, seed, args):
    server, monitor = start_app_process(stack, setup, args, 1)
    trigger = load.FacilitatorTrigger(
        server.port, seed["seminar_id"], seed["session_cookie"], seed["facilitator_session"]
    )
    trigger.log_in()
    return load.Target(
        "app",
        server,
        app_clients(seed),
        trigger,
        timeout=args.timeout,
        interval=args.interval,
        reconnect=True,
    ), monitor


def start_reference(stack, setup, args):
    server = stack.enter_context(
        servers.Daphne(
            "bench.reference_asgi:application",
            setup.env,
            setup.directory / "reference.log",
            extra_env={"BENCH_PAYLOAD_FILE": str(setup.directory / "payload.html")},
            profile=_profile_path(args, "reference"),
        )
    )
    monitor = stack.enter_context(servers.MemoryMonitor(server.ps))
    clients = [load.Client("/ws/reference/")] * args.screens
    trigger = load.ReferenceTrigger(server.port)
    return load.Target(
        "reference", server, clients, trigger, timeout=args.timeout, interval=args.interval
    ), monitor


def start_plain(stack, setup, args):
    server = stack.enter_context(
        servers.PlainWebsockets(
            setup.env,
            setup.directory / "plain.log",
            extra_env={"BENCH_PAYLOAD_FILE": str(setup.directory / "payload.html")},
            profile=_profile_path(args, "plain"),
        )
    )
    monitor = stack.enter_context(servers.MemoryMonitor(server.ps))
    clients = [load.Client("/")] * args.screens
    trigger = load.ReferenceTrigger(server.http_port)
    return load.Target(
        "plain", server, clients, trigger, timeout=args.timeout, interval=args.interval
    ), monitor


async def warm_up(target, args):
    for _ in range(args.warmup):
        await target.change()


class HubCounters:
    """The app's resyncs and drops (seminar.hub.seminar_stats, every process) over a span."""

    def __init__(self, server, seminar_id, redis):
        self.server = server
        self.seminar_id = seminar_id
        # With Redis each process shares its counters once a second (hub.STATS_INTERVAL).
        self.delay = 1.3 if redis else 0.0

    async def read(self):
        await asyncio.sleep(self.delay)
        return await asyncio.to_thread(load.hub_stats, self.server.http_port, self.seminar_id)

    async def span(self, measured):
        before = await self.read()
        await measured
        after = await self.read()
        pauses = after["local"]["full_collections_ms"][
            len(before["local"]["full_collections_ms"]) :
        ]
        return {
            "resyncs": after["resyncs"] - before["resyncs"],
            "drops": after["drops"] - before["drops"],
            # Of the process the changes are triggered on (with two, the first).
            "full_collections": len(pauses),
            "longest_collection_ms": max(pauses, default=0.0),
            "processes": after["processes"],
            "connected": after["connected"],
        }


SLICE_S = 2.0  # --broadcast: each server's bursts last this long, in turn


async def run_changes(targets, args):
    """The measured changes: one at a time rotating over the targets, or with --broadcast
    bursts of SLICE_S seconds rotating over them until each had --duration seconds."""
    if args.broadcast is not None:
        await run_bursts(targets, args)
        return
    for number in range(1, args.changes + 1):
        shift = (number - 1) % len(targets)
        for target in targets[shift:] + targets[:shift]:
            change = await target.change()
            target.changes.append(change)
            print_change(target, number, change, args.quiet)


async def take_over(target, targets):
    """Targets with the same clients (the app on one and on two processes) take turns: the
    other one's sockets are closed, this one's connected and warmed up by one change."""
    if target.is_connected:
        return
    for other in targets:
        if other is not target and other.clients is target.clients and other.is_connected:
            await other.close()
    await target.connect()
    await target.change()


async def run_bursts(targets, args):
    count = max(1, round(args.broadcast * args.duration))
    slices = max(1, round(args.duration / SLICE_S))
    sizes = [count // slices + (1 if n < count % slices else 0) for n in range(slices)]
    for number, size in enumerate(sizes):
        shift = number % len(targets)
        for target in targets[shift:] + targets[:shift]:
            await take_over(target, targets)
            target.changes.extend(await target.burst(args.broadcast, size))
    for target in targets:
        stats = Run.of(target, 0).stats()
        print(
            f"  {target.name:9} {count} broadcasts at {args.broadcast:g}/s in {slices} bursts: "
            f"{stats['complete']} complete, p50 {_cell(stats['p50_ms'])} ms, "
            f"p99 {_cell(stats['p99_ms'])} ms, lost {stats['lost']}",
            flush=True,
        )
        if not args.quiet:
            times = " ".join(
                f"{c.all_received_ms:.0f}" if c.all_received_ms is not None else "-"
                for c in target.changes
            )
            print(f"    last arrival per broadcast (ms): {times}", flush=True)


async def measure(stack, setup, seed, args):
    """Connect every server's clients, warm up and make the measured changes."""
    app, app_monitor = start_app(stack, setup, seed, args)
    targets = [app]
    runs = {}
    counters = HubCounters(app.server, seed["seminar_id"], args.redis)
    rss_before = {}
    try:
        rss_before["app"] = app.server.ps.memory_info().rss
        await app.connect()
        await warm_up(app, args)
        if app.last_push() is None:
            raise RuntimeError("the app's warm-up push never arrived: nothing to broadcast")
        (setup.directory / "payload.html").write_text(app.last_push())
        hub_trigger = load.HubTrigger(app.server.http_port, seed["seminar_id"])
        if args.trigger == "hub":
            app.trigger = hub_trigger
            await warm_up(app, args)
        ref, ref_monitor = start_reference(stack, setup, args)
        targets.append(ref)
        plain, plain_monitor = start_plain(stack, setup, args)
        targets.append(plain)
        for target in (ref, plain):
            rss_before[target.name] = target.server.ps.memory_info().rss
            await target.connect()
            await warm_up(target, args)
        monitors = {"app": app_monitor, "reference": ref_monitor, "plain": plain_monitor}
        for monitor in monitors.values():
            monitor.peak = 0  # from the measured changes on, connections included
        multi = None
        if args.processes > 1 and args.broadcast is not None:
            # Bursts on one and on two processes take turns, with the references' in between.
            multi, multi_monitors = start_processes(stack, setup, seed, args, app, app_monitor)
            targets.append(multi)
        hub = await counters.span(run_changes(targets, args))
        runs["app"] = Run.of(app, app_monitor.peak, hub, rss_before["app"])
        runs["reference"] = Run.of(ref, ref_monitor.peak, rss_before=rss_before[ref.name])
        runs["plain"] = Run.of(plain, plain_monitor.peak, rss_before=rss_before[plain.name])
        if multi is not None:
            runs["app2"] = Run.of(multi, sum(m.peak for m in multi_monitors), hub)
        elif args.processes > 1:
            await app.close()
            runs["app2"] = await measure_processes(
                stack, setup, seed, args, app, app_monitor, counters
            )
    except Exception:
        for target in targets:
            for server in target.servers:
                print(f"The end of {target.name}'s server log:\n{server.log_tail()}")
        raise
    finally:
        for target in targets:
            await target.close()
    return runs


def start_processes(stack, setup, seed, args, app, app_monitor):
    """App processes 2..n besides the first; a target with the app's clients split over all
    of them (in turn) and the broadcasts triggered on the first."""
    started = [
        start_app_process(stack, setup, args, number) for number in range(2, 1 + args.processes)
    ]
    target = load.Target(
        f"app{args.processes}p",
        app.server,
        app.clients,
        load.HubTrigger(app.server.http_port, seed["seminar_id"]),
        timeout=args.timeout,
        interval=args.interval,
        servers=[app.server] + [server for server, _ in started],
        reconnect=True,
    )
    return target, [app_monitor] + [monitor for _, monitor in started]


async def measure_processes(stack, setup, seed, args, app, app_monitor, counters):
    """One change at a time on app processes 1..n sharing Redis, after the app on one."""
    target, monitors = start_processes(stack, setup, seed, args, app, app_monitor)
    try:
        await target.connect()
        # The first broadcasts also wait for every process's subscription (its stale sockets
        # are resynced once it is up).
        await warm_up(target, args)
        for monitor in monitors:
            monitor.peak = 0
        hub = await counters.span(run_changes([target], args))
    finally:
        await target.close()
    return Run.of(target, sum(monitor.peak for monitor in monitors), hub)


# --- Output -------------------------------------------------------------------------------------

ROWS = [
    ("all received p50", "p50_ms", "ms"),
    ("all received p95", "p95_ms", "ms"),
    ("all received p99", "p99_ms", "ms"),
    ("all received max", "max_ms", "ms"),
    ("changes complete", "complete", ""),
    ("first delivery p50", "first_p50_ms", "ms"),
    ("one delivery p50", "delivery_p50_ms", "ms"),
    ("one delivery p95", "delivery_p95_ms", "ms"),
    ("one delivery p99", "delivery_p99_ms", "ms"),
    ("trigger round trip p50", "post_p50_ms", "ms"),
    ("trigger round trip p95", "post_p95_ms", "ms"),
    ("lost deliveries", "lost", ""),
    ("server CPU per delivery", "cpu_ms_per_delivery", "ms"),
    ("client CPU per delivery", "client_cpu_ms_per_delivery", "ms"),
    ("server peak RSS", "peak_rss_mb", "MB"),
    ("server memory per socket", "rss_kb_per_socket", "kB"),
    ("resyncs (hub)", "resyncs", ""),
    ("drops (hub)", "drops", ""),
    ("full collections (app)", "full_collections", ""),
    ("longest full collection", "longest_collection_ms", "ms"),
    ("closed 4000 (clients)", "client_drops", ""),
    ("reconnects (clients)", "reconnects", ""),
]

# Issue #8's goals on this machine.
CPU_GOAL = 5.0  # server CPU per delivery at most 5x the plain websockets reference
P95_GOAL_MS = 500  # an everyone-broadcast to 1,000 screens
P99_GOAL_MS = 250  # 230 screens, 20 broadcasts a second, nothing lost
PROCESSES_GOAL = 1.5  # two processes behind Redis against one, same load


def _cell(value):
    if value is None:
        return "-"
    return f"{value:.2f}" if isinstance(value, float) else str(value)


def _ratio(app, ref):
    return app / ref if app is not None and ref else None


def describe(setup, runs, args, load_average):
    app = runs["app"]
    if args.broadcast is not None:
        count = len(app.changes)
        what = f"{count} everyone-broadcasts at {args.broadcast:g}/s per server (app: hub)"
    else:
        how = "hub everyone-broadcasts" if args.trigger == "hub" else "facilitator's Next"
        what = (
            f"{len(app.changes)} changes per server (app: {how}; +{args.warmup} warm-up, "
            f"{args.interval} s apart)"
        )
    processes = f"app on {args.processes} processes too" if "app2" in runs else "one process each"
    return (
        f"Plenum live: {app.sockets} sockets, {what}, {setup.layer}, {setup.database}, "
        f"{processes}, one client process; load average {load_average:.1f}"
    )


def print_table(setup, runs, args, load_average):
    names = list(runs)
    stats = {name: run.stats() for name, run in runs.items()}
    app, ref, plain = stats["app"], stats["reference"], stats["plain"]
    ratio_columns = [("app/ref", app, ref), ("app/plain", app, plain)]
    if "app2" in stats:
        ratio_columns.append((f"{args.processes}p/1p", stats["app2"], app))
    print()
    print(describe(setup, runs, args, load_average))
    headers = {"app2": f"app {args.processes}p"}
    print(
        f"{'':30}"
        + "".join(f"{headers.get(name, name):>11}" for name in names)
        + "".join(f"{label:>10}" for label, _, _ in ratio_columns)
    )
    for label, key, unit in ROWS:
        cells = "".join(f"{_cell(stats[name][key]):>11}" for name in names)
        ratios = "".join(
            f"{_cell(_ratio(mine[key], theirs[key]) if unit == 'ms' else None):>10}"
            for _, mine, theirs in ratio_columns
        )
        print(f"{label + (f' ({unit})' if unit else ''):30}{cells}{ratios}")
    for run in runs.values():
        if run.other:
            print(f"{run.name}: {run.other} other messages (other regions, states on reconnect)")
        if run.closed:
            print(f"{run.name}: {run.closed} sockets closed by the server")
    for name, met in goals(runs, args).items():
        print(f"goal {name}: {'met' if met else 'MISSED'}")


def goals(runs, args):
    """The goals of issue #8 that this run measures (name: met)."""
    app, plain = runs["app"].stats(), runs["plain"].stats()
    result = {}
    ratio = _ratio(app["cpu_ms_per_delivery"], plain["cpu_ms_per_delivery"])
    result[f"server CPU per delivery <= {CPU_GOAL:g}x plain websockets"] = (
        ratio is not None and ratio <= CPU_GOAL
    )
    if args.broadcast is None and args.trigger == "hub" and app["complete"]:
        result[f"{runs['app'].sockets} screens everyone-broadcast p95 < {P95_GOAL_MS} ms"] = (
            app["p95_ms"] < P95_GOAL_MS and app["lost"] == 0
        )
    if args.broadcast is not None:
        result[
            f"{runs['app'].sockets} screens at {args.broadcast:g}/s p99 < {P99_GOAL_MS} ms, "
            "nothing lost"
        ] = app["p99_ms"] is not None and app["p99_ms"] < P99_GOAL_MS and app["lost"] == 0
    if "app2" in runs:
        ratio = _ratio(runs["app2"].stats()["p95_ms"], app["p95_ms"])
        result[f"{args.processes} processes p95 within {PROCESSES_GOAL:g}x of one"] = (
            ratio is not None and ratio <= PROCESSES_GOAL
        )
    return result


def _round(value):
    return round(value, 3) if isinstance(value, float) else value


def summary(setup, runs, args, load_average):
    app, ref = runs["app"], runs["reference"]
    app_stats, ref_stats = app.stats(), ref.stats()
    plain_stats = runs["plain"].stats()
    keys = ["p50_ms", "p95_ms", "p99_ms", "max_ms", "lost", "cpu_ms_per_delivery", "peak_rss_mb"]
    keys += ["rss_kb_per_socket", "post_p50_ms", "post_p95_ms"]
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
    # Issue #8: the mode, the plain websockets reference, the hub's counters.
    result.update(
        mode=mode_of(args),
        rate=args.broadcast,
        duration=args.duration if args.broadcast is not None else None,
        processes=args.processes,
        client_processes=1,
        complete=app_stats["complete"],
        client_cpu_ms_per_delivery=_round(app_stats["client_cpu_ms_per_delivery"]),
        resyncs=app_stats["resyncs"],
        drops=app_stats["drops"],
        full_collections=app_stats["full_collections"],
        longest_collection_ms=_round(app_stats["longest_collection_ms"]),
        client_drops=app_stats["client_drops"],
        reconnects=app_stats["reconnects"],
        ref_p99_ms=_round(ref_stats["p99_ms"]),
        ref_max_ms=_round(ref_stats["max_ms"]),
        ref_peak_rss_mb=_round(ref_stats["peak_rss_mb"]),
        ratio_p99=_round(_ratio(app_stats["p99_ms"], ref_stats["p99_ms"])),
        cpu_ratio=_round(
            _ratio(app_stats["cpu_ms_per_delivery"], ref_stats["cpu_ms_per_delivery"])
        ),
    )
    result.update({f"plain_{key}": _round(plain_stats[key]) for key in keys})
    result.update(
        ratio_p50_plain=_round(_ratio(app_stats["p50_ms"], plain_stats["p50_ms"])),
        ratio_p95_plain=_round(_ratio(app_stats["p95_ms"], plain_stats["p95_ms"])),
        ratio_p99_plain=_round(_ratio(app_stats["p99_ms"], plain_stats["p99_ms"])),
        cpu_ratio_plain=_round(
            _ratio(app_stats["cpu_ms_per_delivery"], plain_stats["cpu_ms_per_delivery"])
        ),
    )
    if "app2" in runs:
        multi = runs["app2"].stats()
        prefix = f"proc{args.processes}_"
        result.update({prefix + key: _round(multi[key]) for key in keys})
        result.update(
            {
                prefix + "resyncs": multi["resyncs"],
                prefix + "drops": multi["drops"],
                prefix + "client_drops": multi["client_drops"],
                f"ratio_p50_{args.processes}proc": _round(
                    _ratio(multi["p50_ms"], app_stats["p50_ms"])
                ),
                f"ratio_p95_{args.processes}proc": _round(
                    _ratio(multi["p95_ms"], app_stats["p95_ms"])
                ),
                f"ratio_p99_{args.processes}proc": _round(
                    _ratio(multi["p99_ms"], app_stats["p99_ms"])
                ),
                f"cpu_ratio_{args.processes}proc": _round(
                    _ratio(multi["cpu_ms_per_delivery"], app_stats["cpu_ms_per_delivery"])
                ),
            }
        )
    result["goals"] = goals(runs, args)
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
        runs = asyncio.run(measure(stack, setup, seed, args))
    # The machine's load over the last minute: other work on it widens every number.
    load_average = os.getloadavg()[0]
    print_table(setup, runs, args, load_average)
    print(json.dumps(summary(setup, runs, args, load_average)))


if __name__ == "__main__":
    try:
        main()
    except KeyboardInterrupt:
        sys.exit("Interrupted: the servers are stopped and the temporary files removed.")
