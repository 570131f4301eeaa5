"""The machine's part of a grade: which calculation is scored against which reference, the
trainee's decisions read from the dossier, and the scoring result under the current spec
(`assessment.scoring.SPEC`; assessment/README.md).
"""

from __future__ import annotations

import copy
from typing import Any

from assessment.scoring import score
from calcengine import InputError, parse
from cases.timeline import EventKind


class NothingToScore(Exception):
    """The attempt has no submitted calculation, or its case no matching reference."""


def scored_pair(attempt, versions) -> tuple[Any, dict, str]:
    """(calculation version, reference document, reference name) for an attempt.

    The final calculation against the final reference; without a final, the latest supplement
    against the final reference (it holds the hidden damage too); else the latest
    pre-calculation against the pre-calculation reference.
    """
    case = attempt.case_version
    by_kind: dict[str, list] = {}
    for version in sorted(versions, key=lambda v: v.number):
        by_kind.setdefault(version.kind, []).append(version)
    for kind, reference, name in (
        ("final", case.reference_final, "reference_final"),
        ("supplement", case.reference_final, "reference_final"),
        ("precalc", case.reference_precalc, "reference_precalc"),
    ):
        if by_kind.get(kind) and reference:
            return by_kind[kind][-1], reference, name
    raise NothingToScore("Geen ingediende calculatie met een bijbehorende referentie.")


def dossier_decisions(events, submission_output: dict) -> dict[str, bool]:
    """The trainee's answers to the case's decisions, as the dossier states them.

    - economic_total_loss: a total-loss advice was given; else the scored calculation's own
      verdict;
    - expert_required: an expertise was requested;
    - used_parts_allowed: the trainee used used parts in the scored calculation (the platform
      asks no separate question; using them is the answer).
    """
    done = [e for e in events if not e.refused]
    advised = any(e.kind == EventKind.TOTAL_LOSS_ADVISED for e in done)
    own = bool(((submission_output or {}).get("total_loss") or {}).get("economic_total_loss"))
    return {
        "economic_total_loss": advised or own,
        "expert_required": any(e.kind == EventKind.EXPERT_REQUESTED for e in done),
    }


def _uses_used_parts(document: dict) -> bool:
    return any(line.get("part_source") == "used" for line in document.get("lines") or [])


def reference_with_decisions(reference: dict, expected: dict) -> dict:
    """The reference document with the case's expected decisions where it states none."""
    document = copy.deepcopy(reference)
    stated = dict(expected or {})
    stated.update(document.get("decisions") or {})
    if stated:
        document["decisions"] = stated
    return document


def machine_result(attempt, versions, events) -> dict[str, Any]:
    """The scoring result of an attempt under the current spec, with its exact figures (for a
    re-score after overrides, `assessment.scoring.rescore`) and what was scored."""
    version, reference, name = scored_pair(attempt, versions)
    document = reference_with_decisions(reference, attempt.case_version.expected_decisions)
    decisions = dossier_decisions(events, version.output)
    decisions["used_parts_allowed"] = _uses_used_parts(version.input)
    asked = set((document.get("decisions") or {}).keys()) | {"economic_total_loss"}
    decisions = {key: value for key, value in decisions.items() if key in asked}
    try:
        result = score(parse(document), parse(version.input), decisions=decisions).to_json(
            exact=True
        )
    except InputError as exc:
        raise NothingToScore(f"De calculatie kan niet worden gescoord: {exc.errors}") from exc
    result["scored"] = {
        "calculation_version_id": version.pk,
        "calculation_kind": version.kind,
        "calculation_number": version.number,
        "reference": name,
        "decisions": decisions,
    }
    return result
