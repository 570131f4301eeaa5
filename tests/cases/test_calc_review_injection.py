"""Injecting errors into a case's reference calculation: one builder per error kind, every
document accepted by the engine, each error's cost effect the engine's own difference."""

from __future__ import annotations

import json
from decimal import Decimal

import pytest

from calcengine import InputError
from cases.calc_review import error_kinds as k
from cases.calc_review.injection import (
    RATES_ANCHOR,
    CaseFacts,
    ErrorSpec,
    InjectionError,
    apply,
    build_review,
    clean_reference,
    subtotal,
)
from tests.shared import REPO_ROOT

CASES = REPO_ROOT / "cases" / "demo_cases"


def facts(slug: str, vehicle: str, rate_set: str, forbidden: tuple[str, ...]) -> CaseFacts:
    reference = json.loads((CASES / f"{slug}.json").read_text())["reference_precalc"]
    return CaseFacts(
        reference=reference,
        vehicle_id=vehicle,
        rate_set_id=rate_set,
        forbidden_sources=forbidden,
        undamaged=tuple(reference["assess"]["undamaged"]),
        other_rate_set_ids=("particulier-eigen-tarief", "lease-zakelijk"),
    )


GOLF = facts("golf-front-low-speed", "vw-golf-8", "verzekeraar-netwerk", ("used",))
TESLA = facts("model3-rear-ev", "tesla-model-3", "verzekeraar-netwerk-nieuwwaarde", ("used",))


def case_for(kind: str) -> CaseFacts:
    return TESLA if kind == k.MISSED_HV_WORK else GOLF


@pytest.mark.parametrize("kind", k.ERROR_KINDS)
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_each_kind_gives_a_document_the_engine_accepts_and_costs_what_the_engine_says(kind, seed):
    case = case_for(kind)
    review = build_review(case, [ErrorSpec(kind)], seed)
    (error,) = review.errors
    # the engine accepts the reviewed document (it raises InputError otherwise)
    assert subtotal(review.document) == review.subtotal_reviewed
    # one error alone: its effect is the engine's difference of the two documents
    assert error.effect == review.subtotal_reviewed - review.subtotal_reference
    assert error.effect != 0
    assert error.kind == kind
    if k.ERROR_KIND[kind].omission:
        assert error.line is None
        assert len(review.document["lines"]) == len(case.reference["lines"]) - 1
    elif k.ERROR_KIND[kind].on_rates:
        assert error.line == RATES_ANCHOR
        assert review.document["rates"] != case.reference["rates"]
    else:
        assert error.line in {line["id"] for line in review.document["lines"]}


def test_the_same_seed_gives_the_same_document_and_another_seed_may_not():
    specs = [ErrorSpec(k.UNITS_OFF), ErrorSpec(k.PAINT_LEVEL), ErrorSpec(k.MISSING_LINE)]
    first, again = build_review(GOLF, specs, 5), build_review(GOLF, specs, 5)
    assert first.document == again.document and first.errors == again.errors
    others = {json.dumps(build_review(GOLF, specs, seed).document) for seed in range(6)}
    assert len(others) > 1


def test_lines_are_renumbered_and_carry_no_scoring_annotations():
    review = build_review(GOLF, [ErrorSpec(k.MISSED_CALIBRATION, line="6")], 1)
    ids = [line["id"] for line in review.document["lines"]]
    assert ids == [str(n) for n in range(1, len(ids) + 1)]
    text = json.dumps(review.document)
    assert "assess" not in text and "decisions" not in text and "critical" not in text


def test_an_authored_spec_puts_the_error_where_the_author_says():
    review = build_review(
        GOLF,
        [
            ErrorSpec(k.WRONG_RATES, value="particulier-eigen-tarief"),
            ErrorSpec(k.UNDAMAGED_PART, line="5", value="5H0821105"),
            ErrorSpec(k.INCLUDED_OVERLAP, line="1"),
        ],
    )
    rates, undamaged, overlap = review.errors
    lines = {line["id"]: line for line in review.document["lines"]}
    assert rates.line == RATES_ANCHOR
    assert lines[undamaged.line]["code"] == "5H0821105"
    assert lines[overlap.line]["code"] == "5H0807221GRU" and overlap.line == "2"
    # each effect is that error alone on the reference
    for error, spec in zip(review.errors, review.specs, strict=True):
        alone = build_review(GOLF, [spec])
        assert alone.errors[0].effect == error.effect


def test_a_spec_the_case_cannot_hold_is_refused_in_dutch():
    with pytest.raises(InjectionError, match="Geen regel van deze casus"):
        build_review(GOLF, [ErrorSpec(k.MISSED_HV_WORK)])
    with pytest.raises(InjectionError, match="bestaat niet"):
        build_review(GOLF, [ErrorSpec(k.UNITS_OFF, line="99")])
    with pytest.raises(InjectionError, match="al een fout"):
        build_review(GOLF, [ErrorSpec(k.UNITS_OFF, line="1"), ErrorSpec(k.PAINT_LEVEL, line="1")])


def test_the_reference_without_changes_is_the_reference():
    document, anchors = apply(GOLF.reference, [])
    assert anchors == []
    assert subtotal(document) == subtotal(clean_reference(GOLF.reference))
    assert subtotal(document) == Decimal("2881.02")
    with pytest.raises(InputError):
        subtotal({**document, "lines": [{"id": "1"}]})
