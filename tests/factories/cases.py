"""Factories for the case library and the claim workflow: a real catalogue vehicle (VW Golf 8),
the "verzekeraar-netwerk" rate set and reference calculations the engine accepts.

The reference calculations carry distinctive values (`REF_SECRET_*`) so that tests can assert
that nothing of them reaches a trainee's page or API response.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

import factory
from django.utils import timezone

from calcengine.catalogue import calibration_for, get_rate_set, prefill_line, vehicle_block
from cases.hv import HV_FACTS
from cases.hv_questions import CUSTOMER_QUESTIONS
from cases.models import Attempt, AttemptStatus, Case, CaseVersion, CaseVersionStatus
from tests.factories.accounts import only_cohort_of

VEHICLE_ID = "vw-golf-8"
RATE_SET_ID = "verzekeraar-netwerk"
BUMPER = "5H0807221GRU"  # Voorbumper: park sensors and front radar to calibrate
GRILLE = "5H0853651"  # Grille: trim, not painted, no sensors
BUMPER_BEAM = "5H0807109"  # Bumperbalk voor: the hidden damage behind the bumper
REF_SECRET_CODE = "REF-GEHEIM-4711"
REF_SECRET_DESCRIPTION = "Referentieregel-geheim-zichtbaar-voor-niemand"
REF_SECRET_HINT = "Antwoordhint-geheim-voor-beoordelaar"
REF_SECRET_HIDDEN_LINE = "Verborgen-regel-geheim"


def golf_vehicle(**overrides: Any) -> dict[str, Any]:
    block = vehicle_block(
        VEHICLE_ID,
        vin="WVWZZZCDZMW123456",
        first_registration="2021-04-16",
        mileage_km=61230,
        value_before_damage="21450.00",
        residual_value="6900.00",
    )
    block.update(overrides)
    return block


def line(part_code: str, operation: str, *, line_id: str, **options: Any) -> dict[str, Any]:
    return prefill_line(VEHICLE_ID, part_code, operation, line_id=line_id, **options)


def calibration(sensor: str, *, line_id: str) -> dict[str, Any]:
    return prefill_line(VEHICLE_ID, calibration_for(sensor).code, "calibrate", line_id=line_id)


def golf_rates() -> dict[str, Any]:
    return get_rate_set(RATE_SET_ID).rates


def payer_rules(**overrides: Any) -> dict[str, Any]:
    """The case's own payer facts; the rate set (`RATE_SET_ID`) supplies its RateRules. An
    override of a RateRules field (`used_parts_allowed=False`) is the case's departure from it."""
    data: dict[str, Any] = {
        "name": "Verzekeraar Netwerk",
        "cover": "casco",
        "check_parts_invoice": True,
        "expertise_days": 3,
        "not_paid_codes": [],
        "estimating_costs": "125.00",
    }
    data.update(overrides)
    return data


def reference(lines: list[dict[str, Any]], **extra: Any) -> dict[str, Any]:
    return {
        "spec": "schadecalc/1",
        "vehicle": golf_vehicle(),
        "rates": golf_rates(),
        "lines": lines,
        **extra,
    }


def reference_precalc() -> dict[str, Any]:
    secret = {
        "id": "R9",
        "code": REF_SECRET_CODE,
        "description": REF_SECRET_DESCRIPTION,
        "operation": "sundry",
        "amount": "4.71",
    }
    return reference(
        [line(GRILLE, "replace", line_id="R1"), secret],
        decisions={"economic_total_loss": False, "expert_required": False},
    )


def reference_final() -> dict[str, Any]:
    data = reference_precalc()
    data["lines"].append(line(BUMPER_BEAM, "replace", line_id="R2"))
    return data


def customer(**overrides: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Mevrouw J. de Vries",
        "kind": "private",
        "deducts_vat": False,
        "wishes": "Zo snel mogelijk klaar, liefst met vervangend vervoer.",
        "questions": [
            {"question": "Hoe lang gaat het herstel duren?", "good_answer_hint": REF_SECRET_HINT},
            {"question": "Moet ik eigen risico betalen?", "good_answer_hint": "Ja, casco: € 150"},
        ],
        "upsell": "Steenslag in de voorruit; kleine deuk in de achterklep",
        "last_questions": [{"question": "Hoe onderhoud ik de nieuwe lak?"}],
        "needs_replacement_car": True,
        "insurer": "Verzekeraar Netwerk",
        "policy_number": "CAS-2026-001",
    }
    data.update(overrides)
    return data


def hv_facts(**present: bool) -> dict[str, bool]:
    """An HV vehicle's facts (`cases.hv.HV_FACTS`): none present but those named."""
    assert set(present) <= set(HV_FACTS), set(present) - set(HV_FACTS)
    return {fact: present.get(fact, False) for fact in HV_FACTS}


def hv_fact_sources(**sources: dict[str, str]) -> dict[str, dict[str, str]]:
    """Where the trainee finds each HV fact: by the catalogue's question that reveals it
    (`cases.hv_questions`), unless named otherwise, e.g. `warning_lights={"photo": "x.png"}`."""
    assert set(sources) <= set(HV_FACTS), set(sources) - set(HV_FACTS)
    asked = {q.reveals: {"question": q.key} for q in CUSTOMER_QUESTIONS.values() if q.reveals}
    return {fact: sources.get(fact, asked[fact]) for fact in HV_FACTS}


class CaseFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Case

    slug = factory.Sequence(lambda n: f"casus-{n}")
    title = factory.Sequence(lambda n: f"Golf voorschade {n}")
    summary = "Een aanrijding aan de voorzijde."


class CaseVersionFactory(factory.django.DjangoModelFactory):
    """A draft version; `PublishedCaseVersionFactory` for one attempts can start on."""

    class Meta:
        model = CaseVersion

    case = factory.SubFactory(CaseFactory)
    number = 1
    status = CaseVersionStatus.DRAFT
    tariff_date = dt.date(2026, 1, 1)
    start_date = dt.date(2026, 3, 2)
    briefing = "De klant reed bij het inparkeren tegen een paal."
    vehicle_id = VEHICLE_ID
    vehicle_snapshot = factory.LazyFunction(golf_vehicle)
    rate_set_id = RATE_SET_ID
    rates_snapshot = factory.LazyFunction(golf_rates)
    payer_name = "Verzekeraar Netwerk"
    payer_rules = factory.LazyFunction(payer_rules)
    customer = factory.LazyFunction(customer)
    arrival = "counter"
    hv_facts = None
    expected_hv_judgement = None
    expected_damage_zones = factory.LazyFunction(lambda: ["front"])
    hidden_damage = factory.LazyFunction(dict)
    parts_lead_times = factory.LazyFunction(lambda: {"default": 2, "parts": {BUMPER_BEAM: 5}})
    subcontract_options = factory.LazyFunction(
        lambda: [
            {
                "supplier": "Uitlijncentrum Noord",
                "description": "Uitlijnen",
                "quote_amount": "89.00",
            }
        ]
    )
    vsi_notes = factory.LazyFunction(
        lambda: [{"topic": "Radar voor", "text": "Na demontage bumper radar kalibreren."}]
    )
    reference_precalc = factory.LazyFunction(reference_precalc)
    reference_final = factory.LazyFunction(reference_final)
    expected_decisions = factory.LazyFunction(
        lambda: {"economic_total_loss": False, "expert_required": False, "used_parts_allowed": True}
    )
    delivery_checklist = factory.LazyFunction(
        lambda: ["Lakkleur en glans gecontroleerd", "Spleetmaten gecontroleerd", "Interieur schoon"]
    )
    structural_damage_wok = False
    is_total_loss = False


class PublishedCaseVersionFactory(CaseVersionFactory):
    status = CaseVersionStatus.PUBLISHED
    published_at = factory.LazyFunction(timezone.now)


def hidden_damage() -> dict[str, Any]:
    return {
        "description": "Achter de bumper is de bumperbalk ingedrukt.",
        "revealed_after": 1,
        "lines": [
            {
                **line(BUMPER_BEAM, "replace", line_id="H1"),
                "description": REF_SECRET_HIDDEN_LINE,
            }
        ],
        "photos": [],
    }


class AttemptFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Attempt

    case_version = factory.SubFactory(PublishedCaseVersionFactory)
    # Filed in the trainee's only cohort, as attempt_start does; who sees an attempt follows
    # its cohort (cases.selectors.attempts_visible_to).
    cohort = factory.LazyAttribute(lambda a: only_cohort_of(a.trainee))
    status = AttemptStatus.INTAKE
    simulated_date = factory.LazyAttribute(lambda a: a.case_version.start_date)
