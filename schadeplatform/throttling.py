"""DRF's throttles, counting per client as `schadeplatform.client_ip` reads it.

DRF's own `get_ident` takes the whole `X-Forwarded-For` header as the client's identity unless
NUM_PROXIES is set, so a forged header per request started a fresh count each time.
"""

from __future__ import annotations

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
