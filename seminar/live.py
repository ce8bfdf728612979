"""Live updates: a committed change is rendered once per audience and language and pushed.

The flow (design.md, "Live updates"):
1. A service changes state inside a transaction and calls `publish_on_commit(...)`.
2. After the commit, `publish` renders the region's template once for each language and hands
   the HTML, addressed to the group of each audience and language, to the fan-out hub
   (seminar/hub.py), which writes it to every socket of those groups in every process.
   Nothing is rendered per socket.
3. Consumers (seminar/consumers.py) authenticate and register with the hub. On every connect,
   and whenever the hub resyncs them, they send the full current state of their regions, built
   by the state providers registered here, so a phone that slept, a restarted server or a
   restarted Redis loses nothing for the user.

The order of the pushes (`_Turns`, `answer_first`):
- Each push (a publish, a resync, a resubscribe) takes a ticket when its commit's on-commit
  callbacks run, in the committing thread just after the commit; the tickets of a process are
  in the order of the commits (of one thread, and of changes that follow one another's
  answer, as a facilitator's buttons do; two commits at the same instant in two threads are
  in the order their callbacks run, both after both commits).
- A push reads the database, renders and hands its message to the hub only when every earlier
  ticket of the process is done: one push at a time, in ticket order.
- The facilitator's clock buttons are `answer_first`: their pushes take their tickets at the
  commit, before the answer, and run when the answer has been sent (`HttpResponse.close`).
  Until then the later pushes of the process wait for them (a push not started is waited for
  at most PATIENCE seconds; an answer that is never sent gives its turns up when the server
  drops it, and its outbox rows stay for the sweep). The outbox row of each push covers the
  gap between its commit and its send, as for any push.
- Why the last push a screen receives carries the newest state: take two pushes P and Q of a
  process, P's ticket first. Q's reads start after P has handed its message to the hub, and
  the hub keeps that order to every socket (in-process, `call_soon_threadsafe` is FIFO and a
  socket's writes keep their order; with Redis, P's PUBLISH has returned, so Redis has queued
  it to every subscriber, before Q's is sent, and each subscription receives in PUBLISH
  order). So every socket gets P before Q; Q read every commit that P read and its own,
  and what Q took from its transaction (the item, the tables it addresses) is from a commit
  after P's. A push whose reads came before another commit's push is never sent after it.
- Across processes (two daphnes sharing Redis) there is no common turn: Redis orders their
  messages as they are published, not as their changes committed. Two changes committed at
  once in two processes can arrive in either order, as before `answer_first`; a facilitator
  whose next button is served by another process than the one still pushing the previous
  button could see it too. So deploy/nginx sends a seminar's clock (its Next, Back and Go to)
  to one process, by a hash of the seminar (tests/e2e/test_nginx_proxy.py).

Invariants:
- Every region's root element has a stable id and hx-swap-oob: a late or repeated push is
  harmless, it replaces a region. The one exception, a new idea card appended to its board
  (ideas/live.py), carries its own id and a version, and plenum.js drops it when the page
  already has the card or a newer board.
- `publish` never raises: a committed change stands even when Redis is down; the failure is
  logged and counted, and the hubs resync the screens that missed it.
- Audiences are as narrow as the change: a table's change goes to its table, not the hall.
"""

import contextlib
import contextvars
import functools
import hashlib
import logging
import threading
import weakref
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from seminar import hub, outbox, pagestate

logger = logging.getLogger("plenum.live")

LANGUAGES = [code for code, _name in settings.LANGUAGES]

# Counters a facilitator and the benchmark can read: sends that failed, sends made.
stats = {"published": 0, "failed": 0}


@dataclass(frozen=True)
class Audience:
    """Who receives a push: everyone of a seminar, its facilitators, one table, one phone..."""

    # seminar, phones, facilitators, projector, members, screens, tablescreens,
    # participant, screen
    kind: str
    id: int

    def channel_group(self, language):
        return f"live.{self.kind}.{self.id}.{language}"


def seminar_audience(seminar_id):
    return Audience("seminar", seminar_id)


def facilitators_audience(seminar_id):
    return Audience("facilitators", seminar_id)


def projector_audience(seminar_id):
    return Audience("projector", seminar_id)


def phones_audience(seminar_id):
    """Every participant's phone of a seminar (not the screens, console or projector)."""
    return Audience("phones", seminar_id)


def members_audience(group_id):
    """The phones of a group's members."""
    return Audience("members", group_id)


def all_table_screens_audience(seminar_id):
    """Every table screen of a seminar."""
    return Audience("tablescreens", seminar_id)


def table_screens_audience(group_id):
    """The table screens paired with a group."""
    return Audience("screens", group_id)


def participant_audience(participant_id):
    return Audience("participant", participant_id)


def screen_audience(screen_id):
    return Audience("screen", screen_id)


@dataclass(frozen=True)
class Region:
    """A template (usually a partial, "agenda/live.html#now") and the context to render it.

    The context may be a function: it is then called once, when the region is published
    after the commit, so the push shows the committed state and costs nothing in the
    transaction. A function that returns None withdraws the push: the region is not on the
    screens now (a board of an item that is no longer running), so there is nothing to replace.
    `slot` says where a page puts the region ("main", or "aside" beside it).
    """

    template: str
    context: dict | Callable[[], dict | None] = field(default_factory=dict)
    # False for a phone's own region (#my-table) that a table screen's page does not have.
    for_screens: bool = True
    slot: str = "main"

    def resolved(self):
        if callable(self.context):
            return Region(self.template, self.context(), self.for_screens, self.slot)
        return self

    def render(self, request=None):
        return render_to_string(self.template, self.resolved().context, request=request)


# One read of the state: a screen's regions (or a push's) come from several apps' providers,
# and each asks for the clock, the current grouping, the viewer's table... Within one such read
# each is read once (`read_once`), so the regions also agree with each other. The memo lives
# only as long as the read (one page, one socket state, one publish): nothing outlives it, so
# nothing can be stale. Outside a read, `read_once` just reads.
_reads: contextvars.ContextVar[dict | None] = contextvars.ContextVar("live_reads", default=None)


@contextlib.contextmanager
def one_read():
    token = _reads.set({}) if _reads.get() is None else None
    try:
        yield
    finally:
        if token is not None:
            _reads.reset(token)


def reading():
    """Inside a `one_read()`?"""
    return _reads.get() is not None


def _memoised(scope, key, read):
    """`read()`, once per key while `scope` (a context variable) holds a memo, else each time."""
    memo = scope.get()
    if memo is None:
        return read()
    if key not in memo:
        memo[key] = read()
    return memo[key]


def read_once(key, read):
    """`read()`, once per key within the current `one_read()` (for read-only values)."""
    return _memoised(_reads, key, read)


# Shared screens (the projector, a table screen) speak the seminar's language, whatever the
# browser of the laptop or the table's tablet says; phones and consoles read their person's.
SHARED_ROLES = {"projector", "screen"}


def viewer_language(viewer, requested):
    return viewer.seminar.language if viewer.role in SHARED_ROLES else requested


def speak_seminar_language(request, seminar):
    """A shared screen's page: rendered in the seminar's language (also its <html lang>)."""
    translation.activate(seminar.language)
    request.LANGUAGE_CODE = seminar.language


def render_regions(regions: Iterable[Region], language: str) -> str:
    with translation.override(language):
        return "".join(region.render() for region in regions)


# A push is rendered only in the languages some socket reads: counted by the sockets of each
# process and, with Redis, shared between the processes (seminar/hub.py, invariant 7).
listening = hub.listening


def active_languages():
    read = hub.languages_read()
    if read is None:  # Redis cannot say: every language
        return LANGUAGES
    return [language for language in LANGUAGES if language in read]


def _send(sends, resubscribe=(), touched=()):
    """Hand (group, html) pairs to the fan-out hubs (seminar/hub.py): one hop, never raises."""
    return hub.publish(sends, resubscribe, touched=touched)


def _deliver(sends, resubscribe=(), touched=()):
    """Send, never raise: the change is committed; a screen that missed it is resynced.
    Returns whether the hubs have it (nothing to send counts as delivered). `touched`: the
    groups of the change in every language; with Redis the other processes count them too,
    rendered or not (seminar/pagestate.py: a page kept there is then no socket's state)."""
    touched = touched if settings.REDIS_URL else ()
    if not sends and not resubscribe and not touched:
        return True
    if _send(sends, resubscribe, touched):
        stats["published"] += len(sends)
        return True
    stats["failed"] += len(sends)
    return False


def audience_groups(audiences: Iterable[Audience]) -> list[str]:
    """The hub groups of the audiences in every language."""
    return [audience.channel_group(language) for audience in audiences for language in LANGUAGES]


# Audiences of table screens: they get only the regions `for_screens` of a push.
SCREEN_KINDS = frozenset({"screen", "screens", "tablescreens"})


def publish(audiences: Iterable[Audience], regions: list[Region], *, pending=None):
    """Render the regions once per language read and send them to every audience.

    A table screen's audience gets the regions `for_screens` only: a phone's own region and its
    table's task go to a table's phones as one message while its screens get the task, each
    region rendered once per language.

    A render that fails (the database went away after the commit) does not drop the change:
    every socket of the audiences is resynced instead, and gets its state when it can be read.
    """
    audiences = list(audiences)
    touched = audience_groups(audiences)
    hub.touch(touched)  # every language: also those nobody reads here yet
    languages = active_languages()
    try:
        with one_read():
            resolved = [region.resolved() for region in regions] if languages else []
            resolved = [region for region in resolved if region.context is not None]
            split = any(audience.kind in SCREEN_KINDS for audience in audiences) and not all(
                region.for_screens for region in resolved
            )
            sends = []
            for language in languages if resolved else ():
                if split:  # each region once; the screens' message without the phones' own
                    htmls = [render_regions([region], language) for region in resolved]
                    html = "".join(htmls)
                    pairs = zip(resolved, htmls, strict=True)
                    screens_html = "".join(h for region, h in pairs if region.for_screens)
                else:
                    html = screens_html = render_regions(resolved, language)
                for audience in audiences:
                    own = screens_html if audience.kind in SCREEN_KINDS else html
                    if own:
                        sends.append((audience.channel_group(language), own))
    except Exception:
        logger.exception("rendering a live region failed: resyncing its screens")
        stats["failed"] += 1
        outbox.release(pending, delivered=_send([], audience_groups(audiences)))
        return
    outbox.release(pending, delivered=_deliver(sends, touched=touched))


# --- Ending access: a session or a right that ends closes its open sockets ---------------------


def session_group(session_key):
    """The hub group of every socket opened with one browser session (a digest: the key is a
    credential and must not travel through Redis)."""
    return f"live.session.{hashlib.sha256(session_key.encode()).hexdigest()[:24]}"


def end_sockets(groups):
    """Close every socket of the groups for good (4403: the page does not reconnect)."""
    if groups:
        hub.publish([], end=list(groups))


# --- After the commit, or after the answer: one order per process -------------------------------

# How long a push waits for an earlier one that has not started (a view's pushes kept for after
# its answer, whose answer never went out: the client went away) before it goes ahead without
# it. A push that has started is waited for to its end (it reads, renders and hands over).
PATIENCE = 3.0


class _Turns:
    """The pushes of this process take turns, in the order of their commits.

    A push takes a ticket when its commit's callbacks run (in the committing thread, just after
    the commit) and reads, renders and hands its message to the hub only once every earlier
    ticket is done. A ticket of the waiting thread's own does not count: that thread can only
    run it later (a view's pushes kept for after its answer, while a test commits again).
    """

    def __init__(self):
        self._cond = threading.Condition()
        self._issued = 0
        self._open: dict[int, list] = {}  # ticket -> [thread, started]

    def take(self):
        with self._cond:
            ticket = self._issued
            self._issued += 1
            self._open[ticket] = [threading.get_ident(), False]
            return ticket

    def _earlier(self, ticket, me):
        return [t for t, (owner, _started) in self._open.items() if t < ticket and owner != me]

    def start(self, ticket):
        """Wait for the turn of `ticket`."""
        me = threading.get_ident()
        with self._cond:
            if not self._cond.wait_for(lambda: not self._earlier(ticket, me), PATIENCE):
                stuck = [t for t in self._earlier(ticket, me) if not self._open[t][1]]
                if stuck:
                    logger.warning("%s earlier pushes never started: going ahead", len(stuck))
                    for t in stuck:
                        del self._open[t]  # abandoned: each runs when it can, out of turn
                self._cond.wait_for(lambda: not self._earlier(ticket, me))
            if ticket in self._open:
                self._open[ticket][1] = True

    def done(self, ticket):
        with self._cond:
            if self._open.pop(ticket, None) is not None:
                self._cond.notify_all()

    def pending(self):
        with self._cond:
            return len(self._open)


_turns = _Turns()
_local = threading.local()  # .in_turn: this thread runs a push now; .pushes: answer_first


def _run_in_turn(ticket, push):
    """Run `push` in its turn; a push started inside another (a commit in a push) runs at once:
    the turn it is in is earlier than its own and waits for it."""
    if getattr(_local, "in_turn", False):
        try:
            push()
        finally:
            _turns.done(ticket)
        return
    _turns.start(ticket)
    _local.in_turn = True
    try:
        push()
    finally:
        _local.in_turn = False
        _turns.done(ticket)


def in_order(push):
    """Run `push` (a read, a render and a hand-over to the hub that no commit precedes, as a
    coalesced chart) now, in its turn among this process's pushes."""
    _run_in_turn(_turns.take(), push)


class _Pushes(list):
    """The pushes a view marked `answer_first` scheduled, each with its ticket; `sent` once its
    answer has gone out (a commit after that, as when a test runs the on-commit callbacks
    later, pushes at once)."""

    sent = False
    finalizer = None

    def add(self, ticket, push):
        if self.sent:
            _run_in_turn(ticket, push)
        else:
            self.append((ticket, push))

    def run(self):
        self.sent = True
        if self.finalizer is not None:
            self.finalizer.detach()
        while self:
            ticket, push = self.pop(0)
            try:
                _run_in_turn(ticket, push)
            except Exception:  # publish never raises; a resync that does must not stop the rest
                logger.exception("a push after the answer failed")

    def abandon(self):
        """The answer was never sent nor closed (the client went away mid-view): give up the
        turns; the outbox rows of these pushes stay, and the sweep resyncs their screens."""
        self.sent = True
        while self:
            ticket, _push = self.pop(0)
            _turns.done(ticket)


def after_commit(push):
    """Run `push` (a publish, a resync) after the commit, in its turn (`_Turns`); in a view
    marked `answer_first`, after its answer has been sent instead, in the same turn."""
    pushes = getattr(_local, "pushes", None)

    def committed():
        ticket = _turns.take()  # now, in commit order, even when the push runs later
        if pushes is None:
            _run_in_turn(ticket, push)
        else:
            pushes.add(ticket, push)

    transaction.on_commit(committed)


def answer_first(view):
    """A view whose answer need not wait for its pushes (the facilitator's clock buttons): what
    its changes publish after their commit is rendered and sent once the answer has gone out
    (`HttpResponse.close`, which the server calls after sending it, in the request's thread,
    before the request's database connection is closed). Their turns are taken at the commit,
    so no later change of this process is pushed before them. The outbox row of each push
    covers the gap, as it covers the one between a commit and its push."""

    @functools.wraps(view)
    def wrapped(request, *args, **kwargs):
        pushes = _local.pushes = _Pushes()
        try:
            response = view(request, *args, **kwargs)
        except BaseException:
            pushes.run()  # what committed before the error is pushed all the same
            raise
        finally:
            _local.pushes = None
        if not pushes:
            pushes.sent = True
            return response
        pushes.finalizer = weakref.finalize(response, pushes.abandon)
        response._resource_closers.append(pushes.run)
        return response

    return wrapped


def resync_on_commit(audiences: Iterable[Audience]):
    """After the commit, resync the audiences' sockets: each is authorised again first, and one
    whose right is gone is closed (seminar/consumers.py)."""
    groups = audience_groups(audiences)
    after_commit(lambda: _deliver([], groups))


def publish_on_commit(audiences: Iterable[Audience], regions: list[Region]):
    """Publish after the commit; until then an outbox row (seminar/outbox.py) names the
    audiences, so a process that dies in between leaves their screens to be resynced."""
    audiences = list(audiences)
    pending = outbox.hold(audience_groups(audiences))
    after_commit(lambda: publish(audiences, regions, pending=pending))


def resubscribe_on_commit(audience: Audience):
    """Ask the sockets of an audience to recompute what they listen to (a moved participant)."""

    def resubscribe():
        hub.touch(audience_groups([audience]))
        _deliver([], [audience.channel_group(language) for language in active_languages()])

    after_commit(resubscribe)


# Audience providers: functions (viewer) -> Audiences that the apps above add to a viewer's own
# (the groups app: a phone's tables, a screen's table).
_audience_providers: list[Callable] = []


def audience_provider(func):
    _audience_providers.append(func)
    return func


def more_audiences(viewer) -> list[Audience]:
    return [audience for provider in _audience_providers for audience in provider(viewer)]


# Item hooks: functions (seminar, item, *, previous, regroup) run when the item changes, inside
# the clock service's transaction; each app pushes what depends on the item.
_item_hooks: list[tuple[int, Callable]] = []


def _ordered_registration(registry, func, order):
    """Register `func` in `registry` (lower `order` first); usable with or without arguments."""

    def register(func):
        registry.append((order, func))
        registry.sort(key=lambda entry: entry[0])
        return func

    return register(func) if func else register


def on_item_change(func=None, *, order=0):
    """Register a hook; lower `order` runs first (state changes before the pushes)."""
    return _ordered_registration(_item_hooks, func, order)


# What the hooks of one item change share (`change_once`): read once for all of them, inside
# the change's transaction; nothing outlives the change.
_change: contextvars.ContextVar[dict | None] = contextvars.ContextVar("live_change", default=None)


def item_changed(seminar, item, *, previous, regroup):
    token = _change.set({})
    try:
        for _order, hook in _item_hooks:
            hook(seminar, item, previous=previous, regroup=regroup)
    finally:
        _change.reset(token)


def change_once(key, read):
    """`read()`, once per key within the current item change (else just `read()`)."""
    return _memoised(_change, key, read)


# Seat providers: functions (seminar, item, *, previous, regroup) -> (group or None) -> Regions:
# for the phones at that table (None: with no table now), pushed per table as the item changes,
# all of a table's in one message (groups.live.publish_seats).
_seat_providers: list[Callable] = []


def seat_provider(func):
    _seat_providers.append(func)
    return func


def seat_regions(seminar, item, *, previous, regroup):
    """A function (group or None) -> the seat providers' regions for that table."""
    per_group = [
        provider(seminar, item, previous=previous, regroup=regroup) for provider in _seat_providers
    ]
    return lambda group: [region for regions_for in per_group for region in regions_for(group)]


# State providers: functions (viewer) -> list of Regions, registered by each app's live module
# with an order (lower first). A screen's page and its socket state are both this one list
# (`screen_regions`), so a reconnect restores exactly what the page showed.
_state_providers: list[tuple[int, Callable]] = []


def state_provider(func=None, *, order=0):
    return _ordered_registration(_state_providers, func, order)


# Pages: a participant's page other than the phone (a poster of the gallery, a vote's ballot)
# listens to its own narrow audience and has its own regions. The app that owns the page
# registers it by name: `audiences(viewer, object_id)` returns the page's audiences, or None
# when the object is not the viewer's seminar's (the socket is then refused), and
# `regions(viewer, object_id)` its live regions, which are its whole state on a reconnect.
@dataclass(frozen=True)
class Page:
    audiences: Callable[..., list[Audience] | None]
    regions: Callable[..., list[Region]]


_pages: dict[str, Page] = {}


def page(name, *, audiences, regions):
    _pages[name] = Page(audiences, regions)


def page_named(name) -> Page | None:
    return _pages.get(name)


def screen_regions(viewer) -> list[Region]:
    """Every live region of the viewer's screen, in page order, as the database has them now."""
    regions = []
    with one_read():
        if getattr(viewer, "page", ""):
            regions = [
                region.resolved() for region in _pages[viewer.page].regions(viewer, viewer.page_id)
            ]
        else:
            for _order, provider in _state_providers:
                regions.extend(region.resolved() for region in provider(viewer))
    return [region for region in regions if region.context is not None]


def viewer_groups(viewer, language) -> list[str]:
    """The hub groups of a viewer's audiences in one language (what its socket listens to,
    besides its session's)."""
    return [audience.channel_group(language) for audience in viewer.audiences()]


def render_page_regions(viewer, request, *, for_socket=False) -> dict[str, list[str]]:
    """The viewer's regions rendered with the request (its CSRF token), grouped by slot.

    `for_socket` (a phone's page): the rendering is also kept a few seconds for the first state
    of the page's socket, which then need not read and render it all again
    (seminar/pagestate.py says when it may).
    """
    if viewer is None:
        return {}
    shot = None
    if for_socket and viewer.role == "participant" and not viewer.page:
        language = translation.get_language()
        shot = pagestate.snapshot(viewer_groups(viewer, language))  # before the state's reads
    slots: dict[str, list[str]] = {}
    rendered = []
    for region in screen_regions(viewer):
        html = region.render(request)
        rendered.append(html)
        slots.setdefault(region.slot, []).append(html)
    if shot is not None:
        page_key = pagestate.key(
            request.session.session_key, viewer.seminar.pk, viewer.participant.pk, language
        )
        pagestate.keep(page_key, shot, "".join(rendered))
    return slots
