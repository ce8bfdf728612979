"""The benchmark's surroundings: a throwaway database and layer, daphne processes, a monitor.

Everything here cleans up after itself through context managers, also on Ctrl-C: daphne is
terminated (then killed), the temporary directory removed, the Redis database flushed and the
PostgreSQL database dropped.
"""

import contextlib
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

REPO = Path(__file__).resolve().parent.parent
VENV_BIN = Path(sys.executable).parent
# Variables of the caller's shell that would point the app at another database or layer.
INHERITED_SETTINGS = ("DATABASE_URL", "REDIS_URL", "SQLITE_PATH", "PLENUM_ENV", "DEBUG")


@dataclass
class Setup:
    """Where the benchmark runs: its directory and the environment of every subprocess."""

    directory: Path
    env: dict
    layer: str  # inmemory | redis
    database: str  # sqlite | postgres


_handed_out: set[int] = set()


def free_port():
    """A free port: any, or one of PLENUM_BENCH_PORTS ("9200-9299"; BENCH_PORTS also read) when
    several people share the machine and each has a range of their own."""
    ports = os.environ.get("PLENUM_BENCH_PORTS") or os.environ.get("BENCH_PORTS", "")
    if ports:
        low, _, high = ports.partition("-")
        for port in range(int(low), int(high or low) + 1):
            if port in _handed_out:
                continue
            with socket.socket() as sock:
                try:
                    sock.bind(("127.0.0.1", port))
                except OSError:
                    continue
            _handed_out.add(port)
            return port
        raise RuntimeError(f"no free port in PLENUM_BENCH_PORTS={ports}")
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def base_env(directory):
    env = {key: value for key, value in os.environ.items() if key not in INHERITED_SETTINGS}
    env.update(
        DJANGO_SETTINGS_MODULE="bench.settings",
        PYTHONPATH=str(REPO),
        SECRET_KEY=secrets.token_urlsafe(50),
        # Measure the app as it is deployed: DEBUG keeps every SQL query in memory.
        DEBUG="false",
        SQLITE_PATH=str(directory / "bench.sqlite3"),
    )
    return env


def run_manage(env, *args):
    subprocess.run([sys.executable, "manage.py", *args], cwd=REPO, env=env, check=True)


@contextlib.contextmanager
def redis_database(url):
    import redis

    client = redis.Redis.from_url(url)
    client.flushdb()
    try:
        yield
    finally:
        client.flushdb()
        client.close()


@contextlib.contextmanager
def postgres_database(server_url):
    """A database of its own on the PostgreSQL server; yields its DATABASE_URL."""
    import psycopg

    name = f"plenum_bench_{os.getpid()}"
    with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
        admin.execute(f'DROP DATABASE IF EXISTS "{name}"')
        admin.execute(f'CREATE DATABASE "{name}"')
    try:
        yield f"{server_url}/{name}"
    finally:
        with psycopg.connect(f"{server_url}/postgres", autocommit=True) as admin:
            admin.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@contextlib.contextmanager
def setup(*, redis_url=None, postgres_url=None):
    """A temporary directory, a migrated database and (optionally) a flushed Redis database."""
    with contextlib.ExitStack() as stack:
        directory = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="plenum-bench-")))
        env = base_env(directory)
        if redis_url:
            stack.enter_context(redis_database(redis_url))
            env["REDIS_URL"] = redis_url
        if postgres_url:
            env["DATABASE_URL"] = stack.enter_context(postgres_database(postgres_url))
        run_manage(env, "migrate", "--noinput", "-v", "0")
        yield Setup(
            directory=directory,
            env=env,
            layer="redis" if redis_url else "inmemory",
            database="postgres" if postgres_url else "sqlite",
        )


def seed(bench, *, phones, tables, items, brainstorm=False, scale=None):
    out = bench.directory / "seed.json"
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bench.seed",
            str(out),
            f"--phones={phones}",
            f"--tables={tables}",
            f"--items={items}",
            *(["--brainstorm"] if brainstorm else []),
            *([f"--scale={scale}"] if scale else []),
        ],
        cwd=REPO,
        env=bench.env,
        check=True,
    )
    return out


class Daphne:
    """One daphne process serving `application`; `with Daphne(...) as server:` waits for it.

    `port` serves the websockets and `http_port` the HTTP triggers (the same port here).
    """

    name = "daphne"

    def __init__(self, application, env, log_path, *, extra_env=None, profile=None):
        self.application = application
        self.env = {**env, **(extra_env or {})}
        self.log_path = log_path
        self.profile = profile  # a path: run daphne under cProfile (every thread, Python 3.12+)
        self.port = free_port()
        self.process = None

    @property
    def http_port(self):
        return self.port

    @property
    def origin(self):
        return f"http://127.0.0.1:{self.port}"

    def command(self):
        return [VENV_BIN / "daphne", "-b", "127.0.0.1", "-p", str(self.port), self.application]

    def __enter__(self):
        self._log = open(self.log_path, "wb")  # closed in __exit__
        command = self.command()
        if self.profile:
            if command[0] == sys.executable:  # python -m module: cProfile runs -m module
                command = command[1:]
            command = [sys.executable, "-m", "cProfile", "-o", self.profile, *command]
        # A session of its own: Ctrl-C reaches the benchmark, which then stops daphne in order.
        self.process = subprocess.Popen(
            command,
            cwd=REPO,
            env=self.env,
            stdout=self._log,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        try:
            self._wait_until_listening()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        self.ps = psutil.Process(self.process.pid)
        return self

    def _wait_until_listening(self, timeout=30):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"{self.name} exited early; see its log:\n{self.log_tail()}")
            with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", self.port)):
                return
            time.sleep(0.1)
        raise RuntimeError(f"{self.name} did not listen within {timeout} s:\n{self.log_tail()}")

    def __exit__(self, *exc):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self._log.close()

    def log_tail(self, lines=30):
        self._log.flush()
        text = Path(self.log_path).read_text(errors="replace")
        return "\n".join(text.splitlines()[-lines:])

    def cpu_seconds(self):
        times = self.ps.cpu_times()
        return times.user + times.system


class PlainWebsockets(Daphne):
    """bench/plain_websockets.py in a process of its own: websockets on `port`, its HTTP
    trigger on `http_port`. Listening on `port` means both are up (the trigger starts first)."""

    name = "plain websockets"

    def __init__(self, env, log_path, *, extra_env=None, profile=None):
        super().__init__(None, env, log_path, extra_env=extra_env, profile=profile)
        self._http_port = free_port()

    @property
    def http_port(self):
        return self._http_port

    def cpu_seconds(self):
        """Exact: its one thread's run time from /proc (psutil's clock ticks are 10 ms, more
        than a broadcast of a few hundred sockets costs this server). daphne's request threads
        come and go, which this would miss: daphne keeps psutil's total."""
        try:
            total = 0
            for task in Path(f"/proc/{self.process.pid}/task").iterdir():
                total += int((task / "schedstat").read_text().split()[0])
            return total / 1e9
        except (OSError, ValueError, IndexError):
            return super().cpu_seconds()

    def command(self):
        return [
            sys.executable,
            "-m",
            "bench.plain_websockets",
            "--port",
            str(self.port),
            "--http-port",
            str(self._http_port),
        ]


class MemoryMonitor:
    """Samples a process's resident memory every 100 ms in a thread; `peak` is the highest."""

    def __init__(self, process, interval=0.1):
        self.process = process
        self.interval = interval
        self.peak = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self):
        while not self._stop.is_set():
            with contextlib.suppress(psutil.Error):
                self.peak = max(self.peak, self.process.memory_info().rss)
            self._stop.wait(self.interval)

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
