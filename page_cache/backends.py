"""A Redis cache that a hung or unreachable Redis costs one timeout, not one per call.

After a call fails to reach Redis (refused, reset or timed out), every call to the same
server fails at once for a few seconds (OPTIONS["BYPASS_SECONDS"], 5 by default) instead of
waiting its own timeout: with IGNORE_EXCEPTIONS the callers see a miss and pages render from
the database. The first call after that pause tries Redis again. The pause is shared by every
alias that names the same server, within one process.
"""

import threading
import time

from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

_UNREACHABLE = (RedisConnectionError, RedisTimeoutError, TimeoutError, OSError)


class CacheBypassed(RedisConnectionError):
    """Raised instead of calling a server that failed moments ago."""


class Breaker:
    """When a server last failed, per server, for this process."""

    def __init__(self, seconds):
        self.seconds = seconds
        self.open_until = 0.0
        self.lock = threading.Lock()

    def is_open(self):
        return time.monotonic() < self.open_until

    def trip(self):
        with self.lock:
            self.open_until = time.monotonic() + self.seconds


_breakers = {}
_breakers_lock = threading.Lock()


def breaker_for(server, seconds):
    with _breakers_lock:
        return _breakers.setdefault(str(server), Breaker(seconds))


class _GuardedClient:
    """django-redis's client, whose calls fail at once while the server's breaker is open."""

    def __init__(self, client, breaker):
        self._client = client
        self._breaker = breaker

    def __getattr__(self, name):
        attribute = getattr(self._client, name)
        if not callable(attribute) or name == "close":
            return attribute
        breaker = self._breaker

        def call(*args, **kwargs):
            if breaker.is_open():
                raise ConnectionInterrupted(connection=None) from CacheBypassed(
                    f"Redis failed less than {breaker.seconds} s ago; not asked"
                )
            try:
                return attribute(*args, **kwargs)
            except ConnectionInterrupted as error:
                if isinstance(error.__cause__, _UNREACHABLE):
                    breaker.trip()
                raise

        return call


class CircuitBreakerRedisCache(RedisCache):
    """django-redis's RedisCache with a per-server pause after a failure (see module)."""

    def __init__(self, server, params):
        super().__init__(server, params)
        seconds = float(params.get("OPTIONS", {}).get("BYPASS_SECONDS", 5))
        self._breaker = breaker_for(server, seconds)
        self._guarded = None

    @property
    def client(self):
        if self._guarded is None:
            self._guarded = _GuardedClient(super().client, self._breaker)
        return self._guarded
