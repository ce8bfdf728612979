"""The measuring half of `python -m bench.cost` (its own process, the benchmark's settings).

`python -m bench.cost_worker ACTION SEED.json OUT.json [--repeat N] [--warmup N] [--profile F]
[--asgi]`
"""

import argparse
import asyncio
import cProfile
import json
import os
import statistics
import sys
import time
import uuid
from pathlib import Path
from urllib.parse import urlencode

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

import django

django.setup()

from django.conf import settings  # noqa: E402
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from seminar import live  # noqa: E402
from seminar.models import Seminar  # noqa: E402

ASGI = False  # --asgi: through seminar.asgi.application instead of the test client


def _client(seed, session_key, page):
    """A browser with the session and the CSRF cookie its page set, as htmx posts."""
    client = Client(enforce_csrf_checks=True)
    client.cookies[seed["session_cookie"]] = session_key
    response = client.get(page)
    if response.status_code != 200:
        raise RuntimeError(f"GET {page} answered {response.status_code}")
    token = client.cookies["csrftoken"].value
    headers = {"hx-request": "true", "x-csrftoken": token, "origin": "http://testserver"}
    return (AsgiClient(client) if ASGI else client), headers


class Answer:
    def __init__(self, status_code, content):
        self.status_code, self.content = status_code, content


class AsgiClient:
    """--asgi: the same requests through `seminar.asgi.application` in an event loop of this
    process, as daphne hands them over (one ASGI call each; the cookies of a test client's GET):
    what the server does around the view (Django's ASGI handler and its thread hops, the request
    signals that open and close the database connection) is then measured too. HTTP parsing
    and the socket are not."""

    loop = None

    def __init__(self, client):
        from seminar.asgi import application

        self.application = application
        self.cookie = "; ".join(f"{name}={morsel.value}" for name, morsel in client.cookies.items())
        if AsgiClient.loop is None:
            AsgiClient.loop = asyncio.new_event_loop()

    def post(self, path, data, headers=None):
        body = urlencode(data).encode()
        head = [
            (b"host", b"testserver"),
            (b"cookie", self.cookie.encode()),
            (b"content-type", b"application/x-www-form-urlencoded"),
            (b"content-length", str(len(body)).encode()),
            *((name.encode(), value.encode()) for name, value in (headers or {}).items()),
        ]
        scope = {
            "type": "http",
            "asgi": {"version": "3.0"},
            "http_version": "1.1",
            "method": "POST",
            "scheme": "http",
            "path": path,
            "raw_path": path.encode(),
            "query_string": b"",
            "root_path": "",
            "headers": head,
            "client": ("127.0.0.1", 50000),
            "server": ("testserver", 80),
        }
        return self.loop.run_until_complete(self._call(scope, body))

    async def _call(self, scope, body):
        messages = [{"type": "http.request", "body": body, "more_body": False}]
        done = asyncio.Event()
        status, chunks = [None], []

        async def receive():
            if messages:
                return messages.pop(0)
            await done.wait()
            return {"type": "http.disconnect"}

        async def send(message):
            if message["type"] == "http.response.start":
                status[0] = message["status"]
            elif message["type"] == "http.response.body":
                chunks.append(message.get("body", b""))
                if not message.get("more_body"):
                    done.set()

        await self.application(scope, receive, send)
        return Answer(status[0], b"".join(chunks))


def _measure(requests, repeat, warmup, profile):
    """Run each request (a function) and time it: CPU and wall ms, and the queries of one."""
    cpu, wall = [], []
    profiler = cProfile.Profile() if profile else None
    queries = None
    for number, request in enumerate(requests):
        counted = number >= warmup
        if number == warmup:
            with CaptureQueriesContext(connection) as captured:
                request()
            queries = [query["sql"] for query in captured.captured_queries]
            continue
        if profiler and counted:
            profiler.enable()
        c0, w0 = time.process_time(), time.perf_counter()
        request()
        c1, w1 = time.process_time(), time.perf_counter()
        if profiler and counted:
            profiler.disable()
        if counted:
            cpu.append((c1 - c0) * 1000)
            wall.append((w1 - w0) * 1000)
        if len(cpu) >= repeat:
            break
    if profiler:
        profiler.dump_stats(profile)
    return {
        "queries": len(queries),
        "sql": queries,
        "cpu_ms_median": statistics.median(cpu),
        "cpu_ms_mean": statistics.fmean(cpu),
        "wall_ms_median": statistics.median(wall),
        "n": len(cpu),
    }


def _check(response, expect=b""):
    if response.status_code != 200 or expect not in response.content:
        raise RuntimeError(f"answered {response.status_code}: {response.content[:300]!r}")


def card(seed, args):
    """One poster per table, in turn, posts a card to its board (bench.ideas)."""
    seminar_id = seed["seminar_id"]
    posters = []
    for table in seed["tables"]:
        session = seed["phone_sessions"][table["members"][0]]
        client, headers = _client(seed, session, f"/s/{seminar_id}/me/")
        posters.append((client, headers, f"/s/{seminar_id}/boards/{table['board_id']}/ideas/"))

    def post(number):
        client, headers, url = posters[number % len(posters)]

        def request():
            data = {"text": f"t-c{number:04d}", "key": str(uuid.uuid4())}
            _check(client.post(url, data, headers=headers), b'class="message success"')

        return request

    total = args.repeat + args.warmup + 1
    return _measure((post(n) for n in range(total)), args.repeat, args.warmup, args.profile)


def scale(seed, args):
    """Phones answer the scale's first statement (bench.scales); the chart push apart."""
    from ideas.scales import live as scale_live

    seminar_id = seed["seminar_id"]
    statement = seed["statement_ids"][0]
    url = f"/s/{seminar_id}/statements/{statement}/answer/"
    total = args.repeat + args.warmup + 1
    phones = [
        _client(seed, session, f"/s/{seminar_id}/me/") for session in seed["phone_sessions"][:total]
    ]
    asked = []
    scale_live._ask = asked.append  # the coalesced chart push is measured below, not per answer

    def answer(number):
        client, headers = phones[number % len(phones)]

        def request():
            data = {"value": str(number % 100), "key": str(uuid.uuid4())}
            response = client.post(url, data, headers=headers)
            _check(response)
            if b'role="alert"' in response.content:
                raise RuntimeError(response.content[:500])

        return request

    result = _measure((answer(n) for n in range(total)), args.repeat, args.warmup, args.profile)
    if not asked:
        raise RuntimeError("no answer asked for a chart push")
    chart = _measure((lambda: scale_live.publish_chart(asked[0]) for _ in range(40)), 30, 9, None)
    result.update(chart_cpu_ms=chart["cpu_ms_median"], chart_queries=chart["queries"])
    return result


def next_item(seed, args):
    """The facilitator's "Next" (bench.live), through the programme."""
    seminar_id = seed["seminar_id"]
    client, headers = _client(seed, seed["facilitator_session"], f"/s/{seminar_id}/run/")
    url = f"/s/{seminar_id}/clock/next/"

    def request():
        _check(client.post(url, {}, headers=headers))

    total = args.repeat + args.warmup + 1
    return _measure((request for _ in range(total)), args.repeat, args.warmup, args.profile)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("action", choices=("card", "scale", "next"))
    parser.add_argument("seed", type=Path)
    parser.add_argument("out", type=Path)
    parser.add_argument("--repeat", type=int, default=100)
    parser.add_argument("--warmup", type=int, default=10)
    parser.add_argument("--profile")
    parser.add_argument("--asgi", action="store_true", help="through seminar.asgi.application")
    args = parser.parse_args()
    global ASGI
    ASGI = args.asgi
    seed = json.loads(args.seed.read_text())
    settings.ALLOWED_HOSTS = [*settings.ALLOWED_HOSTS, "testserver"]
    language = Seminar.objects.get(pk=seed["seminar_id"]).language
    live.listening(language, +1)
    action = {"card": card, "scale": scale, "next": next_item}[args.action]
    args.out.write_text(json.dumps(action(seed, args)))


if __name__ == "__main__":
    sys.exit(main())
