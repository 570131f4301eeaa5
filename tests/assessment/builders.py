"""Test inputs for scoring, made by copying the known Golf case and changing what a test needs.

The reference is /work/shared/cases/scoring/golf.reference.json; a trainee's calculation starts
as that reference without its `assess` annotations and `decisions`, as the trainee writes it.
"""

import copy
import json
from functools import cache
from typing import Any

from assessment.scoring import score
from calcengine import parse
from calcengine.model import CalculationInput
from cases.calc_review.injection import clean_reference
from tests.shared import SCORING_DIR

Document = dict[str, Any]


@cache
def _golf_reference() -> str:
    return (SCORING_DIR / "golf.reference.json").read_text(encoding="utf-8")


def golf_reference() -> Document:
    """A fresh copy of the Golf reference, annotations and decisions included."""
    return json.loads(_golf_reference())


def as_trainee(reference: Document) -> Document:
    """The reference as a trainee would have calculated it: without its scoring annotations."""
    return clean_reference(reference)


def golf_trainee() -> Document:
    return as_trainee(golf_reference())


def line(document: Document, code: str) -> dict[str, Any]:
    """The (first) line with `code`, to change in place."""
    return next(item for item in document["lines"] if item["code"] == code)


def without_line(document: Document, code: str) -> Document:
    document["lines"] = [item for item in document["lines"] if item["code"] != code]
    return document


def with_line(document: Document, **fields: Any) -> Document:
    """Append a line; `id` defaults to the next free number."""
    ids = {item["id"] for item in document["lines"]}
    number = len(document["lines"]) + 1
    while str(number) in ids:
        number += 1
    document["lines"].append({"id": str(number), **fields})
    return document


def only_lines(document: Document, *codes: str) -> Document:
    """Keep only the lines with these codes, in this order (a small case worked by hand)."""
    by_code = {item["code"]: item for item in document["lines"]}
    document["lines"] = [by_code[code] for code in codes]
    return document


def calculation(document: Document) -> CalculationInput:
    return parse(copy.deepcopy(document))


# Part codes of the Golf case's lines.
BONNET = "5H0823031"
BUMPER = "5H0807221GRU"
GRILLE = "5H0853651"
WING = "5H0821106"
CLIPS = "SUND-CLIPS"
FRONT_RADAR = "ADAS-FRONT-RADAR"
PARK = "ADAS-PARK"


def scored(reference: Document, trainee: Document, **options: Any) -> Any:
    """The scoring result of two documents."""
    return score(calculation(reference), calculation(trainee), **options)


def line_result(result: Any, code: str, verdict: Any = None) -> Any:
    """The result's first line of `code` (with `verdict`, when given)."""
    return next(
        item
        for item in result.lines
        if item.code == code and (verdict is None or item.verdict is verdict)
    )


def kinds(result: Any) -> list[Any]:
    """The kinds of the result's critical errors, in order."""
    return [error.kind for error in result.critical_errors]
