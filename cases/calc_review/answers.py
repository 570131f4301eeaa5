"""A trainee's review as typed (the page's form and the API read it the same way), and the one
rule of what a review needs before it is submitted (pure Python, no Django)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from calcengine.schema import gettext_noop

from .error_kinds import LINE_KINDS, OMISSION_KINDS, RATES_KINDS
from .scoring import RIGHT, WRONG, LineVerdict, MissingEntry

# Up to this many "ontbrekend werk" entries (a reviewed calculation misses a few lines at most).
MISSING_SLOTS = 3
MAX_CORRECTION = 500
VERDICTS = (RIGHT, WRONG)
# What a line (or the rates) can be wrong in; omissions are named under "ontbrekend werk".
ROW_KINDS = RATES_KINDS + LINE_KINDS


def stored(verdicts: Mapping[str, LineVerdict], missing: Sequence[MissingEntry]) -> dict[str, Any]:
    return {
        "lines": {
            anchor: {"verdict": v.verdict, "kind": v.kind, "correction": v.correction}
            for anchor, v in verdicts.items()
        },
        "missing": [{"kind": m.kind, "correction": m.correction} for m in missing if m.kind],
    }


def read(answers: Mapping[str, Any]) -> tuple[dict[str, LineVerdict], list[MissingEntry]]:
    lines = answers.get("lines") or {}
    verdicts = {
        str(anchor): LineVerdict(
            str(row.get("verdict") or ""),
            str(row.get("kind") or ""),
            str(row.get("correction") or ""),
        )
        for anchor, row in lines.items()
        if isinstance(row, Mapping)
    }
    missing = [
        MissingEntry(str(row.get("kind") or ""), str(row.get("correction") or ""))
        for row in answers.get("missing") or []
        if isinstance(row, Mapping)
    ]
    return verdicts, missing


def problems(
    anchors: Sequence[str],
    verdicts: Mapping[str, LineVerdict],
    missing: Sequence[MissingEntry],
    *,
    submitting: bool,
) -> list[tuple[str, int | str, str, str]]:
    """What is wrong with a review, as (where, which, field, Dutch message): where is "line"
    (which = the anchor) or "missing" (which = its index). Saving needs only valid values;
    submitting needs a verdict on every row and a kind on every "fout"."""
    found: list[tuple[str, int | str, str, str]] = []
    for anchor in anchors:
        given = verdicts.get(anchor, LineVerdict())
        if given.verdict and given.verdict not in VERDICTS:
            found.append(("line", anchor, "verdict", gettext_noop("Kies goed of fout.")))
        if given.kind and given.kind not in ROW_KINDS:
            found.append(
                ("line", anchor, "kind", gettext_noop("Kies een soort fout uit de lijst."))
            )
        if len(given.correction) > MAX_CORRECTION:
            found.append(("line", anchor, "correction", f"Ten hoogste {MAX_CORRECTION} tekens."))
        if submitting and not given.verdict:
            found.append(
                ("line", anchor, "verdict", gettext_noop("Beoordeel deze regel: goed of fout."))
            )
        if submitting and given.verdict == WRONG and not given.kind:
            found.append(("line", anchor, "kind", gettext_noop("Kies welke soort fout het is.")))
    unknown = set(verdicts) - set(anchors)
    for anchor in sorted(unknown):
        found.append(
            ("line", anchor, "line", gettext_noop("Deze regel staat niet in de calculatie."))
        )
    if len(missing) > MISSING_SLOTS:
        found.append(("missing", MISSING_SLOTS, "kind", f"Ten hoogste {MISSING_SLOTS} regels."))
    for index, entry in enumerate(missing):
        if entry.kind and entry.kind not in OMISSION_KINDS:
            found.append(
                (
                    "missing",
                    index,
                    "kind",
                    gettext_noop("Kies een soort ontbrekend werk uit de lijst."),
                )
            )
        if len(entry.correction) > MAX_CORRECTION:
            found.append(("missing", index, "correction", f"Ten hoogste {MAX_CORRECTION} tekens."))
        if submitting and entry.correction.strip() and not entry.kind:
            found.append(
                ("missing", index, "kind", gettext_noop("Kies welke soort werk er ontbreekt."))
            )
    return found
