"""The live channel of a seminar: authenticate, subscribe to audiences, send state, forward.

Consumers never write to the database and never render per broadcast; they render only the
screen's own state on connect (and on a resubscribe), then forward what the broadcaster sends.
"""

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncWebsocketConsumer
from django.conf import settings
from django.utils import translation

from seminar import live
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


class SeminarConsumer(AsyncWebsocketConsumer):
    async def connect(self):
        self.groups_joined = []
        self.viewer = await self.resolve_viewer()
        if self.viewer is None:
            await self.close(code=CLOSE_FORBIDDEN)
            return
        self.language = language_from_scope(self.scope, self.viewer.seminar.language)
        live.listening(self.language, +1)
        await self.accept()
        await self.subscribe()

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
        )

    @database_sync_to_async
    def audiences_and_state(self):
        # The participant may have been removed or the screen unpaired since the last connect.
        viewer = self.viewer
        if viewer.participant is not None:
            viewer.participant.refresh_from_db()
        if viewer.screen is not None:
            viewer.screen.refresh_from_db()
            if viewer.screen.seminar_id != viewer.seminar.pk:
                raise PermissionError("screen unpaired")
        groups = [audience.channel_group(self.language) for audience in viewer.audiences()]
        return groups, live.render_regions(live.current_state(viewer), self.language)

    async def subscribe(self):
        """Join this viewer's audiences and send the full state of its regions."""
        groups, html = await self.audiences_and_state()
        for group in set(self.groups_joined) - set(groups):
            await self.channel_layer.group_discard(group, self.channel_name)
        for group in groups:
            await self.channel_layer.group_add(group, self.channel_name)
        self.groups_joined = groups
        if html:
            await self.send(text_data=html)

    async def disconnect(self, code):
        if getattr(self, "language", None):
            live.listening(self.language, -1)
        for group in getattr(self, "groups_joined", []):
            await self.channel_layer.group_discard(group, self.channel_name)

    async def receive(self, text_data=None, bytes_data=None):
        """Changes arrive over HTTP, never over the socket; anything sent here is ignored."""

    async def live_fragment(self, event):
        await self.send(text_data=event["html"])

    async def live_resubscribe(self, event):
        try:
            await self.subscribe()
        except Exception:
            # The participant was removed or the screen deleted: the socket has no business here.
            await self.close(code=CLOSE_FORBIDDEN)
