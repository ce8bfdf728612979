"""The fan-out hub (seminar/hub.py): isolation, slow sockets, resyncs, a Redis restart.

The sockets are real consumers behind the real ASGI application (Channels' communicator), except
for the slow peer, whose write never completes: the one thing a loopback test cannot make a
real client do on demand.
"""

import asyncio
import shutil
import socket
import subprocess
import time

import pytest
from asgiref.sync import sync_to_async
from django.conf import settings

from agenda import services as agenda_services
from seminar import hub
from tests import factories
from tests.conftest import client_for_participant
from tests.live import communicator, connected_phone

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


async def _seminar_with_programme(facilitator="alice"):
    alice = await sync_to_async(factories.make_user)(facilitator)
    seminar = await sync_to_async(factories.make_seminar)(alice)
    await sync_to_async(factories.make_programme)(seminar, by=alice)
    return alice, seminar


def _groups(seminar_id, language="da"):
    return [f"live.seminar.{seminar_id}.{language}", f"live.phones.{seminar_id}.{language}"]


async def test_a_broadcast_reaches_each_socket_of_its_groups_once():
    _alice, seminar = await _seminar_with_programme()
    phones = [await connected_phone(seminar, name) for name in ("Anne", "Bo")]
    # Both groups hold both phones: each phone still gets the fragment once.
    hub.publish([(group, "<p id='x'>hello</p>") for group in _groups(seminar.pk)])
    for phone in phones:
        assert await phone.receive_from(timeout=2) == "<p id='x'>hello</p>"
        assert await phone.receive_nothing(timeout=0.2)
        await phone.disconnect()
    # Gone sockets leave no trace: no group keeps them, nothing is written to them.
    local = hub.local_hub()
    assert not local.sockets
    assert not any(group.endswith(f".{seminar.pk}.da") for group in local.groups)


async def test_nothing_of_one_seminar_reaches_a_screen_of_another():
    alice, seminar = await _seminar_with_programme()
    _bob, other = await _seminar_with_programme("bob")
    ours, theirs = await connected_phone(seminar), await connected_phone(other, "Olav")
    await sync_to_async(agenda_services.start_seminar)(seminar, by=alice)
    assert "Velkommen" in await ours.receive_from(timeout=3)
    assert await theirs.receive_nothing(timeout=0.5)
    await ours.disconnect()
    await theirs.disconnect()


class SlowPeer:
    """A socket whose network never drains: every write waits for ever."""

    def __init__(self):
        self.closed_with = None
        self.stuck = asyncio.Event()

    async def write(self, text):
        await self.stuck.wait()

    async def audience_groups(self):
        return []

    async def state_html(self):
        return ""

    async def close_for_resync(self):
        self.closed_with = hub.CLOSE_RESYNC

    async def close_forbidden(self):
        self.closed_with = 4403


async def test_a_slow_socket_neither_slows_the_others_nor_grows_without_bound():
    _alice, seminar = await _seminar_with_programme()
    fast = await connected_phone(seminar)
    slow = SlowPeer()
    local = hub.local_hub()
    local.attach(slow, seminar_id=seminar.pk, view="participant", groups=_groups(seminar.pk))
    messages = hub.QUEUE_LIMIT * 2
    started = time.monotonic()
    for number in range(messages):
        hub.publish([(_groups(seminar.pk)[0], f"<p id='n'>{number}</p>")])
    for number in range(messages):
        assert await fast.receive_from(timeout=2) == f"<p id='n'>{number}</p>"
    assert time.monotonic() - started < 5
    # The slow peer was cut loose at its queue's limit and told to reconnect and resync.
    await asyncio.sleep(0.05)
    assert slow.closed_with == hub.CLOSE_RESYNC
    assert slow not in local.sockets
    stats = await sync_to_async(hub.seminar_stats)(seminar.pk)
    assert stats["drops"] == 1
    assert stats["connected"]["participant"] == 1
    await fast.disconnect()


class SlowStatePeer:
    """A socket whose state takes a while to read, as a busy database makes it."""

    def __init__(self, group):
        self.group = group
        self.reading = asyncio.Event()
        self.read = asyncio.Event()
        self.written = []

    async def audience_groups(self):
        return [self.group]

    async def state_html(self):
        self.reading.set()
        await self.read.wait()
        return "<state/>"

    async def write(self, text):
        self.written.append(text)


async def test_a_push_during_the_state_read_arrives_after_the_state():
    _alice, seminar = await _seminar_with_programme()
    local = hub.local_hub()
    await local.ready(timeout=2)  # with Redis: subscribed
    peer = SlowStatePeer(_groups(seminar.pk)[0])
    socket = local.attach(peer, seminar_id=seminar.pk, view="participant")
    syncing = asyncio.ensure_future(local.sync(socket))
    await asyncio.wait_for(peer.reading.wait(), 2)
    # Committed while the state was being read: it must not be overtaken by that older state.
    hub.publish([(peer.group, "<push/>")])
    await _until(lambda: socket.queue, timeout=2)  # arrived, and held back
    assert peer.written == []
    peer.read.set()
    await asyncio.wait_for(syncing, 2)
    assert peer.written == ["<state/>", "<push/>"]
    local.detach(peer)


async def test_a_socket_that_may_have_missed_a_message_is_sent_its_state():
    alice, seminar = await _seminar_with_programme()
    phone = await connected_phone(seminar)
    local = hub.local_hub()
    # As if the push of the start had been lost on the way (a Redis blip): no push arrives...
    with_pushes = hub.publish
    hub.publish = lambda sends, resubscribe=(), touched=(): True
    try:
        await sync_to_async(agenda_services.start_seminar)(seminar, by=alice)
    finally:
        hub.publish = with_pushes
    assert await phone.receive_nothing(timeout=0.3)
    # ...and the hub, knowing the socket may have missed one, resyncs it.
    for entry in local.sockets.values():
        entry.stale = True
    local.resync_stale()
    state = await phone.receive_from(timeout=3)
    assert 'id="agenda-now"' in state and "Velkommen" in state
    stats = await sync_to_async(hub.seminar_stats)(seminar.pk)
    assert stats["resyncs"] == 1
    await phone.disconnect()


async def test_a_removed_participant_is_refused_at_the_resync():
    _alice, seminar = await _seminar_with_programme()
    participant = await sync_to_async(factories.make_participant)(seminar, "Eva")
    client = await sync_to_async(client_for_participant)(participant)
    phone = communicator(seminar, client=client)
    assert (await phone.connect())[0]
    await phone.receive_from()
    await sync_to_async(participant.delete)()
    for entry in hub.local_hub().sockets.values():
        entry.stale = True
    hub.local_hub().resync_stale()
    closed = await phone.receive_output(timeout=3)
    assert closed == {"type": "websocket.close", "code": 4403}


# --- a real Redis, restarted --------------------------------------------------------------------

REDIS_SERVER = shutil.which("redis-server")


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class OwnRedis:
    """A redis-server of this test's own, so that restarting it disturbs nobody else."""

    def __init__(self, tmp_path):
        self.port = _free_port()
        self.dir = tmp_path
        self.process = None

    @property
    def url(self):
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self):
        self.process = subprocess.Popen(
            [
                *(REDIS_SERVER, "--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.dir)),
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline:
            with socket.socket() as probe:
                if probe.connect_ex(("127.0.0.1", self.port)) == 0:
                    return
            time.sleep(0.05)
        raise RuntimeError("redis-server did not start")

    def stop(self):
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


@pytest.fixture
def own_redis(tmp_path, settings):
    if REDIS_SERVER is None:
        pytest.skip("redis-server is not installed")
    server = OwnRedis(tmp_path)
    server.start()
    settings.REDIS_URL = server.url
    yield server
    server.stop()


async def _until(condition, timeout=10):
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        await asyncio.sleep(0.02)


async def test_a_redis_restart_loses_nothing_a_screen_shows(own_redis, monkeypatch):
    monkeypatch.setattr(hub, "RECONNECT_DELAY", 0.2)
    alice, seminar = await _seminar_with_programme()
    phone = await connected_phone(seminar)
    local = hub.local_hub()
    await _until(lambda: local.subscribed)

    # Through Redis, as a second process would hear it.
    await sync_to_async(agenda_services.start_seminar)(seminar, by=alice)
    assert "Velkommen" in await phone.receive_from(timeout=3)
    while not await phone.receive_nothing(timeout=0.3):  # the start's other regions
        await phone.receive_from()

    # Redis goes away; the facilitator moves on meanwhile: that push has nowhere to go.
    await sync_to_async(own_redis.stop)()
    await _until(lambda: not local.subscribed)
    await sync_to_async(agenda_services.next_item)(seminar, by=alice)
    assert await phone.receive_nothing(timeout=0.3)

    # Redis is back: the hub subscribes again and resyncs the phone, which shows the new item.
    await sync_to_async(own_redis.start)()
    state = await phone.receive_from(timeout=10)
    assert 'id="agenda-now"' in state and "Visionen" in state
    await _until(lambda: local.subscribed)
    await phone.disconnect()


# --- the connections panel ----------------------------------------------------------------------


async def test_the_console_shows_who_is_connected(alice_client, seminar):
    phone = await connected_phone(seminar)
    alice_client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    response = await sync_to_async(alice_client.get)(f"/s/{seminar.pk}/connections/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="connections"' in html and 'data-drops="0"' in html
    # One phone connected; the counts sit in <dd> beside their labels.
    assert "<dt>Phones</dt><dd>1</dd>" in html
    await phone.disconnect()
