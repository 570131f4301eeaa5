"""What the verification page shows of a credential's JSON (from the JSON, so a pasted
credential is shown as it is, never from our rows)."""

from __future__ import annotations

from datetime import datetime
from typing import Any


def _moment(value: Any) -> datetime | str:
    """A date of the credential as a datetime for the page's date format; as given if odd."""
    if not isinstance(value, str):
        return ""
    try:
        return datetime.fromisoformat(value.replace("Z", "+00:00"))
    except ValueError:
        return value


def summary(credential: dict | None) -> dict[str, Any] | None:
    if not isinstance(credential, dict):
        return None
    subject = credential.get("credentialSubject") or {}
    achievement = subject.get("achievement") or {}
    issuer = credential.get("issuer") or {}
    descriptions = {
        row.get("id"): row
        for row in achievement.get("resultDescription") or []
        if isinstance(row, dict)
    }
    results = []
    for result in subject.get("result") or []:
        if not isinstance(result, dict):
            continue
        description = descriptions.get(result.get("resultDescription")) or {}
        levels = {
            level.get("id"): level.get("name")
            for level in description.get("rubricCriterionLevel") or []
            if isinstance(level, dict)
        }
        results.append(
            {
                "name": description.get("name", ""),
                "value": result.get("value", ""),
                "level": levels.get(result.get("achievedLevel"), ""),
            }
        )
    return {
        "name": achievement.get("name") or credential.get("name", ""),
        "description": achievement.get("description", ""),
        "issuer": issuer.get("name", "") if isinstance(issuer, dict) else str(issuer),
        "valid_from": _moment(credential.get("validFrom")),
        "valid_until": _moment(credential.get("validUntil")),
        "results": results,
        "alignments": [
            {"name": row.get("targetName", ""), "url": row.get("targetUrl", "")}
            for row in achievement.get("alignment") or []
            if isinstance(row, dict)
        ],
    }


def email_matches(credential: dict | None, email: str) -> bool | None:
    """Whether the earner's hashed e-mail address (IdentityObject) is `email`; None when the
    credential names no e-mail address or no address was given."""
    from .credential import identity_hash

    if not isinstance(credential, dict) or not email.strip():
        return None
    subject = credential.get("credentialSubject") or {}
    rows = [
        row
        for row in subject.get("identifier") or []
        if isinstance(row, dict) and row.get("identityType") == "emailAddress"
    ]
    if not rows:
        return None
    return any(
        row.get("identityHash") == identity_hash(email, str(row.get("salt", ""))) for row in rows
    )
