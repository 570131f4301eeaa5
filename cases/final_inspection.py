"""The final inspection (1.4 afleveren) read as data: the case's hidden list, the findings the
inspection reveals, and how a trainee's own lines name them. Pure functions, no database.

The case's `delivery_checklist` is hidden from the trainee until their attempt is delivered: the
trainee writes their own list, which is scored against it. Each hidden item says what counts as
naming it (`match`): alternatives, each one or more word stems that must all occur in one line
of the trainee's list (lower case, accents dropped, substrings: "kalibr rapport" is named by
"Kalibratierapport van de camera" and by "rapport kalibratie in dossier"). An item written as a
bare string (the shape before issue #16) is named by a line that holds two of its long words.

`delivery_findings` are problems the inspection reveals by a photo or a report (a colour mismatch,
a warning light, a missing report). The trainee records them at the inspection (free lines,
matched as above) and decides: rework (the workshop does what the trainee describes; a finding
is resolved when it was recorded at the last inspection before the rework and the work
described matches its `rework_match`) or delivery. Nothing of the hidden data is written into
the trainee's events: the matching is done again wherever it is needed.

One text, several findings (review of issue #16, finding 7): a recorded line or a rework text may
name more than one finding ("foutcodes uitlezen; kalibratierapport opvragen" fixes two), but a
word of it counts for one finding only. A word that holds a stem of two findings' named
alternatives is contested and counts for neither; a finding is named when one of its
alternatives is named by uncontested words (`names_apart`). So "Kalibratierapport bij de dealer
opvragen" resolves the missing report, never the warning light through the shared "kalibr".
Stems that are generic in a workshop (sensor, melding, rapport, kalibr) appear in a finding's
`match`/`rework_match` only in a combination of two stems ("kalibr rapport", "stekker radar"):
"parkeersensoren getest" does not record a warning light, "uitlijnrapport" no missing
calibration report.
"""

from __future__ import annotations

import re
import unicodedata
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

# Event kinds by value (cases.timeline.EventKind; no Django import here).
FINAL_INSPECTION_DONE = "final_inspection_done"
REWORK_DONE = "rework_done"
VEHICLE_DELIVERED = "vehicle_delivered"

# At least this share of the hidden items must be named (and every critical one) to pass.
PASS_SHARE_NUMERATOR, PASS_SHARE_DENOMINATOR = 3, 4
_LEGACY_WORD_LENGTH = 6


class EventLike(Protocol):
    kind: str
    data: dict
    refused: bool


@dataclass(frozen=True)
class HiddenItem:
    item: str
    match: tuple[str, ...]
    critical: bool


@dataclass(frozen=True)
class Finding:
    key: str
    item: str  # the finding as a professional records it (feedback only)
    observation: str
    match: tuple[str, ...]
    critical: bool
    rework: str
    rework_match: tuple[str, ...]
    after_rework: str
    photo: dict[str, Any] | None


def normalise(text: str) -> str:
    """Lower case, accents dropped, anything but letters and digits a space."""
    plain = unicodedata.normalize("NFKD", str(text or "")).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", " ", plain.lower()).strip()


def _legacy_terms(text: str) -> tuple[str, ...]:
    words = [w for w in normalise(text).split() if len(w) >= _LEGACY_WORD_LENGTH]
    stems = [w[:_LEGACY_WORD_LENGTH] for w in words]
    if len(stems) < 2:
        return tuple(stems)
    return tuple(f"{a} {b}" for i, a in enumerate(stems) for b in stems[i + 1 :])


def read_items(raw: Any) -> list[HiddenItem]:
    """The case's hidden list, new shape or bare strings."""
    items = []
    for entry in raw or []:
        if isinstance(entry, dict):
            text = str(entry.get("item") or "")
            terms = tuple(str(m) for m in entry.get("match") or []) or _legacy_terms(text)
            items.append(HiddenItem(text, terms, bool(entry.get("critical"))))
        elif str(entry).strip():
            items.append(HiddenItem(str(entry), _legacy_terms(str(entry)), False))
    return items


def read_findings(raw: Any) -> list[Finding]:
    findings = []
    for index, entry in enumerate(raw or []):
        if not isinstance(entry, dict):
            continue
        findings.append(
            Finding(
                key=str(entry.get("key") or f"finding-{index}"),
                item=str(entry.get("item") or entry.get("observation") or ""),
                observation=str(entry.get("observation") or ""),
                match=tuple(str(m) for m in entry.get("match") or []),
                critical=bool(entry.get("critical")),
                rework=str(entry.get("rework") or ""),
                rework_match=tuple(str(m) for m in entry.get("rework_match") or []),
                after_rework=str(entry.get("after_rework") or ""),
                photo=entry.get("photo") if isinstance(entry.get("photo"), dict) else None,
            )
        )
    return findings


def line_names(terms: Iterable[str], line: str) -> bool:
    """Whether one line names what `terms` describe: every stem of one alternative in it."""
    text = normalise(line)
    for alternative in terms:
        stems = normalise(alternative).split()
        if stems and all(stem in text for stem in stems):
            return True
    return False


def _named_places(terms: Iterable[str], words: Sequence[str]) -> list[list[set[int]]]:
    """For each alternative of `terms` that the words name: per stem, the words holding it."""
    named = []
    for alternative in terms:
        stems = normalise(alternative).split()
        places = [{i for i, word in enumerate(words) if stem in word} for stem in stems]
        if places and all(places):
            named.append(places)
    return named


def names_apart(terms_by_key: dict[Any, tuple[str, ...]], text: str) -> set[Any]:
    """The keys whose terms `text` names by words that no other key's named terms use: a word
    holding stems of two keys is contested and counts for neither."""
    words = normalise(text).split()
    named = {key: _named_places(terms, words) for key, terms in terms_by_key.items()}
    claims = Counter(
        index
        for alternatives in named.values()
        for index in {i for places in alternatives for place in places for i in place}
    )
    contested = {index for index, count in claims.items() if count > 1}
    return {
        key
        for key, alternatives in named.items()
        if any(all(place - contested for place in places) for places in alternatives)
    }


def naming_line(terms: Iterable[str], lines: Sequence[str]) -> str | None:
    """The first of `lines` that names `terms`, or None."""
    terms = tuple(terms)
    return next((line for line in lines if line_names(terms, line)), None)


def split_lines(value: Any) -> list[str]:
    """Free lines as typed (one per line) or as a JSON list; empty lines dropped."""
    if isinstance(value, (list, tuple)):
        parts = [str(v) for v in value]
    else:
        parts = str(value or "").splitlines()
    return [part.strip(" -•*\t") for part in parts if part.strip(" -•*\t")]


# -- reading an attempt's timeline ---------------------------------------------------------------


def _done(events: Sequence[EventLike], kind: str) -> list[tuple[int, EventLike]]:
    return [(i, e) for i, e in enumerate(events) if e.kind == kind and not e.refused]


def inspection_lines(event: EventLike) -> list[str]:
    """The trainee's own list of an inspection event; an event of the ticking era gives the
    items it ticked (then named by their own text)."""
    data = event.data or {}
    if "items" in data:
        return [str(x) for x in data.get("items") or []]
    checklist = data.get("checklist")
    if isinstance(checklist, dict):
        return [str(item) for item, ok in checklist.items() if ok]
    return [
        str(entry.get("item"))
        for entry in checklist or []
        if isinstance(entry, dict) and entry.get("ok")
    ]


def ticked_items(event: EventLike) -> set[str]:
    """Hidden items an event of the ticking era ticked (named by their own text)."""
    data = event.data or {}
    return set() if "items" in data else set(inspection_lines(event))


def item_named(item: HiddenItem, event: EventLike) -> str | None:
    """The trainee's line that names `item` in this inspection (a ticked item names itself)."""
    if item.item in ticked_items(event):
        return item.item
    return naming_line(item.match, inspection_lines(event))


def recorded_findings(event: EventLike) -> list[str]:
    return [str(x) for x in (event.data or {}).get("findings") or []]


@dataclass(frozen=True)
class FindingState:
    finding: Finding
    recorded_as: str | None  # the trainee's line at the last inspection that names it
    resolved_by: str | None  # the rework text that resolved it


def findings_state(raw_findings: Any, events: Sequence[EventLike]) -> list[FindingState]:
    """Each finding of the case, after the events: recorded at an inspection, resolved by a
    rework (recorded at the last inspection before it, and the work described matches)."""
    findings = read_findings(raw_findings)
    match = {i: f.match for i, f in enumerate(findings)}
    rework_match = {i: f.rework_match for i, f in enumerate(findings) if f.rework_match}
    recorded_as: dict[int, str] = {}
    resolved_by: dict[int, str] = {}
    at_last_inspection: dict[int, str] = {}
    for event in events:
        if event.refused:
            continue
        if event.kind == FINAL_INSPECTION_DONE:
            at_last_inspection = {}
            for line in recorded_findings(event):
                for index in names_apart(match, line):
                    at_last_inspection.setdefault(index, line)
            recorded_as.update(at_last_inspection)
        elif event.kind == REWORK_DONE and at_last_inspection:
            work = str((event.data or {}).get("work") or "")
            fixed = names_apart(rework_match, work)
            for index in at_last_inspection:
                if index not in resolved_by and (index in fixed or index not in rework_match):
                    resolved_by[index] = work
    return [
        FindingState(finding, recorded_as.get(i), resolved_by.get(i))
        for i, finding in enumerate(findings)
    ]


def inspection_after_last_rework(events: Sequence[EventLike]) -> bool:
    """Whether an inspection follows the last rework (or there was no rework)."""
    inspections = _done(events, FINAL_INSPECTION_DONE)
    reworks = _done(events, REWORK_DONE)
    if not reworks:
        return bool(inspections)
    return bool(inspections) and inspections[-1][0] > reworks[-1][0]
