"""The competence profile as a CASE framework: items and associations as plain data (pure).

Which associations the package holds (content/README.md, "The profile as CASE 1.1"):

- **isChildOf**, the profile's own structure (seed/bcp-schademanager-2022.txt): the core task
  is a child of the document; its work processes ("Werkprocessen bij kerntaak 1"), its
  knowledge items ("Vakkennis en vaardigheden Kerntaak 1") and its competence areas
  ("Competenties die nodig zijn om kerntaak 1 goed uit te voeren") are children of the core
  task; the trade-offs ("Kenmerkende afwegingen voor de schademanager", under the profession's
  typical attitude, not under a core task) are children of the document.
- **isRelatedTo**, the platform's reading of the profile: a knowledge item, a competence area
  or a trade-off is related to a work process when a workflow check
  (`assessment.workflow_checks.CHECKS`, their one owner) names them together; the
  association's notes name those checks. The profile itself ties knowledge items to the core
  task only, so these are the platform's ties, and say so.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from content.case_identifiers import (
    association_identifier,
    document_identifier,
)

IS_CHILD_OF = "isChildOf"
IS_RELATED_TO = "isRelatedTo"

# The document as the seed names it (content.profile_seed.SOURCE; a test keeps them equal).
PROFILE_TITLE = "Beroepscompetentieprofiel Schademanager"
PROFILE_CREATOR = "Stichting Branchenormering Schadeherstel"
PROFILE_ADOPTED = date(2022, 7, 7)
PROFILE_VERSION = "2022"
LANGUAGE = "nl"


@dataclass(frozen=True)
class FrameworkItem:
    """One profile row as a CFItem: its words are the profile's (Dutch)."""

    identifier: str
    kind: str  # a key of content.case_identifiers.KINDS
    code: str  # humanCodingScheme: "1.2", "K07", or the slug where the profile has no code
    title: str  # Dutch, the profile's words
    title_en: str  # the platform's English name, "" when none
    notes: str  # the profile's longer text: a work process's description and result, …
    sort_order: int
    changed: datetime
    parent: str  # identifier of the item's parent (the document's for the core task)


@dataclass(frozen=True)
class FrameworkAssociation:
    identifier: str
    kind: str  # IS_CHILD_OF or IS_RELATED_TO
    origin: str  # identifier of the origin item
    destination: str  # identifier of the destination item or the document
    sequence: int | None
    notes: str
    changed: datetime


@dataclass(frozen=True)
class Framework:
    items: tuple[FrameworkItem, ...]
    associations: tuple[FrameworkAssociation, ...]
    document_changed: datetime
    identifier: str = field(default_factory=document_identifier)

    def item(self, identifier: str) -> FrameworkItem | None:
        return next((i for i in self.items if i.identifier == identifier), None)

    def association(self, identifier: str) -> FrameworkAssociation | None:
        return next((a for a in self.associations if a.identifier == identifier), None)

    def associations_of(self, identifier: str) -> list[FrameworkAssociation]:
        return [a for a in self.associations if identifier in (a.origin, a.destination)]

    def title_of(self, identifier: str) -> str:
        if identifier == self.identifier:
            return PROFILE_TITLE
        item = self.item(identifier)
        return item.title if item else ""


def _child_associations(items: Sequence[FrameworkItem]) -> list[FrameworkAssociation]:
    return [
        FrameworkAssociation(
            identifier=association_identifier(IS_CHILD_OF, item.identifier, item.parent),
            kind=IS_CHILD_OF,
            origin=item.identifier,
            destination=item.parent,
            sequence=item.sort_order,
            notes="",
            changed=item.changed,
        )
        for item in items
    ]


def _related_associations(
    items: Sequence[FrameworkItem],
    checks: Mapping[str, tuple[str, str, str, tuple[str, ...], tuple[str, ...]]],
    keys: Mapping[tuple[str, str], str],
) -> list[FrameworkAssociation]:
    """item → work process for every (knowledge item | area | trade-off, work process) that a
    workflow check names together; `keys` maps (kind, stable key) to an item's identifier."""
    by_identifier = {item.identifier: item for item in items}
    found: dict[tuple[str, str], list[str]] = {}
    for title, process, area_key, knowledge, trade_offs in checks.values():
        destination = keys.get(("work_process", process))
        origins = [keys.get(("competence_area", area_key))]
        origins += [keys.get(("knowledge_item", key)) for key in knowledge]
        origins += [keys.get(("trade_off", key)) for key in trade_offs]
        for origin in origins:
            if origin and destination:
                found.setdefault((origin, destination), []).append(title)
    associations = []
    for (origin, destination), titles in sorted(found.items()):
        changed = max(by_identifier[origin].changed, by_identifier[destination].changed)
        associations.append(
            FrameworkAssociation(
                identifier=association_identifier(IS_RELATED_TO, origin, destination),
                kind=IS_RELATED_TO,
                origin=origin,
                destination=destination,
                sequence=None,
                notes="Samen getoetst in de werkprocescontrole(s) van het platform: "
                + "; ".join(titles),
                changed=changed,
            )
        )
    return associations


def framework_build(
    items: Iterable[FrameworkItem],
    *,
    keys: Mapping[tuple[str, str], str],
    checks: Mapping[str, tuple[str, str, str, tuple[str, ...], tuple[str, ...]]],
    fallback_changed: datetime,
) -> Framework:
    """The framework from its items (in the profile's order), the (kind, key) → identifier map
    and the workflow checks; `fallback_changed` dates an empty profile."""
    items = tuple(items)
    associations = _child_associations(items) + _related_associations(items, checks, keys)
    changed = max((item.changed for item in items), default=fallback_changed)
    return Framework(items=items, associations=tuple(associations), document_changed=changed)
