"""`python -m bench.join`: a room scans the QR code at once; does everyone get in, and quickly?

What it measures
    N phones (default 300) join the Varde demo seminar within S seconds (default 30), spread
    evenly, while it runs an item with tables (each join seats the person and pushes "my table"
    to that table). Each phone does what a phone's browser does on a first visit, over real
    HTTP and a real websocket:
        GET /join/ -> POST the code -> GET the name form -> POST name and department ->
        GET the phone page -> GET every static file it links (a new phone has none cached) ->
        open the socket -> the first state arrives.
    Printed: joined / failed (any 5xx, any 4xx for a valid form, a timeout), start-to-first-
    state p50/p95/max, the POST of the name p50/p95, HTTP requests per phone, and daphne's CPU
    per join, beside a reference run in the same process layout: a bare Django view chain under
    the same daphne, settings and middleware doing the same requests (pages, posts that write the
    session, the same static files, a socket that sends a small state): the floor of a request
    here. Goal (issue 19): CPU per join at most 25 ms and at most 3x the reference; 300 phones
    in 30 s with p95 under 1 s on one process.

How
    A temporary database (bench/servers.py) gets the demo (`manage.py demo`), which is started
    and moved to its first item with tables (bench/join_seed.py). daphne serves
    seminar.asgi:application with DEBUG off and fingerprinted static files (as bin/run does).
    The load generator runs in this process, on the same cores: its CPU is printed too.
    --quick is the short version (30 phones in 5 s) for a smoke run.
    --processes 2 --redis --postgres is the data centre's layout (issue 19: 1,000 phones in
    60 s): two daphne processes sharing the hub over Redis, each request and socket sent to the
    next process in turn as nginx does; the CPU per join is both processes' together.
"""

import argparse
import asyncio
import contextlib
import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass, field
from http.cookies import SimpleCookie
from urllib.parse import urlencode

import psutil
from websockets.asyncio.client import connect

from bench import servers
from bench.live import POSTGRES_URL, REDIS_URL, percentile

STATIC = re.compile(r'(?:src|href)="(/static/[^"]+)"')
CSRF_INPUT = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')
DEPARTMENT = re.compile(r'<option value="(\d+)"')


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.join", description=__doc__.split("\n")[0]
    )
    parser.add_argument("--phones", type=int, default=300)
    parser.add_argument("--seconds", type=float, default=30.0, help="spread the joins over this")
    parser.add_argument("--timeout", type=float, default=60.0, help="per request")
    parser.add_argument("--quick", action="store_true", help="30 phones in 5 s")
    parser.add_argument("--no-reference", action="store_true", help="skip the reference run")
    parser.add_argument(
        "--redis",
        nargs="?",
        const=REDIS_URL,
        default="",
        metavar="URL",
        help=f"the hub over Redis ({REDIS_URL}, flushed before and after)",
    )
    parser.add_argument(
        "--postgres",
        nargs="?",
        const=POSTGRES_URL,
        default="",
        metavar="URL",
        help=f"PostgreSQL (a database of its own on {POSTGRES_URL}, dropped afterwards)",
    )
    parser.add_argument("--json", action="store_true", help="only the JSON summary line")
    parser.add_argument("--profile", default="", help="write daphne's cProfile stats here")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="daphne processes sharing the hub over Redis (needs --redis); each request and "
        "socket goes to the next one in turn, as nginx's round robin sends them",
    )
    args = parser.parse_args(argv)
    if args.quick:
        args.phones, args.seconds = 30, 5.0
    if args.processes > 1 and not args.redis:
        parser.error("--processes 2 needs --redis: the processes share pushes through Redis")
    return args


class Ports:
    """The daphne processes' ports, handed out in turn (one per connection)."""

    def __init__(self, ports):
        self.ports = list(ports)
        self.turn = 0

    def next(self):
        port = self.ports[self.turn % len(self.ports)]
        self.turn += 1
        return port


class Browser:
    """One phone's cookie jar and HTTP/1.1 requests on the event loop (a new connection each,
    to the next process in turn when there are several)."""

    def __init__(self, ports, timeout):
        self.ports = ports if isinstance(ports, Ports) else Ports([ports])
        self.port = self.ports.ports[0]  # the Host and Origin the pages are served under
        self.timeout = timeout
        self.cookies = {}
        self.requests = 0
        self.cached = set()

    def cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    async def request(self, method, path, body=None, headers=None):
        self.requests += 1
        head = [
            f"{method} {path} HTTP/1.1",
            f"Host: 127.0.0.1:{self.port}",
            "Connection: close",
            "Accept-Language: da",
            "Accept-Encoding: gzip, br",
        ]
        if self.cookies:
            head.append(f"Cookie: {self.cookie_header()}")
        for name, value in (headers or {}).items():
            head.append(f"{name}: {value}")
        data = body.encode() if body is not None else b""
        if body is not None:
            head += [
                "Content-Type: application/x-www-form-urlencoded",
                f"Content-Length: {len(data)}",
            ]

        async def exchange():
            reader, writer = await asyncio.open_connection("127.0.0.1", self.ports.next())
            try:
                writer.write(("\r\n".join(head) + "\r\n\r\n").encode() + data)
                await writer.drain()
                return await reader.read()
            finally:
                writer.close()
                with contextlib.suppress(OSError):
                    await writer.wait_closed()

        raw = await asyncio.wait_for(exchange(), self.timeout)
        head_bytes, _, content = raw.partition(b"\r\n\r\n")
        lines = head_bytes.decode("latin-1").split("\r\n")
        status = int(lines[0].split()[1])
        location = ""
        for line in lines[1:]:
            name, _, value = line.partition(":")
            if name.lower() == "set-cookie":
                for key, morsel in SimpleCookie(value.strip()).items():
                    self.cookies[key] = morsel.value
            elif name.lower() == "location":
                location = value.strip()
        return status, location, content.decode("utf-8", "replace")

    async def page(self, path):
        """A page and the static files it links that this phone has not cached yet."""
        status, location, html = await self.request("GET", path)
        for link in STATIC.findall(html):
            if link not in self.cached:
                self.cached.add(link)
                await self.request("GET", link)
        return status, location, html

    async def post(self, path, fields, html):
        token = CSRF_INPUT.search(html)
        fields = {"csrfmiddlewaretoken": token.group(1) if token else "", **fields}
        origin = f"http://127.0.0.1:{self.port}"
        return await self.request(
            "POST", path, urlencode(fields), {"Origin": origin, "Referer": origin + path}
        )


@dataclass
class Join:
    number: int
    ok: bool = False
    failure: str = ""
    total_ms: float = 0.0
    name_post_ms: float = 0.0
    requests: int = 0
    statuses: list = field(default_factory=list)


async def join_phone(port, seed, number, at, timeout):
    """The whole first visit of one phone; returns its Join."""
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    result = Join(number)
    browser = Browser(port, timeout)
    started = time.perf_counter()
    try:
        status, _, html = await browser.page("/join/")
        result.statuses.append(status)
        status, location, _ = await browser.post("/join/", {"code": seed["join_code"]}, html)
        result.statuses.append(status)
        if status != 302:
            raise RuntimeError(f"code answered {status}")
        status, _, html = await browser.page(location)
        result.statuses.append(status)
        departments = DEPARTMENT.findall(html)
        fields = {"display_name": f"Leder {number:04d}"}
        if departments:
            fields["department"] = departments[number % len(departments)]
        posted = time.perf_counter()
        status, location, _ = await browser.post(location, fields, html)
        result.name_post_ms = (time.perf_counter() - posted) * 1000
        result.statuses.append(status)
        if status != 302:
            raise RuntimeError(f"name answered {status}")
        status, _, _ = await browser.page(location)
        result.statuses.append(status)
        if status != 200:
            raise RuntimeError(f"phone page answered {status}")
        path = f"/ws/seminar/{seed['seminar_id']}/?view=phone"
        ws_port = browser.ports.next()
        async with connect(
            f"ws://127.0.0.1:{ws_port}{path}",
            origin=f"http://127.0.0.1:{ws_port}",
            additional_headers={"Cookie": browser.cookie_header()},
            compression=None,
            ping_interval=None,
            open_timeout=timeout,
        ) as ws:
            state = await asyncio.wait_for(ws.recv(), timeout)
            if 'id="my-work"' not in state:
                raise RuntimeError("the first state has no work region")
        result.ok = True
    except Exception as error:
        result.failure = f"{type(error).__name__}: {error}"[:120]
    result.total_ms = (time.perf_counter() - started) * 1000
    result.requests = browser.requests + 1  # the socket's handshake
    return result


async def reference_phone(port, number, at, timeout, static_links):
    """The reference's visit: the same count of pages, posts and static files, a socket."""
    await asyncio.sleep(max(0.0, at - time.perf_counter()))
    result = Join(number)
    browser = Browser(port, timeout)
    started = time.perf_counter()
    try:
        for step in range(2):
            status, _, html = await browser.request("GET", f"/ref/page/?step={step}")
            status, _, _ = await browser.post("/ref/post/", {"name": f"Leder {number}"}, html)
            result.statuses.append(status)
        status, _, _ = await browser.request("GET", "/ref/page/?step=2")
        for link in static_links:
            await browser.request("GET", link)
        async with connect(
            f"ws://127.0.0.1:{port}/ws/ref/",
            origin=f"http://127.0.0.1:{port}",
            additional_headers={"Cookie": browser.cookie_header()},
            compression=None,
            ping_interval=None,
            open_timeout=timeout,
        ) as ws:
            await asyncio.wait_for(ws.recv(), timeout)
        result.ok = status == 200
    except Exception as error:
        result.failure = f"{type(error).__name__}: {error}"[:120]
    result.total_ms = (time.perf_counter() - started) * 1000
    result.requests = browser.requests + 1
    return result


class Processes:
    """The app's daphne processes, their CPU summed."""

    def __init__(self, servers_):
        self.servers = servers_

    def cpu_seconds(self):
        return sum(server.cpu_seconds() for server in self.servers)


async def storm(make_one, phones, seconds):
    start = time.perf_counter() + 0.5
    gap = seconds / max(phones, 1)
    return await asyncio.gather(*(make_one(n, start + n * gap) for n in range(phones)))


def measure(server, make_one, args):
    me = psutil.Process()
    cpu0, mine0 = server.cpu_seconds(), me.cpu_times()
    wall0 = time.perf_counter()
    joins = asyncio.run(storm(make_one, args.phones, args.seconds))
    wall = time.perf_counter() - wall0
    cpu = server.cpu_seconds() - cpu0
    mine = me.cpu_times()
    load_cpu = (mine.user - mine0.user) + (mine.system - mine0.system)
    done = [join for join in joins if join.ok]
    totals = [join.total_ms for join in done]
    posts = [join.name_post_ms for join in done if join.name_post_ms]
    failures = {}
    for join in joins:
        if not join.ok:
            failures[join.failure] = failures.get(join.failure, 0) + 1
    return {
        "phones": len(joins),
        "joined": len(done),
        "failed": len(joins) - len(done),
        "failures": failures,
        "http_5xx": sum(1 for join in joins for status in join.statuses if status >= 500),
        "first_state_ms": {
            "p50": percentile(totals, 50),
            "p95": percentile(totals, 95),
            "max": max(totals, default=None),
        },
        "name_post_ms": {"p50": percentile(posts, 50), "p95": percentile(posts, 95)},
        "requests_per_phone": round(sum(j.requests for j in joins) / max(len(joins), 1), 1),
        "server_cpu_ms_per_join": round(cpu * 1000 / max(len(done), 1), 1),
        "load_generator_cpu_s": round(load_cpu, 1),
        "wall_s": round(wall, 1),
    }


def seed_room(setup):
    out = setup.directory / "join-seed.json"
    subprocess.run(
        [sys.executable, "-m", "bench.join_seed", str(out)],
        cwd=servers.REPO,
        env=setup.env,
        check=True,
    )
    return json.loads(out.read_text())


def _ms(value):
    return "-" if value is None else f"{value:.0f}"


def print_result(label, result):
    first, post = result["first_state_ms"], result["name_post_ms"]
    print(
        f"{label:10} joined {result['joined']:4d}/{result['phones']:<4d}"
        f" failed {result['failed']:3d}"
        f"  5xx {result['http_5xx']:3d}  first state p50/p95/max {_ms(first['p50'])}/"
        f"{_ms(first['p95'])}/{_ms(first['max'])} ms  name POST p50/p95 {_ms(post['p50'])}/"
        f"{_ms(post['p95'])} ms  {result['requests_per_phone']} requests/phone"
        f"  server CPU {result['server_cpu_ms_per_join']} ms/join"
    )
    for failure, count in result["failures"].items():
        print(f"{'':10} {count} x {failure}")


def main(argv=None):
    args = parse_args(argv)
    with contextlib.ExitStack() as stack:
        setup = stack.enter_context(
            servers.setup(redis_url=args.redis or None, postgres_url=args.postgres or None)
        )
        static_root = setup.directory / "static"
        env = {
            **setup.env,
            "PLENUM_STATIC_MANIFEST": "1",
            "STATIC_ROOT": str(static_root),
            "JOIN_RATE_LIMIT": str(10 * args.phones),  # the venue's one address, until #15 lands
        }
        setup.env.update(env)
        servers.run_manage(setup.env, "collectstatic", "--noinput", "-v", "0")
        seed = seed_room(setup)
        results = {}
        with contextlib.ExitStack() as apps:
            processes = [
                apps.enter_context(
                    servers.Daphne(
                        "seminar.asgi:application",
                        setup.env,
                        setup.directory / ("app.log" if n == 1 else f"app{n}.log"),
                        profile=(args.profile or None) if n == 1 else None,
                    )
                )
                for n in range(1, args.processes + 1)
            ]
            app = Processes(processes)
            ports = Ports(server.port for server in processes)
            if not args.json:
                layout = (
                    "one daphne process"
                    if args.processes == 1
                    else (f"{args.processes} daphne processes, requests in turn")
                )
                print(
                    f"{args.phones} phones join within {args.seconds:.0f} s ({setup.database}, "
                    f"{setup.layer}, {layout})",
                    flush=True,
                )
            results["app"] = measure(
                app,
                lambda n, at: join_phone(ports, seed, n, at, args.timeout),
                args,
            )
            if results["app"]["failed"]:
                for server in processes:
                    print(server.log_tail(400), file=sys.stderr)
            statics = sorted(set(seed.get("static_links", [])))
        if not args.no_reference:
            ref_env = {**setup.env, "DJANGO_SETTINGS_MODULE": "bench.reference_join_settings"}
            with servers.Daphne(
                "bench.reference_join:application", ref_env, setup.directory / "ref.log"
            ) as ref:
                results["reference"] = measure(
                    ref,
                    lambda n, at: reference_phone(ref.port, n, at, args.timeout, statics),
                    args,
                )
                if results["reference"]["failed"]:
                    print(ref.log_tail(), file=sys.stderr)
        app_cpu = results["app"]["server_cpu_ms_per_join"]
        ref_cpu = results.get("reference", {}).get("server_cpu_ms_per_join")
        results["cpu_ratio"] = round(app_cpu / ref_cpu, 2) if ref_cpu else None
        results["processes"] = args.processes
        results["load_average"] = [round(x, 2) for x in psutil.getloadavg()]
        if not args.json:
            print_result("plenum", results["app"])
            if "reference" in results:
                print_result("reference", results["reference"])
                print(f"CPU per join: {results['cpu_ratio']}x the reference")
            print(f"load average at the end: {results['load_average']}")
        print(json.dumps(results))
    return 0 if results["app"]["failed"] == 0 and results["app"]["http_5xx"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
