"""Helpers that walk an attempt through the claim workflow, so each test starts where it needs."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from cases import workflow as wf
from cases.calculations.selectors import draft_for
from cases.calculations.services import draft_save
from cases.models import Attempt
from tests.factories.cases import BUMPER_BEAM, GRILLE, line


def save_lines(attempt: Attempt, by: Any, lines: list[dict[str, Any]]) -> int:
    """Store `lines` as the draft and return the new draft version."""
    draft = draft_for(attempt)
    return draft_save(attempt=attempt, lines=lines, expected_version=draft.version, by=by).version


# A trainee's own final-inspection list that names the factories' hidden list.
OWN_INSPECTION = ["Lakkleur en glans bij daglicht", "Spleetmaten rondom", "Interieur schoon"]


def precalc_lines() -> list[dict[str, Any]]:
    return [line(GRILLE, "replace", line_id="1")]


def with_hidden_damage_lines() -> list[dict[str, Any]]:
    return [*precalc_lines(), line(BUMPER_BEAM, "replace", line_id="2")]


def do_intake(attempt: Attempt, by: Any) -> Attempt:
    wf.attempt_create_dossier(
        attempt=attempt,
        by=by,
        customer_name="J. de Vries",
        license_plate="ab-123-c",
        insurer="Verzekeraar Netwerk",
        policy_number="CAS-2026-001",
        cover="casco",
    )
    wf.attempt_record_damage(attempt=attempt, by=by, zones=["front"], description="Grille gebroken")
    if attempt.case_version.is_hv:
        wf.attempt_record_hv_judgement(
            attempt=attempt,
            by=by,
            judgement="safe",
            safe_to_park=True,
            safe_to_work=True,
            reasons="Geen airbags, accubak heel",
        )
    wf.attempt_record_first_estimate(attempt=attempt, by=by, amount=Decimal("450"), repair_days=2)
    return wf.attempt_receive_repair_order(
        attempt=attempt, by=by, planned_date=attempt.simulated_date + dt.timedelta(days=3)
    )


def to_approved(attempt: Attempt, by: Any, lines: list[dict[str, Any]] | None = None) -> Attempt:
    do_intake(attempt, by)
    save_lines(attempt, by, lines or precalc_lines())
    return wf.attempt_submit_precalc(attempt=attempt, by=by)


def prepare_repair(attempt: Attempt, by: Any) -> Attempt:
    wf.attempt_create_work_order(attempt=attempt, by=by, instructions="Grille vervangen")
    wf.attempt_order_parts(attempt=attempt, by=by)
    wf.attempt_receive_vehicle(attempt=attempt, by=by, odometer=61250)
    return wf.attempt_check_reception(attempt=attempt, by=by, new_damage_found=False)


def to_in_repair(attempt: Attempt, by: Any) -> Attempt:
    to_approved(attempt, by)
    prepare_repair(attempt, by)
    return wf.attempt_start_repair(attempt=attempt, by=by)


def to_final_submitted(attempt: Attempt, by: Any) -> Attempt:
    to_in_repair(attempt, by)
    return wf.attempt_submit_final(attempt=attempt, by=by)


def kinds(attempt: Attempt) -> list[str]:
    return list(attempt.events.order_by("pk").values_list("kind", flat=True))
