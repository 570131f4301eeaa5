"""What an override would do, before the assessor saves it (assessment/README.md, "Overrides").

A read: the grade's machine result and its current overrides, plus one candidate override of one
line, through the scoring package's own re-score — never a formula of its own, so the preview
and the saved override cannot disagree. The grading page shows the effect of every candidate
verdict of every line (rendered server-side, so it needs no script), and the preview API
answers for any verdict and credit the assessor types.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import prefetch_related_objects

from . import services
from .models import Grade, LineVerdict
from .scoring import Override, allowed_verdicts, line_key
from .selectors import effective_result, overrides_of


def _effect(grade: Grade, key: str, verdict: str, credit: Decimal | None) -> dict[str, Any]:
    result = effective_result(grade, candidate=(key, Override(verdict, credit)))
    line = next(line for line in result["lines"] if line["key"] == key)
    return {
        "line_key": key,
        "verdict": verdict,
        "label": LineVerdict(verdict).label,
        "credit": line.get("credit"),
        "points_lost": line.get("points_lost"),
        "score": result["score"],
        "passed": result["passed"],
        "components": result["components"],
        "critical_errors": result["critical_errors"],
    }


def verdict_effects(grade: Grade, effective: dict[str, Any]) -> dict[str, list[dict[str, Any]]]:
    """Per line key, the effect of each verdict the line may get (the one it has included,
    marked `current`). The line's override in force keeps its credit for its own verdict."""
    # One read of the overrides for all the candidates (`overrides_of` uses the prefetch).
    prefetch_related_objects([grade], "overrides")
    current = overrides_of(grade)
    effects: dict[str, list[dict[str, Any]]] = {}
    for line in effective["lines"]:
        key = line_key(line)
        in_force = current.get(key)
        effects[key] = [
            {
                **_effect(
                    grade,
                    key,
                    verdict,
                    in_force.credit if in_force and in_force.verdict == verdict else None,
                ),
                "current": verdict == line["verdict"],
            }
            for verdict in allowed_verdicts(line)
        ]
    return effects


def preview(
    grade: Grade, *, line_key: str, new_verdict: str, credit: Decimal | None = None
) -> dict[str, Any]:
    """The line's points and the grade's score, components and knock-outs if this override
    were saved now. Refuses (`services.AssessmentError`) what saving would refuse for the line:
    the same `services.validate_override` and `services.ensure_changeable`."""
    services.ensure_changeable(grade)
    _line, credit = services.validate_override(
        grade, line_key=line_key, new_verdict=new_verdict, credit=credit
    )
    return _effect(grade, line_key, new_verdict, credit)
