"""Django's Redis cache with one client, and so one connection pool, per process.

Django keeps a cache object per thread (and per async context), and daphne runs every request
in a thread of its own. With the stock backend each request that touched the cache (the join
and login rate limits) built a new client: a new connection pool, a new TCP connection to
Redis, and redis-py's look-up of its own version in the installed packages' metadata, about a
millisecond of CPU before the first command. Here every cache object of the process shares one
client; redis-py's connection pools are thread-safe.
"""

import threading

from django.core.cache.backends.redis import RedisCache
from django.utils.functional import cached_property

_clients = {}
_lock = threading.Lock()


class SharedRedisCache(RedisCache):
    @cached_property
    def _cache(self):
        key = (tuple(self._servers), repr(sorted(self._options.items())))
        with _lock:
            client = _clients.get(key)
            if client is None:
                client = _clients[key] = self._class(self._servers, **self._options)
        return client
