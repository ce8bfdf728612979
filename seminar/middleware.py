"""The phone's own address behind a proxy: X-Forwarded-* believed only from a trusted proxy."""

from asgiref.sync import iscoroutinefunction
from django.conf import settings
from django.utils.decorators import sync_and_async_middleware

from seminar.venue import client_address, is_trusted

FORWARDED = ("HTTP_X_FORWARDED_FOR", "HTTP_X_FORWARDED_PROTO", "HTTP_X_FORWARDED_HOST")


def see_through_proxy(meta, trusted):
    """From a trusted proxy, REMOTE_ADDR becomes the phone's address (X-Forwarded-For); from
    anywhere else the X-Forwarded-* headers go, because anyone can send them."""
    remote = meta.get("REMOTE_ADDR", "")
    if is_trusted(remote, trusted):
        meta["REMOTE_ADDR"] = client_address(remote, meta.get("HTTP_X_FORWARDED_FOR", ""), trusted)
    else:
        for header in FORWARDED:
            meta.pop(header, None)


@sync_and_async_middleware
def trusted_proxy_middleware(get_response):
    """First in the chain, so the rate limits, the logs and `request.is_secure()` (through
    SECURE_PROXY_SSL_HEADER) see the phone and its scheme, never the proxy."""
    trusted = settings.TRUSTED_PROXIES
    if iscoroutinefunction(get_response):

        async def middleware(request):
            see_through_proxy(request.META, trusted)
            return await get_response(request)

    else:

        def middleware(request):
            see_through_proxy(request.META, trusted)
            return get_response(request)

    return middleware
