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


class AnonRateThrottle(ClientIpMixin, throttling.AnonRateThrottle):
    pass


class UserRateThrottle(ClientIpMixin, throttling.UserRateThrottle):
    pass


class ScopedRateThrottle(ClientIpMixin, throttling.ScopedRateThrottle):
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
