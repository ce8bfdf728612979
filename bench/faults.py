"""`python -m bench.faults`: phones post cards while faults are injected; is anything lost?

What it does
    It starts its own PostgreSQL (initdb into a temporary directory, `max_connections` low, so a
    server without a pool runs out) and its own Redis, on spare ports, migrates and seeds a
    brainstorm (bench/seed.py: phones seated at tables, a paired screen per table), and starts
    two daphne processes (A and B) serving Plenum with a connection pool of DB_POOL_SIZE each.
    Listening: each table's screen and one phone per table, a projector on each process and the
    console (websocket clients, spread over A and B, that reconnect as the page does: after
    about a second, to the other process when theirs is down; 4403 ends them).
    Posting: every phone posts a card every --interval seconds, all at the same moment (many
    concurrent posts), as htmx does, with a fresh key; a post that fails (no answer, 5xx) is
    sent again with the same key after half a second, to the other process, as plenum.js does
    behind a load balancer.

    Phases, each --seconds of posting with the fault injected a quarter of the way in:
      baseline      no fault
      socket drops  every listening socket is cut (the client aborts it) and reconnects
      kill -9       process B is killed and started again 2 s later
      redis         Redis is killed and started again 2 s later
      postgres      PostgreSQL stops immediately (pg_ctl -m immediate) and starts again
      slow consumer a projector stops reading for half the phase, then reads again

What it prints, per phase
    cards posted, answers 2xx and 5xx (and posts with no answer), cards stored, doubled (two
    rows, or a card twice on a screen), missing (stored, answered or not, and absent from a
    screen that shows its board, after up to --sync-timeout s), and the seconds from the fault's
    end until every screen shows exactly the stored cards; for the socket drops also how long
    the slowest socket took to get its state back while the posts went on. The last line is
    one JSON object. Goal: 0 doubled, 0 missing, 0 5xx at baseline, in sync within 10 s.

--short is the version CI runs (tests/e2e/test_faults.py): fewer phones, shorter phases.
"""

import argparse
import asyncio
import contextlib
import glob
import json
import os
import random
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

from websockets.asyncio.client import connect

from bench import load, servers
from bench.ideas import http_post

GOAL_SYNC_S = 10.0
FORBIDDEN = 4403


def parse_args(argv=None):
    parser = argparse.ArgumentParser(
        prog="python -m bench.faults", description=__doc__.split("\n\n")[0]
    )
    parser.add_argument("--short", action="store_true", help="the CI version: small and quick")
    parser.add_argument("--phones", type=int, help="phones posting (default 60; short 12)")
    parser.add_argument("--tables", type=int, help="tables (default 6; short 3)")
    parser.add_argument("--interval", type=float, default=2.0, help="s between a phone's cards")
    parser.add_argument("--seconds", type=float, help="posting per phase (default 20; short 4)")
    parser.add_argument("--max-connections", type=int, default=30, help="PostgreSQL's limit")
    parser.add_argument("--pool", type=int, default=10, help="DB_POOL_SIZE per process (0: none)")
    parser.add_argument(
        "--conn-max-age",
        type=int,
        default=0,
        help="DB_CONN_MAX_AGE without a pool (60: persistent connections per thread)",
    )
    parser.add_argument(
        "--sync-timeout", type=float, default=20.0, help="wait this long for the screens (s)"
    )
    parser.add_argument(
        "--faults",
        default="baseline,drops,kill,redis,postgres,slow",
        help="comma-separated phases (default: all)",
    )
    parser.add_argument("--json", action="store_true", help="print only the JSON line")
    parser.add_argument("--logs", type=Path, metavar="DIR", help="keep the daphne logs here")
    args = parser.parse_args(argv)
    args.phones = args.phones or (12 if args.short else 60)
    args.tables = args.tables or (3 if args.short else 6)
    args.seconds = args.seconds or (4.0 if args.short else 20.0)
    args.faults = [name.strip() for name in args.faults.split(",") if name.strip()]
    unknown = set(args.faults) - set(PHASES)
    if unknown:
        parser.error(f"unknown faults: {', '.join(sorted(unknown))}")
    return args


def say(args, text):
    if not args.json:
        print(text, flush=True)


# --- Ports and servers of its own -----------------------------------------------------------------


def spare_port(env_name):
    """A free port: from the range in `env_name` ("15300-15399") when set, else any."""
    spec = os.environ.get(env_name, "")
    if not spec:
        return servers.free_port()
    low, high = (int(part) for part in spec.split("-"))
    candidates = list(range(low, high + 1))
    random.shuffle(candidates)
    for port in candidates:
        with socket.socket() as sock:
            try:
                sock.bind(("127.0.0.1", port))
            except OSError:
                continue
            return port
    raise RuntimeError(f"no free port in {spec}")


def _as_postgres(command):
    """initdb and pg_ctl refuse to run as root: run them as the postgres user then."""
    if os.geteuid() == 0:
        return ["runuser", "-u", "postgres", "--", *command]
    return command


def postgres_bin(name):
    found = sorted(glob.glob(f"/usr/lib/postgresql/*/bin/{name}"))
    if found:
        return found[-1]
    path = shutil.which(name)
    if path is None:
        raise RuntimeError(f"{name} not found (/usr/lib/postgresql/*/bin or PATH)")
    return path


class Postgres:
    """A PostgreSQL server of its own in `directory`, on a spare port."""

    def __init__(self, directory, max_connections):
        self.directory = Path(directory) / "pg"
        self.port = spare_port("PLENUM_FAULTS_DB_PORTS")
        self.max_connections = max_connections
        self.url = f"postgresql://postgres@127.0.0.1:{self.port}"

    def _run(self, *command):
        subprocess.run(
            _as_postgres([*command]), check=True, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )

    def __enter__(self):
        self.directory.mkdir()
        if os.geteuid() == 0:
            shutil.chown(self.directory.parent, "postgres")
            shutil.chown(self.directory, "postgres")
        self._run(
            postgres_bin("initdb"),
            "-D",
            str(self.directory),
            "-U",
            "postgres",
            "--auth=trust",
            "-E",
            "UTF8",
            "--no-sync",
        )
        self.start()
        return self

    def start(self):
        options = (
            f"-p {self.port} -c listen_addresses=127.0.0.1 -k {self.directory} "
            f"-c max_connections={self.max_connections} -c fsync=off "
            "-c synchronous_commit=off -c full_page_writes=off"
        )
        self._run(
            postgres_bin("pg_ctl"),
            "-D",
            str(self.directory),
            "-o",
            options,
            "-l",
            str(self.directory / "log"),
            "-w",
            "start",
        )

    def stop(self, mode="fast"):
        self._run(postgres_bin("pg_ctl"), "-D", str(self.directory), "-m", mode, "-w", "stop")

    def __exit__(self, *exc):
        with contextlib.suppress(Exception):
            self.stop("immediate")


class Redis:
    """A redis-server of its own on a spare port, without persistence."""

    def __init__(self, directory):
        self.directory = Path(directory)
        self.port = spare_port("PLENUM_FAULTS_DB_PORTS")
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process = None

    def start(self):
        self.process = subprocess.Popen(
            [
                shutil.which("redis-server") or "redis-server",
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                str(self.directory),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def kill(self):
        self.process.kill()
        self.process.wait()

    def __enter__(self):
        self.start()
        return self

    def __exit__(self, *exc):
        if self.process and self.process.poll() is None:
            self.kill()


class Process(servers.Daphne):
    """A daphne process that can be killed with SIGKILL and started again on its port."""

    def __init__(self, name, env, directory, port):
        super().__init__("seminar.asgi:application", env, directory / f"daphne-{name}.log")
        self.name = f"daphne {name}"
        self.port = port
        self.runs = 0

    def __enter__(self):
        self.runs += 1
        self.log_path = Path(str(self.log_path).replace(".log", f".{self.runs}.log"))
        return super().__enter__()

    def __exit__(self, *exc):
        if self.process.poll() is None:  # a throwaway server: no need to wait for its sockets
            self.process.terminate()
            try:
                self.process.wait(timeout=3)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def kill9(self):
        os.kill(self.process.pid, signal.SIGKILL)
        self.process.wait()
        self._log.close()


# --- Phones that post -----------------------------------------------------------------------------


@dataclass
class Card:
    phase: str
    text: str
    key: str
    statuses: list = field(default_factory=list)  # every answer: 200, 500, "error"...
    accepted: bool = False


class Phone:
    """One participant's phone posting to its table's board, as htmx does, with retries."""

    def __init__(self, seed, table, member, processes, home):
        self.seminar_id = seed["seminar_id"]
        self.page = f"/s/{self.seminar_id}/me/"
        self.path = f"/s/{self.seminar_id}/boards/{table['board_id']}/ideas/"
        self.cookies = {seed["session_cookie"]: seed["phone_sessions"][member]}
        self.processes = processes
        self.home = home

    def log_in(self):
        """Open the phone page once for the CSRF cookie (the same on every process)."""
        port = self.processes[self.home].port
        cookie = "; ".join(f"{name}={value}" for name, value in self.cookies.items())
        status, headers, _ = load._request(port, "GET", self.page, {"Cookie": cookie})
        if status != 200:
            raise RuntimeError(f"GET {self.page} answered {status}")
        for header in headers.get_all("Set-Cookie") or []:
            name, _, rest = header.partition("=")
            self.cookies[name.strip()] = rest.split(";")[0]

    async def post_once(self, card, where):
        port = self.processes[where].port
        origin = f"http://127.0.0.1:{port}"
        token = self.cookies["csrftoken"]
        headers = {
            "Cookie": "; ".join(f"{name}={value}" for name, value in self.cookies.items()),
            "X-CSRFToken": token,
            "Origin": origin,
            "Referer": origin + self.page,
            "HX-Request": "true",
            "Content-Type": "application/x-www-form-urlencoded",
        }
        body = urlencode({"csrfmiddlewaretoken": token, "text": card.text, "key": card.key})
        try:
            status, answer = await http_post(port, self.path, headers, body.encode(), timeout=15)
        except (OSError, TimeoutError, ValueError, IndexError):
            return "error"
        if status == 200 and b'class="message success"' not in answer:
            return "refused"
        return status

    async def post(self, card, deadline):
        """Until the card is answered "on the board" (or the deadline): the same key each time,
        the other process after a failure."""
        where = self.home
        while time.perf_counter() < deadline:
            status = await self.post_once(card, where)
            card.statuses.append(status)
            if status == 200:
                card.accepted = True
                return
            where = 1 - where
            await asyncio.sleep(0.5)


# --- Screens that listen --------------------------------------------------------------------------

SECTION = re.compile(r'<section id="(board-\d+(?:-f)?)"')
APPEND = re.compile(r'hx-swap-oob="beforeend:#(board-\d+)-loose(-f)?"')
CARD_RE = re.compile(r'id="idea-(\d+)(?:-f)?"[^>]*>\s*<p class="idea-text">([^<]*)<')


class Screen:
    """A listening websocket client and the cards its page shows, board by board.

    A board region replaces the board's cards; an appended card is added unless the page has
    it (plenum.js's rules; nothing here edits or withdraws cards, so versions do not matter).
    """

    def __init__(self, name, path, cookie, boards, processes, home):
        self.name, self.path, self.cookie = name, path, cookie
        self.boards = boards  # the board keys it shows ("board-12", or "board-12-f")
        self.processes, self.home = processes, home
        self.shown: dict[str, dict[str, str]] = {}
        self.doubled: set[str] = set()
        self.ws = None
        self.reading = asyncio.Event()
        self.reading.set()
        self.forbidden = False
        self.connects = 0
        self.cut_at = None
        self.resync_s: list[float] = []  # from a cut until its state was back
        self.task = None

    def apply(self, message):
        for start in SECTION.finditer(message):
            # A board section holds no other section; cards appended after it are not its own.
            end = message.find("</section>", start.end())
            cards = CARD_RE.findall(message, start.start(), end if end >= 0 else len(message))
            self.shown[start.group(1)] = dict(cards)
            texts = [text for _id, text in cards]
            self.doubled.update(text for text in texts if texts.count(text) > 1)
        for match in APPEND.finditer(message):
            board = match.group(1) + (match.group(2) or "")
            card = CARD_RE.search(message, match.end())
            if card is None:
                continue
            ids = self.shown.setdefault(board, {})
            if card.group(1) not in ids:
                if card.group(2) in ids.values():
                    self.doubled.add(card.group(2))
                ids[card.group(1)] = card.group(2)

    async def run(self):
        where = self.home
        while not self.forbidden:
            process = self.processes[where]
            try:
                self.ws = await connect(
                    f"ws://127.0.0.1:{process.port}{self.path}",
                    origin=f"http://127.0.0.1:{process.port}",
                    additional_headers={"Cookie": self.cookie},
                    compression=None,
                    ping_interval=None,
                    open_timeout=10,
                    max_size=2**24,
                    max_queue=4,
                )
            except Exception:  # refused, reset, timed out: the process is down
                where = 1 - where  # down: the balancer sends the page to the other process
                await asyncio.sleep(0.5 + random.random() * 0.5)
                continue
            self.connects += 1
            first = True
            try:
                while True:
                    await self.reading.wait()
                    message = await self.ws.recv()
                    self.apply(message)
                    if first and self.cut_at is not None:
                        self.resync_s.append(time.perf_counter() - self.cut_at)
                        self.cut_at = None
                    first = False
            except asyncio.CancelledError:
                raise
            except Exception:
                pass
            if self.ws.close_code == FORBIDDEN:
                self.forbidden = True
                return
            where = self.home
            await asyncio.sleep(0.5 + random.random())  # the page's reconnect delay

    def cut(self):
        """The network drops the socket: aborted without a close frame."""
        self.cut_at = time.perf_counter()
        if self.ws is not None and self.ws.transport is not None:
            self.ws.transport.abort()


def make_screens(seed, processes):
    base = f"/ws/seminar/{seed['seminar_id']}/?view="
    session, screen_cookie = seed["session_cookie"], seed["screen_cookie"]
    facilitator = f"{session}={seed['facilitator_session']}"
    every_board = [f"board-{table['board_id']}" for table in seed["tables"]]
    screens = []
    for number, table in enumerate(seed["tables"]):
        board = [f"board-{table['board_id']}"]
        for index in table["screens"]:
            token = seed["screen_tokens"][index]
            screens.append(
                Screen(
                    f"table {number + 1} screen",
                    base + "screen",
                    f"{screen_cookie}={token}",
                    board,
                    processes,
                    number % 2,
                )
            )
        phone = seed["phone_sessions"][table["members"][-1]]
        screens.append(
            Screen(
                f"table {number + 1} phone",
                base + "phone",
                f"{session}={phone}",
                board,
                processes,
                (number + 1) % 2,
            )
        )
    screens.append(
        Screen("projector A", base + "projector", facilitator, every_board, processes, 0)
    )
    screens.append(
        Screen("projector B", base + "projector", facilitator, every_board, processes, 1)
    )
    console = [f"{board}-f" for board in every_board]
    screens.append(Screen("console", base + "console", facilitator, console, processes, 1))
    return screens


# --- What is stored, and whether every screen shows it -------------------------------------------


def stored_cards(database_url):
    import psycopg

    with psycopg.connect(database_url, connect_timeout=3) as connection:
        return connection.execute("SELECT board_id, id, text FROM ideas_idea").fetchall()


async def read_stored(database_url, deadline):
    while True:
        try:
            return await asyncio.to_thread(stored_cards, database_url)
        except Exception:
            if time.perf_counter() > deadline:
                raise
            await asyncio.sleep(0.5)


def missing_on_screens(rows, screens):
    """The texts of stored cards absent from a screen showing their board, and the screens
    showing cards that are not stored (or not all of them)."""
    by_board: dict[int, dict[str, str]] = {}
    for board_id, idea_id, text in rows:
        by_board.setdefault(board_id, {})[str(idea_id)] = text
    missing, unsynced = set(), []
    for screen in screens:
        if screen.forbidden:
            unsynced.append(screen.name)
            continue
        in_sync = True
        for board in screen.boards:
            board_id = int(board.split("-")[1])
            expected = by_board.get(board_id, {})
            shown = screen.shown.get(board, {})
            lost = set(expected) - set(shown)
            missing.update(expected[idea] for idea in lost)
            if lost or set(shown) - set(expected):
                in_sync = False
        if not in_sync:
            unsynced.append(screen.name)
    return missing, unsynced


# --- Phases ---------------------------------------------------------------------------------------


@dataclass
class Run:
    args: argparse.Namespace
    seed: dict
    processes: list
    screens: list
    phones: list
    postgres: Postgres
    redis: Redis
    database_url: str
    cards: list = field(default_factory=list)


async def fault_drops(run):
    for screen in run.screens:
        screen.cut()
    return time.perf_counter()


async def fault_kill(run):
    victim = run.processes[1]
    victim.kill9()
    await asyncio.sleep(2)
    await asyncio.to_thread(victim.__enter__)
    return time.perf_counter()


async def fault_redis(run):
    run.redis.kill()
    await asyncio.sleep(2)
    await asyncio.to_thread(run.redis.start)
    return time.perf_counter()


async def fault_postgres(run):
    await asyncio.to_thread(run.postgres.stop, "immediate")
    await asyncio.sleep(1)
    await asyncio.to_thread(run.postgres.start)
    return time.perf_counter()


async def fault_slow(run):
    slow = next(screen for screen in run.screens if screen.name == "projector A")
    slow.reading.clear()
    await asyncio.sleep(run.args.seconds / 2)
    slow.reading.set()
    return time.perf_counter()


async def no_fault(run):
    return time.perf_counter()


PHASES = {
    "baseline": ("baseline", no_fault),
    "drops": ("socket drops", fault_drops),
    "kill": ("kill -9 of process B", fault_kill),
    "redis": ("Redis restart", fault_redis),
    "postgres": ("PostgreSQL immediate restart", fault_postgres),
    "slow": ("slow consumer", fault_slow),
}


async def run_phase(run, phase):
    args = run.args
    title, inject = PHASES[phase]
    say(args, f"Phase: {title}")
    started = time.perf_counter()
    rounds = max(1, int(args.seconds / args.interval))
    deadline = started + args.seconds + 30  # a card not on the board by then is not retried
    posts = []
    fault = asyncio.create_task(_after(args.seconds / 4, inject, run))
    cards = []
    for number in range(rounds):
        await asyncio.sleep(max(0.0, started + number * args.interval - time.perf_counter()))
        for index, phone in enumerate(run.phones):
            card = Card(phase, f"{phase}-p{index:03d}-c{number:03d}", str(uuid.uuid4()))
            cards.append(card)
            posts.append(asyncio.create_task(phone.post(card, deadline)))
    fault_start, fault_end = await fault
    await asyncio.gather(*posts)
    last_answer = time.perf_counter()
    run.cards.extend(cards)
    # Until every screen shows exactly what is stored (or the timeout).
    settled = max(fault_end, last_answer)  # the fault is over and no post is waiting
    sync_deadline = settled + args.sync_timeout
    in_sync_at = None
    while True:
        rows = await read_stored(run.database_url, sync_deadline + 30)
        missing, unsynced = missing_on_screens(rows, run.screens)
        if not unsynced:
            in_sync_at = time.perf_counter()
            break
        if time.perf_counter() > sync_deadline:
            break
        await asyncio.sleep(0.2)
    statuses = [status for card in cards for status in card.statuses]
    texts = [text for _board, _id, text in rows]
    ours = [text for text in texts if text.startswith(f"{phase}-")]
    doubled = {text for text in ours if ours.count(text) > 1}
    doubled |= {text for screen in run.screens for text in screen.doubled if text in ours}
    result = {
        "phase": title,
        "posted": len(cards),
        "2xx": sum(1 for status in statuses if isinstance(status, int) and 200 <= status < 300),
        "5xx": sum(1 for status in statuses if isinstance(status, int) and status >= 500),
        "no answer": statuses.count("error"),
        "accepted": sum(card.accepted for card in cards),
        "stored": len(set(ours)),
        "doubled": len(doubled),
        "missing": len(missing),
        "unsynced screens": [] if in_sync_at else [_diagnose(run, name, rows) for name in unsynced],
        "in sync s": round(in_sync_at - settled, 2) if in_sync_at else None,
        "fault s": [round(fault_start - started, 1), round(fault_end - started, 1)],
        "last answer s": round(last_answer - started, 1),
    }
    if phase == "drops":
        resyncs = [s for screen in run.screens for s in screen.resync_s]
        result["resync max s"] = round(max(resyncs), 2) if resyncs else None
        result["resynced sockets"] = len(resyncs)
    for screen in run.screens:
        screen.resync_s.clear()
    say(
        args, "  " + ", ".join(f"{key}: {value}" for key, value in result.items() if key != "phase")
    )
    return result


def _diagnose(run, name, rows):
    """An unsynced screen: its name, connects, and cards shown / stored on its boards."""
    screen = next(screen for screen in run.screens if screen.name == name)
    boards = {int(board.split("-")[1]) for board in screen.boards}
    stored = sum(1 for board_id, _id, _text in rows if board_id in boards)
    shown = sum(len(screen.shown.get(board, {})) for board in screen.boards)
    state = "forbidden" if screen.forbidden else f"{screen.connects} connects"
    return f"{name} ({state}, shows {shown} of {stored})"


async def _after(delay, inject, run):
    await asyncio.sleep(delay)
    start = time.perf_counter()
    return start, await inject(run)


async def measure(args, stack, directory):
    postgres = stack.enter_context(Postgres(directory, args.max_connections))
    redis = stack.enter_context(Redis(directory))
    say(
        args,
        f"PostgreSQL on {postgres.port} (max_connections={args.max_connections}), Redis on "
        f"{redis.port}",
    )
    setup = stack.enter_context(servers.setup(redis_url=redis.url, postgres_url=postgres.url))
    phones_per_table = max(1, args.phones // args.tables)
    seed_file = servers.seed(
        setup, phones=phones_per_table * args.tables, tables=args.tables, items=3, brainstorm=True
    )
    seed = json.loads(seed_file.read_text())
    env = {
        **setup.env,
        "DB_POOL_SIZE": str(args.pool),
        "DB_CONN_MAX_AGE": str(args.conn_max_age),
        "PLENUM_OUTBOX_SWEEP": "1",
        "PLENUM_HUB_RECONNECT_DELAY": "0.2",
    }
    ports = [spare_port("PLENUM_BENCH_PORTS"), spare_port("PLENUM_BENCH_PORTS")]
    while ports[1] == ports[0]:
        ports[1] = spare_port("PLENUM_BENCH_PORTS")
    processes = [
        Process(name, env, setup.directory, port) for name, port in zip("AB", ports, strict=True)
    ]
    for process in processes:
        stack.enter_context(process)
    say(args, f"daphne A on {processes[0].port}, B on {processes[1].port}; pool {args.pool} each")
    phones = []
    for number, table in enumerate(seed["tables"]):
        for position, member in enumerate(table["members"]):
            phones.append(Phone(seed, table, member, processes, (number + position) % 2))
    for phone in phones:
        phone.log_in()
    screens = make_screens(seed, processes)
    run = Run(args, seed, processes, screens, phones, postgres, redis, setup.env["DATABASE_URL"])
    for screen in screens:
        screen.task = asyncio.create_task(screen.run())
    say(
        args,
        f"{len(phones)} phones at {args.tables} tables post every {args.interval:g} s; "
        f"{len(screens)} screens listen",
    )
    results = []
    try:
        # Every screen has its first state before the first phase.
        start_deadline = time.perf_counter() + 30
        while any(screen.connects == 0 for screen in screens):
            if time.perf_counter() > start_deadline:
                raise RuntimeError("the screens did not connect")
            await asyncio.sleep(0.1)
        for phase in args.faults:
            results.append(await run_phase(run, phase))
    except Exception:
        for process in processes:
            with contextlib.suppress(Exception):
                print(f"--- {process.name} ---\n{process.log_tail()}", file=sys.stderr)
        raise
    finally:
        for screen in screens:
            screen.task.cancel()
        await asyncio.gather(*(screen.task for screen in screens), return_exceptions=True)
        if args.logs:
            args.logs.mkdir(parents=True, exist_ok=True)
            for log in setup.directory.glob("daphne-*.log"):
                shutil.copy(log, args.logs / log.name)
    return {
        "phones": len(phones),
        "tables": args.tables,
        "screens": len(screens),
        "interval_s": args.interval,
        "seconds_per_phase": args.seconds,
        "max_connections": args.max_connections,
        "pool_per_process": args.pool,
        "phases": results,
    }


def goals_met(summary):
    """The issue's goals: 0 doubled, 0 missing everywhere, 0 5xx at baseline, in sync within
    10 s of each fault's end."""
    problems = []
    for result in summary["phases"]:
        phase = result["phase"]
        if result["doubled"]:
            problems.append(f"{phase}: {result['doubled']} doubled")
        if result["missing"]:
            problems.append(f"{phase}: {result['missing']} missing")
        if result["accepted"] != result["posted"]:
            problems.append(f"{phase}: {result['posted'] - result['accepted']} never accepted")
        sync = result["in sync s"]
        if sync is None or sync > GOAL_SYNC_S:
            problems.append(f"{phase}: in sync after {sync} s")
        if phase == "baseline" and (result["5xx"] or result["no answer"]):
            problems.append(f"baseline: {result['5xx']} 5xx, {result['no answer']} unanswered")
    return problems


def main(argv=None):
    args = parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="plenum-faults-") as directory:
        os.chmod(directory, 0o755)
        with contextlib.ExitStack() as stack:
            summary = asyncio.run(measure(args, stack, Path(directory)))
    summary["problems"] = goals_met(summary)
    if summary["problems"] and not args.json:
        print("Goals not met: " + "; ".join(summary["problems"]))
    print(json.dumps(summary))
    return 1 if summary["problems"] else 0


if __name__ == "__main__":
    sys.exit(main())
