"""The load generator: N real websocket clients, a trigger for each change, arrival times.

Every socket reads and discards its first message (the state a screen gets on connect), then a
reader task notes the moment each push arrives, keyed by the push's `data-clock-version`. A change
is triggered over HTTP with t0 taken just before the request; its latencies are arrival - t0.
"""

import asyncio
import contextlib
import http.client
import json
import re
import time
from collections import Counter
from dataclasses import dataclass, field
from http.cookies import SimpleCookie

from websockets.asyncio.client import connect

VERSION = re.compile(r'data-clock-version="(\d+)"')


@dataclass
class Client:
    """How one screen connects: its URL path and its Cookie header ("" for none)."""

    path: str
    cookie: str = ""


def version_of(message):
    match = VERSION.search(message)
    return int(match.group(1)) if match else None


class Tracker:
    """First arrival per socket and version; wakes whoever waits for a complete change.

    Messages without an expected version (the app may push other regions too) are counted in
    `other`; a version arriving twice at one socket counts once.
    """

    def __init__(self, sockets):
        self.sockets = sockets
        self.arrivals: dict[int, dict[int, float]] = {}
        self.complete: dict[int, asyncio.Event] = {}
        self.samples: dict[int, str] = {}
        self.other = 0
        self.closed = 0  # by the server, before the benchmark closed them
        self.closing = False

    def expect(self, version):
        self.arrivals[version] = {}
        self.complete[version] = asyncio.Event()
        return self.complete[version]

    def record(self, socket, message, at):
        version = version_of(message)
        if version not in self.arrivals:
            self.other += 1
            return
        self.samples.setdefault(version, message)
        arrivals = self.arrivals[version]
        arrivals.setdefault(socket, at)
        if len(arrivals) == self.sockets:
            self.complete[version].set()


async def open_socket(base_url, client, origin):
    """Connect, read the initial state and return (websocket, initial message)."""
    ws = await connect(
        base_url + client.path,
        origin=origin,
        additional_headers={"Cookie": client.cookie} if client.cookie else None,
        compression=None,
        ping_interval=None,
        open_timeout=60,
        max_size=2**22,
    )
    initial = await asyncio.wait_for(ws.recv(), timeout=60)
    return ws, initial


CLOSE_RESYNC = 4000  # seminar.hub.CLOSE_RESYNC: the hub dropped the socket (over a limit)


@dataclass
class Connected:
    """The open sockets of one connect_all, and what the server did to them.

    `close_codes` counts the closes that did not come from the benchmark, by code (None: the
    connection was lost without a close frame); `drops` are the hub's closes with 4000.
    """

    sockets: list
    initial: list[str]
    readers: list[asyncio.Task] = field(default_factory=list)
    close_codes: Counter = field(default_factory=Counter)
    drops: int = 0
    reconnects: int = 0
    reconnect_failures: int = 0


async def read_pushes(ws, socket, tracker, connected=None, reopen=None):
    """Note every message's arrival. A socket the server closes counts in `tracker.closed`;
    with `reopen`, one closed with 4000 (the hub's drop) reconnects as the page does and its
    new state message is counted as `other` by the tracker (an unsolicited full state)."""
    while True:
        with contextlib.suppress(Exception):
            async for message in ws:
                tracker.record(socket, message, time.perf_counter())
        if tracker.closing:
            return
        tracker.closed += 1
        if connected is None:
            return
        code = ws.close_code
        connected.close_codes[code] += 1
        if code == CLOSE_RESYNC:
            connected.drops += 1
        if reopen is None or code != CLOSE_RESYNC:
            return
        try:
            ws, initial = await reopen()
        except Exception:
            connected.reconnect_failures += 1
            return
        connected.reconnects += 1
        connected.sockets[socket] = ws
        tracker.record(socket, initial, time.perf_counter())


async def connect_all(base_url, clients, origin, tracker, concurrency=20, reconnect=False):
    """Open every client's socket, at most `concurrency` handshakes at a time.

    `base_url` and `origin` may be lists (several server processes): client i then connects to
    the (i mod n)-th. With `reconnect`, a socket the hub drops (4000) reconnects.
    """
    base_urls = base_url if isinstance(base_url, list) else [base_url]
    origins = origin if isinstance(origin, list) else [origin] * len(base_urls)
    gate = asyncio.Semaphore(concurrency)

    async def one(number, client):
        async with gate:
            where = number % len(base_urls)
            return await open_socket(base_urls[where], client, origins[where])

    opened = await asyncio.gather(*(one(n, client) for n, client in enumerate(clients)))
    connected = Connected([ws for ws, _ in opened], [initial for _, initial in opened])

    def reopen(number):
        return (lambda: one(number, clients[number])) if reconnect else None

    connected.readers = [
        asyncio.create_task(read_pushes(ws, socket, tracker, connected, reopen(socket)))
        for socket, ws in enumerate(connected.sockets)
    ]
    return connected


async def close_all(connected, tracker):
    tracker.closing = True
    await asyncio.gather(*(ws.close() for ws in connected.sockets), return_exceptions=True)
    for reader in connected.readers:
        reader.cancel()
    await asyncio.gather(*connected.readers, return_exceptions=True)


@dataclass
class Change:
    version: int
    post_ms: float
    latencies_ms: list[float]  # one per delivery received within the timeout
    server_cpu_s: float
    client_cpu_s: float

    @property
    def all_received_ms(self):
        return max(self.latencies_ms) if self.latencies_ms else None


async def measure_change(version, trigger, tracker, cpu_seconds, timeout, settle):
    """Trigger one change, wait until every socket has it (or the timeout passes), then wait
    `settle` seconds more before reading the CPU clocks: the server's work that follows the
    push (other regions, the POST's own response) belongs to the change too."""
    complete = tracker.expect(version)
    cpu_before, client_before = cpu_seconds(), time.process_time()
    t0 = time.perf_counter()
    await trigger(version)
    post_ms = (time.perf_counter() - t0) * 1000
    remaining = max(0.0, t0 + timeout - time.perf_counter())
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(complete.wait(), timeout=remaining)
    await asyncio.sleep(settle)
    cpu_after, client_after = cpu_seconds(), time.process_time()
    arrivals = tracker.arrivals[version].values()
    latencies = [(at - t0) * 1000 for at in arrivals if at - t0 <= timeout]
    return Change(version, post_ms, latencies, cpu_after - cpu_before, client_after - client_before)


async def measure_rate(target, rate, count, settle):
    """`count` changes by the clock, `rate` a second, each triggered without waiting for the
    one before (a slow server shows as latency, not as a lower rate). Then it waits until every
    change is complete (or its timeout has passed) and `settle` seconds more. The server and
    client CPU of the whole burst is shared evenly among its changes."""
    tracker = target.tracker
    cpu_before, client_before = target.cpu_seconds(), time.process_time()
    start = time.perf_counter()
    sent = []  # (version, t0, trigger task)

    async def fire(version):
        await target.trigger(version)
        return time.perf_counter()

    for number in range(count):
        await asyncio.sleep(max(0.0, start + number / rate - time.perf_counter()))
        target.version += 1
        version = target.version
        tracker.expect(version)
        t0 = time.perf_counter()
        sent.append((version, t0, asyncio.create_task(fire(version))))
    answered = await asyncio.gather(*(task for _, _, task in sent))
    deadline = sent[-1][1] + target.timeout
    with contextlib.suppress(TimeoutError):
        await asyncio.wait_for(
            asyncio.gather(*(tracker.complete[version].wait() for version, _, _ in sent)),
            timeout=max(0.0, deadline - time.perf_counter()),
        )
    await asyncio.sleep(settle)
    server_cpu = (target.cpu_seconds() - cpu_before) / count
    client_cpu = (time.process_time() - client_before) / count
    changes = []
    for (version, t0, _), done in zip(sent, answered, strict=True):
        arrivals = tracker.arrivals[version].values()
        latencies = [(at - t0) * 1000 for at in arrivals if at - t0 <= target.timeout]
        changes.append(Change(version, (done - t0) * 1000, latencies, server_cpu, client_cpu))
    return changes


# --- Triggers: what makes a change happen -------------------------------------------------------


def _request(port, method, path, headers):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request(method, path, body=b"" if method == "POST" else None, headers=headers)
        response = connection.getresponse()
        body = response.read()
        return response.status, response.headers, body
    finally:
        connection.close()


class FacilitatorTrigger:
    """The facilitator's "Next" button: an htmx POST to /s/<id>/clock/next/ with CSRF."""

    def __init__(self, port, seminar_id, session_cookie, session_key):
        self.port = port
        self.origin = f"http://127.0.0.1:{port}"
        self.console = f"/s/{seminar_id}/run/"
        self.next_path = f"/s/{seminar_id}/clock/next/"
        self.cookies = {session_cookie: session_key}

    def _cookie_header(self):
        return "; ".join(f"{name}={value}" for name, value in self.cookies.items())

    def log_in(self):
        """Open the run console once, as the facilitator's browser does, for the CSRF cookie."""
        cookie = {"Cookie": self._cookie_header()}
        status, headers, _ = _request(self.port, "GET", self.console, cookie)
        if status != 200:
            raise RuntimeError(f"GET {self.console} answered {status}: is the session valid?")
        for header in headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                self.cookies[name] = morsel.value
        if "csrftoken" not in self.cookies:
            raise RuntimeError("the run console set no csrftoken cookie")

    def post_next(self, version):
        status, _, body = _request(
            self.port,
            "POST",
            self.next_path,
            {
                "Cookie": self._cookie_header(),
                "X-CSRFToken": self.cookies["csrftoken"],
                "Origin": self.origin,
                "Referer": self.origin + self.console,
                "HX-Request": "true",
                "Content-Type": "application/x-www-form-urlencoded",
            },
        )
        # The htmx answer is the console's clock region; it must show the new version.
        answered = version_of(body.decode())
        if status != 200 or answered not in (None, version):
            raise RuntimeError(f"POST {self.next_path} answered {status}, version {answered}")

    async def __call__(self, version):
        await asyncio.to_thread(self.post_next, version)


class ReferenceTrigger:
    """POST /send/?v=<n> to the bare Channels app."""

    def __init__(self, port):
        self.port = port

    def post(self, version):
        status, _, _ = _request(self.port, "POST", f"/send/?v={version}", {})
        if status != 200:
            raise RuntimeError(f"the reference trigger answered {status}")

    async def __call__(self, version):
        await asyncio.to_thread(self.post, version)


class HubTrigger:
    """POST /bench/broadcast/?seminar=<id>&v=<n> to bench/app_asgi.py: `seminar.hub.publish`
    of the captured push to the whole seminar, through the app's real sockets."""

    def __init__(self, port, seminar_id):
        self.port = port
        self.seminar_id = seminar_id

    def post(self, version):
        path = f"/bench/broadcast/?seminar={self.seminar_id}&v={version}"
        status, _, body = _request(self.port, "POST", path, {})
        if status != 200:
            raise RuntimeError(f"the hub trigger answered {status}: {body[:200]!r}")

    async def __call__(self, version):
        await asyncio.to_thread(self.post, version)


def hub_stats(port, seminar_id):
    """GET /bench/stats/ of bench/app_asgi.py: `seminar.hub.seminar_stats` and local counters."""
    status, _, body = _request(port, "GET", f"/bench/stats/?seminar={seminar_id}", {})
    if status != 200:
        raise RuntimeError(f"/bench/stats/ answered {status}: {body[:200]!r}")
    return json.loads(body)


class Target:
    """One server under load: its clients' sockets, the next version, the changes measured.

    `server` needs `port`, `origin` and `cpu_seconds()` (bench.servers.Daphne). With
    `servers` (several processes, `server` among them) the clients are split among them in
    turn and the CPU time is their sum. With `reconnect`, a socket the hub drops reconnects.
    """

    def __init__(
        self,
        name,
        server,
        clients,
        trigger,
        *,
        timeout,
        interval,
        servers=None,
        reconnect=False,
    ):
        self.name = name
        self.server = server
        self.servers = servers or [server]
        self.reconnect = reconnect
        self.clients = clients
        self.trigger = trigger
        self.timeout = timeout
        self.interval = interval
        self.tracker = Tracker(len(clients))
        self.connected = None
        self.version = None
        self.changes: list[Change] = []

    def cpu_seconds(self):
        return sum(server.cpu_seconds() for server in self.servers)

    async def connect(self):
        self.connected = await connect_all(
            [f"ws://127.0.0.1:{server.port}" for server in self.servers],
            self.clients,
            [server.origin for server in self.servers],
            self.tracker,
            reconnect=self.reconnect,
        )
        self.tracker.closing = False
        # The state sent on connect carries the current version; the next change is one more.
        # Connected again (bench.live --processes), it goes on from the versions already used.
        self.version = max(self.version or 0, version_of(self.connected.initial[0]) or 0)

    @property
    def is_connected(self):
        return self.connected is not None and not self.tracker.closing

    async def change(self):
        """One change, measured, followed by the quiet interval."""
        self.version += 1
        return await measure_change(
            self.version,
            self.trigger,
            self.tracker,
            self.cpu_seconds,
            self.timeout,
            self.interval,
        )

    async def burst(self, rate, count):
        """`count` changes at `rate` a second (measure_rate), then the quiet interval."""
        return await measure_rate(self, rate, count, self.interval)

    def last_push(self):
        return self.tracker.samples.get(self.version)

    async def close(self):
        if self.connected is not None:
            await close_all(self.connected, self.tracker)
