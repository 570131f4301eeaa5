"""The tool's signing keys (django-lti's `Key`): the JWKS publishes every active key; the
newest signs. `manage.py rotate_keys --deactivate-after N` (django-lti) adds a key and retires
keys older than N days, so an old key stays published until it is retired."""

from __future__ import annotations

from lti_tool.models import Key


def ensure_signing_key() -> Key:
    """The key that signs now; one is made when there is none (a fresh install)."""
    key = Key.objects.active().order_by("-datetime_created").first()
    return key if key is not None else Key.objects.generate()
