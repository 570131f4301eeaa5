"""A trainee walks the kerb case (alignment and diagnosis reports) and the 48 V mild hybrid
from intake to the final calculation on the reference lines: the paying party approves every
step, the hidden damage is revealed, and the calculation checks pass on what was submitted;
without the camera calibration the kerb case's calculation check fails (the rule is the case's,
not the tie rod's: calcengine/data/README.md, "Calibration after an alignment")."""

from __future__ import annotations

import pytest

from cases.hv import asks_judgement
from cases.models import AttemptStatus
from cases.timeline import EventKind
from tests.cases.demo_walk import (
    demo_attempt,
    demo_intake,
    start_demo_repair,
    submit_reference_precalc,
    submit_supplement_and_final,
)
from tests.cases.flow import checks_of

pytestmark = pytest.mark.django_db

KERB = "peugeot-208-kerb-alignment"
MHEV = "golf-etsi-48v-side-sill"
CHECK_OF = {KERB: "calibration_after_alignment", MHEV: "mild_hybrid_disconnect"}


def _intake(attempt, by, hv_judgement=None):
    """The 48 V car is asked the HV judgement (to tell 48 V from HV), the kerb case is not."""
    demo_intake(
        attempt,
        by,
        estimate="1200",
        repair_days=3,
        planned_in_days=2,
        hv_judgement=hv_judgement,
        hv_reasons="eTSI: mild hybride met een 48V-boordnet, onder 60 V gelijkspanning.",
    )


@pytest.mark.parametrize("slug", [KERB, MHEV])
def test_a_trainee_walks_the_case_to_the_final_calculation(trainee, slug):
    attempt = demo_attempt(trainee, slug)
    assert attempt.case_version.is_hv is False  # 48 V and a kerb: no HV vehicle
    # the kerb case asks no HV judgement; the 48 V case asks one, to tell 48 V from HV
    assert asks_judgement(attempt.case_version) is (slug == MHEV)
    _intake(attempt, trainee)

    attempt = submit_reference_precalc(attempt, trainee)
    assert attempt.status == AttemptStatus.APPROVED

    attempt = start_demo_repair(attempt, trainee)
    attempt = submit_supplement_and_final(attempt, trainee)

    results = checks_of(attempt)
    assert results[CHECK_OF[slug]].applicable and results[CHECK_OF[slug]].passed
    assert results["hv_judgement"].applicable is (slug == MHEV)
    assert results["hv_judgement"].passed


def test_quarantining_the_48v_car_fails_the_hv_judgement(trainee):
    attempt = demo_attempt(trainee, MHEV)
    _intake(attempt, trainee, hv_judgement="quarantine")
    result = checks_of(attempt)["hv_judgement"]
    assert result.applicable and not result.passed


def test_without_the_camera_calibration_the_check_fails_not_a_part_warning(trainee):
    attempt = demo_attempt(trainee, KERB)
    _intake(attempt, trainee)
    attempt = submit_reference_precalc(attempt, trainee, drop=("ADAS-FRONT-CAMERA",))
    # one owner: the tie rod carries no sensor, so neither the engine nor the paying party
    # reports a calibration; the case's calculation check does
    reasons = {
        r["code"]
        for decision in attempt.events.filter(kind=EventKind.PAYER_DECISION)
        for r in (decision.data or {}).get("reasons", [])
    }
    assert "ADAS_CALIBRATION_MISSING" not in reasons
    result = checks_of(attempt)["calibration_after_alignment"]
    assert result.applicable and not result.passed
    assert "front_camera" in result.explanation
