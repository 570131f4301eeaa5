"""The client's address, read in one place for everything that counts per client: django-axes'
lockout (`AXES_CLIENT_IP_CALLABLE`), the API's throttles (`schadeplatform.throttling`) and the
bound on failed logins per address (`schadeplatform.login_limits`).

`TRUSTED_PROXY_HOPS` says how many proxies in front of the app servers append to
`X-Forwarded-For` (production: the load balancer, so 1; read from the environment). With 0
(development, tests, a server without proxy) the socket address is the client. With n, the n-th
address from the right is the one the outermost trusted proxy saw; everything left of it was
written by the client and is ignored: a forged header must not buy a fresh throttle, and the
load balancer's address must not stand for every user (see docs/decisions.md, "Why the guards
exist").
"""

from __future__ import annotations

import ipaddress

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest) -> str:
    remote = request.META.get("REMOTE_ADDR", "") or ""
    hops = getattr(settings, "TRUSTED_PROXY_HOPS", 0)
    if hops <= 0:
        return remote
    forwarded = [
        address.strip()
        for address in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        if address.strip()
    ]
    if len(forwarded) < hops:
        # Not through all the trusted proxies (a direct request to an app server): the socket
        # address is the only thing not written by the client.
        return remote
    candidate = forwarded[-hops]
    try:
        return str(ipaddress.ip_address(candidate))
    except ValueError:
        return remote
