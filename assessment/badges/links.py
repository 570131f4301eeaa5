"""Absolute URLs of what a credential names: the issuer profile, the keys, the status list, the
verification page and the profile items' CASE CFItems. Credentials are issued in a task, with no
request, so the base is the setting `BADGES_BASE_URL` (default `WAGTAILADMIN_BASE_URL`, the
platform's public address)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse


def base_url() -> str:
    base = getattr(settings, "BADGES_BASE_URL", "") or settings.WAGTAILADMIN_BASE_URL
    return base.rstrip("/")


def absolute(path: str) -> str:
    return f"{base_url()}{path}"


def issuer_id() -> str:
    return absolute(reverse("badges:issuer"))


def jwks_url() -> str:
    return absolute(reverse("badges:jwks"))


def key_id(kid: str) -> str:
    """The JOSE `kid`: a URI that dereferences to the JWK (OB 3.0 §8.2.3), the JWKS + fragment."""
    return f"{jwks_url()}#{kid}"


def status_list_url(list_id: int = 1) -> str:
    return absolute(reverse("badges:status_list", kwargs={"list_id": list_id}))


def verify_page_url(credential_uuid) -> str:
    return absolute(reverse("badges:verify_page", kwargs={"credential_uuid": credential_uuid}))


def achievement_id(rule_slug: str) -> str:
    return absolute(reverse("badges:achievement", kwargs={"slug": rule_slug}))


def cfitem_url(identifier: str) -> str:
    """The CASE API's CFItem URL (issue #18 item 3, `content.case_framework.links`, its owner)."""
    from content.case_framework.links import cfitem_url as case_cfitem_url

    return case_cfitem_url(base_url(), identifier)
