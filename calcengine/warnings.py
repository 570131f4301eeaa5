"""The findings of calculation-spec §3: rules broken, still computed, never silent.

Order: by code in the order of the spec's table (REPAIR_NOT_ALLOWED, ADAS_CALIBRATION_MISSING,
HV_SAFETY_MISSING, DUPLICATE_LINE, ECONOMIC_TOTAL_LOSS), and within one code by line in input
order (and, for ADAS, by sensor in the order the line lists them).
"""

from __future__ import annotations

from collections.abc import Sequence

from calcengine.arithmetic import CALIBRATED_OPERATIONS
from calcengine.formatting import format_money
from calcengine.model import Line, TotalLoss, Vehicle, Warning
from calcengine.schema import HIGH_VOLTAGE_POWERTRAINS

REPAIR_NOT_ALLOWED = "REPAIR_NOT_ALLOWED"
ADAS_CALIBRATION_MISSING = "ADAS_CALIBRATION_MISSING"
HV_SAFETY_MISSING = "HV_SAFETY_MISSING"
DUPLICATE_LINE = "DUPLICATE_LINE"
ECONOMIC_TOTAL_LOSS = "ECONOMIC_TOTAL_LOSS"


def repair_not_allowed(lines: Sequence[Line]) -> list[Warning]:
    """A `repair` line whose `repair_allowed` is false (§3)."""
    return [
        Warning(
            REPAIR_NOT_ALLOWED,
            line.id,
            f"{line.description or line.code}: de reparatierichtlijn van de fabrikant verbiedt "
            "herstellen van dit onderdeel; het moet vervangen worden.",
        )
        for line in lines
        if line.operation == "repair" and not line.repair_allowed
    ]


def adas_calibration_missing(lines: Sequence[Line], vehicle: Vehicle) -> list[Warning]:
    """A sensor the vehicle has, listed by a replace/repair/remove_refit line, without a
    calibrate line and without a subcontract line for it (`Line.covers_sensor`: a specialist's
    calibration counts too, §1.3): one warning per sensor, on the first line in input order
    that lists it (§3)."""
    fitted = set(vehicle.adas)
    if not fitted:
        return []
    listing = [line for line in lines if line.adas_sensors]
    if not listing:
        return []  # most lines list no sensor: no calibration to look for
    calibrated = {line.covers_sensor for line in lines}
    found = []
    warned: set[str] = set()
    for line in listing:
        if line.operation not in CALIBRATED_OPERATIONS:
            continue
        for sensor in line.adas_sensors:
            if sensor in fitted and sensor not in calibrated and sensor not in warned:
                warned.add(sensor)
                found.append(
                    Warning(
                        ADAS_CALIBRATION_MISSING,
                        line.id,
                        f"Sensor {sensor!r} moet na deze bewerking gekalibreerd worden, maar "
                        "er is geen kalibratieregel (calibrate) en geen werk derden "
                        "(subcontract) voor.",
                    )
                )
    return found


def hv_safety_missing(lines: Sequence[Line], vehicle: Vehicle) -> list[Warning]:
    """A high-voltage powertrain, a line with `hv_zone`, and no `hv_safety` line (§3).

    The finding concerns the calculation as a whole, so it carries no line id.
    """
    if vehicle.powertrain not in HIGH_VOLTAGE_POWERTRAINS:
        return []
    if not any(line.hv_zone for line in lines):
        return []
    if any(line.operation == "hv_safety" for line in lines):
        return []
    return [
        Warning(
            HV_SAFETY_MISSING,
            None,
            f"Een {vehicle.powertrain}-voertuig met werk in de hoogvoltzone, maar geen regel om "
            "het HV-systeem spanningsvrij te maken (hv_safety).",
        )
    ]


def duplicate_line(lines: Sequence[Line]) -> list[Warning]:
    """Two lines with the same `code` and `operation`: on each later line (§3)."""
    if len({line.code for line in lines}) == len(lines):
        return []  # no code twice, the common case: nothing to compare
    first: dict[tuple[str, str], Line] = {}
    found = []
    for line in lines:
        key = (line.code, line.operation)
        earlier = first.setdefault(key, line)
        if earlier is not line:
            found.append(
                Warning(
                    DUPLICATE_LINE,
                    line.id,
                    f"Dezelfde code ({line.code}) en bewerking ({line.operation}) als regel "
                    f"{earlier.id}: dubbel gerekend?",
                )
            )
    return found


def economic_total_loss(total_loss: TotalLoss) -> list[Warning]:
    """`economic_total_loss` is true (§3)."""
    if not total_loss.economic_total_loss:
        return []
    return [
        Warning(
            ECONOMIC_TOTAL_LOSS,
            None,
            f"Economisch total loss: de reparatie ({format_money(total_loss.compared)}) kost meer "
            f"dan de waarde voor schade min de restwaarde ({format_money(total_loss.threshold)}).",
        )
    ]


def findings(lines: Sequence[Line], vehicle: Vehicle, total_loss: TotalLoss) -> tuple[Warning, ...]:
    """Every warning of §3, in the order described in this module's docstring."""
    return (
        *repair_not_allowed(lines),
        *adas_calibration_missing(lines, vehicle),
        *hv_safety_missing(lines, vehicle),
        *duplicate_line(lines),
        *economic_total_loss(total_loss),
    )
