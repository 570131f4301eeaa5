"""A trainee walks the kerb case (alignment and diagnosis reports) and the 48 V mild hybrid
from intake to the final calculation on the reference lines: the paying party approves every
step, the hidden damage is revealed, and the calculation checks pass on what was submitted;
without the camera calibration the kerb case's calculation check fails (the rule is the case's,
not the tie rod's: calcengine/data/README.md, "Calibration after an alignment")."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest

from assessment.workflow_checks import run_checks
from cases import demo
from cases import workflow as wf
from cases.hv import asks_judgement
from cases.models import AttemptStatus, CaseVersion
from cases.timeline import EventKind
from tests.cases.flow import save_lines
from tests.factories.cases import AttemptFactory, CaseFactory, PublishedCaseVersionFactory

pytestmark = pytest.mark.django_db

KERB = "peugeot-208-kerb-alignment"
MHEV = "golf-etsi-48v-side-sill"
CHECK_OF = {KERB: "calibration_after_alignment", MHEV: "mild_hybrid_disconnect"}


def _case(slug):
    return next(case for case in demo.demo_cases() if case["slug"] == slug)


def _attempt(trainee, slug):
    data = _case(slug)
    version = CaseVersion.objects.filter(case__slug=slug).first()
    if version is None:
        version = PublishedCaseVersionFactory(
            case=CaseFactory(slug=data["slug"], title=data["title"]), **demo.version_fields(data)
        )
    return AttemptFactory(trainee=trainee, case_version=version)


def _lines(reference, drop=()):
    return [
        {k: v for k, v in line.items() if k != "assess"}
        for line in reference["lines"]
        if line["code"] not in drop
    ]


def _intake(attempt, by, slug, hv_judgement="not_hv"):
    data = _case(slug)
    wf.attempt_create_dossier(
        attempt=attempt,
        by=by,
        customer_name=data["customer"]["name"],
        license_plate=data["license_plate"],
        insurer=data["payer_name"],
        policy_number=data["customer"]["policy_number"],
        cover=data["payer_rules"]["cover"],
    )
    wf.attempt_record_damage(
        attempt=attempt, by=by, zones=data["expected_damage_zones"], description="Schade opgenomen"
    )
    wf.attempt_record_first_estimate(attempt=attempt, by=by, amount=Decimal("1200"), repair_days=3)
    if asks_judgement(attempt.case_version):  # the 48 V car: tell 48 V from HV
        wf.attempt_record_hv_judgement(
            attempt=attempt,
            by=by,
            judgement=hv_judgement,
            safe_to_park=True,
            safe_to_work=hv_judgement != "quarantine",
            reasons="eTSI: mild hybride met een 48V-boordnet, onder 60 V gelijkspanning.",
        )
    wf.attempt_receive_repair_order(
        attempt=attempt, by=by, planned_date=attempt.simulated_date + dt.timedelta(days=2)
    )


@pytest.mark.parametrize("slug", [KERB, MHEV])
def test_a_trainee_walks_the_case_to_the_final_calculation(trainee, slug):
    attempt = _attempt(trainee, slug)
    assert attempt.case_version.is_hv is False  # 48 V and a kerb: no HV vehicle
    # the kerb case asks no HV judgement; the 48 V case asks one, to tell 48 V from HV
    assert asks_judgement(attempt.case_version) is (slug == MHEV)
    _intake(attempt, trainee, slug)

    save_lines(attempt, trainee, _lines(attempt.case_version.reference_precalc))
    attempt = wf.attempt_submit_precalc(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.APPROVED

    wf.attempt_create_work_order(attempt=attempt, by=trainee, instructions="Volgens calculatie")
    wf.attempt_order_parts(attempt=attempt, by=trainee)
    wf.attempt_receive_vehicle(attempt=attempt, by=trainee, odometer=_case(slug)["mileage_km"])
    wf.attempt_check_reception(attempt=attempt, by=trainee, new_damage_found=False)
    attempt = wf.attempt_start_repair(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.SUPPLEMENT_PENDING
    assert attempt.events.filter(kind=EventKind.HIDDEN_DAMAGE_REVEALED).exists()

    save_lines(attempt, trainee, _lines(attempt.case_version.reference_final))
    attempt = wf.attempt_submit_supplement(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.IN_REPAIR
    with contextlib.suppress(wf.MoveRefused):  # the supplement's part may be ordered already
        wf.attempt_order_parts(attempt=attempt, by=trainee)
    attempt = wf.attempt_submit_final(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.FINAL_SUBMITTED

    submitted = [v.input for v in attempt.calculation_versions.order_by("number")]
    events = list(attempt.events.order_by("pk"))
    results = {r.key: r for r in run_checks(attempt.case_version, events, submitted)}
    assert results[CHECK_OF[slug]].applicable and results[CHECK_OF[slug]].passed
    assert results["hv_judgement"].applicable is (slug == MHEV)
    assert results["hv_judgement"].passed


def test_quarantining_the_48v_car_fails_the_hv_judgement(trainee):
    attempt = _attempt(trainee, MHEV)
    _intake(attempt, trainee, MHEV, hv_judgement="quarantine")
    events = list(attempt.events.order_by("pk"))
    result = {r.key: r for r in run_checks(attempt.case_version, events, [])}["hv_judgement"]
    assert result.applicable and not result.passed


def test_without_the_camera_calibration_the_check_fails_not_a_part_warning(trainee):
    attempt = _attempt(trainee, KERB)
    _intake(attempt, trainee, KERB)
    lines = _lines(attempt.case_version.reference_precalc, drop=("ADAS-FRONT-CAMERA",))
    save_lines(attempt, trainee, lines)
    attempt = wf.attempt_submit_precalc(attempt=attempt, by=trainee)
    # one owner: the tie rod carries no sensor, so neither the engine nor the paying party
    # reports a calibration; the case's calculation check does
    reasons = {
        r["code"]
        for decision in attempt.events.filter(kind=EventKind.PAYER_DECISION)
        for r in (decision.data or {}).get("reasons", [])
    }
    assert "ADAS_CALIBRATION_MISSING" not in reasons
    submitted = [v.input for v in attempt.calculation_versions.order_by("number")]
    events = list(attempt.events.order_by("pk"))
    result = {r.key: r for r in run_checks(attempt.case_version, events, submitted)}[
        "calibration_after_alignment"
    ]
    assert result.applicable and not result.passed
    assert "front_camera" in result.explanation
