"""Assembling a `schadecalc/1` input from an attempt: the case's vehicle and rates, the trainee's lines.

The trainee edits lines only. The vehicle block is the case's (`vehicle_snapshot`) and the rates
are the paying party's (`rates_snapshot`), both pinned on the case version, so a later catalogue
or tariff update never changes an open attempt.
"""

from __future__ import annotations

from typing import Any

import calcengine
from calcengine import InputError
from cases.models import CaseVersion


def calculation_input(*, case_version: CaseVersion, lines: list[Any]) -> dict[str, Any]:
    """The full input for `lines` on this case version.

    `damage_date` is added only when the vehicle has no `value_before_damage`: the new-value
    scheme (calculation-spec §2.12) needs it, and then the case's simulated start date (the day
    the customer reports the damage; the tariff date when unset) stands in for it.
    """
    vehicle = dict(case_version.vehicle_snapshot or {})
    data: dict[str, Any] = {"spec": calcengine.SPEC}
    if vehicle.get("value_before_damage") in (None, ""):
        day = case_version.start_date or case_version.tariff_date
        if day is not None:
            data["damage_date"] = day.isoformat()
    data["vehicle"] = vehicle
    data["rates"] = dict(case_version.rates_snapshot or {})
    data["lines"] = list(lines)
    return data


def estimate_or_errors(data: dict[str, Any]) -> tuple[dict[str, Any] | None, list[dict[str, str]]]:
    """The engine's output for `data`, or `None` and the engine's errors when it refuses it."""
    try:
        return calcengine.estimate(data), []
    except InputError as exc:
        return None, list(exc.errors)
