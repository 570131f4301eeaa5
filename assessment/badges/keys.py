"""The platform's signing keys: RSA 2048 for RS256, the algorithm every OB 3.0 verifier must
support (OB 3.0 §8.2.3). The newest active key signs; `rotate()` retires it and makes a new one,
and every key, retired or not, stays in the published JWKS so old credentials still verify."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from joserfc.jwk import RSAKey

from assessment.models import SigningKey


def _new_key() -> SigningKey:
    key = RSAKey.generate_key(2048, private=True)
    kid = key.thumbprint()
    public = key.as_dict(private=False)
    public.update(kid=kid, alg="RS256", use="sig")
    return SigningKey.objects.create(
        kid=kid, private_jwk=key.as_dict(private=True), public_jwk=public
    )


def signing_key() -> SigningKey:
    """The key that signs now (made on first use)."""
    with transaction.atomic():
        key = SigningKey.objects.filter(retired_at__isnull=True).order_by("-created_at").first()
        return key or _new_key()


def rotate() -> SigningKey:
    """Retire the signing key(s) and make a new one; the old stay published."""
    with transaction.atomic():
        SigningKey.objects.filter(retired_at__isnull=True).update(retired_at=timezone.now())
        return _new_key()


def private_key(key: SigningKey) -> RSAKey:
    return RSAKey.import_key(key.private_jwk)


def public_key(kid: str) -> RSAKey | None:
    row = SigningKey.objects.filter(kid=kid).first()
    return RSAKey.import_key(row.public_jwk) if row else None


def jwks() -> dict:
    """The JSON Web Key Set: every key's public half, never a private member."""
    keys = [dict(row.public_jwk) for row in SigningKey.objects.order_by("created_at", "pk")]
    for key in keys:
        assert "d" not in key, "a private key member in the JWKS"
    return {"keys": keys}
