"""The lessons of the VAT-status and WA-claim cases (`content/demo_content/lessons_claims.py`):
every amount their text names is the engine's figure for the case files or the case's own fact,
the verdicts they state are the engine's, and they sit in the modules they belong to."""

from __future__ import annotations

import re
from decimal import Decimal

import calcengine
from content.demo_content.lessons import MODULES
from content.demo_content.lessons_claims import (
    VAT_CASE,
    VAT_LESSON,
    WA_CASE,
    WA_LESSON,
    vat_comparison,
    wa_claim_figures,
    with_claim_lessons,
)
from content.demo_content.lessons_topics import SOURCES_HEADING
from content.worked_example import case_calculation
from tests.cases.demo_walk import demo_case

AMOUNT = re.compile(r"€\s?(\d{1,3}(?:\.\d{3})*(?:,\d{2})?)(?!\d)")


def _lessons():
    return {
        lesson["slug"]: (module["slug"], lesson)
        for module in with_claim_lessons(MODULES)
        for lesson in module["lessons"]
    }


def _text(lesson) -> str:
    parts = []
    for _kind, value in lesson["body"]:
        if isinstance(value, str):
            parts.append(value)
        else:
            parts.extend(str(v) for k, v in value.items() if k != "calculation_input")
    return " ".join(parts)


def _amounts(text: str) -> set[Decimal]:
    return {Decimal(m.replace(".", "").replace(",", ".")) for m in AMOUNT.findall(text)}


def test_the_lessons_sit_in_the_modules_of_their_work_processes():
    lessons = _lessons()
    assert lessons[VAT_LESSON][0] == "werkvoorbereiding"
    assert lessons[WA_LESSON][0] == "schadedossier"
    for slug in (VAT_LESSON, WA_LESSON):
        assert SOURCES_HEADING in _text(lessons[slug][1])


def test_the_vat_lesson_states_the_engines_verdicts_for_both_owners():
    comparison = vat_comparison()
    assert comparison.business_total_loss is False
    assert comparison.private_total_loss is True
    assert comparison.residual == max(comparison.bids)
    assert comparison.threshold == comparison.value - comparison.residual
    private = calcengine.estimate(case_calculation(VAT_CASE, rates={"owner_deducts_vat": False}))
    assert comparison.incl_vat == Decimal(private["total_incl_vat"])


def test_every_amount_in_the_vat_lesson_is_a_case_figure():
    comparison = vat_comparison()
    known = {
        comparison.value,
        comparison.residual,
        comparison.threshold,
        comparison.excl_vat,
        comparison.incl_vat,
        *comparison.bids,
    }
    text = _text(_lessons()[VAT_LESSON][1])
    assert _amounts(text) <= known, _amounts(text) - known
    assert {comparison.excl_vat, comparison.incl_vat, comparison.threshold} <= _amounts(text)


def test_every_amount_in_the_wa_lesson_is_a_case_figure():
    figures = wa_claim_figures()
    case = demo_case(WA_CASE)
    output = calcengine.estimate(case_calculation(WA_CASE, "reference_final"))
    assert figures.days == output["repair_days"]
    assert figures.amount == figures.day_amount * figures.days
    assert figures.loss_of_value == Decimal(case["payer_rules"]["liability_claim"]["loss_of_value"])
    known = {figures.day_amount, figures.amount, figures.loss_of_value, figures.repair_incl_vat}
    text = _text(_lessons()[WA_LESSON][1])
    assert _amounts(text) <= known, _amounts(text) - known
    assert f"{figures.days} × " in text


def test_the_case_files_say_what_the_lessons_say():
    vat = demo_case(VAT_CASE)
    assert vat["margin_scheme"] is True and vat["customer"]["deducts_vat"] is True
    assert "eenmanszaak" in vat["customer"]["vat_status_question"]["answer"]
    assert "eenmanszaak" not in vat["briefing"].lower()
    wa = demo_case(WA_CASE)
    assert wa["payer_rules"]["cover"] == "wa"
    assert wa["customer"]["needs_replacement_car"] is False
