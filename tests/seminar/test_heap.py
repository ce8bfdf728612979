"""The open sockets frozen out of the collector's full collections (seminar/heap.py).

Real consumers behind the real ASGI application (Channels' communicator); the count that
triggers a freeze is set low, as a room of hundreds would reach it.
"""

import asyncio
import gc
import weakref

import pytest
from asgiref.sync import sync_to_async

from seminar import heap as heap_module
from seminar import hub
from seminar.heap import heap
from tests import factories
from tests.live import connected_phone

pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.asyncio]


@pytest.fixture(autouse=True)
def small_room(settings, monkeypatch):
    settings.GC_FREEZE_AFTER = 3
    monkeypatch.setattr(heap_module, "QUIET", 0.2)
    heap.reset()
    yield
    heap.reset()  # never leave the test process frozen


async def _seminar():
    alice = await sync_to_async(factories.make_user)("alice")
    return await sync_to_async(factories.make_seminar)(alice)


async def _phones(seminar, names):
    return [await connected_phone(seminar, name) for name in names]


def _tracked(obj):
    return any(o is obj for o in gc.get_objects())


async def _until(condition, timeout=3.0):
    for _ in range(int(timeout / 0.05)):
        if condition():
            return True
        await asyncio.sleep(0.05)
    return condition()


async def test_a_room_that_has_joined_is_left_out_of_full_collections():
    seminar = await _seminar()
    phones = await _phones(seminar, ["Anne", "Bo"])
    await asyncio.sleep(0.4)
    assert not heap.frozen  # two sockets: below the count, nothing frozen
    more = await _phones(seminar, ["Cai"])
    sockets = list(hub.local_hub().sockets.values())
    assert not heap.frozen  # a freeze waits for a quiet moment after the last socket
    assert await _until(lambda: heap.frozen)
    # What a full collection walks no longer holds the sockets' objects.
    assert sockets and not any(_tracked(socket) for socket in sockets)
    assert not any(_tracked(socket.consumer) for socket in sockets)
    # A broadcast still reaches them all.
    hub.publish([(f"live.seminar.{seminar.pk}.da", "<p id='x'>hello</p>")])
    for phone in phones:
        assert await phone.receive_from(timeout=2) == "<p id='x'>hello</p>"
    for phone in phones + more:
        await phone.disconnect()


async def test_closed_sockets_are_freed_after_a_quarter_of_the_room_has_gone():
    seminar = await _seminar()
    held = [_Cycle()]  # garbage with a cycle, as a closed socket leaves, once let go
    phones = await _phones(seminar, ["Anne", "Bo", "Cai", "Dag", "Eva"])
    assert await _until(lambda: heap.frozen)
    gone = weakref.ref(held.pop())
    await phones[0].disconnect()
    await phones[1].disconnect()
    # Two of five closed: not enough to thaw (at least GC_FREEZE_AFTER = 3). Frozen, the
    # cycle outlives every collection.
    gc.collect()
    assert heap.frozen and gone() is not None
    await phones[2].disconnect()
    # Three gone: thawed, then collected in full and frozen again after a quiet moment.
    assert not heap.frozen
    assert await _until(lambda: heap.frozen)
    assert gone() is None
    assert heap.open == 2 and heap.closed == 0
    for phone in phones[3:]:
        await phone.disconnect()


class _Cycle:
    def __init__(self):
        self.me = self


async def test_turned_off_with_zero(settings):
    settings.GC_FREEZE_AFTER = 0
    seminar = await _seminar()
    phones = await _phones(seminar, ["Anne", "Bo", "Cai", "Dag"])
    await asyncio.sleep(0.5)
    assert not heap.frozen and gc.get_freeze_count() == 0
    for phone in phones:
        await phone.disconnect()
