"""1.2 Werkvoorbereiding after approval: transport, subcontracts, VSI, work order, parts, reception, repair start."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from calcengine.schema import operation_named
from cases import payer
from cases.models import Attempt
from cases.timeline import EventKind

from .approval import _parts_invoice
from .dates import date_in_window, window_message
from .forms import (
    HandOverCarForm,
    NoInputForm,
    ReceiveVehicleForm,
    ReceptionCheckForm,
    ReplacementTransportForm,
    SubcontractForm,
    VsiForm,
    WorkOrderForm,
)
from .hv_release import ensure_hv_released
from .machine import (
    Happened,
    S,
    Step,
    StepResult,
    _advance,
    _events,
    _has,
    _last,
    _money,
    _require,
    _text,
    missing_phrases,
    missing_requirements,
    move,
)
from .registry import OPEN_STATES

_ORDER_PARTS_TOO_EARLY = _lazy(
    "Onderdelen bestellen kan pas na goedkeuring van de betalende partij."
)


@move(
    name="arrange_replacement_transport",
    label=_lazy("Vervangend vervoer regelen"),
    from_states=(S.APPROVED,),
    form=ReplacementTransportForm,
    event_kind=EventKind.REPLACEMENT_TRANSPORT_ARRANGED,
    too_early=_lazy("Vervangend vervoer regelt u na goedkeuring van de betalende partij."),
)
def attempt_arrange_replacement_transport(
    *,
    attempt: Attempt,
    by: Any,
    kind: str,
    day_price: Decimal,
    start_date: dt.date,
    end_date: dt.date,
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(
            kind in ("replacement_car", "none", "public_transport"),
            _("Kies het soort vervangend vervoer."),
        )
        _require(day_price is not None and day_price >= 0, _("Geef de dagprijs (0 of meer)."))
        _require(
            start_date is not None and end_date is not None and start_date <= end_date,
            _("De einddatum van het vervangend vervoer ligt op of na de begindatum."),
        )
        for date in (start_date, end_date):
            _require(date_in_window(date, a.simulated_date), window_message(a.simulated_date))
        data = {
            "kind": kind,
            "day_price": _money(day_price),
            "start_date": start_date.isoformat(),
            "end_date": end_date.isoformat(),
        }
        return StepResult([Happened(EventKind.REPLACEMENT_TRANSPORT_ARRANGED, data)])

    return step


@move(
    name="arrange_subcontract",
    label=_lazy("Werk derden regelen"),
    from_states=(S.APPROVED,),
    form=SubcontractForm,
    event_kind=EventKind.SUBCONTRACT_ARRANGED,
    too_early=_lazy("Werk derden regelt u na goedkeuring van de betalende partij."),
)
def attempt_arrange_subcontract(
    *, attempt: Attempt, by: Any, supplier: str, description: str, quote_amount: Decimal
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(
            quote_amount is not None and quote_amount > 0,
            _("Vraag een offerte op en vul het offertebedrag in."),
        )
        data = {
            "supplier": _text(supplier, _("de leverancier")),
            "description": _text(description, _("het werk")),
            "quote_amount": _money(quote_amount),
        }
        return StepResult([Happened(EventKind.SUBCONTRACT_ARRANGED, data)])

    return step


@move(
    name="consult_vsi",
    label=_lazy("Voertuigspecifieke informatie opzoeken"),
    from_states=OPEN_STATES,
    form=VsiForm,
    event_kind=EventKind.VSI_CONSULTED,
)
def attempt_consult_vsi(*, attempt: Attempt, by: Any, note: str = "") -> Step:
    def step(a: Attempt) -> StepResult:
        topics = [n.get("topic", "") for n in (a.case_version.vsi_notes or [])]
        return StepResult(
            [Happened(EventKind.VSI_CONSULTED, {"topics": topics, "note": (note or "").strip()})]
        )

    return step


@move(
    name="create_work_order",
    label=_lazy("Werkorder aanmaken"),
    from_states=(S.APPROVED,),
    form=WorkOrderForm,
    event_kind=EventKind.WORK_ORDER_CREATED,
    phrase=_lazy("een werkorder aanmaken"),
    too_early=_lazy("Een werkorder maakt u pas aan na goedkeuring van de betalende partij."),
)
def attempt_create_work_order(*, attempt: Attempt, by: Any, instructions: str) -> Step:
    def step(a: Attempt) -> StepResult:
        data = {"instructions": _text(instructions, _("de instructies voor de werkplaats"))}
        return StepResult([Happened(EventKind.WORK_ORDER_CREATED, data)])

    return step


def _approved_version(a: Attempt):
    """The latest calculation the paying party approved (precalc or supplement)."""
    decisions = _events(a, EventKind.PAYER_DECISION).order_by("-pk")
    for decision in decisions:
        if decision.data.get("outcome") != payer.Outcome.REJECTED and decision.data.get("kind") in (
            "precalc",
            "supplement",
        ):
            return a.calculation_versions.filter(number=decision.data["version_number"]).first()
    return None


def _buys_parts(a: Attempt) -> bool:
    """Whether the approved calculation buys a part (until one is approved: assume it does).
    A repair of labour only (dents, paint, a calibration) has nothing to order, so ordering
    neither applies nor holds up the repair's start."""
    version = _approved_version(a)
    if version is None:
        return True
    return any(
        (operation := operation_named(line.get("operation"))) is not None and operation.buys_part
        for line in version.input.get("lines", [])
    )


@move(
    name="order_parts",
    label=_lazy("Onderdelen bestellen"),
    from_states=(S.APPROVED, S.IN_REPAIR),
    applies=_buys_parts,
    form=NoInputForm,
    event_kind=EventKind.PARTS_ORDERED,
    too_early=_ORDER_PARTS_TOO_EARLY,
    answers=(payer.PART_NOT_INVOICED,),
    phrase=_lazy("de onderdelen bestellen"),
)
def attempt_order_parts(*, attempt: Attempt, by: Any) -> Step:
    """Order the parts of the approved calculation not ordered yet; lead times move the plan."""

    def step(a: Attempt) -> StepResult:
        version = _approved_version(a)
        _require(version is not None, str(_ORDER_PARTS_TOO_EARLY))
        ordered: dict[str, Decimal] = {}
        for part in _parts_invoice(a):
            ordered[part.code] = ordered.get(part.code, Decimal(0)) + part.quantity
        to_order = []
        for line in version.input.get("lines", []):
            operation = operation_named(line.get("operation"))
            if operation is None or not operation.buys_part:
                continue
            quantity = Decimal(str(line.get("quantity", 1)))
            missing = quantity - ordered.get(line["code"], Decimal(0))
            if missing > 0:
                to_order.append(
                    {
                        "code": line["code"],
                        "description": line.get("description", ""),
                        "quantity": str(missing.normalize()),
                        "unit_price": str(line.get("unit_price", "0")),
                        "part_source": line.get("part_source", "oem"),
                    }
                )
        _require(
            bool(to_order), _("Alle onderdelen van de goedgekeurde calculatie zijn al besteld.")
        )
        lead = a.case_version.parts_lead_times or {}
        lead_days = max(_lead_days(lead, p["code"], p["part_source"]) for p in to_order)
        expected = a.simulated_date + dt.timedelta(days=lead_days)
        if a.parts_expected_date is None or expected > a.parts_expected_date:
            a.parts_expected_date = expected
        data = {
            "parts": to_order,
            "lead_days": lead_days,
            "expected_date": expected.isoformat(),
            "for_version": version.number,
            "for_kind": version.kind,
        }
        return StepResult([Happened(EventKind.PARTS_ORDERED, data)])

    return step


def _lead_days(lead: dict[str, Any], code: str, part_source: str) -> int:
    """Days until a part arrives: a used or imitation part has its own supplier and lead time
    where the case gives one (`lead["used"]`, `lead["aftermarket"]`), else the part's own."""
    by_source = lead.get(part_source) if part_source != "oem" else None
    if by_source and code in by_source:
        return int(by_source[code])
    return int((lead.get("parts") or {}).get(code, lead.get("default", 1)))


@move(
    name="receive_vehicle",
    label=_lazy("Voertuig in ontvangst nemen"),
    from_states=(S.APPROVED,),
    form=ReceiveVehicleForm,
    event_kind=EventKind.VEHICLE_RECEIVED,
    too_early=_lazy(
        "Het voertuig neemt u in ontvangst voor de geplande reparatie, na goedkeuring."
    ),
    phrase=_lazy("het voertuig in ontvangst nemen"),
)
def attempt_receive_vehicle(*, attempt: Attempt, by: Any, odometer: int) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(
            not _has(a, EventKind.VEHICLE_RECEIVED), _("Het voertuig is al in ontvangst genomen.")
        )
        _require(isinstance(odometer, int) and odometer >= 0, _("Noteer de kilometerstand."))
        _advance(a, a.planned_date)
        return StepResult([Happened(EventKind.VEHICLE_RECEIVED, {"odometer": odometer})])

    return step


@move(
    name="check_reception",
    label=_lazy("Ontvangstcontrole uitvoeren"),
    from_states=(S.APPROVED,),
    form=ReceptionCheckForm,
    event_kind=EventKind.RECEPTION_CHECK_DONE,
    too_early=_lazy(
        "De ontvangstcontrole hoort bij het in ontvangst nemen van het voertuig, na goedkeuring."
    ),
    requires=("receive_vehicle",),
    phrase=_lazy("de ontvangstcontrole uitvoeren"),
)
def attempt_check_reception(
    *, attempt: Attempt, by: Any, new_damage_found: bool, notes: str = ""
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(
            not missing_requirements(a, "check_reception"),
            _("Neem het voertuig eerst in ontvangst; dan controleert u het op nieuwe schade."),
        )
        notes_clean = (notes or "").strip()
        _require(
            not new_damage_found or bool(notes_clean),
            _("Beschrijf de nieuwe schade die u bij ontvangst vond."),
        )
        data = {"new_damage_found": bool(new_damage_found), "notes": notes_clean}
        return StepResult([Happened(EventKind.RECEPTION_CHECK_DONE, data)])

    return step


@move(
    name="hand_over_replacement_car",
    label=_lazy("Vervangende auto meegeven"),
    from_states=(S.APPROVED,),
    form=HandOverCarForm,
    event_kind=EventKind.REPLACEMENT_CAR_HANDED_OVER,
    too_early=_lazy(
        "Een vervangende auto geeft u mee bij ontvangst van het voertuig, na goedkeuring."
    ),
)
def attempt_hand_over_replacement_car(
    *, attempt: Attempt, by: Any, odometer_out: int, fuel_level: str = ""
) -> Step:
    def step(a: Attempt) -> StepResult:
        arranged = _last(a, EventKind.REPLACEMENT_TRANSPORT_ARRANGED)
        _require(
            arranged is not None and arranged.data.get("kind") == "replacement_car",
            _("Regel eerst een vervangende auto (met dagprijs en data)."),
        )
        _require(
            _has(a, EventKind.VEHICLE_RECEIVED),
            _("De vervangende auto geeft u mee bij ontvangst van het schadevoertuig."),
        )
        _require(
            not _has(a, EventKind.REPLACEMENT_CAR_HANDED_OVER),
            _("De vervangende auto is al meegegeven."),
        )
        _require(
            isinstance(odometer_out, int) and odometer_out >= 0,
            _("Noteer de kilometerstand bij uitgifte."),
        )
        data = {
            "odometer_out": odometer_out,
            "fuel_level": (fuel_level or "").strip(),
            "date": a.simulated_date.isoformat(),
            "day_price": arranged.data.get("day_price"),
        }
        return StepResult([Happened(EventKind.REPLACEMENT_CAR_HANDED_OVER, data)])

    return step


@move(
    name="start_repair",
    label=_lazy("Herstel laten starten"),
    from_states=(S.APPROVED,),
    form=NoInputForm,
    event_kind=EventKind.REPAIR_STARTED,
    to_states=(S.IN_REPAIR, S.SUPPLEMENT_PENDING),
    too_early=_lazy(
        "Het herstel kan pas starten na goedkeuring van de betalende partij en een volledige werkvoorbereiding."
    ),
    requires=("create_work_order", "order_parts", "receive_vehicle", "check_reception"),
    advances=True,
)
def attempt_start_repair(*, attempt: Attempt, by: Any) -> Step:
    """The workshop starts once prepared; it may reveal hidden damage (1.3)."""

    def step(a: Attempt) -> StepResult:
        missing = missing_phrases(a, "start_repair")
        _require(
            not missing,
            _("De werkvoorbereiding is nog niet rond: %(missing)s.") % {"missing": missing},
        )
        ensure_hv_released(a)
        _advance(a, a.planned_date)
        _advance(a, a.parts_expected_date)
        events = [Happened(EventKind.REPAIR_STARTED, {"start_date": a.simulated_date.isoformat()})]
        hidden = a.case_version.hidden_damage or {}
        to_status = S.IN_REPAIR
        if hidden.get("description"):
            revealed_on = a.simulated_date + dt.timedelta(days=int(hidden.get("revealed_after", 1)))
            events.append(
                Happened(
                    EventKind.HIDDEN_DAMAGE_REVEALED,
                    {
                        "description": hidden["description"],
                        "photos": list(hidden.get("photos") or []),
                    },
                    actor_is_trainee=False,
                    simulated_date=revealed_on,
                    message=_("De werkplaats meldt verborgen schade."),
                )
            )
            a.simulated_date = revealed_on
            to_status = S.SUPPLEMENT_PENDING
        return StepResult(events, to_status=to_status)

    return step
