"""How much a request may send: refused from its Content-Length before Django reads the body,
counted while it streams, and an upload handler that stops reading a file past the limit. And
how many requests one process runs at once (RequestSlots).

The largest thing anyone sends is a poster photo (ideas/boards/photos.py); every other form
is a few kilobytes. In production the proxy's own limit (nginx `client_max_body_size`) stops a
large body earlier still: daphne receives a body whole before the application sees it.
"""

import asyncio

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler, StopUpload
from django.utils import translation
from django.utils.html import escape
from django.utils.translation import gettext as _


def _header(scope, name):
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _language(scope):
    for part in (_header(scope, b"accept-language") or "").split(","):
        tag = part.split(";")[0].strip().lower()
        try:
            return translation.get_supported_language_variant(tag)
        except LookupError:
            continue
    return settings.LANGUAGE_CODE


class BodyLimit:
    """ASGI middleware: a request body larger than MAX_REQUEST_BYTES is answered 413 at once
    (by its Content-Length), or as soon as a streamed body passes the limit."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.application(scope, receive, send)
        limit = settings.MAX_REQUEST_BYTES
        length = _header(scope, b"content-length")
        if length is not None and (not length.strip().isdigit() or int(length) > limit):
            return await self.too_large(scope, send)
        received = 0
        over = False
        started = False

        async def counted_receive():
            nonlocal received, over
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    over = True
                    return {"type": "http.disconnect"}  # Django stops reading the body
            return message

        async def watched_send(message):
            nonlocal started
            if over and not started:
                return  # the 413 below answers instead
            started = started or message["type"] == "http.response.start"
            await send(message)

        await self.application(scope, counted_receive, watched_send)
        if over and not started:
            await self.too_large(scope, send)

    async def too_large(self, scope, send):
        with translation.override(_language(scope)):
            title = _("The file is too large")
            text = _(
                "A photo can be at most %(size)d MB. Take it again, or send a smaller one."
            ) % {"size": settings.PHOTO_MAX_BYTES // (1024 * 1024)}
        body = (
            f"<!doctype html><meta charset=utf-8><title>{escape(title)}</title>"
            f"<h1>{escape(title)}</h1><p>{escape(text)}</p>"
        ).encode()
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [
                    (b"content-type", b"text/html; charset=utf-8"),
                    (b"content-length", str(len(body)).encode()),
                    (b"connection", b"close"),
                ],
            }
        )
        await send({"type": "http.response.body", "body": body})


class RequestSlots:
    """ASGI middleware: at most REQUEST_SLOTS requests of this process are inside Django at once;
    the others wait for a slot on the event loop, in the order they came.

    Django runs each request's view in a thread of its own. In a join storm (300 phones within
    30 s) dozens of request threads then took turns on one interpreter lock and, on PostgreSQL,
    each held a pooled connection while it waited for the lock; the sockets' handshakes (on their
    own threads, seminar/consumers.py) queued behind them for a connection longer than daphne
    lets a handshake take, and phones were dropped. With slots a request takes a thread and a
    connection only when it can run, and the pool (DB_POOL_SIZE, by default the slots, the socket
    threads and two) always has a connection for a socket. A slot is given back as soon as the
    answer starts: the view is done, and a slow download does not hold one.
    """

    def __init__(self, application):
        self.application = application
        self.semaphore = None
        self.loop = None

    def _slots(self):
        loop = asyncio.get_running_loop()
        if self.loop is not loop:  # one per event loop (the tests run several, one at a time)
            self.loop, self.semaphore = loop, asyncio.Semaphore(settings.REQUEST_SLOTS)
        return self.semaphore

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.application(scope, receive, send)
        slots = self._slots()
        await slots.acquire()
        held = True

        async def send_and_release(message):
            nonlocal held
            if held and message["type"] == "http.response.start":
                held = False
                slots.release()
            await send(message)

        try:
            await self.application(scope, receive, send_and_release)
        finally:
            if held:
                slots.release()


class UploadLimit(FileUploadHandler):
    """First of the upload handlers: stops reading a file once it passes PHOTO_MAX_BYTES and
    marks the request (`request.upload_too_large`) so the view can say why."""

    def __init__(self, request=None):
        super().__init__(request)
        self.received = 0

    def new_file(self, *args, **kwargs):
        super().new_file(*args, **kwargs)
        self.received = 0

    def receive_data_chunk(self, raw_data, start):
        self.received += len(raw_data)
        if self.received > settings.PHOTO_MAX_BYTES:
            self._refuse()
        return raw_data

    def file_complete(self, file_size):
        return None  # the next handler keeps the file

    def _refuse(self):
        if self.request is not None:
            self.request.upload_too_large = True
        raise StopUpload(connection_reset=True)
