"""A trainee walks the hail case (`model3-hail-glass-roof`) from intake to the final
calculation on the reference lines: the HV judgement at intake, the paying party's approval, the
hidden roof trim strips as a supplement, and the work order that keeps the car within Tesla's
drying temperature, as the check `paint_oven_limit` reads it."""

from __future__ import annotations

import pytest

from cases import workflow as wf
from cases.models import AttemptStatus
from tests.cases.demo_walk import (
    demo_attempt,
    demo_intake,
    start_demo_repair,
    submit_reference_precalc,
    submit_supplement_and_final,
)
from tests.cases.flow import checks_of

pytestmark = pytest.mark.django_db

HAIL = "model3-hail-glass-roof"
WITHIN_LIMIT = (
    "Motorkap, schermen en dakboog uitdeuken zonder spuiten. Achterklep en kleurovergangen in "
    "de zijwanden drogen met kortegolf-infrarood op het paneel, max. 45 °C aan de auto "
    "(Tesla-grens 49 °C, HV-accu); niet in het ovenprogramma van 60 °C."
)


def _to_approved(trainee):
    attempt = demo_attempt(trainee, HAIL)
    assert attempt.case_version.is_hv  # a BEV: the HV judgement is asked
    demo_intake(
        attempt,
        trainee,
        estimate="2800",
        repair_days=4,
        planned_in_days=3,
        hv_reasons="Geen airbags, geen meldingen, geen geur, onderzijde niet geraakt",
    )
    attempt = submit_reference_precalc(attempt, trainee)
    assert attempt.status == AttemptStatus.APPROVED
    return attempt


def test_a_trainee_walks_the_hail_case_to_the_final_calculation(trainee):
    attempt = start_demo_repair(_to_approved(trainee), trainee, WITHIN_LIMIT)
    attempt = submit_supplement_and_final(attempt, trainee)

    oven = checks_of(attempt)["paint_oven_limit"]
    assert oven.applicable and oven.passed, oven.explanation


def test_a_work_order_with_the_ordinary_oven_programme_fails_the_check(trainee):
    attempt = _to_approved(trainee)
    wf.attempt_create_work_order(
        attempt=attempt, by=trainee, instructions="Achterklep spuiten, ovenprogramma 60 °C."
    )

    oven = checks_of(attempt)["paint_oven_limit"]
    assert oven.applicable and not oven.passed
    assert "49 °C" in oven.explanation
