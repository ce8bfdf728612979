"""The live channel of a seminar: authenticate, register with the hub, send the state.

Consumers never write to the database and never render per broadcast; they render only the
screen's own state on connect (and when the hub resyncs them). Broadcasts are written to the
socket by the process's fan-out hub (seminar/hub.py).
"""

import functools
from concurrent.futures import ThreadPoolExecutor

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation

from seminar import handshake, hub, live, outbox, pagestate
from seminar.models import Seminar
from seminar.permissions import is_facilitator, viewer_for
from seminar.venue import is_trusted

# The consumers' database work (a handshake's check, a state read) runs on a few threads of its
# own, not on asgiref's one thread for the whole process: a large state read (a console of
# thousands of cards) must not hold up every other socket's handshake. The threads live as long
# as the process, like asgiref's; each returns its connection to the pool after every call.
SOCKET_THREADS = ThreadPoolExecutor(
    max_workers=settings.SOCKET_THREADS, thread_name_prefix="plenum-socket"
)
database_work = functools.partial(
    database_sync_to_async, thread_sensitive=False, executor=SOCKET_THREADS
)

# Close codes: 4403 tells the page not to retry; 1012 ("service restart") makes htmx reconnect.
CLOSE_FORBIDDEN = 4403


def language_from_scope(scope, default):
    """The viewer's language: the language cookie, else the browser's, else the seminar's."""
    supported = {code for code, _name in settings.LANGUAGES}
    cookie = scope.get("cookies", {}).get(settings.LANGUAGE_COOKIE_NAME)
    if cookie in supported:
        return cookie
    for name, value in scope.get("headers", []):
        if name == b"accept-language":
            for part in value.decode("latin-1").split(","):
                tag = part.split(";")[0].strip().lower()
                try:
                    return translation.get_supported_language_variant(tag)
                except LookupError:
                    continue
    return default


def base_url_from_scope(scope):
    """The page's own address ("http://host:port"), for the join link the socket renders.

    Behind a TLS proxy the socket reaches daphne as plain ws://: the proxy's X-Forwarded-Proto
    says https, believed from PLENUM_TRUSTED_PROXIES only (as for pages: seminar/middleware.py).
    """
    headers = {name: value.decode("latin-1") for name, value in scope.get("headers", [])}
    host = headers.get(b"host", "")
    secure = scope.get("scheme") == "wss"
    client = (scope.get("client") or [""])[0]
    if is_trusted(client, settings.TRUSTED_PROXIES):
        secure = secure or headers.get(b"x-forwarded-proto", "") == "https"
    scheme = "https" if secure else "http"
    return f"{scheme}://{host}" if host else ""


class SeminarConsumer(AsyncWebsocketConsumer):
    """One screen's socket. Pushes reach it from the process's fan-out hub, not a channel layer."""

    channel_layer_alias = None  # no layer: seminar/hub.py writes to the socket directly

    async def connect(self):
        self.hub = None
        self.first_state_sent = False
        self.viewer_groups = []
        self.viewer = await self.resolve_viewer()
        if self.viewer is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.language = live.viewer_language(
            self.viewer, language_from_scope(self.scope, self.viewer.seminar.language)
        )
        # Before the state is read: with Redis, a language new to this process is shared first
        # (seminar/hub.py, invariant 7).
        shared = await database_work(live.listening)(self.language, +1)
        await self.accept()
        await handshake.sockets.admit(self, handshake.client_key(self.scope, self.viewer))
        self.hub = hub.local_hub()
        outbox.start_sweeping()  # this process resyncs what a dead one committed but never sent
        await self.hub.ready(timeout=1.0)  # waits only for a process's first socket, with Redis
        socket = self.hub.attach(self, seminar_id=self.viewer.seminar.pk, view=self.viewer.role)
        socket.stale = socket.stale or not shared  # resynced once its language is shared
        await self.hub.sync(socket)  # its groups, then its state, then what came meanwhile

    @database_work
    def resolve_viewer(self):
        seminar = Seminar.objects.filter(pk=self.scope["url_route"]["kwargs"]["seminar_id"]).first()
        if seminar is None:
            return None
        query = dict(
            part.split("=", 1)
            for part in self.scope.get("query_string", b"").decode("latin-1").split("&")
            if "=" in part
        )
        return viewer_for(
            user=self.scope.get("user"),
            session=self.scope.get("session", {}),
            cookies=self.scope.get("cookies", {}),
            seminar=seminar,
            view=query.get("view", "phone"),
            page_id=query.get("id"),
            base_url=base_url_from_scope(self.scope),
        )

    # --- what the hub calls ------------------------------------------------------------------

    @database_work
    def audience_groups(self):
        """The hub groups of this viewer's audiences, as the database has them now.

        Raises PermissionError when the participant was removed or the screen unpaired.
        """
        viewer = self.viewer
        if viewer.role in {"facilitator", "projector"} and not is_facilitator(
            self.scope.get("user"), viewer.seminar
        ):
            raise PermissionError("no longer a facilitator of the seminar")
        if viewer.participant is not None:
            try:
                viewer.participant.refresh_from_db()
            except viewer.participant.DoesNotExist as gone:
                raise PermissionError("participant removed") from gone
        if viewer.screen is not None:
            try:
                viewer.screen.refresh_from_db()
            except viewer.screen.DoesNotExist as gone:
                raise PermissionError("screen deleted") from gone
            if viewer.screen.seminar_id != viewer.seminar.pk:
                raise PermissionError("screen unpaired")
        groups = live.viewer_groups(viewer, self.language)
        self.viewer_groups = tuple(groups)  # without the session group added below
        session_key = getattr(self.scope.get("session"), "session_key", None)
        if session_key:  # closed when the session ends (a logout)
            groups.append(live.session_group(session_key))
        return groups

    @database_work
    def state_html(self):
        """The html of all this viewer's regions, as the database has them now.

        The first state of a phone's socket is its page's own rendering when nothing it shows
        changed since (seminar/pagestate.py): the page was read a moment ago."""
        if not self.first_state_sent and self.viewer.role == "participant" and not self.viewer.page:
            self.first_state_sent = True
            session_key = getattr(self.scope.get("session"), "session_key", None)
            page_key = pagestate.key(
                session_key, self.viewer.seminar.pk, self.viewer.participant.pk, self.language
            )
            kept = pagestate.take(page_key, self.viewer_groups)
            if kept is not None:
                return kept
        self.first_state_sent = True
        return live.render_regions(live.screen_regions(self.viewer), self.language)

    async def write(self, text):
        await self.base_send({"type": "websocket.send", "text": text})

    async def close_for_resync(self):
        handshake.sockets.release(self)  # closed by us: it no longer counts for its client
        await self.close(code=hub.CLOSE_RESYNC)

    async def close_forbidden(self):
        handshake.sockets.release(self)
        if self.hub is not None:
            self.hub.detach(self)
        await self.close(code=CLOSE_FORBIDDEN)

    # --- the socket's own events -------------------------------------------------------------

    async def disconnect(self, code):
        handshake.sockets.release(self)
        if getattr(self, "language", None):
            live.listening(self.language, -1)
        if getattr(self, "hub", None) is not None:
            self.hub.detach(self)

    async def receive(self, text_data=None, bytes_data=None):
        """Changes arrive over HTTP, never over the socket; anything sent here is ignored."""
