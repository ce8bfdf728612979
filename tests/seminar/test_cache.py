"""With Redis the cache's client (and its connection pool) is one per process, not one per
request thread (seminar/cache.py)."""

import threading

from seminar.cache import SharedRedisCache
from tests.seminar.test_hub import own_redis  # noqa: F401


def test_cache_objects_of_every_thread_share_one_client_and_its_connections(own_redis):  # noqa: F811
    clients, values = [], []

    def request_thread(number):
        cache = SharedRedisCache(own_redis.url, {"KEY_PREFIX": "t"})  # Django makes one a thread
        cache.set(f"joins:{number}", number, 60)
        values.append(cache.get(f"joins:{number}"))
        clients.append(cache._cache)

    threads = [threading.Thread(target=request_thread, args=(n,)) for n in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(values) == list(range(8))
    assert len({id(client) for client in clients}) == 1
    assert len(clients[0]._pools) == 1  # one pool for all eight threads
