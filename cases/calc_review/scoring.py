"""Scoring a calculation review, line by line (pure Python, no Django). The formula, with a
worked example, is in README.md; `tests/cases/test_calc_review_scoring.py` recomputes it.

The answer key holds the errors of the reviewed document (`injection.InjectedError.as_dict`).
Every error weighs its cost: the euros excl. VAT it alone moves the total, at least
`MIN_WEIGHT`. Per error:

- found (its line, or the rates, marked "fout"; an omission named under "ontbrekend werk")
  with the right kind: its whole weight; found with another kind: `OTHER_KIND_SHARE` of it;
- missed: nothing (its weight stays in the possible total: a missed error loses it).

Every correct line (or the rates) marked "fout", and every "ontbrekend werk" entry that matches
no omission, is a false flag: it costs `FALSE_FLAG_SHARE` of the possible total.

    score = max(0, earned − false flags × FALSE_FLAG_SHARE × possible) / possible × 100

rounded half up to one decimal. The correction a trainee writes is shown beside the correct
value, not scored: free text has no reliable automatic reading (an assessor or the trainee
compares it).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from assessment.scoring.competence import ANALYSEREN
from calcengine.formatting import format_money

from .error_kinds import ERROR_KIND, OMISSION_KINDS, label_of
from .injection import RATES_ANCHOR

# What every review scores (issue #16 item 5; collected by assessment.coverage.sources):
# reading a colleague's calculation of the work preparation (1.2) row by row, the rates
# included, and finding what is wrong in it (a false flag costs too). The items of each error
# kind (`error_kinds`) lead to the lessons; which kinds an exercise holds differs per
# exercise, so only what all reviews score is declared here.
ASSESSES = {
    "work_processes": ("1.2",),
    "competence_areas": (ANALYSEREN,),
    "knowledge": ("calculatie-lezen",),
    "trade_offs": (),
}

MIN_WEIGHT = Decimal("10.00")
OTHER_KIND_SHARE = Decimal("0.5")
FALSE_FLAG_SHARE = Decimal("0.10")
HUNDRED = Decimal(100)
RIGHT, WRONG = "goed", "fout"

FOUND = "found"
FOUND_OTHER_KIND = "found_other_kind"
MISSED = "missed"
FALSE_FLAG = "false_flag"
CORRECT = "correct"
OUTCOME_LABELS = {
    FOUND: "gevonden",
    FOUND_OTHER_KIND: "gevonden, andere soort fout",
    MISSED: "gemist",
    FALSE_FLAG: "ten onrechte afgekeurd",
    CORRECT: "terecht goedgekeurd",
}


@dataclass(frozen=True)
class LineVerdict:
    verdict: str = ""  # RIGHT, WRONG or "" (not judged: counts as right)
    kind: str = ""
    correction: str = ""


@dataclass(frozen=True)
class MissingEntry:
    kind: str
    correction: str = ""


@dataclass(frozen=True)
class RowResult:
    anchor: str | None  # a line id, RATES_ANCHOR, or None for "ontbrekend werk"
    what: str
    outcome: str
    given: LineVerdict
    error: Mapping[str, Any] | None
    weight: Decimal
    earned: Decimal
    penalty: Decimal
    explanation: str

    def as_dict(self) -> dict[str, Any]:
        error = dict(self.error) if self.error else None
        return {
            "anchor": self.anchor,
            # The line's number as printed; "" for the rates and for missing work.
            "number": self.anchor if self.anchor not in (None, RATES_ANCHOR) else "",
            "what": self.what,
            "outcome": self.outcome,
            "outcome_label": OUTCOME_LABELS[self.outcome],
            "verdict": self.given.verdict,
            "kind": self.given.kind,
            "kind_label": label_of(self.given.kind) if self.given.kind else "",
            "correction": self.given.correction,
            "error": error,
            "error_kind_label": label_of(error["kind"]) if error else "",
            "weight": str(self.weight),
            "earned": str(self.earned),
            "penalty": str(self.penalty),
            "explanation": self.explanation,
        }


@dataclass(frozen=True)
class ReviewScore:
    score: Decimal
    earned: Decimal
    penalty: Decimal
    possible: Decimal
    rows: tuple[RowResult, ...]

    def as_dict(self) -> dict[str, Any]:
        return {
            "score": str(self.score),
            "earned": str(self.earned),
            "penalty": str(self.penalty),
            "possible": str(self.possible),
            "rows": [row.as_dict() for row in self.rows],
            "error_kinds": sorted({row.error["kind"] for row in self.rows if row.error}),
        }


def weight_of(error: Mapping[str, Any]) -> Decimal:
    """An error's weight: the euros it alone moves the total excl. VAT, at least MIN_WEIGHT."""
    return max(abs(Decimal(str(error["effect"]))), MIN_WEIGHT)


def _money(amount: Decimal) -> str:
    return format_money(amount)


def _found(error: Mapping[str, Any], given: LineVerdict, anchor: str | None, what: str) -> Any:
    weight = weight_of(error)
    cost = _money(abs(Decimal(str(error["effect"]))))
    if given.kind == error["kind"]:
        earned, outcome = weight, FOUND
        said = f"Gevonden: {label_of(error['kind'])}."
    else:
        earned, outcome = weight * OTHER_KIND_SHARE, FOUND_OTHER_KIND
        named = label_of(given.kind) if given.kind else "geen soort"
        said = (
            f"Gevonden, maar de fout is '{label_of(error['kind'])}', niet '{named}': "
            f"de helft van het gewicht."
        )
    return RowResult(
        anchor,
        what,
        outcome,
        given,
        error,
        weight,
        earned,
        Decimal(0),
        f"{said} Juist: {error['correct']} Deze fout scheelt {cost} (excl. btw); "
        f"verdiend: {_money(earned)} van {_money(weight)}.",
    )


def _missed(error: Mapping[str, Any], given: LineVerdict, anchor: str | None, what: str) -> Any:
    weight = weight_of(error)
    cost = _money(abs(Decimal(str(error["effect"]))))
    return RowResult(
        anchor,
        what,
        MISSED,
        given,
        error,
        weight,
        Decimal(0),
        Decimal(0),
        f"Gemist: {label_of(error['kind'])}. Juist: {error['correct']} Deze fout scheelt "
        f"{cost} (excl. btw); gemist gewicht: {_money(weight)}.",
    )


def score_review(
    key: Sequence[Mapping[str, Any]],
    anchors: Sequence[tuple[str, str]],
    verdicts: Mapping[str, LineVerdict],
    missing: Sequence[MissingEntry],
) -> ReviewScore:
    """Score `verdicts` (by line id, and RATES_ANCHOR for the rates) and the `missing` entries
    against the answer `key`. `anchors` are the document's rows as (id, words), in order:
    RATES_ANCHOR first, then every line."""
    by_anchor = {error["line"]: error for error in key if error.get("line")}
    possible = sum((weight_of(error) for error in key), Decimal(0))
    false_flag_cost = FALSE_FLAG_SHARE * possible
    rows: list[RowResult] = []
    for anchor, what in anchors:
        given = verdicts.get(anchor, LineVerdict())
        error = by_anchor.get(anchor)
        flagged = given.verdict == WRONG
        if error is not None:
            rows.append((_found if flagged else _missed)(error, given, anchor, what))
        elif flagged:
            rows.append(
                RowResult(
                    anchor,
                    what,
                    FALSE_FLAG,
                    given,
                    None,
                    Decimal(0),
                    Decimal(0),
                    false_flag_cost,
                    f"Ten onrechte afgekeurd: deze regel klopt. Aftrek: {_money(false_flag_cost)}.",
                )
            )
        else:
            rows.append(
                RowResult(
                    anchor,
                    what,
                    CORRECT,
                    given,
                    None,
                    Decimal(0),
                    Decimal(0),
                    Decimal(0),
                    "Terecht goedgekeurd.",
                )
            )
    # Omissions: same kind first, then any other omission (half), the rest are false flags.
    omissions = [error for error in key if not error.get("line")]
    entries = [entry for entry in missing if entry.kind]
    pairs: list[tuple[Mapping[str, Any], MissingEntry | None]] = []
    left = list(entries)
    unmatched = []
    for error in omissions:
        match = next((entry for entry in left if entry.kind == error["kind"]), None)
        if match is not None:
            left.remove(match)
            pairs.append((error, match))
        else:
            unmatched.append(error)
    for error in unmatched:
        other = next((entry for entry in left if entry.kind in OMISSION_KINDS), None)
        if other is not None:
            left.remove(other)
        pairs.append((error, other))
    for error, entry in pairs:
        if entry is None:
            rows.append(_missed(error, LineVerdict(), None, error["what"]))
        else:
            given = LineVerdict(WRONG, entry.kind, entry.correction)
            rows.append(_found(error, given, None, error["what"]))
    for entry in left:
        rows.append(
            RowResult(
                None,
                entry.correction or label_of(entry.kind),
                FALSE_FLAG,
                LineVerdict(WRONG, entry.kind, entry.correction),
                None,
                Decimal(0),
                Decimal(0),
                false_flag_cost,
                f"Ten onrechte als ontbrekend genoemd: er ontbreekt geen "
                f"'{label_of(entry.kind)}'. Aftrek: {_money(false_flag_cost)}.",
            )
        )
    earned = sum((row.earned for row in rows), Decimal(0))
    penalty = sum((row.penalty for row in rows), Decimal(0))
    score = (
        (max(earned - penalty, Decimal(0)) * HUNDRED / possible).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
        if possible
        else Decimal("0.0")
    )
    return ReviewScore(
        score=score, earned=earned, penalty=penalty, possible=possible, rows=tuple(rows)
    )


__all__ = [
    "ERROR_KIND",
    "RATES_ANCHOR",
    "LineVerdict",
    "MissingEntry",
    "ReviewScore",
    "score_review",
    "weight_of",
]
