"""The open sockets kept out of the cycle collector's full collections (hub invariant 8).

Why
    Each open websocket is a few hundred objects the collector tracks (the consumer, daphne's
    protocol, Twisted's transport, autobahn's state, the scope) and they live as long as the
    socket. CPython's full collection walks every tracked object: with 3,000 sockets in one
    process it took 200-560 ms, and a room at work triggered one every few seconds, mostly
    while a push was being rendered (allocations trigger collections). Those pauses were the
    slow "Next"s of `bench.live --screens 3000` (docs/benchmarks.md).

How
    - Freeze: once FREEZE_AFTER sockets have come since the last freeze and none for QUIET
      seconds (the room has joined), the process collects in full once and calls
      `gc.freeze()`: everything alive then, the sockets with it, is left out of every later
      collection, which now walks only what is newer. That collection walks only what is not
      frozen yet, so its cost is that of the sockets that came since the last freeze.
    - Thaw: a frozen object is never collected. A socket that closes is freed by reference
      counting except its cycles, which stay until they are thawed. Once the sockets closed
      since the freeze reach a quarter of those open at it (and at least FREEZE_AFTER),
      `gc.unfreeze()` hands everything back, and the next freeze (after QUIET seconds) collects
      it in full first: the closed sockets are freed, the open ones frozen again. So at most a
      quarter more sockets than are open are held (42 kB each), and a full collection of the
      whole heap happens only after such a turnover, at a quiet moment.
    - A process with fewer than FREEZE_AFTER sockets never freezes: its collections are short.
      PLENUM_GC_FREEZE_AFTER=0 turns this off.

Start-up: what a process loads before it serves anything (Django, the apps, the URLconf and
every view module, about 134,000 objects) lives as long as the process. `seminar/asgi.py`
freezes it once loaded (`after_start_up`), so no full collection walks it again: a page's
full collection took 80-120 ms before such a freeze and 20-28 ms after (measured beside
bench.pages, one process without sockets; docs/benchmarks.md).

The hub calls `attached` and `detached` on its event loop; the count is per process (the
collector is), so several hubs of one process (tests) share it under a lock.
"""

import gc
import logging
import threading
import time

from django.conf import settings

logger = logging.getLogger("plenum.hub")

QUIET = 1.0  # seconds without a new socket before a freeze


class Heap:
    def __init__(self):
        self._lock = threading.RLock()
        self._timer = None
        self._zero()

    def _zero(self):
        self.open = 0  # sockets open in this process
        self.new = 0  # attached since the last freeze
        self.open_at_freeze = 0
        self.closed = 0  # closed since the last freeze
        self.frozen = False
        self._last_attach = 0.0

    @property
    def freeze_after(self):
        return settings.GC_FREEZE_AFTER

    def attached(self, loop):
        with self._lock:
            self.open += 1
            self.new += 1
            self._last_attach = time.monotonic()
            due = self.freeze_after and self.new >= self.freeze_after
        if due:
            self._schedule(loop, QUIET)

    def detached(self, loop):
        with self._lock:
            self.open -= 1
            if not self.frozen:
                return
            self.closed += 1
            if self.closed < max(self.freeze_after, self.open_at_freeze // 4):
                return
            # Thaw: the closed sockets' cycles go back to the collector with everything else;
            # the next freeze collects them (in full) before freezing what is still open.
            gc.unfreeze()
            self.frozen = False
            self.closed = 0
            self.new = max(self.new, self.freeze_after)
        self._schedule(loop, QUIET)

    def _schedule(self, loop, delay):
        with self._lock:
            if self._timer is not None or loop.is_closed():
                return
            self._timer = loop.call_later(delay, self._check, loop)

    def _check(self, loop):
        with self._lock:
            self._timer = None
            if not self.freeze_after or self.new < self.freeze_after:
                return
            wait = self._last_attach + QUIET - time.monotonic()
        if wait > 0:  # sockets are still coming: after the last of them
            self._schedule(loop, wait)
            return
        self.freeze()

    def freeze(self):
        started = time.perf_counter()
        gc.collect()  # nothing that is garbage now is frozen (finalisers run outside the lock)
        with self._lock:
            gc.freeze()
            self.frozen = True
            self.new = 0
            self.closed = 0
            self.open_at_freeze = self.open
        logger.info(
            "froze the heap with %d sockets open (%d objects, %.0f ms)",
            self.open,
            gc.get_freeze_count(),
            (time.perf_counter() - started) * 1000,
        )

    def after_start_up(self):
        """Everything loaded by now lives as long as the process: out of full collections."""
        gc.collect()
        gc.freeze()

    def reset(self):
        """Forget the count and thaw (tests)."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
                self._timer = None
            self._zero()
            gc.unfreeze()


heap = Heap()
