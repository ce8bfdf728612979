"""A phone page's live regions, kept a few seconds for its socket's first state.

A phone renders its page (every live region) and opens its socket at once, and the socket's
first state is the same regions again: in a join storm that is two full reads and renders per
phone for one picture. The page leaves its rendering here (`keep`), and the socket's first
state takes it (`take`) instead of reading it again, when all of these hold:

1. the same browser session, seminar, person and language, and the phone's own page;
2. at most MAX_AGE seconds since the page began to read;
3. the socket listens to exactly the hub groups the page was rendered for (the same tables);
4. no push, resync or end reached any of those groups in this process since the page began to
   read (the hub counts every message per group: `hub.group_messages`). This is the
   invalidation rule: every change of what a screen shows is pushed to one of its groups
   (seminar/live.py), so an unchanged count means an unchanged state; a push rendered in no
   language the page reads (no socket reads it yet) still counts for its groups in every
   language, here and, with Redis, in every process (hub message `t`). A push that arrives
   after the socket joined its groups is sent after this state anyway (seminar/hub.py, sync);
5. the hubs of this process were subscribed throughout (with Redis: no message was lost).

Anything else (another process served the page, a table push meanwhile, a reconnect later)
reads the state as before. A kept rendering is taken at most once, and the clock stamp of the
countdown (`data-server-now-ms`) is set to the moment it is sent. Only this process's memory
holds it, never a shared cache: it carries the page's CSRF token, for that session alone.
"""

import re
import threading
import time
from collections import OrderedDict
from dataclasses import dataclass

from seminar import hub

MAX_AGE = 5.0  # seconds: a phone opens its socket right after its page
MAX_KEPT = 2000  # pages of a whole hall joining at once; the oldest go first
SERVER_NOW = re.compile(r'data-server-now-ms="\d+"')


@dataclass(frozen=True)
class Snapshot:
    """What the page's state was read against: its hub groups and their message counts."""

    groups: frozenset
    counts: tuple
    lost: int
    at: float


@dataclass(frozen=True)
class Kept:
    snapshot: Snapshot
    html: str


_kept: OrderedDict = OrderedDict()
_lock = threading.Lock()


def key(session_key, seminar_id, participant_id, language):
    return (session_key, seminar_id, participant_id, language)


def snapshot(groups):
    """Taken before the page reads anything, so a change read by neither is counted."""
    groups = frozenset(groups)
    return Snapshot(
        groups,
        tuple(hub.message_count(group) for group in sorted(groups)),
        hub.lost(),
        time.monotonic(),
    )


def keep(page_key, shot, html):
    if page_key[0] is None or not hub.all_subscribed():
        return
    with _lock:
        _kept[page_key] = Kept(shot, html)
        _kept.move_to_end(page_key)
        while len(_kept) > MAX_KEPT:
            _kept.popitem(last=False)


def take(page_key, groups):
    """The kept html for this socket's first state, or None: read it (see the conditions)."""
    with _lock:
        kept = _kept.pop(page_key, None)
    if kept is None:
        return None
    shot = kept.snapshot
    if (
        time.monotonic() - shot.at > MAX_AGE
        or frozenset(groups) != shot.groups
        or hub.lost() != shot.lost
        or not hub.all_subscribed()
        or tuple(hub.message_count(group) for group in sorted(shot.groups)) != shot.counts
    ):
        return None
    now_ms = int(time.time() * 1000)
    return SERVER_NOW.sub(f'data-server-now-ms="{now_ms}"', kept.html)


def clear():
    with _lock:
        _kept.clear()
