"""Checks of what an editor declares in a reference calculation for the grading
(`schadescore/2` §1: a line's `assess`, the reference's top-level `assess`), as the case admin
runs them on every save (cases/README.md, "Referenties: beoordeling").

The scoring package owns the format: its readers (`read_assess`, `read_reference_assess`) say
what it cannot read (unknown fields, operations and part sources outside calcengine's schema,
credits outside 0–1, percentages outside 0–100). This module adds what only the case knows or
an editor should be told before a trainee meets it: a code must be a part of the case's vehicle
or a work code, `part_sources` belongs on a replace line, a `critical_reason` (the sentence a
trainee reads after grading beside a critical line; the scorer ignores it) on a critical line,
and the total band must be a real band within 0–100 %. Each message names the line and field.

Pure: the reference (parsed JSON) and the vehicle id in, `{"path", "message"}` errors out.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _

from assessment.scoring.annotations import read_assess, read_decimal, read_reference_assess
from calcengine.catalogue import CatalogueError, VehicleModel, get_vehicle
from calcengine.catalogue.work_codes import is_work_code
from calcengine.schema import operation_named

CRITICAL_REASON_MAX = 1000
ZERO = Decimal(0)
HUNDRED = Decimal(100)


class _Checker:
    def __init__(self, field: str, vehicle: VehicleModel | None, vehicle_id: str) -> None:
        self.field = field
        self.vehicle = vehicle
        self.vehicle_id = vehicle_id
        self.errors: list[dict[str, str]] = []

    def add(self, path: str, where: str, message: str) -> None:
        self.errors.append(
            {"path": f"{self.field}.{path}", "message": f"{where}, {path_label(path)}: {message}"}
        )

    def check_code(self, path: str, where: str, code: Any, *, parts_only: bool = False) -> None:
        if not isinstance(code, str) or not code.strip():
            return  # the scorer's reader says so
        if self.vehicle is None:
            self.add(
                path,
                where,
                _("Code '%(code)s' kan niet worden gecontroleerd: voertuig '%(v)s' is onbekend.")
                % {"code": code, "v": self.vehicle_id},
            )
        elif not self.vehicle.has_part(code) and (parts_only or not is_work_code(code)):
            if parts_only:
                message = _("'%(code)s' is geen onderdeel van de %(vehicle)s.")
            else:
                message = _("'%(code)s' is geen onderdeel van de %(vehicle)s en geen werkcode.")
            self.add(path, where, message % {"code": code, "vehicle": self.vehicle.name})


def path_label(path: str) -> str:
    """The field part of a path, without the line prefix the sentence already names."""
    _head, sep, tail = path.partition(".assess.")
    return f"assess.{tail}" if sep else path


def _line_label(index: int, line: dict) -> str:
    parts = [str(line.get(key)) for key in ("id", "code") if line.get(key) not in (None, "")]
    suffix = f" ({', '.join(parts)})" if parts else ""
    return _("Regel %(n)s%(suffix)s") % {"n": index + 1, "suffix": suffix}


def _check_line(checker: _Checker, index: int, line: dict) -> None:
    raw = line.get("assess")
    if raw is None:
        return
    base = f"lines[{index}].assess"
    where = _line_label(index, line)
    _assess, errors = read_assess(raw, base)
    for error in errors:
        checker.add(error["path"], where, error["message"])
    if not isinstance(raw, dict):
        return
    alternatives = raw.get("alternatives")
    if isinstance(alternatives, list):
        for number, item in enumerate(alternatives):
            if isinstance(item, dict) and "code" in item:
                checker.check_code(f"{base}.alternatives[{number}].code", where, item["code"])
    operation = operation_named(line.get("operation"))
    if "part_sources" in raw and (operation is None or not operation.buys_part):
        checker.add(
            f"{base}.part_sources",
            where,
            _('Onderdeelbronnen horen alleen bij een vervangregel (operation "replace").'),
        )
    reason = raw.get("critical_reason")
    if isinstance(reason, str):
        if not reason.strip():
            checker.add(
                f"{base}.critical_reason", where, _("Schrijf de reden, of laat het veld weg.")
            )
        elif len(reason) > CRITICAL_REASON_MAX:
            checker.add(
                f"{base}.critical_reason",
                where,
                _("Mag hoogstens %(n)s tekens lang zijn.") % {"n": CRITICAL_REASON_MAX},
            )
        elif raw.get("critical") is not True:
            checker.add(
                f"{base}.critical_reason",
                where,
                _("Een reden hoort alleen bij een kritieke regel (critical: true)."),
            )


def _check_reference_assess(checker: _Checker, raw: Any) -> None:
    where = _("Referentie")
    _assess, errors = read_reference_assess(raw, "assess")
    for error in errors:
        checker.add(error["path"], where, error["message"])
    if not isinstance(raw, dict):
        return
    undamaged = raw.get("undamaged")
    if isinstance(undamaged, list):
        for index, code in enumerate(undamaged):
            checker.check_code(f"assess.undamaged[{index}]", where, code, parts_only=True)
    band = raw.get("total_band_percent")
    if not any(error["path"] == "assess.total_band_percent" for error in errors) and band:
        low, high = (read_decimal(value) for value in band)
        # The scorer reads any a ≤ b; a band an editor means is a real one, within 100 %.
        if not (ZERO <= low < high <= HUNDRED):  # type: ignore[operator]
            checker.add(
                "assess.total_band_percent",
                where,
                _('Moet twee percentages [a, b] zijn met 0 ≤ a < b ≤ 100, bijv. ["5", "25"].'),
            )


def reference_assess_errors(reference: Any, *, vehicle_id: str, field: str) -> list[dict[str, str]]:
    """The errors in what `reference` (a reference calculation's parsed JSON, stored in the
    version's `field`) declares for the grading; paths start with `field`. The rest of the
    reference is calcengine's to check (on publishing)."""
    if not isinstance(reference, dict):
        return []
    try:
        vehicle: VehicleModel | None = get_vehicle(vehicle_id)
    except CatalogueError:
        vehicle = None
    checker = _Checker(field, vehicle, vehicle_id)
    lines = reference.get("lines")
    if isinstance(lines, list):
        for index, line in enumerate(lines):
            if isinstance(line, dict):
                _check_line(checker, index, line)
    if "assess" in reference:
        _check_reference_assess(checker, reference["assess"])
    return checker.errors
