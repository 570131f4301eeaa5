"""Revocation through a W3C Bitstring Status List v1.0 (statusPurpose "revocation"): each
credential has an index; the list is a bitstring of at least 131,072 bits (16 KB, the spec's
minimum for herd privacy), GZIP-compressed and base64url-encoded as a multibase string
("u" prefix). Bit 0 is the left-most bit of the first byte (§4 "Bitstring Encoding"). The list
is itself a credential (BitstringStatusListCredential), signed like the badges."""

from __future__ import annotations

import base64
import gzip

from django.db.models import Max
from django.utils import timezone

from assessment.models import IssuedCredential

from .keys import signing_key
from .links import issuer_id, status_list_url
from .signing import sign

MIN_BITS = 131_072
LIST_ID = 1


def encode(revoked: set[int], size: int = MIN_BITS) -> str:
    size = max(size, MIN_BITS, (max(revoked) + 1) if revoked else 0)
    bits = bytearray((size + 7) // 8)
    for index in revoked:
        bits[index // 8] |= 0x80 >> (index % 8)
    compressed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(compressed).decode().rstrip("=")


def decode(encoded: str) -> bytes:
    if not encoded.startswith("u"):
        raise ValueError("not a base64url multibase string")
    text = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(text + "=" * (-len(text) % 4)))


def is_set(encoded: str, index: int) -> bool:
    bits = decode(encoded)
    if index < 0 or index // 8 >= len(bits):
        raise ValueError("status index outside the list")
    return bool(bits[index // 8] & (0x80 >> (index % 8)))


def next_index() -> int:
    """The next free index (indexes are never reused; the unique constraint guards a race)."""
    top = IssuedCredential.objects.aggregate(top=Max("status_index"))["top"]
    return 0 if top is None else top + 1


def entry(index: int) -> dict:
    """The credential's `credentialStatus`."""
    url = status_list_url(LIST_ID)
    return {
        "id": f"{url}#{index}",
        "type": "BitstringStatusListEntry",
        "statusPurpose": "revocation",
        "statusListIndex": str(index),
        "statusListCredential": url,
    }


def status_list_credential() -> dict:
    revoked = set(
        IssuedCredential.objects.filter(revoked_at__isnull=False).values_list(
            "status_index", flat=True
        )
    )
    url = status_list_url(LIST_ID)
    return {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": timezone.now().replace(microsecond=0).isoformat().replace("+00:00", "Z"),
        "credentialSubject": {
            "id": f"{url}#list",
            "type": "BitstringStatusList",
            "statusPurpose": "revocation",
            "encodedList": encode(revoked),
        },
    }


def signed_status_list() -> str:
    return sign(status_list_credential(), signing_key())
