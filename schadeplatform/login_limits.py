"""Failed logins bounded per client address, apart from django-axes' lockout per username and
address.

Axes locks a username only together with the address it was tried from
(`AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]`): an attacker elsewhere cannot lock a
user out. Keyed on the pair alone, one address could try five passwords on every username; this
backend (in AUTHENTICATION_BACKENDS in axes' place, doing axes' work too) also refuses every
login from an address with `LOGIN_FAILURES_PER_IP` failed logins within axes' cool-off time.
The bound is well above what a classroom behind one address produces by typos, and the answer is
axes' lockout answer (429, `schadeplatform.error_views.lockout`).
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from axes.exceptions import AxesBackendPermissionDenied
from axes.helpers import get_cool_off, get_credentials
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import Sum
from django.utils import timezone

from .client_ip import client_ip


def failures_from(request, address: str) -> int:
    """Failed logins recorded by axes for `address`, over all usernames, within the cool-off."""
    attempts = AccessAttempt.objects.filter(ip_address=address)
    cool_off = get_cool_off(request)
    if cool_off is not None:
        attempts = attempts.filter(attempt_time__gte=timezone.now() - cool_off)
    total = attempts.aggregate(total=Sum("failures_since_start"))["total"]
    return total or 0


class LoginLimitBackend(AxesStandaloneBackend):
    def authenticate(self, request, username=None, password=None, **kwargs):
        if (
            request is not None
            and settings.AXES_ENABLED
            and failures_from(request, client_ip(request)) >= settings.LOGIN_FAILURES_PER_IP
        ):
            # As axes does for a locked-out pair: its middleware turns the flag into the answer.
            request.axes_locked_out = True
            request.axes_credentials = get_credentials(username=username, **kwargs)
            raise AxesBackendPermissionDenied("Too many failed logins from this address")
        return super().authenticate(request, username=username, password=password, **kwargs)
