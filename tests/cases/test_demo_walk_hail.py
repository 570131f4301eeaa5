"""A trainee walks the hail case (`model3-hail-glass-roof`) from intake to the final
calculation on the reference lines: the HV judgement at intake, the paying party's approval, the
hidden roof trim strips as a supplement, and the work order that keeps the car within Tesla's
drying temperature, as the check `paint_oven_limit` reads it."""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal

import pytest

from assessment.workflow_checks import run_checks
from cases import demo
from cases import workflow as wf
from cases.models import AttemptStatus, CaseVersion
from cases.timeline import EventKind
from tests.cases.flow import save_lines
from tests.factories.cases import AttemptFactory, CaseFactory, PublishedCaseVersionFactory

pytestmark = pytest.mark.django_db

HAIL = "model3-hail-glass-roof"
WITHIN_LIMIT = (
    "Motorkap, schermen en dakboog uitdeuken zonder spuiten. Achterklep en kleurovergangen in "
    "de zijwanden drogen met kortegolf-infrarood op het paneel, max. 45 °C aan de auto "
    "(Tesla-grens 49 °C, HV-accu); niet in het ovenprogramma van 60 °C."
)


def _case():
    return next(case for case in demo.demo_cases() if case["slug"] == HAIL)


def _attempt(trainee):
    data = _case()
    version = CaseVersion.objects.filter(case__slug=HAIL).first()
    if version is None:
        version = PublishedCaseVersionFactory(
            case=CaseFactory(slug=data["slug"], title=data["title"]), **demo.version_fields(data)
        )
    return AttemptFactory(trainee=trainee, case_version=version)


def _lines(reference):
    return [{k: v for k, v in line.items() if k != "assess"} for line in reference["lines"]]


def _to_approved(attempt, by):
    data = _case()
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
        attempt=attempt, by=by, zones=data["expected_damage_zones"], description="Hagelschade"
    )
    assert attempt.case_version.is_hv  # a BEV: the HV judgement is asked
    wf.attempt_record_hv_judgement(
        attempt=attempt,
        by=by,
        judgement="safe",
        safe_to_park=True,
        safe_to_work=True,
        reasons="Geen airbags, geen meldingen, geen geur, onderzijde niet geraakt",
    )
    wf.attempt_record_first_estimate(attempt=attempt, by=by, amount=Decimal("2800"), repair_days=4)
    wf.attempt_receive_repair_order(
        attempt=attempt, by=by, planned_date=attempt.simulated_date + dt.timedelta(days=3)
    )
    save_lines(attempt, by, _lines(attempt.case_version.reference_precalc))
    attempt = wf.attempt_submit_precalc(attempt=attempt, by=by)
    assert attempt.status == AttemptStatus.APPROVED
    return attempt


def _checks(attempt):
    submitted = [v.input for v in attempt.calculation_versions.order_by("number")]
    events = list(attempt.events.order_by("pk"))
    return {r.key: r for r in run_checks(attempt.case_version, events, submitted)}


def test_a_trainee_walks_the_hail_case_to_the_final_calculation(trainee):
    attempt = _to_approved(_attempt(trainee), trainee)

    wf.attempt_create_work_order(attempt=attempt, by=trainee, instructions=WITHIN_LIMIT)
    wf.attempt_order_parts(attempt=attempt, by=trainee)
    wf.attempt_receive_vehicle(attempt=attempt, by=trainee, odometer=_case()["mileage_km"])
    wf.attempt_check_reception(attempt=attempt, by=trainee, new_damage_found=False)
    attempt = wf.attempt_start_repair(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.SUPPLEMENT_PENDING
    assert attempt.events.filter(kind=EventKind.HIDDEN_DAMAGE_REVEALED).exists()

    save_lines(attempt, trainee, _lines(attempt.case_version.reference_final))
    attempt = wf.attempt_submit_supplement(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.IN_REPAIR
    with contextlib.suppress(wf.MoveRefused):  # the supplement's parts may be ordered already
        wf.attempt_order_parts(attempt=attempt, by=trainee)
    attempt = wf.attempt_submit_final(attempt=attempt, by=trainee)
    assert attempt.status == AttemptStatus.FINAL_SUBMITTED

    oven = _checks(attempt)["paint_oven_limit"]
    assert oven.applicable and oven.passed, oven.explanation


def test_a_work_order_with_the_ordinary_oven_programme_fails_the_check(trainee):
    attempt = _to_approved(_attempt(trainee), trainee)
    wf.attempt_create_work_order(
        attempt=attempt, by=trainee, instructions="Achterklep spuiten, ovenprogramma 60 °C."
    )

    oven = _checks(attempt)["paint_oven_limit"]
    assert oven.applicable and not oven.passed
    assert "49 °C" in oven.explanation
