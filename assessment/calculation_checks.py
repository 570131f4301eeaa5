"""Workflow checks that read the trainee's calculation instead of the timeline (issue #16 item
3): what a report or the manufacturer's information in the case asks the work preparation to
contain. They are declared with the other checks in `workflow_checks.CHECKS` and run by
`workflow_checks.run_checks` on the attempt's submitted calculations (`calculations`, the
schadecalc/1 inputs in submission order; the latest is judged, as the grade scores it).

Each check applies by the case's own reference pre-calculation, so a case declares it by what
its reference holds, not by a flag:

- `suspension_part_from_reports`: the reference replaces a critical part of the running gear
  (catalogue zone `mechanical`) and aligns the wheels: the part the alignment and diagnosis
  reports point at (K07, K13, K14). The trainee's calculation replaces that part, and aligns.
- `calibration_after_alignment`: the reference aligns the wheels and calibrates a camera or
  radar as a critical line: the manufacturer asks for the calibration after the alignment. The
  trainee's calculation holds the alignment and that sensor's calibration, by the shop or by a
  specialist (a subcontract line naming the sensor, calculation-spec §1.3).
- `mild_hybrid_disconnect`: the reference disconnects the 48 V system (`MILD_HYBRID_CODES`) before
  body work; the trainee's calculation does too, and holds no HV de-energising line (`hv_safety`:
  48 V is no high voltage).

Pure functions: (case, lines) → (applicable, passed, explanation); `workflow_checks` wraps them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

from calcengine.catalogue import get_vehicle
from calcengine.schema import HV_SAFETY_OPERATION, OPERATION, PART_BUYING_OPERATIONS

# The work codes of a wheel alignment (the shop's own or subcontracted) and of the 48 V
# disconnect, from the shared work codes (`calcengine/data/work_codes.json`).
ALIGNMENT_CODES = frozenset({"SUB-ALIGN", "MECH-ALIGN"})
MILD_HYBRID_CODES = frozenset({"ELEC-48V-OFF"})
# Sensors whose calibration an alignment can call for (not the ultrasonic park sensors).
ALIGNED_SENSORS = frozenset({"front_camera", "front_radar", "rear_radar", "lidar"})
RUNNING_GEAR_ZONE = "mechanical"

# A check's judgement, which `workflow_checks` wraps: (applicable, passed, explanation). The
# paint oven's check (`assessment.paint_oven`) answers in it too.
Verdict = tuple[bool, bool, str]


def _reference_lines(case: Any) -> list[dict]:
    return list((getattr(case, "reference_precalc", None) or {}).get("lines") or [])


def latest_lines(calculations: Sequence[dict] | None) -> list[dict] | None:
    """The lines of the latest submitted calculation, or None when none was submitted."""
    if not calculations:
        return None
    return list((calculations[-1] or {}).get("lines") or [])


def _critical(line: dict) -> bool:
    return bool((line.get("assess") or {}).get("critical"))


def _aligns(lines: Iterable[dict]) -> bool:
    return any(line.get("code") in ALIGNMENT_CODES for line in lines)


def _calibrated_sensors(lines: Iterable[dict]) -> set[str]:
    """Sensors calibrated by the shop or named on a specialist's line (§1.3)."""
    sensors = set()
    for line in lines:
        operation = OPERATION.get(line.get("operation", ""))
        if (
            line.get("sensor")
            and operation
            and (operation.needs_sensor or operation.may_name_sensor)
        ):
            sensors.add(str(line["sensor"]))
    return sensors


def _running_gear_parts(case: Any) -> list[dict]:
    """The reference's critical replaced parts of the running gear (wheel suspension, steering)."""
    vehicle_id = getattr(case, "vehicle_id", None)
    if not vehicle_id:
        return []
    model = get_vehicle(vehicle_id)
    return [
        line
        for line in _reference_lines(case)
        if line.get("operation") in PART_BUYING_OPERATIONS
        and _critical(line)
        and model.has_part(line.get("code", ""))
        and model.part(line["code"]).zone == RUNNING_GEAR_ZONE
    ]


def _aligned_calibrations(case: Any) -> set[str]:
    return (
        _calibrated_sensors(line for line in _reference_lines(case) if _critical(line))
        & ALIGNED_SENSORS
    )


def applies_suspension_part(case: Any) -> bool:
    return bool(_running_gear_parts(case)) and _aligns(_reference_lines(case))


def applies_calibration_after_alignment(case: Any) -> bool:
    return _aligns(_reference_lines(case)) and bool(_aligned_calibrations(case))


def applies_mild_hybrid_disconnect(case: Any) -> bool:
    return any(line.get("code") in MILD_HYBRID_CODES for line in _reference_lines(case))


NO_CALCULATION = "Er is geen calculatie ingediend."


def suspension_part_from_reports(case: Any, lines: list[dict] | None) -> Verdict:
    if not applies_suspension_part(case):
        return False, True, "De casus vraagt geen deel van de wielophanging uit de rapporten."
    if lines is None:
        return True, False, NO_CALCULATION
    replaced = {
        line.get("code") for line in lines if line.get("operation") in PART_BUYING_OPERATIONS
    }
    missing = [line for line in _running_gear_parts(case) if line["code"] not in replaced]
    if missing:
        names = ", ".join(line["description"] for line in missing)
        return (
            True,
            False,
            f"Het deel dat het uitlijnrapport aanwijst, is niet vervangen: {names}. Lees welke "
            "hoek buiten de waarde ligt en welke binnen.",
        )
    if not _aligns(lines):
        return True, False, "Het deel is vervangen, maar het uitlijnen na het herstel ontbreekt."
    return True, True, "Het verbogen deel uit het uitlijnrapport is vervangen en uitgelijnd."


def calibration_after_alignment(case: Any, lines: list[dict] | None) -> Verdict:
    if not applies_calibration_after_alignment(case):
        return False, True, "De casus vraagt geen kalibratie na het uitlijnen."
    if lines is None:
        return True, False, NO_CALCULATION
    if not _aligns(lines):
        return True, False, "Het uitlijnen ontbreekt; de kalibratie hoort erna te komen."
    missing = sorted(_aligned_calibrations(case) - _calibrated_sensors(lines))
    if missing:
        return (
            True,
            False,
            "Na het uitlijnen ontbreekt de kalibratie van: "
            + ", ".join(missing)
            + " (door het bedrijf of een specialist).",
        )
    return True, True, "Uitgelijnd en daarna gekalibreerd, zoals de fabrikant voorschrijft."


def mild_hybrid_disconnect(case: Any, lines: list[dict] | None) -> Verdict:
    if not applies_mild_hybrid_disconnect(case):
        return False, True, "De casus vraagt geen werk aan een 48V-boordnet."
    if lines is None:
        return True, False, NO_CALCULATION
    if any(line.get("operation") == HV_SAFETY_OPERATION for line in lines):
        return (
            True,
            False,
            "De calculatie stelt een hoogvoltsysteem veilig, maar deze auto heeft er geen: "
            "48 V is geen hoogvolt (pas boven 60 V gelijkspanning). Koppel het 48V-boordnet "
            "los volgens de fabrikant.",
        )
    if any(line.get("code") in MILD_HYBRID_CODES for line in lines):
        return True, True, "Het 48V-boordnet wordt losgekoppeld vóór het las- en richtwerk."
    return (
        True,
        False,
        "Het loskoppelen van het 48V-boordnet ontbreekt. 48 V is geen hoogvolt, maar de "
        "fabrikant schrijft het loskoppelen voor vóór las- en richtwerk.",
    )


# key → (the judgement, the case fact that makes it apply)
CALCULATION_CHECKS: dict[
    str, tuple[Callable[[Any, list[dict] | None], Verdict], Callable[[Any], bool]]
] = {
    "suspension_part_from_reports": (suspension_part_from_reports, applies_suspension_part),
    "calibration_after_alignment": (
        calibration_after_alignment,
        applies_calibration_after_alignment,
    ),
    "mild_hybrid_disconnect": (mild_hybrid_disconnect, applies_mild_hybrid_disconnect),
}
