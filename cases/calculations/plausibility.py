"""Plausibility hints on a draft's lines: figures an estimator would look at twice.

Not the engine's warnings (calculation-spec §3, which are part of the contract's output) and
never a refusal: a draft is stored and computed whatever these say, and a submission is not
stopped by them. They compare what the trainee typed with the catalogue of the case's vehicle,
as a calculation program flags a time or price far from the manufacturer's. Each hint is
`{"line_id", "index", "field", "code", "message"}`, the message in Dutch.

The thresholds are deliberately wide: a repair may honestly take longer than the book time,
and a used part or a price after a surcharge differs from the list price; only figures that
are almost certainly a typing slip (an extra zero, units typed as minutes, a price in cents)
are flagged.
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calcengine.catalogue import CatalogueError, get_vehicle, get_work_code
from calcengine.catalogue.vehicles import Part, VehicleModel
from calcengine.catalogue.work_codes import work_units
from calcengine.formatting import format_money, format_number, to_decimal
from calcengine.schema import operation_named

from .labels import add_fields, units_text

UNITS_FACTOR = Decimal(3)
"""Labour or paint units more than this many times the catalogue's units for that part and
operation (its replace, remove/refit or base paint units, or a work code's time) are flagged.
Three times the book time is beyond any surcharge for corrosion, access or a seized bolt that
an estimator adds by hand; it is where an extra digit or minutes-for-units lands."""

REPAIR_FACTOR = Decimal(3)
"""A repair has no catalogue time (the estimator judges the dent), so its units are compared
with the part's replace time: repairing for more than three times what replacing takes is no
repair a paying party would accept, and almost always a typing slip."""

ABSURD_HOURS = Decimal(100)
"""Any labour or paint line of more than 100 hours (in the make's units: 100 × units_per_hour,
10,000 AE on a Volkswagen, 1,000 on most makes) is flagged whatever the catalogue says: no
single operation on a car takes two and a half working weeks. 99,999 AE is the typical slip."""

PRICE_FACTOR_HIGH = Decimal(2)
"""A part price more than twice the catalogue's list price is flagged (whatever the part's
source): a list price already is the most a paying party pays for an OEM part."""

PRICE_FACTOR_LOW = Decimal("0.5")
"""An original (OEM) part priced below half its list price is flagged: the discount is applied
by the rate set (§2.4), so a net price typed as the unit price counts the discount twice. Used
and aftermarket parts are cheaper by nature and get no lower bound."""


def _number(value: Any) -> Decimal | None:
    return to_decimal(value) if isinstance(value, (str, int)) else None


def _hint(index: int, line: dict[str, Any], field: str, code: str, message: str) -> dict:
    return {
        "line_id": str(line.get("id", "")),
        "index": index,
        "field": field,
        "code": code,
        "message": message,
    }


# What a catalogue time is, in a hint's words: translated only when a hint says it (every line
# of every autosave asks for its time; few get a hint).
_REPLACE_TIME = gettext_lazy("de vervangtijd")
_BOOK_REPLACE = gettext_lazy("de catalogustijd voor vervangen")
_BOOK_REMOVE_REFIT = gettext_lazy("de catalogustijd voor demonteren/monteren")
_BOOK_WORK_CODE = gettext_lazy("de catalogustijd van deze werkcode")


def _catalogue_units(vehicle: VehicleModel, line: dict[str, Any]) -> tuple[Decimal, Any] | None:
    """The most units the catalogue makes plausible for the line's work (its time × the
    factor) and what that time is, or None when the catalogue has no time for it. The times
    are the ones `calcengine.catalogue.prefill_line` fills in: a part's replace time for the
    operation that buys it, its remove/refit time for other part work, a work code's time; a
    repair's time is the estimator's, so it is held against the replace time."""
    kind = operation_named(line.get("operation"))
    if kind is None or not kind.carries_labour:
        return None
    code = str(line.get("code", ""))
    if vehicle.has_part(code):
        part = vehicle.part(code)
        if add_fields(kind.code)["repair_units"]:
            return part.replace_units * REPAIR_FACTOR, _REPLACE_TIME
        if kind.buys_part:
            return part.replace_units * UNITS_FACTOR, _BOOK_REPLACE
        if kind.on_part and part.remove_refit_units > 0:
            return part.remove_refit_units * UNITS_FACTOR, _BOOK_REMOVE_REFIT
        return None
    try:
        work = get_work_code(code)
    except CatalogueError:
        return None
    if work.operation != kind.code or work.amount is not None:
        return None
    return work_units(vehicle, work) * UNITS_FACTOR, _BOOK_WORK_CODE


def _units_hints(
    index: int, line: dict[str, Any], vehicle: VehicleModel, part: Part | None
) -> list[dict]:
    hints = []
    kind = operation_named(line.get("operation"))
    absurd = ABSURD_HOURS * vehicle.units_per_hour
    units = _number(line.get("labour_units")) if kind and kind.carries_labour else None
    if units is not None and units > absurd:
        hints.append(
            _hint(
                index,
                line,
                "labour_units",
                "UNITS_ABSURD",
                _(
                    "%(units)s is meer dan %(hours)s uur werk voor één regel; "
                    "klopt de tijd (arbeidseenheden, niet minuten)?"
                )
                % {"units": units_text(units), "hours": format_number(ABSURD_HOURS)},
            )
        )
    elif units is not None:
        book = _catalogue_units(vehicle, line)
        if book is not None and book[0] > 0 and units > book[0]:
            hints.append(
                _hint(
                    index,
                    line,
                    "labour_units",
                    "UNITS_ABOVE_CATALOGUE",
                    _(
                        "%(units)s is meer dan drie keer %(what)s (%(book)s); "
                        "controleer de arbeidstijd."
                    )
                    % {
                        "units": units_text(units),
                        "what": book[1],
                        "book": units_text(book[0] / UNITS_FACTOR),
                    },
                )
            )
    paint = line.get("paint") if isinstance(line.get("paint"), dict) else None
    paint_units = _number(paint.get("units")) if paint else None
    if paint_units is not None and paint_units > absurd:
        hints.append(
            _hint(
                index,
                line,
                "paint.units",
                "UNITS_ABSURD",
                _("%(units)s lakwerk is meer dan %(hours)s uur voor één deel; klopt dat?")
                % {"units": units_text(paint_units), "hours": format_number(ABSURD_HOURS)},
            )
        )
    elif (
        paint_units is not None
        and part is not None
        and part.paint_units
        and paint_units > part.paint_units * UNITS_FACTOR
    ):
        hints.append(
            _hint(
                index,
                line,
                "paint.units",
                "PAINT_UNITS_ABOVE_CATALOGUE",
                _(
                    "%(units)s lakwerk is meer dan drie keer de lakeenheden van dit deel in de "
                    "catalogus (%(book)s)."
                )
                % {"units": units_text(paint_units), "book": units_text(part.paint_units)},
            )
        )
    return hints


def _price_hint(index: int, line: dict[str, Any], part: Part | None) -> dict | None:
    kind = operation_named(line.get("operation"))
    if part is None or kind is None or not kind.buys_part or not part.list_price:
        return None
    price = _number(line.get("unit_price"))
    if price is None:
        return None
    oem = line.get("part_source", "oem") in ("oem", None, "")
    values = {"price": format_money(price), "list": format_money(part.list_price)}
    if price > part.list_price * PRICE_FACTOR_HIGH:
        message = _("De prijs %(price)s is meer dan het dubbele van de catalogusprijs (%(list)s).")
    elif oem and price < part.list_price * PRICE_FACTOR_LOW:
        message = _(
            "De prijs %(price)s is minder dan de helft van de catalogusprijs (%(list)s); de "
            "korting rekent het tarief zelf, vul de brutoprijs in."
        )
    else:
        return None
    return _hint(index, line, "unit_price", "PRICE_FAR_FROM_LIST", message % values)


def plausibility_hints(*, vehicle_id: str, lines: list[Any]) -> list[dict[str, Any]]:
    """The hints on `lines` (a draft, valid or not) against the catalogue of `vehicle_id`;
    none for a vehicle the catalogue does not hold. Lines that are not objects, and values
    that are no number, are the engine's to refuse and get no hint here."""
    try:
        vehicle = get_vehicle(vehicle_id)
    except CatalogueError:
        return []
    hints: list[dict[str, Any]] = []
    for index, line in enumerate(lines):
        if not isinstance(line, dict):
            continue
        code = str(line.get("code", ""))
        part = vehicle.part(code) if vehicle.has_part(code) else None
        hints.extend(_units_hints(index, line, vehicle, part))
        price = _price_hint(index, line, part)
        if price is not None:
            hints.append(price)
    return hints
