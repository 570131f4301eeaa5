"""Checking a credential as anyone can: the VC-JWT's signature against the published key its
`kid` names, the registered claims against the credential, the validity period, the status list
(revocation) and the OB 3.0 JSON schema. A credential handed in as JSON (without its JWS) counts
only when it is exactly the payload of a credential this platform signed (the issuer's copy);
a copy that differs is refused and nothing of it is shown or looked up further.

Whatever is handed in is anyone's: JSON is read by the platform's one JSON reader with its
limits (`schadeplatform.json_guard`), a JWS is parsed by joserfc, and every refusal is a Dutch
check in the result, never an exception."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import cache
from pathlib import Path

from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext as _
from joserfc import jws
from joserfc.errors import JoseError

from assessment.models import IssuedCredential
from schadeplatform import json_guard

from . import status_list
from .keys import public_key
from .links import jwks_url
from .signing import ALGORITHMS, REGISTERED_CLAIMS, credential_of_claims, jwt_claims

SCHEMA_FILE = Path(__file__).parent / "vendor" / "ob_v3p0_achievementcredential_schema.json"


@cache
def schema_validator():
    from jsonschema import Draft201909Validator

    schema = json.loads(SCHEMA_FILE.read_text())
    return Draft201909Validator(schema)


def schema_errors(credential: dict) -> list[str]:
    return [
        f"{'/'.join(str(p) for p in error.absolute_path) or '(root)'}: {error.message}"
        for error in schema_validator().iter_errors(credential)
    ]


@dataclass
class Check:
    name: str
    ok: bool
    message: str


@dataclass
class Verification:
    checks: list[Check] = field(default_factory=list)
    credential: dict | None = None
    revoked: bool = False
    revoked_reason: str = ""
    expired: bool = False

    @property
    def valid(self) -> bool:
        return bool(self.checks) and all(check.ok for check in self.checks)

    def add(self, name: str, ok: bool, message: str) -> bool:
        self.checks.append(Check(name, ok, message))
        return ok

    def as_json(self) -> dict:
        return {
            "valid": self.valid,
            "revoked": self.revoked,
            "revoked_reason": self.revoked_reason,
            "expired": self.expired,
            "checks": [check.__dict__ for check in self.checks],
            "credential": self.credential,
        }


def _moment(value: str) -> datetime:
    return datetime.fromisoformat(value.replace("Z", "+00:00")).astimezone(UTC)


def _signature(token: str, result: Verification) -> dict | None:
    try:
        obj = jws.extract_compact(token.encode())
        header = obj.headers()
    except (JoseError, ValueError, TypeError):
        result.add("format", False, _("Dit is geen ondertekende credential (VC-JWT)."))
        return None
    kid = str(header.get("kid", ""))
    prefix = f"{jwks_url()}#"
    key = public_key(kid.removeprefix(prefix)) if kid.startswith(prefix) else None
    if header.get("alg") not in ALGORITHMS or key is None:
        result.add("key", False, _("De sleutel waarmee is ondertekend is niet van deze uitgever."))
        return None
    try:
        verified = jws.deserialize_compact(token.encode(), key, algorithms=ALGORITHMS)
    except (JoseError, ValueError):
        result.add("signature", False, _("De handtekening klopt niet: de inhoud is gewijzigd."))
        return None
    result.add("signature", True, _("De handtekening van de uitgever klopt."))
    try:
        claims = json.loads(verified.payload)
    except ValueError:
        claims = None
    if not isinstance(claims, dict):
        result.add("format", False, _("De inhoud is geen JSON-object."))
        return None
    credential = credential_of_claims(claims)
    expected = jwt_claims(credential)
    same = all(claims.get(name) == expected.get(name) for name in REGISTERED_CLAIMS)
    result.add(
        "claims",
        same,
        _("De JWT-gegevens komen overeen met de credential.")
        if same
        else _("De JWT-gegevens wijken af van de credential."),
    )
    return credential


def _issued_copy(credential: dict) -> IssuedCredential | None:
    credential_id = str(credential.get("id", ""))
    if not credential_id.startswith("urn:uuid:") or len(credential_id) != 45:
        return None
    try:
        return IssuedCredential.objects.filter(uuid=credential_id[9:]).first()
    except (ValueError, TypeError, ValidationError):
        return None


def verify(submitted: str | dict) -> Verification:
    """Verify a compact JWS, or a credential's JSON (checked against the issuer's signed copy)."""
    result = Verification()
    if isinstance(submitted, str):
        text = submitted.strip()
        if not text.startswith(("{", "[")):
            credential = _signature(text, result)
            if credential is None:
                return result
            return _contents(credential, result)
        try:
            submitted = json_guard.loads(text, path="credential")
        except json_guard.JsonRefused as refused:
            result.add("format", False, refused.errors[0]["message"])
            return result
    if not isinstance(submitted, dict):
        result.add("format", False, _("Dit is geen credential."))
        return result
    row = _issued_copy(submitted)
    if row is None:
        result.add("issued", False, _("Deze credential is niet door dit platform uitgegeven."))
        return result
    signed = _signature(row.jws, result)
    if signed is None:
        return result
    if signed != submitted:
        # Changed: neither shown nor looked into (its status index, say, could name another
        # credential's place in the list).
        result.add(
            "issued", False, _("Wijkt af van het ondertekende exemplaar: de inhoud is gewijzigd.")
        )
        return result
    result.add("issued", True, _("Gelijk aan het ondertekende exemplaar van de uitgever."))
    return _contents(submitted, result)


def _contents(credential: dict, result: Verification) -> Verification:
    result.credential = credential
    errors = schema_errors(credential)
    result.add(
        "schema",
        not errors,
        _("Voldoet aan het Open Badges 3.0-schema.")
        if not errors
        else _("Voldoet niet aan het Open Badges 3.0-schema: %(errors)s")
        % {"errors": "; ".join(errors[:3])},
    )
    now = timezone.now()
    try:
        started = _moment(credential["validFrom"]) <= now
        until = credential.get("validUntil")
        result.expired = bool(until) and _moment(until) < now
    except (KeyError, ValueError, TypeError):
        started, result.expired = False, False
    result.add(
        "validity",
        started and not result.expired,
        _("Verlopen.")
        if result.expired
        else (_("Geldig.") if started else _("Nog niet geldig of zonder geldige datum.")),
    )
    _revocation(credential, result)
    return result


def _revocation(credential: dict, result: Verification) -> None:
    status = credential.get("credentialStatus")
    if (
        not isinstance(status, dict)
        or status.get("statusListCredential") != status_list.entry(0)["statusListCredential"]
    ):
        result.add("status", False, _("Geen statuslijst van deze uitgever."))
        return
    try:
        index = int(status["statusListIndex"])
        listed = status_list.status_list_credential()["credentialSubject"]["encodedList"]
        result.revoked = status_list.is_set(listed, index)
    except (KeyError, ValueError, TypeError):
        result.add("status", False, _("De plaats in de statuslijst is ongeldig."))
        return
    if result.revoked:
        # The reason is the credential's own: its row, found by its id, at this index.
        row = _issued_copy(credential)
        result.revoked_reason = row.revoked_reason if row and row.status_index == index else ""
        result.add("status", False, _("Ingetrokken door de uitgever."))
    else:
        result.add("status", True, _("Niet ingetrokken."))
