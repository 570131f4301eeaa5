"""The Learning Record Store the statements go to, from settings (read from the environment in
`schadeplatform.settings.base`): `XAPI_LRS_URL` and its credentials. No URL → xAPI is off."""

from __future__ import annotations

import hashlib
import hmac
from dataclasses import dataclass

from django.conf import settings

#: The xAPI version this platform speaks (header `X-Experience-API-Version`): 1.0.3, the version
#: every current LRS accepts (2.0.0, IEEE 9274.1.1, is not yet served by all of them).
XAPI_VERSION = "1.0.3"


@dataclass(frozen=True)
class Lrs:
    endpoint: str  # ends with "/": statements are at endpoint + "statements"
    username: str
    password: str

    @property
    def auth(self) -> tuple[str, str] | None:
        return (self.username, self.password) if self.username else None


def lrs() -> Lrs | None:
    """The configured LRS, or None when xAPI is off."""
    url = (getattr(settings, "XAPI_LRS_URL", "") or "").strip()
    if not url:
        return None
    return Lrs(
        endpoint=url.rstrip("/") + "/",
        username=getattr(settings, "XAPI_LRS_USERNAME", "") or "",
        password=getattr(settings, "XAPI_LRS_PASSWORD", "") or "",
    )


def enabled() -> bool:
    return lrs() is not None


def max_attempts() -> int:
    return max(1, int(getattr(settings, "XAPI_MAX_ATTEMPTS", 8)))


def base_url() -> str:
    """The platform's public address: the actor's account homePage and the activities' origin
    (`WAGTAILADMIN_BASE_URL`, as the badges and the CASE links use it)."""
    return settings.WAGTAILADMIN_BASE_URL.rstrip("/")


def actor_key() -> bytes:
    key = getattr(settings, "XAPI_ACTOR_KEY", "") or f"xapi-actor:{settings.SECRET_KEY}"
    return key.encode()


def pseudonym(user_pk: int) -> str:
    """A stable pseudonymous name for a learner: a keyed hash (HMAC-SHA256) of the account's
    key, never the username or e-mail address. The LRS can link a learner's statements to each
    other, but not to a person; the platform, which holds the key, can (for a request of access
    or erasure under the AVG/GDPR)."""
    mac = hmac.new(actor_key(), f"learner:{user_pk}".encode(), hashlib.sha256)
    return mac.hexdigest()[:32]
