"""VC-JWT (OB 3.0 §8.2, "JSON Web Token Proof Format") with joserfc: the JWT payload is the
credential itself plus the registered claims `iss`, `jti`, `nbf`, `sub` (and `exp` when the
credential has `validUntil`); the JOSE header is `alg` RS256, `kid` (a URI of the key in the
JWKS) and `typ` JWT — no other header."""

from __future__ import annotations

import json
from datetime import datetime

from joserfc import jws

from assessment.models import SigningKey

from .keys import private_key
from .links import key_id

ALGORITHMS = ["RS256"]


def _numeric_date(value: str) -> int:
    return int(datetime.fromisoformat(value.replace("Z", "+00:00")).timestamp())


def jwt_claims(credential: dict) -> dict:
    """The payload: the credential with the registered claims derived from it."""
    claims = dict(credential)
    issuer = credential["issuer"]
    claims["iss"] = issuer["id"] if isinstance(issuer, dict) else issuer
    claims["jti"] = credential["id"]
    claims["nbf"] = _numeric_date(credential["validFrom"])
    subject = credential.get("credentialSubject") or {}
    if subject.get("id"):
        claims["sub"] = subject["id"]
    if credential.get("validUntil"):
        claims["exp"] = _numeric_date(credential["validUntil"])
    return claims


REGISTERED_CLAIMS = ("iss", "jti", "nbf", "sub", "exp")


def credential_of_claims(claims: dict) -> dict:
    return {name: value for name, value in claims.items() if name not in REGISTERED_CLAIMS}


def sign(credential: dict, key: SigningKey) -> str:
    header = {"alg": "RS256", "kid": key_id(key.kid), "typ": "JWT"}
    payload = json.dumps(jwt_claims(credential), ensure_ascii=False, separators=(",", ":"))
    return jws.serialize_compact(header, payload.encode(), private_key(key), algorithms=ALGORITHMS)
