"""A Redis cache that costs speed, never the site, when Redis fails.

Every call that cannot reach Redis answers as a miss (get gives the default, add and touch
False, incr ValueError as for a missing key) and the request carries on uncached. The first
failure is logged; for the next few seconds Redis is not tried at all, so an outage costs one
connection attempt per process every RETRY_AFTER seconds rather than one for every call.
"""

import logging
import time

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger(__name__)

RETRY_AFTER = 5  # seconds
FAILURES = (RedisError, OSError)
READS = {"get", "get_many", "has_key"}


# When each Redis server may next be tried, shared by every thread's cache object.
_down_until: dict[str, float] = {}
# Called once the cache answers again: writes made during the outage (a new content version,
# say) were lost, so whatever depends on them starts afresh (see lpip_hub/apps.py).
on_recovery: list = []


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's client, but one redis.Redis object per connection pool instead of a new one for
    every call: building it costs more than a small read on loopback. It is thread-safe."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = super().get_client(key, write=write)
        return client


class TolerantRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    def _call(self, name, default, *args, **kwargs):
        down_until = _down_until.get(self._servers[0], 0.0)
        if time.monotonic() < down_until:
            return default
        try:
            result = getattr(super(), name)(*args, **kwargs)
        except FAILURES as error:
            if not down_until:
                logger.error("The cache is unavailable; serving uncached: %s", error)
            _down_until[self._servers[0]] = time.monotonic() + RETRY_AFTER
            return default
        if down_until:
            logger.warning("The cache is available again.")
            _down_until[self._servers[0]] = 0.0
            for hook in on_recovery:
                hook()
            if name in READS:  # read again, as the hooks left it
                return self._call(name, default, *args, **kwargs)
        return result

    def get(self, key, default=None, version=None):
        return self._call("get", default, key, default, version)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("add", False, key, value, timeout, version)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set", None, key, value, timeout, version)

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("touch", False, key, timeout, version)

    def delete(self, key, version=None):
        return self._call("delete", False, key, version)

    def get_many(self, keys, version=None):
        return self._call("get_many", {}, keys, version)

    def has_key(self, key, version=None):
        return self._call("has_key", False, key, version)

    def incr(self, key, delta=1, version=None):
        missing = object()
        result = self._call("incr", missing, key, delta, version)
        if result is missing:
            raise ValueError(f"Key '{key}' not found (the cache is unavailable).")
        return result

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call("set_many", list(data), data, timeout, version)

    def delete_many(self, keys, version=None):
        return self._call("delete_many", None, keys, version)

    def clear(self):
        return self._call("clear", None)
