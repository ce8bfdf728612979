"""A fixed-window rate limit in the cache (shared between processes when Redis is set).

`hit` counts and answers at once; `fail` and `exceeded` count only what went wrong (a wrong
join code, a wrong password), so the people who get in are never what locks a room out.
"""

import hashlib

from django.core.cache import cache


def client_key(request):
    # Behind a trusted proxy, seminar.middleware has put the phone's address here.
    return request.META.get("REMOTE_ADDR", "unknown")


def _cache_key(key, kind="count"):
    # Keys hold what people typed (a user name, a code): hashed, any text is a valid cache key.
    return f"ratelimit:{kind}:{hashlib.sha256(key.encode('utf-8', 'replace')).hexdigest()}"


def hit(key, *, limit, window):
    """Count one attempt; True while the count within the window is at most `limit`."""
    cache_key = _cache_key(key)
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= limit


def fail(key, *, window):
    """Count one failure of `key` within the window."""
    hit(key, limit=0, window=window)


def exceeded(key, *, limit):
    """True when `key` has had `limit` failures or more in the current window."""
    return (cache.get(_cache_key(key)) or 0) >= limit


def remember(key, *, timeout):
    cache.set(_cache_key(key, "ok"), True, timeout=timeout)


def remembered(key):
    return bool(cache.get(_cache_key(key, "ok")))
