"""The load generator: N real websocket clients, a trigger for each change, arrival times.

Every socket reads and discards its first message (the state a screen gets on connect), then a
reader task notes the moment each push arrives, keyed by the push's `data-clock-version`. A change
is triggered over HTTP with t0 taken just before the request; its latencies are arrival - t0.
"""

import asyncio
import contextlib
import http.client
import re
import time
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


async def read_pushes(ws, socket, tracker):
    with contextlib.suppress(Exception):
        async for message in ws:
            tracker.record(socket, message, time.perf_counter())
    if not tracker.closing:
        tracker.closed += 1


@dataclass
class Connected:
    sockets: list
    initial: list[str]
    readers: list[asyncio.Task] = field(default_factory=list)


async def connect_all(base_url, clients, origin, tracker, concurrency=20):
    """Open every client's socket, at most `concurrency` handshakes at a time."""
    gate = asyncio.Semaphore(concurrency)

    async def one(client):
        async with gate:
            return await open_socket(base_url, client, origin)

    opened = await asyncio.gather(*(one(client) for client in clients))
    connected = Connected([ws for ws, _ in opened], [initial for _, initial in opened])
    connected.readers = [
        asyncio.create_task(read_pushes(ws, socket, tracker))
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


class Target:
    """One server under load: its clients' sockets, the next version, the changes measured.

    `server` needs `port`, `origin` and `cpu_seconds()` (bench.servers.Daphne).
    """

    def __init__(self, name, server, clients, trigger, *, timeout, interval):
        self.name = name
        self.server = server
        self.clients = clients
        self.trigger = trigger
        self.timeout = timeout
        self.interval = interval
        self.tracker = Tracker(len(clients))
        self.connected = None
        self.version = None
        self.changes: list[Change] = []

    async def connect(self):
        base_url = f"ws://127.0.0.1:{self.server.port}"
        self.connected = await connect_all(base_url, self.clients, self.server.origin, self.tracker)
        # The state sent on connect carries the current version; the next change is one more.
        self.version = version_of(self.connected.initial[0])

    async def change(self):
        """One change, measured, followed by the quiet interval."""
        self.version += 1
        return await measure_change(
            self.version,
            self.trigger,
            self.tracker,
            self.server.cpu_seconds,
            self.timeout,
            self.interval,
        )

    def last_push(self):
        return self.tracker.samples.get(self.version)

    async def close(self):
        if self.connected is not None:
            await close_all(self.connected, self.tracker)
