"""Stable identifiers of the competence profile's items for other systems (issue #18).

The profile as a CASE 1.1 package (CFDocument, CFItems, CFAssociations), the Open Badges 3.0
achievements' alignments, the lessons and the xAPI statements all name a profile item by the
same identifier: a UUID (CASE asks for one) derived by name (RFC 9562, version 5) from the item's
stable key, so it is the same on every installation and never changes when a row is re-imported
or renamed. The keys are `assessment.scoring.competence`'s (their one owner): the core task's
and work processes' codes, the knowledge items', competence areas' and trade-offs' slugs.

No Django here: pure, importable from anywhere without a cycle.
"""

from __future__ import annotations

import uuid

# The profile this package describes (Beroepscompetentieprofiel Schademanager, SBS, 2022): a
# new edition of the profile gets a new namespace, so its identifiers are new too.
PROFILE_KEY = "schademanager-bcp-2022"
NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, f"urn:schadeplatform:profile:{PROFILE_KEY}")

#: The kinds of profile item, as a CASE CFItemType names them (Dutch, the profile's words).
KINDS = {
    "document": "Beroepscompetentieprofiel",
    "core_task": "Kerntaak",
    "work_process": "Werkproces",
    "knowledge_item": "Vakkennis en vaardigheden",
    "competence_area": "Competentiegebied",
    "trade_off": "Kenmerkende afweging",
}


def identifier(kind: str, key: str) -> str:
    """The item's identifier: `identifier("work_process", "1.2")`,
    `identifier("knowledge_item", "wielophanging")`, `identifier("document", PROFILE_KEY)`."""
    if kind not in KINDS:
        raise ValueError(f"unknown profile item kind {kind!r}")
    return str(uuid.uuid5(NAMESPACE, f"{kind}:{key}"))


def document_identifier() -> str:
    return identifier("document", PROFILE_KEY)


def association_identifier(kind: str, origin: str, destination: str) -> str:
    """An association's identifier, from its type and the two items' identifiers."""
    return str(uuid.uuid5(NAMESPACE, f"association:{kind}:{origin}:{destination}"))


#: The field of a profile row (content.models.profile) that holds its stable key, per kind.
KEY_FIELDS = {
    "core_task": "code",
    "work_process": "code",
    "knowledge_item": "slug",
    "competence_area": "slug",
    "trade_off": "slug",
}


def row_identifier(kind: str, row: object) -> str | None:
    """The identifier of a profile row (a CoreTask, WorkProcess, …) from its stable key; None
    for a row without one (a knowledge item an editor added without a slug): such a row has no
    identifier another system could keep, so it is not published as a CFItem."""
    key = getattr(row, KEY_FIELDS[kind])
    return identifier(kind, key) if key else None
