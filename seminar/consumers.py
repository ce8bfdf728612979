"""The live channel of a seminar: authenticate, register with the hub, send the state.

Consumers never write to the database and never render per broadcast; they render only the
screen's own state on connect (and when the hub resyncs them). Broadcasts are written to the
socket by the process's fan-out hub (seminar/hub.py).
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation

from seminar import hub, live
from seminar.models import Seminar
from seminar.permissions import viewer_for

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
    """The page's own address ("http://host:port"), for the join link the socket renders."""
    host = next(
        (value.decode("latin-1") for name, value in scope.get("headers", []) if name == b"host"), ""
    )
    scheme = "https" if scope.get("scheme") == "wss" else "http"
    return f"{scheme}://{host}" if host else ""


class SeminarConsumer(AsyncWebsocketConsumer):
    """One screen's socket. Pushes reach it from the process's fan-out hub, not a channel layer."""

    channel_layer_alias = None  # no layer: seminar/hub.py writes to the socket directly

    async def connect(self):
        self.hub = None
        self.viewer = await self.resolve_viewer()
        if self.viewer is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.language = live.viewer_language(
            self.viewer, language_from_scope(self.scope, self.viewer.seminar.language)
        )
        live.listening(self.language, +1)
        await self.accept()
        self.hub = hub.local_hub()
        await self.hub.ready(timeout=1.0)  # waits only for a process's first socket, with Redis
        socket = self.hub.attach(self, seminar_id=self.viewer.seminar.pk, view=self.viewer.role)
        await self.hub.sync(socket)  # its groups, then its state, then what came meanwhile

    @database_sync_to_async
    def resolve_viewer(self):
        seminar = Seminar.objects.filter(pk=self.scope["url_route"]["kwargs"]["seminar_id"]).first()
        if seminar is None:
            return None
        query = self.scope.get("query_string", b"").decode()
        view = next(
            (part.split("=", 1)[1] for part in query.split("&") if part.startswith("view=")),
            "phone",
        )
        return viewer_for(
            user=self.scope.get("user"),
            session=self.scope.get("session", {}),
            cookies=self.scope.get("cookies", {}),
            seminar=seminar,
            view=view,
            base_url=base_url_from_scope(self.scope),
        )

    # --- what the hub calls ------------------------------------------------------------------

    @database_sync_to_async
    def audience_groups(self):
        """The hub groups of this viewer's audiences, as the database has them now.

        Raises PermissionError when the participant was removed or the screen unpaired.
        """
        viewer = self.viewer
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
        return [audience.channel_group(self.language) for audience in viewer.audiences()]

    @database_sync_to_async
    def state_html(self):
        """The html of all this viewer's regions, as the database has them now."""
        return live.render_regions(live.screen_regions(self.viewer), self.language)

    async def write(self, text):
        await self.base_send({"type": "websocket.send", "text": text})

    async def close_for_resync(self):
        await self.close(code=hub.CLOSE_RESYNC)

    async def close_forbidden(self):
        if self.hub is not None:
            self.hub.detach(self)
        await self.close(code=CLOSE_FORBIDDEN)

    # --- the socket's own events -------------------------------------------------------------

    async def disconnect(self, code):
        if getattr(self, "language", None):
            live.listening(self.language, -1)
        if getattr(self, "hub", None) is not None:
            self.hub.detach(self)

    async def receive(self, text_data=None, bytes_data=None):
        """Changes arrive over HTTP, never over the socket; anything sent here is ignored."""
