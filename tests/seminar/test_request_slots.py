"""A process runs at most REQUEST_SLOTS requests in Django at once; the rest wait their turn on
the event loop, and a slot is free again once a request's answer starts (seminar/limits.py)."""

import asyncio

import pytest

from seminar.limits import RequestSlots


class Views:
    """Stands in for Django: each request waits until the test lets it answer."""

    def __init__(self):
        self.running = 0
        self.most = 0
        self.started = []
        self.answer = {}

    async def __call__(self, scope, receive, send):
        name = scope["path"]
        self.running += 1
        self.most = max(self.most, self.running)
        self.started.append(name)
        self.answer[name] = asyncio.Event()
        try:
            await self.answer[name].wait()
            if name == "/fails/":
                raise RuntimeError("the view failed")
        finally:
            self.running -= 1
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"ok"})


async def _request(app, path, sent):
    scope = {"type": "http", "path": path, "method": "GET", "headers": []}

    async def receive():
        return {"type": "http.request", "body": b""}

    async def send(message):
        sent.append((path, message["type"]))

    await app(scope, receive, send)


async def _settle():
    for _ in range(5):
        await asyncio.sleep(0)


@pytest.mark.asyncio
async def test_requests_beyond_the_slots_wait_in_order_and_get_in_as_answers_start(settings):
    settings.REQUEST_SLOTS = 2
    views = Views()
    app = RequestSlots(views)
    sent = []
    tasks = [asyncio.create_task(_request(app, f"/{n}/", sent)) for n in range(5)]
    await _settle()
    assert views.started == ["/0/", "/1/"]  # two at a time, the others wait

    views.answer["/1/"].set()
    await _settle()
    assert views.started == ["/0/", "/1/", "/2/"]  # in the order they came
    for name in ["/0/", "/2/", "/3/", "/4/"]:
        await _settle()
        views.answer[name].set()
    await asyncio.gather(*tasks)
    assert views.most == 2
    assert sorted(path for path, kind in sent if kind == "http.response.body") == [
        f"/{n}/" for n in range(5)
    ]


@pytest.mark.asyncio
async def test_a_failing_request_gives_its_slot_back(settings):
    settings.REQUEST_SLOTS = 1
    views = Views()
    app = RequestSlots(views)
    sent = []
    failing = asyncio.create_task(_request(app, "/fails/", sent))
    waiting = asyncio.create_task(_request(app, "/next/", sent))
    await _settle()
    assert views.started == ["/fails/"]
    views.answer["/fails/"].set()
    with pytest.raises(RuntimeError):
        await failing
    await _settle()
    assert views.started == ["/fails/", "/next/"]
    views.answer["/next/"].set()
    await waiting
    assert ("/next/", "http.response.body") in sent


@pytest.mark.asyncio
async def test_websockets_do_not_take_a_slot(settings):
    settings.REQUEST_SLOTS = 1
    seen = []

    async def inner(scope, receive, send):
        seen.append(scope["type"])

    app = RequestSlots(inner)
    app._slots()  # the one slot...
    await app.semaphore.acquire()  # ...taken by a request that has not answered
    await asyncio.wait_for(app({"type": "websocket"}, None, None), 1)
    assert seen == ["websocket"]
