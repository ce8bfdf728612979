"""The outbox: a committed change reaches its screens even when its process dies before the push.

A push is published after the commit (seminar/live.py), so a process killed between the two
would leave a change stored and on no screen. Hence:
1. `hold(groups)`, called as a push is scheduled inside the change's transaction, writes one
   PendingPush row naming the hub groups of its audiences (one row per transaction: later
   pushes of the same transaction add their groups to it). It commits or rolls back with the
   change.
2. After the commit the push is published; `release` deletes the row once every push of the
   transaction was handed to the hubs.
3. A row that stays longer than STALE_AFTER seconds lost its publisher. Every server process
   with sockets sweeps every SWEEP_SECONDS (and so does a process that starts): it asks the
   hubs to resync the sockets of those groups (each is sent its full state, read after the
   change's commit) and deletes the rows. Two processes never sweep the same row
   (`SKIP LOCKED`).
A row of a push that did arrive late costs one needless resync of a few screens, never a loss.

Without Redis (the embedded default: one process, every socket in it) a process that dies takes
its sockets with it: they reconnect to the next one and read their state, which has every
committed change. No other process could resync them, so the row is kept in memory instead
(`rows_needed`): registered at the commit, dropped when its pushes are published, and swept
like a row when they are not (an answer never sent, a publish that failed), by this process.
That saves a join or a card post the insert and, after the push, a write transaction of its
own for the delete. PLENUM_OUTBOX_ROWS=1 writes the rows anyway.
"""

import asyncio
import contextlib
import datetime
import functools
import logging
import threading
import time
import weakref

from django.conf import settings
from django.db import close_old_connections, connection, transaction
from django.utils import timezone

from seminar import hub
from seminar.models import PendingPush

logger = logging.getLogger("plenum.outbox")

STALE_AFTER = 5.0  # seconds: a publish takes milliseconds; this one's process is gone
BATCH = 200


class Pending:
    """The row of one transaction and how many of its pushes are still to be published."""

    def __init__(self, pk, groups):
        self.pk = pk  # None: kept in memory (no Redis)
        self.groups = set(groups)
        self.unpublished = 0
        self.failed = False
        self.released = False
        self.committed_at = None


# The row of the transaction in progress, per thread: (the connection's on-commit list of that
# transaction, Pending). Django starts a new list for every transaction, so the list's identity
# tells whether a later push belongs to the same transaction.
_current = threading.local()

# Without Redis: the committed transactions whose pushes are not all published yet.
_unsent: dict[int, Pending] = {}
_unsent_lock = threading.Lock()


def rows_needed():
    """Rows in the database only when another process may have to resync the screens: with
    Redis (processes share the hub). Without it, every socket is in this process."""
    return settings.OUTBOX_ROWS


def _remember(pending):
    """On commit (without Redis): the change is stored; until its pushes are out, sweep it."""
    with _unsent_lock:
        if pending.released:
            return
        if pending.committed_at is None:
            pending.committed_at = time.monotonic()
        _unsent[id(pending)] = pending


def hold(groups):
    """Record, inside the current transaction, that `groups` must get this change; None when
    there is no transaction (the push follows at once and there is no window to cover)."""
    if not connection.in_atomic_block:
        return None
    groups = set(groups)
    rows = rows_needed()
    marker = getattr(_current, "entry", None)
    if (
        marker is not None
        and marker[0] is connection.run_on_commit
        and not marker[1].released  # not released yet (tests run callbacks mid-transaction)
    ):
        pending = marker[1]
        if not groups <= pending.groups:
            pending.groups |= groups
            # 0 rows: the savepoint that wrote it was rolled back; write it again.
            if rows and not PendingPush.objects.filter(pk=pending.pk).update(
                groups=sorted(pending.groups)
            ):
                pending.pk = PendingPush.objects.create(groups=sorted(pending.groups)).pk
    else:
        pk = PendingPush.objects.create(groups=sorted(groups)).pk if rows else None
        pending = Pending(pk, groups)
        _current.entry = (connection.run_on_commit, pending)
    if not rows:
        # Each hold's own: a savepoint rolled back drops its callback, not the others'.
        transaction.on_commit(functools.partial(_remember, pending))
    pending.unpublished += 1
    return pending


def release(pending, *, delivered):
    """One push of the transaction is published (or not: then the row stays for the sweep)."""
    if pending is None:
        return
    pending.unpublished -= 1
    pending.failed = pending.failed or not delivered
    if pending.unpublished > 0 or pending.failed:
        return
    if pending.pk is None:
        with _unsent_lock:
            pending.released = True
            _unsent.pop(id(pending), None)
        return
    try:
        PendingPush.objects.filter(pk=pending.pk).delete()
        pending.pk = None
        pending.released = True
    except Exception:  # the database went away: the sweep resyncs these screens later
        logger.warning("could not clear a published push", exc_info=True)


def unsent():
    """The groups of every change held and not yet published: rows and, without Redis, those
    kept in memory (committed ones)."""
    with _unsent_lock:
        held = [sorted(pending.groups) for pending in _unsent.values()]
    return [sorted(row.groups) for row in PendingPush.objects.order_by("pk")] + held


def _sweep_memory(older_than):
    cutoff = time.monotonic() - older_than
    with _unsent_lock:
        stale = [p for p in _unsent.values() if p.committed_at <= cutoff]
        for pending in stale:
            del _unsent[id(pending)]
    groups = sorted({group for pending in stale for group in pending.groups})
    if groups and not hub.publish([], groups):
        with _unsent_lock:  # the hub could not take it: try again at the next sweep
            for pending in stale:
                _unsent[id(pending)] = pending
        return []
    if stale:
        logger.info("resynced the screens of %s unpublished changes", len(stale))
    return groups


def sweep(older_than=STALE_AFTER):
    """Resync the screens of every change whose publisher died; returns the groups resynced."""
    swept = _sweep_memory(older_than)
    cutoff = timezone.now() - datetime.timedelta(seconds=older_than)
    with transaction.atomic():
        rows = list(
            PendingPush.objects.select_for_update(skip_locked=True)
            .filter(created_at__lt=cutoff)
            .order_by("created_at")[:BATCH]
        )
        if not rows:
            return swept
        groups = sorted({group for row in rows for group in row.groups})
        if not hub.publish([], groups):
            return swept  # Redis is down: the rows stay, and the hubs resync on its return anyway
        PendingPush.objects.filter(pk__in=[row.pk for row in rows]).delete()
    logger.info("resynced the screens of %s unpublished changes", len(rows))
    return sorted({*swept, *groups})


def _sweep_in_thread():
    try:
        return sweep()
    except Exception as error:
        logger.info("outbox sweep failed: %r", error)
        return []
    finally:
        close_old_connections()
        connection.close()  # back to the pool: this thread sleeps until the next sweep


_sweepers: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()


def start_sweeping():
    """Sweep every SWEEP_SECONDS in the running event loop (once per loop; 0: never)."""
    interval = settings.OUTBOX_SWEEP_SECONDS
    if interval <= 0:
        return
    loop = asyncio.get_running_loop()
    if loop in _sweepers:
        return
    _sweepers[loop] = loop.create_task(_sweep_forever(interval))


async def _sweep_forever(interval):
    with contextlib.suppress(asyncio.CancelledError):
        while True:
            await asyncio.to_thread(_sweep_in_thread)
            await asyncio.sleep(interval)
