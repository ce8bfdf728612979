"""Django's ASGI handler with the middleware chain and the view in one thread hop.

Every view of Plenum is synchronous, and so are most of its middleware's hooks. Django's own
ASGIHandler builds the chain in async mode: each `MiddlewareMixin` then runs its
`process_request` and `process_response` through a `sync_to_async` hop of its own, and
WhiteNoiseMiddleware, which is sync only, sends the rest of the chain back to the event loop
through `async_to_sync`. A request made 19 hops between the event loop and its thread, each
a future, a wake-up of both sides and a copy of the context (asgiref restores every context
variable on return): with a new SQLite connection per request, the request's floor was about
7 ms of CPU on this machine, more than the view of a card post (`python -m bench.cost card
--asgi` against the same without `--asgi`).

`OneHopASGIHandler` builds the chain as WSGI does (sync, the same middleware in the same order:
what Django's test client runs, so the tests have always exercised this chain) and runs it, view
included, in one `sync_to_async` call. Everything else is Django's ASGIHandler: the request is
read and the response sent on the event loop, the request signals, a client that goes away
(the view's thread finishes; its connection is closed after it, in the same thread, as before),
and the per-request thread (`ThreadSensitiveContext`), so a request's database connection is
still opened and closed in its own thread.
"""

from asgiref.sync import sync_to_async
from django.core.handlers.asgi import ASGIHandler
from django.core.handlers.base import BaseHandler


class OneHopASGIHandler(ASGIHandler):
    def __init__(self):
        BaseHandler.__init__(self)
        self.load_middleware(is_async=False)

    async def get_response_async(self, request):
        return await sync_to_async(self.get_response, thread_sensitive=True)(request)


def get_asgi_application():
    """django.core.asgi.get_asgi_application with this handler."""
    import django

    django.setup(set_prefix=False)
    return OneHopASGIHandler()
