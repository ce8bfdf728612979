"""A push is rendered only in the languages some socket reads; with Redis, in those of every
process, shared before a socket's state is read (seminar/hub.py, invariant 7)."""

import asyncio
import json
import time

import pytest
import redis

from seminar import hub, live
from tests.live import connected_phone
from tests.seminar.test_hub import _seminar_with_programme, own_redis  # noqa: F401

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def key(settings):
    settings.LIVE_CHANNEL = f"test.languages.{time.monotonic_ns()}"
    hub._listening.clear()
    return f"{settings.LIVE_CHANNEL}:languages"


def test_one_process_renders_the_languages_its_sockets_read(settings, key):
    settings.REDIS_URL = ""
    assert live.active_languages() == []
    live.listening("sv", +1)
    live.listening("sv", +1)
    live.listening("sv", -1)
    assert live.active_languages() == ["sv"]
    live.listening("sv", -1)
    assert live.active_languages() == []


def test_with_redis_the_languages_of_every_live_process_are_rendered(own_redis, key):  # noqa: F811
    client = redis.Redis.from_url(own_redis.url)
    assert live.active_languages() == []

    assert live.listening("nb", +1) is True  # shared before it returns
    assert json.loads(client.hget(key, hub.PROCESS))["languages"] == ["nb"]
    client.hset(key, "other", json.dumps({"languages": ["sv"], "until": time.time() + 30}))
    client.hset(key, "gone", json.dumps({"languages": ["en"], "until": time.time() - 1}))
    client.hset(key, "garbled", "{")
    assert live.active_languages() == ["nb", "sv"]
    # A process that stopped refreshing is forgotten.
    assert client.hget(key, "gone") is None and client.hget(key, "garbled") is None


def test_when_redis_cannot_say_every_language_is_rendered(own_redis, key):  # noqa: F811
    own_redis.stop()
    assert live.active_languages() == live.LANGUAGES
    assert live.listening("da", +1) is False  # could not be shared: the socket is resynced later


@pytest.mark.asyncio
async def test_a_socket_in_a_new_language_is_shared_before_its_state(own_redis, key):  # noqa: F811
    _alice, seminar = await _seminar_with_programme()
    phone = await connected_phone(seminar)  # has received its state
    client = redis.Redis.from_url(own_redis.url)
    assert json.loads(client.hget(key, hub.PROCESS))["languages"] == ["da"]
    await phone.disconnect()
    # Its process reads Danish no more; Redis hears it at the next refresh (an extra render
    # meanwhile, never a missing one).
    assert hub.languages_here() == set()


@pytest.mark.asyncio
async def test_with_redis_a_change_nobody_reads_yet_still_counts_in_every_process(
    own_redis,  # noqa: F811
    key,
):
    """A page kept for its socket's first state (seminar/pagestate.py) must not be taken after a
    change to its groups, also when the change was rendered in no language the page reads (no
    socket in that language anywhere yet) and published from another process."""
    local = hub.local_hub()
    assert await local.ready(timeout=5)  # subscribed to Redis, as every process is
    group = "live.phones.4711.en"
    before = hub.message_count(group)
    # Another process's push, rendered in Danish only: the English group is only touched.
    assert hub.publish([("live.phones.4711.da", "<p id='x'>hej</p>")], touched=[group])
    deadline = time.monotonic() + 5
    while hub.message_count(group) == before:  # counted as it arrives from Redis
        assert time.monotonic() < deadline, "the touched group was not counted"
        await asyncio.sleep(0.02)
