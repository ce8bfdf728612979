"""Is what the site needs reachable? The database and, when configured, Redis (for /healthz)."""

import logging

import redis
from django.conf import settings
from django.db import DatabaseError, connection

logger = logging.getLogger("plenum.health")

_redis_clients = {}


def database_reachable():
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            cursor.fetchone()
    except DatabaseError as error:
        logger.warning("health: the database is unreachable: %s", error)
        # A broken connection is not kept for the next request (CONN_MAX_AGE).
        connection.close_if_unusable_or_obsolete()
        return False
    return True


def redis_reachable():
    client = _redis_clients.get(settings.REDIS_URL)
    if client is None:
        # Short timeouts: a health check that hangs is as bad as a failing one.
        client = redis.Redis.from_url(
            settings.REDIS_URL, socket_timeout=1, socket_connect_timeout=1
        )
        _redis_clients[settings.REDIS_URL] = client
    try:
        return bool(client.ping())
    except (redis.RedisError, OSError) as error:
        logger.warning("health: Redis is unreachable: %s", error)
        return False
