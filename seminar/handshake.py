"""What a websocket handshake must pass before a screen's consumer: the page's exact origin, a
route that exists, and a bound on the sockets one client keeps open to one seminar.

A page of another site (another port or scheme of our host included) cannot open a socket with
a participant's cookie; a client that opens socket after socket closes its own oldest instead
of filling the process.
"""

import logging
from collections import OrderedDict, defaultdict
from types import SimpleNamespace
from urllib.parse import urlsplit

from channels.generic.websocket import AsyncWebsocketConsumer
from channels.middleware import BaseMiddleware
from channels.security.websocket import WebsocketDenier
from channels.sessions import SessionMiddlewareStack
from django.conf import settings
from django.contrib import auth
from django.http.request import split_domain_port, validate_host
from django.utils.functional import SimpleLazyObject

logger = logging.getLogger("plenum.live")

# 4409 tells the page not to retry: a newer socket of the same client took this one's place.
CLOSE_REPLACED = 4409
CLOSE_NO_SUCH_SOCKET = 4404
DEFAULT_PORTS = {"http": 80, "https": 443}


def _header(scope, name):
    for key, value in scope.get("headers", []):
        if key == name:
            return value.decode("latin-1")
    return None


def _origin(url):
    """("https", "plenum.example", 443) of an origin or URL, or None when it is not one."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in DEFAULT_PORTS or not parts.hostname:
        return None
    return parts.scheme, parts.hostname.lower(), port or DEFAULT_PORTS[parts.scheme]


def _own_origin(scope):
    """The origin of the page that was served from the host this socket asks for."""
    host = _header(scope, b"host")
    if not host:
        return None
    domain, _port = split_domain_port(host)
    if not domain or not validate_host(domain, settings.ALLOWED_HOSTS):
        return None
    scheme = "https" if scope.get("scheme") in {"wss", "https"} else "http"
    proxy = getattr(settings, "SECURE_PROXY_SSL_HEADER", None)
    if proxy:  # behind a TLS proxy that says so (the same header Django trusts for requests)
        name = proxy[0].removeprefix("HTTP_").replace("_", "-").lower().encode("latin-1")
        if _header(scope, name) == proxy[1]:
            scheme = "https"
    return _origin(f"{scheme}://{host}")


def allowed_origin(scope):
    """True when the Origin is exactly (scheme, host, port) the socket's own host, or one of
    the origins configured for a proxy (CSRF_TRUSTED_ORIGINS, without wildcards)."""
    origin = _origin(_header(scope, b"origin") or "")
    if origin is None:
        return False
    if origin == _own_origin(scope):
        return True
    return origin in {_origin(each) for each in settings.CSRF_TRUSTED_ORIGINS if "*" not in each}


class OriginValidator:
    """ASGI middleware: a websocket whose Origin is not exactly ours is refused at the handshake."""

    def __init__(self, application):
        self.application = application

    async def __call__(self, scope, receive, send):
        if scope["type"] == "websocket" and not allowed_origin(scope):
            return await WebsocketDenier()(scope, receive, send)
        return await self.application(scope, receive, send)


class NoSuchSocket(AsyncWebsocketConsumer):
    """Any other websocket path (`/ws/seminar/-1/`): refused, not a server error."""

    async def connect(self):
        await self.close(code=CLOSE_NO_SUCH_SOCKET)


def client_key(scope, viewer):
    """Who opened a socket: the table screen, else the browser's session, else the user."""
    if viewer.screen is not None:
        return f"screen:{viewer.screen.pk}"
    session = scope.get("session")
    if session is not None and session.session_key:
        return f"session:{session.session_key}"
    return "user:None"  # a user is known only by a session: without one, nobody


class SocketLimit:
    """The open sockets of each client to each seminar, in this process, oldest first."""

    def __init__(self):
        self.open = defaultdict(OrderedDict)

    @property
    def limit(self):
        return settings.LIVE_SOCKETS_PER_CLIENT

    async def admit(self, consumer, key):
        """Count `consumer` under `key`; close the client's oldest sockets beyond the limit."""
        consumer.socket_limit_key = key
        sockets = self.open[key]
        sockets[id(consumer)] = consumer
        while len(sockets) > self.limit:
            _id, oldest = sockets.popitem(last=False)
            try:
                if getattr(oldest, "hub", None) is not None:
                    oldest.hub.detach(oldest)
                await oldest.close(code=CLOSE_REPLACED)
            except Exception:  # a socket already gone: nothing to close
                logger.debug("closing a replaced socket failed", exc_info=True)

    def release(self, consumer):
        key = getattr(consumer, "socket_limit_key", None)
        sockets = self.open.get(key)
        if sockets is None:
            return
        sockets.pop(id(consumer), None)
        if not sockets:
            del self.open[key]

    def count(self, key):
        return len(self.open.get(key, ()))


sockets = SocketLimit()


class LazyUserMiddleware(BaseMiddleware):
    """scope["user"] the way Django's request.user is: read from the session on first use.

    Channels' AuthMiddleware reads the session and the user before the consumer runs, on the
    one thread that every socket's handshake shares: in a join storm each phone (known by its
    session, never by a user) queued there for two reads it does not need. Here only a view
    that asks for a user (the console, the projector) reads it, in the consumer's own database
    thread; the checks (seminar.permissions) are the same. Never read from async code.
    """

    async def __call__(self, scope, receive, send):
        scope = dict(scope)
        session = scope["session"]
        scope["user"] = SimpleLazyObject(lambda: auth.get_user(SimpleNamespace(session=session)))
        return await super().__call__(scope, receive, send)


def LazyAuthMiddlewareStack(inner):
    return SessionMiddlewareStack(LazyUserMiddleware(inner))
