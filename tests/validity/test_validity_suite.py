"""The validity suite (issue #11, item 6): for every demo case, calculations an experienced
estimator accepts must pass at most a few points below the reference, and real mistakes must
fail or lose at least 15 points, through the real scorer against the case's own reference.

The variants are data, one file per case in `tests/validity/cases/<case slug>.json`; each says
why an expert accepts or rejects it. `tests/validity/README.md` describes the format.
"""

from __future__ import annotations

import copy
import json
from decimal import Decimal
from pathlib import Path

import pytest

from assessment.scoring import score_documents
from calcengine.catalogue import get_rate_set, prefill_line
from cases import demo

HERE = Path(__file__).resolve().parent / "cases"
CASES = {case["slug"]: case for case in demo.demo_cases()}
# An accepted variant may cost at most this many points against the reference's own score; a
# mistake must fail, or cost at least MISTAKE_LOSS points.
ACCEPTED_LOSS = Decimal("5")
MISTAKE_LOSS = Decimal("15")
KINDS = ("accepted", "mistake")
MINIMUM_PER_KIND = 4


def _suites() -> dict[str, dict]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in HERE.glob("*.json")}


SUITES = _suites()
VARIANTS = [
    pytest.param(slug, variant, id=f"{slug}:{variant['name']}")
    for slug, suite in sorted(SUITES.items())
    for variant in suite["variants"]
]


def _strip(calculation: dict) -> dict:
    """The reference as a trainee could have written it: no scoring annotations."""
    submission = copy.deepcopy(calculation)
    submission.pop("decisions", None)
    submission.pop("assess", None)
    for line in submission["lines"]:
        line.pop("assess", None)
    return submission


def _new_line(case: dict, spec: dict) -> dict:
    """A line to add: written out, or `{"prefill": {...}, "set": {...}}` from the catalogue."""
    if "prefill" not in spec:
        return copy.deepcopy(spec)
    options = dict(spec["prefill"])
    line = prefill_line(
        case["vehicle_id"], options.pop("code"), options.pop("operation"), **options
    )
    line.update(spec.get("set", {}))
    return line


def submission_for(case: dict, variant: dict) -> dict:
    """The reference with the variant's edits: `remove` line ids, `update` fields of lines
    (null deletes a field), `add` lines, `vehicle` fields, `rate_set` another catalogue rate set, `rates` single fields."""
    submission = _strip(case[variant.get("reference", "reference_precalc")])
    removed = set(variant.get("remove", []))
    assert removed <= {line["id"] for line in submission["lines"]}, removed
    submission["lines"] = [line for line in submission["lines"] if line["id"] not in removed]
    for line_id, fields in variant.get("update", {}).items():
        (line,) = [line for line in submission["lines"] if line["id"] == line_id]
        for key, value in fields.items():
            if value is None:
                line.pop(key, None)
            else:
                line[key] = value
    submission["lines"] += [_new_line(case, spec) for spec in variant.get("add", [])]
    submission["vehicle"].update(variant.get("vehicle", {}))
    if "rate_set" in variant:
        submission["rates"] = get_rate_set(variant["rate_set"]).rates
    for key, value in variant.get("rates", {}).items():
        if isinstance(value, dict):
            submission["rates"][key] = {**submission["rates"][key], **value}
        else:
            submission["rates"][key] = value
    return submission


def test_every_demo_case_has_a_suite_with_enough_variants_of_each_kind():
    assert set(SUITES) == set(CASES)
    for slug, suite in SUITES.items():
        for kind in KINDS:
            count = sum(1 for v in suite["variants"] if v["kind"] == kind)
            assert count >= MINIMUM_PER_KIND, (slug, kind, count)
        names = [v["name"] for v in suite["variants"]]
        assert len(names) == len(set(names)), slug
        for variant in suite["variants"]:
            assert variant["kind"] in KINDS, variant["name"]
            assert len(variant["why"]) > 30, variant["name"]


@pytest.mark.parametrize(("slug", "variant"), VARIANTS)
def test_a_variant_scores_as_an_experienced_estimator_would(slug, variant):
    case = CASES[slug]
    reference = case[variant.get("reference", "reference_precalc")]
    own = score_documents(reference, _strip(reference))
    result = score_documents(reference, submission_for(case, variant))
    score, ceiling = Decimal(result["score"]), Decimal(own["score"])
    kinds = [error["kind"] for error in result["critical_errors"]]
    why = f"{variant['why']} → {result['score']} {result['passed']} {kinds}"

    if variant["kind"] == "accepted":
        assert result["passed"] is True, why
        assert score >= ceiling - ACCEPTED_LOSS, why
    else:
        assert result["passed"] is False or score <= ceiling - MISTAKE_LOSS, why
    for kind in variant.get("critical", []):
        assert kind in kinds, why
    for line_id in variant.get("not_correct", []):
        (line,) = [line for line in result["lines"] if line["reference_line_id"] == line_id]
        assert line["verdict"] != "correct" and line["credit"] != "1.0000", why
