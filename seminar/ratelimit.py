"""A fixed-window rate limit in the cache (shared between processes when Redis is set)."""

from django.core.cache import cache


def client_key(request):
    # Behind a trusted proxy, seminar.middleware has put the phone's address here.
    return request.META.get("REMOTE_ADDR", "unknown")


def hit(key, *, limit, window):
    """Count one attempt; True while the count within the window is at most `limit`."""
    cache_key = f"ratelimit:{key}"
    cache.add(cache_key, 0, timeout=window)
    try:
        count = cache.incr(cache_key)
    except ValueError:  # expired between add and incr
        cache.set(cache_key, 1, timeout=window)
        count = 1
    return count <= limit
