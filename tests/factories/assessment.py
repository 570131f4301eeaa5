"""Factories for assessment tests: a published Golf case, finished attempts with submitted
calculations and dossier events, and grades made through the real services.

The Golf reference and trainee submissions are the shared scoring cases
(/work/shared/cases/scoring/), so the machine's figures are the contract's own.
"""

from __future__ import annotations

import datetime as dt
import json
from functools import cache
from typing import Any

import factory
from django.utils import timezone

import calcengine
from cases.models import (
    Attempt,
    AttemptStatus,
    CalculationVersion,
    Case,
    CaseVersion,
    CaseVersionStatus,
    DossierEvent,
)
from cases.timeline import EventKind
from tests.factories.accounts import only_cohort_of
from tests.shared import SCORING_DIR

DELIVERY_CHECKLIST = ["Lakkleur en glans gecontroleerd", "Sensoren getest", "Interieur schoon"]


@cache
def _scoring_text(name: str) -> str:
    return (SCORING_DIR / f"golf.{name}.json").read_text(encoding="utf-8")


def golf_document(name: str) -> dict[str, Any]:
    """A shared Golf scoring document: "reference", "identical", "bonnet-replaced", …"""
    return json.loads(_scoring_text(name))


def trainee_document(name: str) -> dict[str, Any]:
    document = golf_document(name)
    document.pop("decisions", None)
    for line in document["lines"]:
        line.pop("assess", None)
    return document


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case
        django_get_or_create = ("slug",)

    slug = factory.Sequence(lambda n: f"golf-voorschade-{n}")
    title = factory.Sequence(lambda n: f"Golf 8 frontschade {n}")
    summary = "Aanrijding laag tempo, voorzijde."


class CaseVersionFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = CaseVersion

    case = factory.SubFactory(CaseFactory)
    number = 1
    status = CaseVersionStatus.PUBLISHED
    tariff_date = dt.date(2026, 3, 1)
    vehicle_id = "vw-golf-8"
    vehicle_snapshot = factory.LazyFunction(lambda: golf_document("reference")["vehicle"])
    rate_set_id = "verzekeraar-netwerk"  # the rate set of the golf reference's rates
    rates_snapshot = factory.LazyFunction(lambda: golf_document("reference")["rates"])
    payer_name = "Verzekeraar Demo"
    payer_rules = factory.LazyFunction(lambda: {"expert_required": False})
    reference_precalc = factory.LazyFunction(lambda: golf_document("reference"))
    reference_final = factory.LazyFunction(lambda: golf_document("reference"))
    expected_decisions = factory.LazyFunction(
        lambda: {
            "economic_total_loss": False,
            "expert_required": False,
            "used_parts_allowed": False,
        }
    )
    delivery_checklist = factory.LazyFunction(lambda: list(DELIVERY_CHECKLIST))
    published_at = factory.LazyFunction(timezone.now)


class AttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attempt

    trainee = None
    case_version = factory.SubFactory(CaseVersionFactory)
    # The trainee's only cohort, as attempt_start files it (visibility follows the cohort).
    cohort = factory.LazyAttribute(lambda a: only_cohort_of(a.trainee))
    status = AttemptStatus.DELIVERED
    simulated_date = dt.date(2026, 3, 10)
    submitted_at = factory.LazyFunction(timezone.now)


def add_event(attempt: Attempt, kind: str, data: dict | None = None, *, refused: bool = False):
    return DossierEvent.objects.create(
        attempt=attempt,
        kind=kind,
        simulated_date=attempt.simulated_date,
        data=data or {},
        refused=refused,
        actor=attempt.trainee,
    )


def add_calculation(attempt: Attempt, document: dict, kind: str = "final") -> CalculationVersion:
    number = attempt.calculation_versions.count() + 1
    return CalculationVersion.objects.create(
        attempt=attempt,
        kind=kind,
        number=number,
        draft_version=number,
        input=document,
        output=calcengine.estimate(document),
        submitted_by=attempt.trainee,
    )


GOOD_TIMELINE: list[tuple[str, dict]] = [
    (EventKind.DOSSIER_CREATED, {}),
    (EventKind.DAMAGE_RECORDED, {"zones": ["front"]}),
    (EventKind.CALCULATION_SUBMITTED, {"kind": "precalc", "version_number": 1}),
    (EventKind.PAYER_DECISION, {"kind": "precalc", "outcome": "approved"}),
    (EventKind.PARTS_ORDERED, {"part_codes": ["5H0807221GRU"]}),
    (EventKind.VEHICLE_RECEIVED, {}),
    (EventKind.RECEPTION_CHECK_DONE, {"new_damage_found": False}),
    (EventKind.REPAIR_STARTED, {}),
    (EventKind.FINAL_CALCULATION_SUBMITTED, {"version_number": 2}),
    (
        EventKind.FINAL_INSPECTION_DONE,
        {
            "checklist": [{"item": item, "ok": True} for item in DELIVERY_CHECKLIST],
            "complete": True,
        },
    ),
    (EventKind.VEHICLE_DELIVERED, {}),
]


def finished_attempt(
    *,
    trainee,
    cohort=None,
    case_version: CaseVersion | None = None,
    submission: str = "identical",
    timeline: list[tuple[str, dict]] | None = None,
) -> Attempt:
    """A delivered attempt with a pre-calculation and a final calculation and a clean timeline."""
    filed = {"cohort": cohort} if cohort is not None else {}
    attempt = AttemptFactory(
        trainee=trainee, case_version=case_version or CaseVersionFactory(), **filed
    )
    add_calculation(attempt, trainee_document("identical"), kind="precalc")
    add_calculation(attempt, trainee_document(submission), kind="final")
    for kind, data in GOOD_TIMELINE if timeline is None else timeline:
        add_event(attempt, kind, data)
    return attempt


FULL_RUBRIC = {
    "analyseren-en-interpreteren": 3,
    "organiseren-en-uitvoeren": 3,
    "ondersteunen-en-samenwerken": 4,
    "interacteren-beinvloeden-en-presenteren": 2,
}


def signed_grade(attempt: Attempt, assessor, *, rubric=None, comment="Goed gedaan."):
    """A grade started, filled in and signed through the services."""
    from assessment import services

    grade = services.grade_start(attempt=attempt, by=assessor)
    grade = services.grade_autosave(
        grade=grade,
        by=assessor,
        revision=grade.revision,
        rubric=rubric or FULL_RUBRIC,
        comment=comment,
    )
    return services.grade_sign(grade=grade, by=assessor)


def released_grade(attempt: Attempt, assessor, **kwargs):
    """A grade signed (`signed_grade`) and then released to the trainee by its assessor: what
    a trainee sees (signing alone makes it "ready for release", issue #14 item 6)."""
    from assessment import services

    grade = signed_grade(attempt, assessor, **kwargs)
    return services.grade_release(grade=grade, by=assessor)
