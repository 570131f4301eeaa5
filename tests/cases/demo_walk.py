"""Helpers that walk a demo case (cases/demo_cases/) on its own data: its customer, plate and
insurer at intake, its reference lines as the trainee's calculation, its mileage at reception.
They build on `tests.cases.flow` (the HV judgement, the preparation, the draft) and add only what
the case file gives; the demo cases' data by slug (`demo_case`, `demo_version`) is here too.
"""

from __future__ import annotations

import contextlib
import datetime as dt
from decimal import Decimal
from types import SimpleNamespace
from typing import Any

from cases import demo
from cases import workflow as wf
from cases.calc_review.injection import clean_reference
from cases.demo_files import demo_case
from cases.hv import asks_judgement
from cases.models import Attempt, AttemptStatus, CaseVersion
from cases.timeline import EventKind
from tests.cases.flow import judge_hv, prepare_repair, save_lines
from tests.factories.cases import AttemptFactory, CaseFactory, PublishedCaseVersionFactory

# The nine demo cases written before issue #16 (its cases came with their own checks and lists).
EARLIER_DEMO_CASES = (
    "golf-front-low-speed",
    "polo-total-loss",
    "clio-door-private",
    "model3-rear-ev",
    "yaris-cross-hev-side",
    "bmw-3-windscreen-adas",
    "vito-van-fleet-rear",
    "niro-phev-sill-structural",
    "peugeot-208-photo-intake",
)


def demo_version(slug: str) -> SimpleNamespace:
    """Demo case `slug` as its case version holds it (`cases.demo.version_fields`), for what
    reads a version without a database (the workflow checks)."""
    return SimpleNamespace(**demo.version_fields(demo_case(slug)))


def demo_attempt(trainee: Any, slug: str, **fields: Any) -> Attempt:
    """An attempt on demo case `slug`, on its version in the database or, without one, on a
    version made from the case file."""
    version = CaseVersion.objects.filter(case__slug=slug).first()
    if version is None:
        data = demo_case(slug)
        version = PublishedCaseVersionFactory(
            case=CaseFactory(slug=data["slug"], title=data["title"]), **demo.version_fields(data)
        )
    return AttemptFactory(trainee=trainee, case_version=version, **fields)


def save_reference(
    attempt: Attempt, by: Any, kind: str = "reference_precalc", drop: tuple[str, ...] = ()
) -> int:
    """Store the case's `kind` reference as the trainee's draft: its lines as a trainee enters
    them (`clean_reference`: without the scoring annotations), less those whose code is in
    `drop`."""
    lines = clean_reference(getattr(attempt.case_version, kind))["lines"]
    return save_lines(attempt, by, [line for line in lines if line["code"] not in drop])


def demo_intake(
    attempt: Attempt,
    by: Any,
    *,
    estimate: str,
    repair_days: int,
    planned_in_days: int,
    hv_judgement: str | None = None,
    hv_reasons: str = "Airbags, accubak, meldingen en geur nagelopen",
) -> Attempt:
    """The intake on the case's own customer, plate, insurer, cover and damage zones; where the
    case asks an HV judgement, the one it expects unless `hv_judgement` says otherwise. The
    first estimate (`estimate` euro incl. VAT, `repair_days`) and the repair order's date are
    the test's."""
    version = attempt.case_version
    data = demo_case(version.case.slug)
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
    if asks_judgement(version):
        judge_hv(attempt, by, hv_judgement or version.expected_hv_judgement, hv_reasons)
    wf.attempt_record_first_estimate(
        attempt=attempt, by=by, amount=Decimal(estimate), repair_days=repair_days
    )
    return wf.attempt_receive_repair_order(
        attempt=attempt, by=by, planned_date=attempt.simulated_date + dt.timedelta(planned_in_days)
    )


def submit_reference_precalc(attempt: Attempt, by: Any, drop: tuple[str, ...] = ()) -> Attempt:
    """The case's reference pre-calculation (less the `drop` codes), saved and submitted."""
    save_reference(attempt, by, "reference_precalc", drop)
    return wf.attempt_submit_precalc(attempt=attempt, by=by)


def request_expertise(attempt: Attempt, by: Any, reason_code: str = "") -> Attempt:
    """The expert asked (for `reason_code`, or none) and the expertise received."""
    wf.attempt_request_expert(
        attempt=attempt, by=by, reason="Verplicht bij deze verzekeraar", reason_code=reason_code
    )
    return wf.attempt_receive_expertise(attempt=attempt, by=by)


def start_demo_repair(
    attempt: Attempt, by: Any, instructions: str = "Volgens calculatie"
) -> Attempt:
    """`flow.prepare_repair` with the vehicle received at the case's mileage, then the repair
    started."""
    mileage = demo_case(attempt.case_version.case.slug)["mileage_km"]
    prepare_repair(attempt, by, instructions=instructions, odometer=mileage)
    return wf.attempt_start_repair(attempt=attempt, by=by)


def submit_supplement_and_final(attempt: Attempt, by: Any) -> Attempt:
    """The repair started on a case with hidden damage: the damage revealed, the case's
    reference final calculation submitted as the supplement, its parts ordered (where not
    ordered already) and the final calculation submitted."""
    assert attempt.status == AttemptStatus.SUPPLEMENT_PENDING
    assert attempt.events.filter(kind=EventKind.HIDDEN_DAMAGE_REVEALED).exists()
    save_reference(attempt, by, "reference_final")
    attempt = wf.attempt_submit_supplement(attempt=attempt, by=by)
    assert attempt.status == AttemptStatus.IN_REPAIR
    with contextlib.suppress(wf.MoveRefused):  # the supplement's parts may be ordered already
        wf.attempt_order_parts(attempt=attempt, by=by)
    attempt = wf.attempt_submit_final(attempt=attempt, by=by)
    assert attempt.status == AttemptStatus.FINAL_SUBMITTED
    return attempt
