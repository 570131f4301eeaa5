"""DRF's throttles, counting per client as `schadeplatform.client_ip` reads it.

DRF's own `get_ident` takes the whole `X-Forwarded-For` header as the client's identity unless
NUM_PROXIES is set, so a forged header per request started a fresh count each time.
"""

from __future__ import annotations

import math
from types import SimpleNamespace

from rest_framework import throttling

from .client_ip import client_ip


class ClientIpMixin:
    def get_ident(self, request) -> str:
        return client_ip(request)


class FixedWindowRateThrottle(throttling.SimpleRateThrottle):
    """Counts each rate in fixed windows of its duration (a minute of "1200/minute" starts on
    the clock's minute), one counter per window in the cache, instead of DRF's list of every
    request's moment. DRF reads and writes that whole list on each request, so a busy client
    paid for its own history: an autosave spent 1.3 ms of CPU in the throttle at a few hundred
    saves a minute (issue #17). Here a request is one increment (one Redis round trip; two for
    the first request of a window). What a client may send is the same rate; at a window's
    edge it may send up to twice the rate within one duration, as with any fixed window, and
    a refused request counts too, so a client that keeps sending stays refused until the
    window ends. With the cache away (django-redis ignores the error) a request goes on, as
    DRF's throttles let it."""

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        window = int(self.now // self.duration)
        self.window_ends = (window + 1) * self.duration
        count = self._count(f"{self.key}:{window}")
        return count is None or count <= self.num_requests

    def _count(self, key: str) -> int | None:
        try:
            return self.cache.incr(key)
        except ValueError:  # the window's first request (or its counter is gone)
            pass
        if self.cache.add(key, 1, self.duration):
            return 1
        try:
            return self.cache.incr(key)  # another request added it meanwhile
        except ValueError:
            return None

    def wait(self) -> float:
        return max(0.0, self.window_ends - self.now)


# DRF's classes first (the scoped one finds its rate, then asks `super()`), the fixed window
# after them, before DRF's SimpleRateThrottle.
class AnonRateThrottle(ClientIpMixin, throttling.AnonRateThrottle, FixedWindowRateThrottle):
    pass


class UserRateThrottle(ClientIpMixin, throttling.UserRateThrottle, FixedWindowRateThrottle):
    pass


class ScopedRateThrottle(ClientIpMixin, throttling.ScopedRateThrottle, FixedWindowRateThrottle):
    pass


def throttle_wait(request, scope: str) -> int | None:
    """For a page outside DRF (a Django view): count this request against the throttle `scope`
    (its rate in REST_FRAMEWORK's DEFAULT_THROTTLE_RATES) as the API's scoped throttle does,
    per user or, for a visitor, per client address (`client_ip`). None when the request may go
    on, else the seconds until it may."""
    throttle = ScopedRateThrottle()
    if throttle.allow_request(request, SimpleNamespace(throttle_scope=scope)):
        return None
    return max(1, math.ceil(throttle.wait() or 1))
