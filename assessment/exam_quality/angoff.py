"""The cut score of an exam form by the modified Angoff method (issue #15, item 5).

Each judge estimates, per item, the probability (0..1) that a minimally competent candidate
gets the item right (Angoff, W. H. (1971), "Scales, norms, and equivalent scores", in
Thorndike (ed.), *Educational Measurement*, 2nd ed., 508–600; "modified": probabilities rather
than yes/no, possibly discussed over rounds). From the table:

- a judge's cut score is the sum over the items of the item's maximum × the judge's
  probability; the form's **cut score** is the sum over the items of the maximum × the mean
  probability of the judges, which equals the mean of the judges' cut scores;
- its **standard error** is that of the mean of the judges' cut scores, SD / √judges with the
  sample SD (`scipy.stats.sem`, ddof = 1);
- both as a **percentage** of the form's maximum, on the 0–100 scale of a grade, beside the
  default pass mark (`assessment.scoring.rules.PASS_MARK`, 70) that an adopted cut score
  replaces; the percentage is rounded half up to one decimal as a grade's score is
  (`assessment.scoring.result.round_score`), so "score ≥ cut score" compares like with like;
- the judges' **agreement**: ICC2k (two-way random, absolute agreement, mean of the k judges)
  with items as subjects and judges as raters, by `assessment.agreement.icc`, with its Koo & Li
  band.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from assessment.agreement import AgreementInputError, IccEstimate, Rating, icc
from assessment.scoring.result import round_score
from assessment.scoring.rules import PASS_MARK

from .matrix import ExamQualityInputError

#: The agreement form reported for the judges (issue #15, item 5).
JUDGES_ICC_FORM = "ICC2k"


@dataclass(frozen=True)
class AngoffCutScore:
    """The cut score in item points (`cut_score` of `maximum`) and as a grade's percentage
    (`cut_score_percent`, rounded to one decimal), the standard errors of both, each judge's
    own cut score, and the judges' ICC2k (`agreement`, `None` with `agreement_reason` where
    undefined)."""

    judges: int
    items: int
    maximum: float
    cut_score: float
    standard_error: float
    cut_score_percent: Decimal
    standard_error_percent: float
    judge_cut_scores: Mapping[str, float]
    agreement: IccEstimate | None
    agreement_reason: str | None = None
    default_pass_mark: Decimal = PASS_MARK

    def to_json(self) -> dict[str, Any]:
        agreement: dict[str, Any] | None = None
        if self.agreement is not None:
            agreement = {
                "form": self.agreement.form,
                "value": self.agreement.value,
                "ci95": list(self.agreement.ci95) if self.agreement.ci95 else None,
                "band": self.agreement.band.value if self.agreement.band else None,
            }
            if self.agreement.reason:
                agreement["reason"] = self.agreement.reason
        return {
            "judges": self.judges,
            "items": self.items,
            "maximum": self.maximum,
            "cut_score": self.cut_score,
            "standard_error": self.standard_error,
            "cut_score_percent": str(self.cut_score_percent),
            "standard_error_percent": self.standard_error_percent,
            "default_pass_mark": str(self.default_pass_mark),
            "judge_cut_scores": dict(self.judge_cut_scores),
            "agreement": agreement,
            **({"agreement_reason": self.agreement_reason} if self.agreement_reason else {}),
        }


def _probability(value: Any) -> float | None:
    if isinstance(value, bool):
        return None
    try:
        number = float(value)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def angoff_errors(
    table: Mapping[str, Mapping[str, Any]],
    items: Sequence[str],
    maxima: Mapping[str, float],
) -> list[str]:
    """Why the judges × items table is refused, if it is: fewer than 2 judges or 1 item, a
    missing or unknown item, a probability that is no number or lies outside 0..1, a maximum
    that is not positive."""
    errors: list[str] = []
    if len(table) < 2:
        errors.append(f"minstens 2 beoordelaars (judges) nodig, gevonden: {len(table)}")
    if not items:
        errors.append("geen items: de tabel heeft minstens één item nodig")
    known = set(items)
    for item in items:
        maximum = _probability(maxima.get(item, 1))
        if maximum is None or maximum <= 0:
            errors.append(f"item '{item}': het maximum moet een getal groter dan 0 zijn")
    for judge, row in table.items():
        missing = [item for item in items if item not in row]
        if missing:
            names = ", ".join(f"'{item}'" for item in missing)
            errors.append(f"onvolledige tabel: beoordelaar '{judge}' mist item {names}")
        for item, value in row.items():
            if item not in known:
                errors.append(f"beoordelaar '{judge}': onbekend item '{item}'")
                continue
            number = _probability(value)
            if number is None:
                errors.append(f"beoordelaar '{judge}', item '{item}': geen getal: {value!r}")
            elif not 0 <= number <= 1:
                errors.append(
                    f"beoordelaar '{judge}', item '{item}': kans {value} ligt buiten 0 tot en met 1"
                )
    return errors


def angoff_cut_score(
    table: Mapping[str, Mapping[str, Any]],
    *,
    items: Sequence[str] | None = None,
    maxima: Mapping[str, float] | None = None,
) -> AngoffCutScore:
    """The modified-Angoff cut score of a judges × items table of probabilities
    (`table[judge][item]`). `items` are the form's items (default: those the judges name);
    `maxima` each item's full credit in points (default 1). Raises `ExamQualityInputError` with
    every refusal (`angoff_errors`)."""
    import numpy as np
    from scipy.stats import sem

    maxima = dict(maxima or {})
    item_keys = (
        list(items) if items is not None else sorted({i for row in table.values() for i in row})
    )
    errors = angoff_errors(table, item_keys, maxima)
    if errors:
        raise ExamQualityInputError(errors)
    judges = sorted(table)
    weights = np.array([float(maxima.get(item, 1)) for item in item_keys])
    probabilities = np.array([[float(table[j][item]) for item in item_keys] for j in judges])
    per_judge = probabilities @ weights
    maximum = float(weights.sum())
    cut_score = float(np.mean(probabilities, axis=0) @ weights)
    standard_error = float(sem(per_judge, ddof=1))
    agreement, reason = _judges_icc(judges, item_keys, probabilities)
    return AngoffCutScore(
        judges=len(judges),
        items=len(item_keys),
        maximum=maximum,
        cut_score=cut_score,
        standard_error=standard_error,
        cut_score_percent=_cut_score_percent(table, judges, item_keys, maxima),
        standard_error_percent=100 * standard_error / maximum,
        judge_cut_scores={j: float(c) for j, c in zip(judges, per_judge, strict=True)},
        agreement=agreement,
        agreement_reason=reason,
    )


def _cut_score_percent(
    table: Mapping[str, Mapping[str, Any]],
    judges: list[str],
    items: list[str],
    maxima: Mapping[str, Any],
) -> Decimal:
    """The cut score as a percentage of the maximum, rounded half up to one decimal: computed
    in decimals from the probabilities as typed, so that the rounding of 73.75 cannot depend
    on a binary fraction."""
    points = {item: Decimal(str(maxima.get(item, 1))) for item in items}
    judged = sum(
        (points[item] * Decimal(str(table[judge][item])) for judge in judges for item in items),
        Decimal(0),
    )
    return round_score(100 * judged / len(judges) / sum(points.values(), Decimal(0)))


def _judges_icc(
    judges: list[str], items: list[str], probabilities: Any
) -> tuple[IccEstimate | None, str | None]:
    ratings = [
        Rating(item, judge, float(probabilities[row, column]))
        for row, judge in enumerate(judges)
        for column, item in enumerate(items)
    ]
    try:
        return icc(ratings)[JUDGES_ICC_FORM], None
    except AgreementInputError as refused:
        return None, "; ".join(refused.errors)
