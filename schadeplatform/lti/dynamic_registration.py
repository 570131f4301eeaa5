"""LTI Dynamic Registration 1.0 (1EdTech, https://www.imsglobal.org/spec/lti-dr/v1p0), on the
django-lti-dynamic-registration add-on (`registration_views.py`: its base view, its way of
making the tool's registration row, its registration document types).

What the add-on leaves open is closed here (docs/decisions.md, "LTI 1.3 Advantage tool"):
- who may register: only the holder of an invitation an administrator made (one use, seven
  days; only its SHA-256 is stored), since the spec's `registration_token` is the platform's
  token for its own endpoint and says nothing about who the platform is;
- the platform's OpenID configuration must come from the issuer's own origin (scheme and host
  equal, path under the issuer's), every endpoint over HTTPS; the add-on compares string
  prefixes, so `https://lms.example` would pass for `https://lms.example.evil.test/...`;
- every request has a timeout; an error is logged, not printed;
- the registration is made inactive: an administrator activates it after checking the issuer
  the admin shows. Its deployment from the platform's answer is made active, as the
  registration's activation approves it; a later deployment id stays inactive (django-lti).
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from dataclasses import dataclass
from datetime import timedelta
from typing import Any
from urllib.parse import urlsplit

import requests
from django.db import transaction
from django.utils import timezone
from lti_tool.models import LtiDeployment, LtiRegistration

from .models import RegistrationInvitation
from .origins import origin_of

logger = logging.getLogger(__name__)

INVITATION_VALID_FOR = timedelta(days=7)
TIMEOUT_SECONDS = 10
TOOL_NAME = "Schademanager-platform"
TOOL_CONFIGURATION = "https://purl.imsglobal.org/spec/lti-tool-configuration"
# What the tool asks: scores to the gradebook with its columns (AGS), the course roster (NRPS).
SCOPES = [
    "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
    "https://purl.imsglobal.org/spec/lti-ags/scope/score",
    "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
]
CLAIMS = ["iss", "sub", "name", "given_name", "family_name", "email"]


class RegistrationRefused(Exception):
    """The invitation, the platform's configuration or its answer does not do."""


# --- invitations --------------------------------------------------------------------------


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def invitation_new(*, name: str, by) -> tuple[RegistrationInvitation, str]:
    """An invitation for the platform `name`, and its token (shown once, stored as a hash)."""
    token = secrets.token_urlsafe(32)
    invitation = RegistrationInvitation.objects.create(
        name=name,
        token_hash=_digest(token),
        created_by=by,
        expires_at=timezone.now() + INVITATION_VALID_FOR,
    )
    return invitation, token


def open_invitation(token: str) -> RegistrationInvitation | None:
    """The unused, unexpired invitation of `token`; None otherwise."""
    return RegistrationInvitation.objects.filter(
        token_hash=_digest(token), used_at__isnull=True, expires_at__gt=timezone.now()
    ).first()


# --- the platform's configuration -----------------------------------------------------------


def _https_url(value: Any) -> bool:
    parts = urlsplit(value if isinstance(value, str) else "")
    return parts.scheme == "https" and bool(parts.netloc)


def check_openid_configuration(url: str, config: Any) -> dict[str, Any]:
    """The platform's OpenID configuration when it is the issuer's own and complete."""
    if not isinstance(config, dict):
        raise RegistrationRefused("no JSON object")
    issuer = config.get("issuer")
    keys = ("issuer", "authorization_endpoint", "token_endpoint", "jwks_uri")
    if not all(_https_url(config.get(k)) for k in (*keys, "registration_endpoint")):
        raise RegistrationRefused("an endpoint is missing or not HTTPS")
    origin, given = urlsplit(issuer), urlsplit(url)
    if (given.scheme, given.netloc.lower()) != (origin.scheme, origin.netloc.lower()):
        raise RegistrationRefused("the configuration is not on the issuer's host")
    if not given.path.startswith(origin.path.rstrip("/") + "/") and given.path != origin.path:
        raise RegistrationRefused("the configuration is not under the issuer's path")
    return config


MAX_ANSWER_BYTES = 256_000


def _bounded(answer: requests.Response) -> None:
    """Refuse a redirect or an answer larger than any configuration or registration is."""
    if answer.is_redirect:
        raise RegistrationRefused(f"redirected to {answer.headers.get('Location', '')!r}")
    if len(answer.content) > MAX_ANSWER_BYTES:
        raise RegistrationRefused("the answer is too large")


def fetch_openid_configuration(url: str, registration_token: str | None) -> dict[str, Any]:
    if not _https_url(url):
        raise RegistrationRefused("openid_configuration is not an HTTPS URL")
    headers = {"Authorization": f"Bearer {registration_token}"} if registration_token else {}
    try:
        # No redirects: the issuer's host was checked for this URL, not for where it points.
        answer = requests.get(url, headers=headers, timeout=TIMEOUT_SECONDS, allow_redirects=False)
        _bounded(answer)
        answer.raise_for_status()
        return check_openid_configuration(url, answer.json())
    except (requests.RequestException, ValueError) as exc:
        raise RegistrationRefused(f"configuration: {exc}") from exc


def issuer_origin(config: dict[str, Any]) -> str:
    """The issuer's origin for the page's frame-ancestors; the configuration is refused when
    its issuer has none (`origins.origin_of`)."""
    origin = origin_of(config["issuer"])
    if origin is None:
        raise RegistrationRefused("the issuer is not a plain HTTPS origin")
    return origin


# --- the registration -------------------------------------------------------------------------


def post_registration(
    config: dict[str, Any], document: dict[str, Any], registration_token: str | None
) -> tuple[str, str]:
    """POST the document to the platform's registration endpoint: its client id and the
    deployment id it may give (LTI-DR §3.6)."""
    headers = {"Authorization": f"Bearer {registration_token}"} if registration_token else {}
    try:
        answer = requests.post(
            config["registration_endpoint"],
            json=document,
            headers=headers,
            timeout=TIMEOUT_SECONDS,
            allow_redirects=False,
        )
        _bounded(answer)
        answer.raise_for_status()
        body = answer.json()
        client_id = str(body["client_id"])
    except (requests.RequestException, ValueError, KeyError, TypeError) as exc:
        raise RegistrationRefused(f"registration endpoint: {exc}") from exc
    tool_configuration = body.get(TOOL_CONFIGURATION) or {}
    deployment_id = (
        tool_configuration.get("deployment_id") if isinstance(tool_configuration, dict) else None
    )
    return client_id, str(deployment_id or "")


@dataclass(frozen=True)
class Registered:
    registration: LtiRegistration
    deployment: LtiDeployment | None


def registration_finish(
    *,
    invitation: RegistrationInvitation,
    config: dict[str, Any],
    make_registration,
    register_in_platform,
) -> Registered:
    """Make the (inactive) registration, register the tool at the platform with its login URL,
    record the platform's client id and deployment, and use up the invitation; all or nothing.
    `make_registration(config)` and `register_in_platform(registration)` are the view's (the
    add-on's row and the document with our URLs)."""
    with transaction.atomic():
        locked = RegistrationInvitation.objects.select_for_update().get(pk=invitation.pk)
        if locked.used_at is not None:
            raise RegistrationRefused("invitation already used")
        registration = make_registration(config)
        registration.is_active = False
        registration.save(update_fields=["is_active"])
        client_id, deployment_id = register_in_platform(registration)
        if LtiRegistration.objects.filter(issuer=registration.issuer, client_id=client_id).exists():
            raise RegistrationRefused("this platform registered this client id already")
        registration.client_id = client_id
        registration.save(update_fields=["client_id"])
        deployment = None
        if deployment_id:
            deployment = LtiDeployment.objects.create(
                registration=registration, deployment_id=deployment_id, is_active=True
            )
        locked.used_at = timezone.now()
        locked.registration = registration
        locked.save(update_fields=["used_at", "registration"])
    logger.info("LTI: platform %s geregistreerd (inactief), %s", registration.issuer, client_id)
    return Registered(registration, deployment)
