"""The validity suite (issue #11, item 6): for every demo case, calculations an experienced
estimator accepts must pass at most a few points below the reference, and real mistakes must
fail or lose at least 15 points, through the real scorer against the case's own reference.

The variants are data, one file per case in `tests/validity/cases/<case slug>.json`; each says
why an expert accepts or rejects it. `tests/validity/README.md` describes the format.
"""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from assessment.scoring import score_documents
from cases import demo_files
from cases.calc_review.injection import clean_reference
from cases.variants.validity import ACCEPTED_LOSS, MISTAKE_LOSS, apply_edits

HERE = Path(__file__).resolve().parent / "cases"
CASES = {case["slug"]: case for case in demo_files.demo_cases()}
# An accepted variant may cost at most ACCEPTED_LOSS points against the reference's own score; a
# mistake must fail, or cost at least MISTAKE_LOSS points (cases.variants.validity owns both).
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


def submission_for(case: dict, variant: dict) -> dict:
    """The case's reference (`reference`, the pre-calculation unless named) with the variant's
    edits, as `cases.variants.validity.apply_edits` reads the suite's format."""
    reference = case[variant.get("reference", "reference_precalc")]
    return apply_edits(reference, case["vehicle_id"], variant)


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
    own = score_documents(reference, clean_reference(reference))
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
