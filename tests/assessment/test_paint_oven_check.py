"""The paint oven's temperature limit (issue #16 item 3): a work order for a car whose
manufacturer limits the drying temperature must keep the car within it."""

from __future__ import annotations

import pytest

from assessment import paint_oven
from assessment.workflow_checks import CASE_FACTS, CHECKS
from cases import demo_files
from cases.timeline import EventKind
from tests.assessment.timeline_fakes import check, ev
from tests.cases.demo_walk import demo_version

HAIL = "model3-hail-glass-roof"


def _work_order(text, refused=False):
    return ev(EventKind.WORK_ORDER_CREATED, refused, instructions=text)


def test_the_hail_case_states_a_limit_of_49_degrees_and_paints():
    case = demo_version(HAIL)
    assert paint_oven.oven_limit(case) == 49
    assert paint_oven.applies_to_case(case)
    assert CASE_FACTS["paint_oven_limit"](case)


def test_the_check_is_declared_with_its_profile_items():
    title, work_process, _area, knowledge, _trade_offs = CHECKS["paint_oven_limit"]
    assert work_process == "1.2" and "energieopslagsystemen" in knowledge and title


@pytest.mark.parametrize(
    "text",
    [
        "Achterklep en kleurovergangen zijwanden drogen met kortegolf-infrarood op het paneel.",
        "Spuitcabine: droogtemperatuur max. 45 °C, Tesla-grens 49 °C.",
        "Lak drogen op lage temperatuur; niet in het ovenprogramma van 60 °C (HV-accu).",
        "Achterklep los spuiten buiten de auto, zijwanden met IR-droger.",
        "Drogen op 40 graden.",
        # Review of #16 (finding 6): a part off the car may dry on the normal programme.
        "Achterklep los spuiten en buiten de auto in de oven op 60 °C drogen",
        "Achterklep van de auto af spuiten en op 60 °C drogen.",
        # The manufacturer's own wording copied: a cap at the limit, a forbidden programme.
        "Droogtemperatuur aan het voertuig niet boven 49 °C (120 °F): geen standaard "
        "ovenprogramma van 60–80 °C. Droog met kortegolf-infrarood op het paneel.",
        "Maximaal 45 °C aan de auto.",
        "Drogen met infrarood en niet in de oven.",
        "Drogen op 49,0 °C.",
    ],
)
def test_a_work_order_within_the_limit_passes(text):
    assert paint_oven.judge_instructions(text, 49)[:2] == (True, True)


@pytest.mark.parametrize(
    ("text", "why"),
    [
        ("Achterklep herstellen en spuiten, kleurovergang in de zijwanden.", "zegt niets"),
        ("Normaal ovenprogramma, 60 °C, 40 minuten.", "60 °C"),
        ("Infrarood op de klep, daarna de auto in de oven op 70 °C.", "70 °C"),
        ("Niet boven 60 °C drogen.", "60 °C als grens"),
        # Review of #16 (finding 6): a negation elsewhere in the sentence exempts nothing.
        ("Achterklep in de oven op 60 °C bakken, geen infrarood nodig", "laat drogen op 60 °C"),
        (
            "Kleurovergangen met IR op 45 °C; achterklep op 60 °C, niet langer dan 30 minuten",
            "laat drogen op 60 °C",
        ),
        ("Niet boven 49 °C aan de auto, ovenprogramma 65 °C", "laat drogen op 65 °C"),
        ("Niet boven 49 °C aan de auto ovenprogramma 65 °C", "laat drogen op 65 °C"),
        ("Oven tot 60 °C.", "60 °C als grens"),
        ("Onder 60 °C drogen.", "60 °C als grens"),
        ("Geen infrarood nodig.", "zegt niets"),
        ("Niet met infrarood maar in de oven op 60 °C.", "laat drogen op 60 °C"),
        ("Niet in de oven op 60 °C drogen.", "noemt geen droogtemperatuur of -methode"),
        ("Auto in de oven op 60 °C en achterklep los.", "laat drogen op 60 °C"),
        ("Drogen op 49,5 °C.", "laat drogen op 49,5 °C"),
    ],
)
def test_a_work_order_that_ignores_the_limit_fails(text, why):
    applicable, passed, explanation = paint_oven.judge_instructions(text, 49)
    assert applicable and not passed
    assert why in explanation and "49 °C" in explanation


def test_the_check_reads_the_latest_work_orders_on_the_timeline():
    case = demo_version(HAIL)
    assert paint_oven.judge(case, [])[0] is False  # no work order yet: not judged
    refused_only = [_work_order("IR-droging", refused=True)]
    assert paint_oven.judge(case, refused_only)[0] is False
    result = check("paint_oven_limit", case, [_work_order("Ovenprogramma 60 °C.")])
    assert result.applicable and not result.passed
    assert check("paint_oven_limit", case, [_work_order("IR-droging max. 45 °C.")]).passed


@pytest.mark.parametrize("slug", sorted({c["slug"] for c in demo_files.demo_cases()} - {HAIL}))
def test_a_case_without_a_stated_limit_is_not_judged(slug):
    case = demo_version(slug)
    assert not paint_oven.applies_to_case(case)
    assert paint_oven.judge(case, [_work_order("Ovenprogramma 60 °C.")])[0] is False
