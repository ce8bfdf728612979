"""The fan-out hub: in each server process, it writes every broadcast to the local sockets.

How a push travels
    `publish(sends)` is called by seminar.live after a commit, from any thread, with pairs
    (group, html) already rendered once per audience and language.
    - Embedded default (no REDIS_URL): the sends go straight to this process's hub, through
      `loop.call_soon_threadsafe`. No channel layer at all.
    - With REDIS_URL: one PUBLISH of one message on one Redis channel (`settings.LIVE_CHANNEL`).
      Every process's hub holds one subscription to that channel and fans the message out to
      its own sockets. Any number of processes on any number of machines share a broadcast.
    `Hub.fanout(message)` runs in the server's event loop and hands the same str to every local
    socket registered in each group. A socket in several of the groups gets it once.

Sockets
    A SeminarConsumer authenticates through Channels, then `attach`es itself and is `sync`ed:
    its groups are registered, then its state is read and sent, then whatever was broadcast to
    it meanwhile (subscribe, snapshot, replay: a push is never overtaken by an older state).
    A resync (a participant moved to another table, a missed message) is the same `sync`. It
    `detach`es on disconnect. The hub calls back five consumer methods: `audience_groups()`
    and `state_html()` (read from the database), `write(text)` (one ASGI send),
    `close_for_resync()` and `close_forbidden()`.

Invariants
1. Nothing here renders a template or writes to the database; the fan-out loop never awaits.
2. Writes to one socket keep their order. Under daphne a broadcast is written straight into
   the socket's websocket protocol (encoded once for all sockets), which never waits. Under
   any other ASGI server a write goes through the ASGI send; one that does not complete at once
   (a slow socket) gets a writer task of its own and the socket queues; the others go on.
3. Memory is bounded per socket: at most QUEUE_LIMIT queued messages, and at most BUFFER_LIMIT
   bytes waiting in daphne's send buffer. A socket over either limit is *dropped*: its queue is
   thrown away and it is closed with CLOSE_RESYNC; the page reconnects and gets its state.
4. A socket that may have missed a message (the Redis subscription was down) is *stale*. A
   stale socket is *resynced* (sent its full current state, through its ordered writer) as
   soon as the hub can deliver again, at most RESYNC_CONCURRENCY at a time.
5. `publish` never raises: the change is committed; whoever missed it is resynced.
6. Counters per seminar (sockets by view, resyncs, drops) are kept by each process and, with
   Redis, shared under a key per seminar, for the facilitator's connections panel.
7. A push is rendered only in the languages some socket reads (`languages_read`). Each process
   counts its sockets' languages; with Redis it also keeps them in one Redis hash under its
   name, written *before* the state of a socket in a language new to it is read, refreshed
   while it has sockets, and again before its stale sockets are resynced. So a push rendered
   without a language was rendered before that language's first socket here was registered,
   hence committed before that socket's state was read: the state has it. The groups of the
   languages not rendered still travel with the message (`t`) and are counted in every
   process, for a page kept for its socket's first state (seminar/pagestate.py).
8. Full collections do not walk the open sockets: once many have come, the heap is frozen
   out of the collector's reach, and thawed after a quarter of them have gone
   (seminar/heap.py).
"""

import asyncio
import contextlib
import contextvars
import functools
import json
import logging
import os
import threading
import time
import uuid
from collections import Counter, deque
from dataclasses import dataclass, field

from django.conf import settings

from seminar import parts
from seminar.heap import heap

logger = logging.getLogger("plenum.hub")

QUEUE_LIMIT = 64
# A message over this many bytes goes in parts (seminar/parts.py): daphne sends nothing over its
# websocket_max_message_size (1 MiB by default).
PART_LIMIT = int(os.environ.get("PLENUM_WS_PART_BYTES", 256 * 1024))
# While a socket's state is read and sent, the broadcasts that arrive meanwhile wait for it: up to
# this many (a state read under load takes seconds, and the console gets every card). More than
# that during the read: the state is read again, at most STATE_READS times.
SYNC_QUEUE_LIMIT = int(os.environ.get("PLENUM_HUB_SYNC_QUEUE_LIMIT", 4096))
STATE_READS = 3
BUFFER_LIMIT = int(os.environ.get("PLENUM_HUB_BUFFER_LIMIT", 1024 * 1024))
RESYNC_CONCURRENCY = 4
RECONNECT_DELAY = float(os.environ.get("PLENUM_HUB_RECONNECT_DELAY", 0.5))
STATS_INTERVAL = 1.0
STATS_TTL = 30  # a process that died stops being counted after this
# The page reconnects on any close but 4403 (forbidden) and then receives its full state.
CLOSE_RESYNC = 4000
PROCESS = uuid.uuid4().hex[:12]


@dataclass(eq=False)
class Socket:
    """One local websocket, as the hub sees it."""

    consumer: object
    seminar_id: int
    view: str
    groups: frozenset = frozenset()
    queue: deque = field(default_factory=deque)
    busy: bool = False  # a writer task owns the socket: new messages queue
    syncing: bool = False  # its state is being read and sent: a longer queue is allowed
    reading: bool = False  # its state is being read: a full queue means "read it again"
    overflowed: bool = False
    stale: bool = False  # may have missed a message: resync when delivery works again
    closed: bool = False
    protocol: object = None  # daphne's websocket protocol, when it can be found


class Hub:
    """The sockets of one event loop (one server process) and the fan-out to them."""

    def __init__(self, loop):
        self.loop = loop
        self.groups: dict[str, set[Socket]] = {}
        self.sockets: dict[object, Socket] = {}
        self.stats: dict[int, Counter] = {}
        self.delivered = 0
        self.subscribed = not settings.REDIS_URL  # the embedded hub is always connected
        self._up = asyncio.Event()
        if self.subscribed:
            self._up.set()
        self._resync_slots = asyncio.Semaphore(RESYNC_CONCURRENCY)
        self._tasks: set[asyncio.Task] = set()
        self._listener = None
        self._stats_dirty: set[int] = set()
        self._stats_timer = None

    # --- registration ------------------------------------------------------------------------

    def attach(self, consumer, *, seminar_id, view, groups=()):
        socket = Socket(consumer, seminar_id, view, protocol=_daphne_protocol(consumer))
        self.sockets[consumer] = socket
        self.move(consumer, groups)
        self._bump(seminar_id, view)
        heap.attached(self.loop)
        self._start_listening()
        # Until the subscription is up, a broadcast may pass this socket by.
        socket.stale = not self.subscribed
        return socket

    async def ready(self, timeout):
        """Wait (a little) until broadcasts can reach this process: the subscription is up."""
        if self.subscribed:
            return True
        self._start_listening()
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(self._up.wait(), timeout)
        return self.subscribed

    def move(self, consumer, groups):
        socket = self.sockets.get(consumer)
        if socket is None:
            return
        groups = frozenset(groups)
        for group in socket.groups - groups:
            members = self.groups.get(group)
            if members is not None:
                members.discard(socket)
                if not members:
                    del self.groups[group]
        for group in groups - socket.groups:
            self.groups.setdefault(group, set()).add(socket)
        socket.groups = groups

    def detach(self, consumer):
        if consumer not in self.sockets:
            return
        self.move(consumer, ())  # out of every group first: move() looks the socket up
        socket = self.sockets.pop(consumer)
        socket.closed = True
        socket.queue.clear()
        self._bump(socket.seminar_id, socket.view, -1)
        heap.detached(self.loop)

    # --- fan-out -------------------------------------------------------------------------------

    def fanout(self, message):
        """Write each fragment to the local sockets of its groups; resubscribe the asked."""
        fragments = message.get("f", ())
        reached: dict[int, set] = {}
        encoded: dict[int, list] = {}
        for group, index in message.get("s", ()):
            members = self.groups.get(group)
            if not members:
                continue
            done = reached.setdefault(index, set())
            pieces = encoded.get(index)
            if pieces is None:  # once for every socket; in parts when it is too large
                pieces = encoded[index] = _encoded_parts(fragments[index])
            for socket in tuple(members):
                if socket not in done:
                    done.add(socket)
                    for text, data in pieces:
                        self._write(socket, text, data)
        for group in message.get("k", ()):
            for socket in tuple(self.groups.get(group, ())):
                self._end(socket)
        for group in message.get("r", ()):
            for socket in tuple(self.groups.get(group, ())):
                self._resync(socket, reason=None)

    def _write(self, socket, text, data=None):
        if socket.closed:
            return
        if socket.busy:
            if len(socket.queue) < (SYNC_QUEUE_LIMIT if socket.syncing else QUEUE_LIMIT):
                socket.queue.append(text)
            elif socket.reading:
                # Its state is being read: rather than drop it, read the state again after
                # this read (which covers all these) and forget them.
                socket.queue.clear()
                socket.overflowed = True
            else:
                self._drop(socket, "queue full")
            return
        protocol = socket.protocol
        if protocol is not None and protocol.state == protocol.STATE_OPEN:
            if _buffered(protocol) > BUFFER_LIMIT:
                self._drop(socket, "send buffer full")
                return
            # The direct write: the same utf-8 bytes for every socket, framed by autobahn into
            # Twisted's buffer; nothing awaited, no task. A closed socket ignores it.
            self.delivered += 1
            try:
                protocol.sendMessage(data if data is not None else text.encode(), False)
            except Exception:  # over daphne's message limit, or closed meanwhile
                self._drop(socket, "send failed")
            return
        self.delivered += 1
        socket.busy = True
        # Eager: a write that completes at once (daphne's always do) costs no scheduling.
        task = asyncio.Task(
            self._drain(socket, text), loop=self.loop, context=_fresh(), eager_start=True
        )
        if not task.done():
            self._keep(task)

    async def _drain(self, socket, text):
        try:
            await socket.consumer.write(text)
            while socket.queue and not socket.closed:
                self.delivered += 1
                await socket.consumer.write(socket.queue.popleft())
        except Exception:  # the peer went away mid-write: disconnect() detaches it
            socket.queue.clear()
        finally:
            socket.busy = False

    def _drop(self, socket, why):
        """Over a limit: close the socket; the page reconnects and receives its state."""
        logger.info("dropping a %s socket of seminar %s: %s", socket.view, socket.seminar_id, why)
        self._bump(socket.seminar_id, "drops")
        consumer = socket.consumer
        self.detach(consumer)
        self._spawn(consumer.close_for_resync())

    # --- resync --------------------------------------------------------------------------------

    def _resync(self, socket, *, reason="resyncs"):
        """Send the socket its full state (and new groups) after whatever it has queued."""
        if socket.closed:
            return
        socket.stale = False
        if reason:
            self._bump(socket.seminar_id, reason)
        self._spawn(self._run_resync(socket))

    async def _run_resync(self, socket):
        async with self._resync_slots:  # a Redis return resyncs every socket: a few at a time
            await self.sync(socket)

    async def sync(self, socket):
        """Register the socket's groups, send its state, then what was broadcast meanwhile.

        While it runs the socket is busy: broadcasts to its groups queue behind the state. What
        was queued before the state is read is in the state (each was published after its
        commit), so it is thrown away; a read that takes so long that the queue fills up is
        done again rather than the socket dropped (a resync under load completes). The state
        goes in parts that fit one websocket message (seminar/parts.py).
        """
        if socket.closed:
            return
        while socket.busy:  # let the writer finish what it has
            await asyncio.sleep(0.01)
        socket.busy = socket.syncing = socket.reading = True
        try:
            for _read in range(STATE_READS):
                socket.queue.clear()  # older than the state about to be read
                socket.overflowed = False
                self.move(socket.consumer, await socket.consumer.audience_groups())
                html = await socket.consumer.state_html()
                if not socket.overflowed:
                    break
            else:
                raise RuntimeError("broadcasts kept overtaking the state")
            socket.reading = False
            for part in parts.split(html, PART_LIMIT) if html else ():
                if socket.closed:
                    break
                await socket.consumer.write(part)
            while socket.queue and not socket.closed:
                await socket.consumer.write(socket.queue.popleft())
        except PermissionError:
            # Removed from the seminar, or the screen unpaired: no business here any more.
            await socket.consumer.close_forbidden()  # detaches it
        except Exception:
            logger.warning("sending a socket its state failed", exc_info=True)
            self._drop(socket, "state failed")
        finally:
            socket.busy = socket.syncing = socket.reading = False

    def _end(self, socket):
        """Its session or its right ended (a logout, leaving the seminar): close it for good."""
        if socket.closed:
            return
        consumer = socket.consumer
        self.detach(consumer)
        self._spawn(consumer.close_forbidden())

    def resync_stale(self):
        for socket in tuple(self.sockets.values()):
            if socket.stale:
                self._resync(socket)

    # --- Redis: one subscription per process -------------------------------------------------

    async def aclose(self):
        """Stop listening and close every task of this hub (its loop is about to end)."""
        tasks = [task for task in self._tasks if not task.done()]
        for task in tasks:
            task.cancel()
        await asyncio.gather(*tasks, return_exceptions=True)
        self._listener = None
        if self._stats_timer is not None:
            self._stats_timer.cancel()
            self._stats_timer = None

    def _start_listening(self):
        if settings.REDIS_URL and self._listener is None:
            self._listener = self._spawn(self._listen())
            self._spawn(self._share_stats())

    async def _listen(self):
        import redis.asyncio as redis

        while True:
            client = redis.Redis.from_url(settings.REDIS_URL, socket_keepalive=True)
            try:
                pubsub = client.pubsub()
                await pubsub.subscribe(settings.LIVE_CHANNEL)
                async for item in pubsub.listen():
                    if item.get("type") == "message":
                        self._receive(item["data"])
                    elif item.get("type") == "subscribe":
                        # Confirmed by Redis: from now on every broadcast reaches this process.
                        _subscriptions[0] += 1
                        self.subscribed = True
                        self._up.set()
                        # Its languages first (a socket that came while Redis was away).
                        await self.loop.run_in_executor(None, share_languages)
                        self.resync_stale()
            except asyncio.CancelledError:
                raise
            except Exception as error:
                logger.warning("live subscription lost: %r", error)
            finally:
                if self.subscribed:
                    _subscriptions[0] += 1
                self.subscribed = False
                self._up.clear()
                # Whatever was published from now until we are back is missed by everyone here.
                for socket in self.sockets.values():
                    socket.stale = True
                with contextlib.suppress(Exception):
                    await client.aclose()
            await asyncio.sleep(RECONNECT_DELAY)

    async def _share_stats(self):
        """Keep this process's counters and languages fresh in Redis while it has sockets (they
        expire)."""
        while True:
            await asyncio.sleep(STATS_TTL / 3)
            if self.sockets:
                shared = await self.loop.run_in_executor(None, share_languages)
                if shared and self.subscribed:  # a socket whose language could not be shared
                    self.resync_stale()
            live = {
                seminar_id
                for seminar_id, counts in self.stats.items()
                if any(counts[view] > 0 for view in VIEWS)
            }
            self._stats_dirty |= live
            if self._stats_dirty and self._stats_timer is None:
                self._flush_stats()

    def _receive(self, data):
        try:
            message = json.loads(data)
        except ValueError:
            logger.warning("unreadable live message ignored")
            return
        _count(message)
        self.fanout(message)

    # --- counters ------------------------------------------------------------------------------

    def _bump(self, seminar_id, key, delta=1):
        counter = self.stats.setdefault(seminar_id, Counter())
        counter[key] += delta
        if settings.REDIS_URL:
            self._stats_dirty.add(seminar_id)
            if self._stats_timer is None:
                self._stats_timer = self.loop.call_later(STATS_INTERVAL, self._flush_stats)

    def _flush_stats(self):
        self._stats_timer = None
        dirty, self._stats_dirty = self._stats_dirty, set()
        snapshot = {seminar_id: dict(self.stats.get(seminar_id, {})) for seminar_id in dirty}
        self._spawn(_store_stats(snapshot))

    # --- tasks ---------------------------------------------------------------------------------

    def _spawn(self, coroutine):
        task = self.loop.create_task(coroutine, context=_fresh())
        self._keep(task)
        return task

    def _keep(self, task):
        self._tasks.add(task)
        task.add_done_callback(self._tasks.discard)


def _fresh():
    """An empty context for the hub's callbacks and tasks: they must not inherit the context
    of whoever published (asgiref would take the publisher's thread for its own)."""
    return contextvars.Context()


# --- daphne's send buffer ------------------------------------------------------------------------


def _daphne_protocol(consumer):
    """daphne's websocket protocol behind a consumer's ASGI send, else None.

    daphne hands the app `partial(server.handle_reply, protocol)`; Channels' session
    middleware wraps it (`real_send`). The hub writes broadcasts to the protocol directly
    (autobahn's `sendMessage`, what daphne's own `websocket.send` ends in) and reads its
    transport's buffer, to bound what a slow peer can pile up. Anything else (another server,
    the test communicator) gets the ASGI send.
    """
    send = getattr(consumer, "base_send", None)
    for _ in range(4):
        if isinstance(send, functools.partial):
            protocol = send.args[0] if send.args else None
            if callable(getattr(protocol, "sendMessage", None)) and hasattr(protocol, "transport"):
                return protocol
            return None
        send = getattr(getattr(send, "__self__", None), "real_send", None)
    return None


def _encoded_parts(text):
    """[(text, utf-8 bytes)] of a broadcast: one, or its parts when it is over PART_LIMIT."""
    data = text.encode()
    if len(data) <= PART_LIMIT:
        return [(text, data)]
    return [(part, part.encode()) for part in parts.split(text, PART_LIMIT)]


def _buffered(protocol):
    transport = protocol.transport
    if transport is None:
        return 0
    data = getattr(transport, "dataBuffer", b"")
    return len(data) - getattr(transport, "offset", 0) + getattr(transport, "_tempDataLen", 0)


# --- the hubs of this process --------------------------------------------------------------------

_hubs: dict[asyncio.AbstractEventLoop, Hub] = {}
_hubs_lock = threading.Lock()


def local_hub() -> Hub:
    """The hub of the running event loop (a server has one; a test run may have several)."""
    loop = asyncio.get_running_loop()
    with _hubs_lock:
        for old in [old for old in _hubs if old.is_closed()]:
            del _hubs[old]
        hub = _hubs.get(loop)
        if hub is None:
            hub = _hubs[loop] = Hub(loop)
    return hub


def hubs() -> list[Hub]:
    with _hubs_lock:
        return [hub for loop, hub in _hubs.items() if not loop.is_closed()]


# --- publishing, from any thread -----------------------------------------------------------------

_redis_clients = {}


def _sync_redis():
    """A client (thread-safe, pooled) for publishing from the request threads."""
    client = _redis_clients.get(settings.REDIS_URL)
    if client is None:
        import redis

        client = redis.Redis.from_url(settings.REDIS_URL, socket_timeout=2, socket_keepalive=True)
        _redis_clients[settings.REDIS_URL] = client
    return client


def encode(sends, resubscribe=(), end=(), touched=()):
    """One message for the hubs: each distinct fragment once, the groups by index; the groups
    to resync (`r`), those whose sockets are closed for good (`k`), and those changed but not
    sent (`t`: in a language no socket reads; only counted, for seminar/pagestate.py)."""
    fragments, index, pairs = [], {}, []
    for group, html in sends:
        if id(html) not in index:
            index[id(html)] = len(fragments)
            fragments.append(html)
        pairs.append((group, index[id(html)]))
    message = {"f": fragments, "s": pairs}
    if resubscribe:
        message["r"] = list(resubscribe)
    if end:
        message["k"] = list(end)
    sent = {group for group, _index in pairs}
    touched = [group for group in touched if group not in sent]
    if touched:
        message["t"] = touched
    return message


# --- what reached each group: a page's kept state is valid while its groups heard nothing ------

# Messages per hub group in this process (pushes, resyncs, ends), and how often a subscription
# started or was lost: seminar/pagestate.py compares them before and after. Counted as the
# message is handed to the hubs (in-process) or arrives from Redis, before any fan-out, so a
# message is counted even when no socket of its group is here yet.
_group_messages: Counter = Counter()
_subscriptions = [0]


def _count(message):
    for group, _index in message.get("s", ()):
        _group_messages[group] += 1
    for group in (*message.get("r", ()), *message.get("k", ()), *message.get("t", ())):
        _group_messages[group] += 1


def touch(groups):
    """Count a change for these groups in this process although no message may carry it (no
    socket here reads its language yet, so nothing was rendered): a page read before it is no
    longer any socket's first state."""
    for group in groups:
        _group_messages[group] += 1


def message_count(group):
    return _group_messages[group]


def lost():
    """Changes whenever a Redis subscription of this process starts or ends."""
    return _subscriptions[0]


def all_subscribed():
    """Does every message reach this process now? (Always, without Redis.)"""
    if not settings.REDIS_URL:
        return True
    current = hubs()
    return bool(current) and all(hub.subscribed for hub in current)


def publish(sends, resubscribe=(), end=(), touched=()) -> bool:
    """Hand (group, html) pairs to every hub, in this process or through Redis. Never raises;
    returns False when the message could not be handed over (it is logged)."""
    message = encode(sends, resubscribe, end, touched)
    if not message["s"] and not resubscribe and not end and not message.get("t"):
        return True
    try:
        if settings.REDIS_URL:
            _sync_redis().publish(settings.LIVE_CHANNEL, json.dumps(message))
        else:
            _count(message)
            for hub in hubs():
                hub.loop.call_soon_threadsafe(hub.fanout, message, context=_fresh())
    except Exception:
        logger.warning("live publish failed", exc_info=True)
        return False
    return True


# --- the languages the sockets read ---------------------------------------------------------------

_listening: Counter = Counter()
_listening_lock = threading.Lock()


def _languages_key():
    return f"{settings.LIVE_CHANNEL}:languages"


def listening(language, delta) -> bool:
    """Count a socket of this process that reads `language` (+1) or no longer does (-1). With
    Redis, a language new to this process is shared before this returns (blocking: call it from
    a thread); False when that failed and the socket may miss pushes in its language."""
    with _listening_lock:
        _listening[language] += delta
        new = delta > 0 and _listening[language] == delta
    if new and settings.REDIS_URL:
        return share_languages()
    return True


def languages_here():
    with _listening_lock:
        return {language for language, count in _listening.items() if count > 0}


def share_languages() -> bool:
    """Write this process's languages to Redis, valid for STATS_TTL seconds."""
    value = json.dumps({"languages": sorted(languages_here()), "until": time.time() + STATS_TTL})
    try:
        _sync_redis().hset(_languages_key(), PROCESS, value)
    except Exception:
        logger.warning("could not share the languages of this process's sockets", exc_info=True)
        return False
    return True


def languages_read():
    """The languages some socket reads: this process's, and with Redis every live process's;
    None when Redis cannot tell (render every language then)."""
    here = languages_here()
    if not settings.REDIS_URL:
        return here
    try:
        entries = _sync_redis().hgetall(_languages_key())
    except Exception:
        logger.warning("could not read the languages of the sockets", exc_info=True)
        return None
    now = time.time()
    expired = []
    for process, value in entries.items():
        try:
            entry = json.loads(value)
            if entry["until"] > now:
                here.update(entry["languages"])
                continue
        except (ValueError, KeyError, TypeError):
            pass
        expired.append(process)
    if expired:  # a process that died: its languages are rendered no more
        with contextlib.suppress(Exception):
            _sync_redis().hdel(_languages_key(), *expired)
    return here


# --- the connections panel's numbers -------------------------------------------------------------

VIEWS = ("participant", "screen", "projector", "facilitator")


def _stats_key(seminar_id):
    return f"{settings.LIVE_CHANNEL}:stats:{seminar_id}"


async def _store_stats(snapshot):
    import redis.asyncio as redis

    client = redis.Redis.from_url(settings.REDIS_URL)
    try:
        async with client.pipeline(transaction=False) as pipe:
            for seminar_id, counts in snapshot.items():
                pipe.hset(_stats_key(seminar_id), PROCESS, json.dumps(counts))
                pipe.expire(_stats_key(seminar_id), STATS_TTL)
            await pipe.execute()
    except Exception as error:
        logger.info("could not share the live counters: %r", error)
    finally:
        await client.aclose()


def seminar_stats(seminar_id) -> dict:
    """Sockets connected by role, resyncs, drops and processes, summed over every process:
    this process's counters as they are now, the others' as they last shared them."""
    per_process = [dict(hub.stats[seminar_id]) for hub in hubs() if seminar_id in hub.stats]
    if settings.REDIS_URL:
        try:
            stored = _sync_redis().hgetall(_stats_key(seminar_id))
            per_process += [
                json.loads(value) for key, value in stored.items() if key.decode() != PROCESS
            ]
        except Exception:
            logger.info("could not read the live counters", exc_info=True)
    total = Counter()
    for counts in per_process:
        total.update(counts)
    return {
        "connected": {view: max(total[view], 0) for view in VIEWS},
        "resyncs": total["resyncs"],
        "drops": total["drops"],
        "processes": max(len(per_process), 1),
    }
