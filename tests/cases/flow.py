"""Helpers that walk an attempt through the claim workflow, so each test starts where it needs.

The one owner of these steps: a test module imports them instead of writing the moves again.
The demo cases, walked on their own data, have theirs in `tests.cases.demo_walk`.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.urls import reverse

from assessment.workflow_checks import CheckResult, run_checks
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


def open_dossier(attempt: Attempt, by: Any) -> Attempt:
    """The intake's first moves: the dossier (customer, vehicle, insurance) and the damage."""
    wf.attempt_create_dossier(
        attempt=attempt,
        by=by,
        customer_name="J. de Vries",
        license_plate="ab-123-c",
        insurer="Verzekeraar Netwerk",
        policy_number="CAS-2026-001",
        cover="casco",
    )
    return wf.attempt_record_damage(
        attempt=attempt, by=by, zones=["front"], description="Grille gebroken"
    )


def judge_hv(
    attempt: Attempt,
    by: Any,
    judgement: str = "safe",
    reasons: str = "Airbags, accubak, meldingen en geur nagelopen",
) -> Attempt:
    """The trainee's HV judgement: parked safely, and safe to work on unless in quarantine."""
    return wf.attempt_record_hv_judgement(
        attempt=attempt,
        by=by,
        judgement=judgement,
        safe_to_park=True,
        safe_to_work=judgement != "quarantine",
        reasons=reasons,
    )


def estimate(attempt: Attempt, by: Any) -> Attempt:
    """The first estimate of cost and duration, the last move before the repair order."""
    return wf.attempt_record_first_estimate(
        attempt=attempt, by=by, amount=Decimal("450"), repair_days=2
    )


def do_intake(attempt: Attempt, by: Any, *, hv_judgement: str = "safe") -> Attempt:
    open_dossier(attempt, by)
    if attempt.case_version.is_hv:
        judge_hv(attempt, by, hv_judgement)
    estimate(attempt, by)
    return wf.attempt_receive_repair_order(
        attempt=attempt, by=by, planned_date=attempt.simulated_date + dt.timedelta(days=3)
    )


def to_approved(
    attempt: Attempt,
    by: Any,
    lines: list[dict[str, Any]] | None = None,
    *,
    hv_judgement: str = "safe",
) -> Attempt:
    do_intake(attempt, by, hv_judgement=hv_judgement)
    save_lines(attempt, by, lines or precalc_lines())
    return wf.attempt_submit_precalc(attempt=attempt, by=by)


def prepare_repair(
    attempt: Attempt, by: Any, *, instructions: str = "Grille vervangen", odometer: int = 61250
) -> Attempt:
    """Work order, parts, the vehicle received and checked: the repair may start."""
    wf.attempt_create_work_order(attempt=attempt, by=by, instructions=instructions)
    wf.attempt_order_parts(attempt=attempt, by=by)
    wf.attempt_receive_vehicle(attempt=attempt, by=by, odometer=odometer)
    return wf.attempt_check_reception(attempt=attempt, by=by, new_damage_found=False)


def to_in_repair(attempt: Attempt, by: Any) -> Attempt:
    to_approved(attempt, by)
    prepare_repair(attempt, by)
    return wf.attempt_start_repair(attempt=attempt, by=by)


def to_final_submitted(attempt: Attempt, by: Any) -> Attempt:
    to_in_repair(attempt, by)
    return wf.attempt_submit_final(attempt=attempt, by=by)


def timeline(attempt: Attempt) -> list[Any]:
    """The attempt's events in the order they happened."""
    return list(attempt.events.order_by("pk"))


def kinds(attempt: Attempt) -> list[str]:
    return list(attempt.events.order_by("pk").values_list("kind", flat=True))


def checks_of(attempt: Attempt) -> dict[str, CheckResult]:
    """The assessment's workflow checks of the dossier by key, as grading runs them: on the
    timeline and the calculations submitted so far (`assessment.services`)."""
    submitted = [v.input for v in attempt.calculation_versions.order_by("number")]
    return {r.key: r for r in run_checks(attempt.case_version, timeline(attempt), submitted)}


def move_api_url(attempt: Attempt, move: str) -> str:
    return reverse("api:cases_api:attempt-move", kwargs={"pk": attempt.pk, "move": move})


def post_move(client: Any, attempt: Attempt, move: str, data: dict[str, Any]) -> Any:
    """Make `move` through the API as the client's user, with a JSON body."""
    return client.post(move_api_url(attempt, move), data, content_type="application/json")


def close_window(attempt, at) -> None:
    """The exam window of the attempt's cohort closes at `at`."""
    attempt.cohort.exam_closes_at = at
    attempt.cohort.save(update_fields=["exam_closes_at"])
    attempt.refresh_from_db()


def clock_at(monkeypatch, moment) -> None:
    """The exam window's clock reads `moment` (the rest of Django keeps the real one)."""
    from types import SimpleNamespace

    from django.utils import timezone

    from cases import exam_window

    monkeypatch.setattr(
        exam_window, "timezone", SimpleNamespace(now=lambda: moment, localtime=timezone.localtime)
    )
