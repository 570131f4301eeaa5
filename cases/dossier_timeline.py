"""The dossier's timeline as a person reads it: newest first, every stored value in words.

Events store machine values ("3500.00", "2026-03-18", "front", "safe", "rejected", a payer's
reasons as a list of objects); the timeline never shows one of them as stored. Each value is
read through the owner of its words: the event kinds (`cases.timeline.EventKind`), the
submission kinds (`CalculationKind`), the move forms' choices (`cases.workflow.forms`), the
paying party's outcomes (`cases.payer.OUTCOME_LABELS`), the catalogue's zone names, the parts'
sources (`cases.calculations.labels`); money, kilometres and dates in Dutch notation. A key
this module does not know is left out rather than shown raw. Labels are translated when the
page is rendered (lazy), so they follow the language switch.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from calcengine.formatting import format_money, format_number, to_decimal
from schadeplatform.templatetags.dutch import km, nl_date

from . import payer
from . import workflow as wf
from .calculations.labels import PART_SOURCE_LABELS
from .models import Attempt, AttemptPhotoStage, AttemptStatus, CalculationKind, DossierEvent
from .templatetags.dossier_labels import zone_label
from .timeline import SUBMISSION_KINDS, EventKind
from .workflow.forms import (
    CreateDossierForm,
    HvJudgementForm,
    HvReleaseForm,
    InformCustomerForm,
    ReplacementTransportForm,
)

# How many of the newest events the page shows opened.
OPEN_NEWEST = 3

_DEDICATED_SUBMISSIONS = SUBMISSION_KINDS - {EventKind.CALCULATION_SUBMITTED}


def _choices(form: type, name: str) -> dict[str, Any]:
    return dict(form.base_fields[name].choices)  # type: ignore[attr-defined]


def _label(labels: dict[str, Any]) -> Callable[[Any], str]:
    def shown(value: Any) -> str:
        return str(labels.get(value, value))

    return shown


def submission_kind_label(value: Any) -> str:
    """A submission's kind in words; `late_supplement` is a supplement after the final one."""
    if value == "late_supplement":
        return str(_("suppletie na eindcalculatie"))
    return str(dict(CalculationKind.choices).get(value, value))


def _text(value: Any) -> str:
    return str(value)


def _money(value: Any) -> str:
    return format_money(value) if to_decimal(value) is not None else str(value)


def _number(value: Any) -> str:
    return format_number(value) if to_decimal(value) is not None else str(value)


def _yes_no(value: Any) -> str:
    return str(_("ja")) if value else str(_("nee"))


def _zones(value: Any) -> str:
    return ", ".join(zone_label(zone) for zone in value) if isinstance(value, list) else ""


def _texts(value: Any) -> str:
    return ", ".join(str(v) for v in value if v) if isinstance(value, list) else str(value)


def _move(value: Any) -> str:
    return str(wf.MOVE_LABELS.get(str(value), _("een stap")))


def _charged_to(value: Any) -> str:
    return str({"payer": _("de betalende partij"), "customer": _("de klant")}.get(value, value))


def _hv_fact(value: Any) -> str:
    from .hv import HV_FACT_LABELS

    return str(HV_FACT_LABELS.get(str(value), value))


def _expert_reason(value: Any) -> str:
    from .expert_reasons import reason_label

    return reason_label(str(value))


@dataclass(frozen=True)
class Field:
    label: Any
    shown: Callable[[Any], str] = _text
    # Kinds whose `key` this field reads (empty: any kind).
    kinds: frozenset[str] = field(default_factory=frozenset)
    only_when_true: bool = False


_SUBMITTED = frozenset({*SUBMISSION_KINDS, EventKind.PAYER_DECISION})

# key → how it is shown, in the order the timeline lists them.
FIELDS: dict[str, tuple[Field, ...]] = {
    "customer_name": (Field(_("klant")),),
    "license_plate": (Field(_("kenteken")),),
    "vin": (Field(_("VIN")),),
    "insurer": (Field(_("verzekeraar")),),
    "policy_number": (Field(_("polisnummer")),),
    "cover": (Field(_("dekking"), _label(_choices(CreateDossierForm, "cover"))),),
    "updated": (Field(_("gegevens bijgewerkt"), _yes_no, only_when_true=True),),
    "zones": (Field(_("zones"), _zones),),
    "zone": (Field(_("zone"), zone_label),),
    "stage": (Field(_("moment"), _label(dict(AttemptPhotoStage.choices))),),
    "annotation": (Field(_("toelichting")),),
    "description": (Field(_("omschrijving")),),
    "wishes": (Field(_("wensen")),),
    "question": (Field(_("vraag")),),
    "answer": (Field(_("antwoord")),),
    "advice": (Field(_("advies")),),
    "judgement": (Field(_("oordeel"), _label(_choices(HvJudgementForm, "judgement"))),),
    "fact": (Field(_("HV-feit"), _hv_fact),),
    "present": (Field(_("bevinding"), _yes_no, kinds=frozenset({EventKind.HV_FACT_RECORDED})),),
    "source_text": (Field(_("bron")),),
    "released_by": (Field(_("vrijgegeven door")),),
    "role": (Field(_("rol"), _label(_choices(HvReleaseForm, "role"))),),
    "findings": (Field(_("bevindingen"), kinds=frozenset({EventKind.HV_RELEASED})),),
    "released_on": (Field(_("vrijgegeven op"), nl_date),),
    "reason_code": (Field(_("reden expertise"), _expert_reason),),
    "safe_to_park": (Field(_("veilig om te stallen"), _yes_no),),
    "safe_to_work": (Field(_("veilig om aan te werken"), _yes_no),),
    "reasons": (Field(_("onderbouwing"), kinds=frozenset({EventKind.HV_JUDGEMENT_RECORDED})),),
    "amount": (Field(_("bedrag"), _money),),
    "repair_days": (Field(_("werkdagen"), _number),),
    "subject_to_approval": (
        Field(_("onder voorbehoud van goedkeuring"), _yes_no, only_when_true=True),
    ),
    "planned_date": (Field(_("gepland op"), nl_date),),
    "kind": (
        Field(_("soort"), submission_kind_label, kinds=_SUBMITTED),
        Field(
            _("soort"),
            _label(_choices(ReplacementTransportForm, "kind")),
            kinds=frozenset({EventKind.REPLACEMENT_TRANSPORT_ARRANGED}),
        ),
    ),
    "version_number": (Field(_("versie"), _number),),
    "late_supplement": (Field(_("suppletie na eindcalculatie"), _yes_no, only_when_true=True),),
    "subtotal_excl_vat": (Field(_("subtotaal excl. btw"), _money),),
    "total": (Field(_("totaal incl. btw"), _money),),
    "sent_by": (Field(_("expert van")),),
    "expected_date": (Field(_("verwacht op"), nl_date),),
    "days": (Field(_("duur (dagen)"), _number),),
    "total_loss": (Field(_("total loss"), _yes_no),),
    "report": (Field(_("rapport")),),
    "day_price": (Field(_("dagprijs"), _money),),
    "start_date": (Field(_("van"), nl_date),),
    "end_date": (Field(_("tot"), nl_date),),
    "supplier": (Field(_("leverancier")),),
    "quote_amount": (Field(_("offerte"), _money),),
    "topics": (Field(_("onderwerpen"), _texts),),
    "note": (Field(_("notitie")),),
    "instructions": (Field(_("instructies")),),
    "lead_days": (Field(_("levertijd (dagen)"), _number),),
    "for_kind": (Field(_("voor de"), submission_kind_label),),
    "odometer": (Field(_("kilometerstand"), km),),
    "odometer_out": (Field(_("km-stand uit"), km),),
    "fuel_level": (Field(_("brandstof/laadniveau")),),
    "date": (Field(_("datum"), nl_date),),
    "replacement_odometer_in": (Field(_("km-stand in"), km),),
    "replacement_km_driven": (Field(_("gereden met de vervangende auto"), km),),
    "new_damage_found": (Field(_("nieuwe schade"), _yes_no),),
    "notes": (Field(_("notities")),),
    "topic": (Field(_("onderwerp"), _label(_choices(InformCustomerForm, "topic"))),),
    # A refusal's message is the event's own, shown beside its kind.
    "message": (Field(_("bericht"), kinds=frozenset({EventKind.CUSTOMER_INFORMED})),),
    "explanation": (Field(_("toelichting")),),
    "work": (Field(_("nawerk")),),
    "complete": (Field(_("volledig"), _yes_no),),
    "value_before_damage": (Field(_("waarde voor schade"), _money),),
    "residual_value": (Field(_("restwaarde"), _money),),
    "charged_to": (Field(_("in rekening bij"), _charged_to),),
    "after_expertise": (Field(_("na expertise"), _yes_no),),
    "reason": (Field(_("reden")),),
    "move": (Field(_("stap"), _move),),
}


_LIST_KEYS = frozenset({"zones", "topics"})


def _findings(kind: str, data: dict[str, Any]) -> Iterable[tuple[Any, str]]:
    """The lists an event holds, one pair per item, each in words."""
    if kind == EventKind.PAYER_DECISION:
        for text in finding_texts(data.get("reasons")):
            yield _("reden"), text
        for text in finding_texts(data.get("corrections")):
            yield _("correctie"), text
    for part in data.get("parts") or []:
        source = part.get("part_source") or "oem"
        text = f"{part.get('code', '')} {part.get('description', '')} × {_number(part.get('quantity', 1))}"
        if source != "oem":
            text += f" ({PART_SOURCE_LABELS.get(source, source)})"
        yield _("onderdeel"), text.strip()
    for item in data.get("checklist") or []:
        if isinstance(item, dict):
            yield str(item.get("item", "")), _yes_no(item.get("ok"))
    # The final inspection's own list and findings, the rework's findings (issue #16).
    if kind in (EventKind.FINAL_INSPECTION_DONE, EventKind.REWORK_DONE):
        for line in data.get("items") or []:
            yield _("controlepunt"), str(line)
        for line in data.get("findings") or []:
            yield _("bevinding"), str(line)
    invoice = data.get("invoice")
    if kind == EventKind.VEHICLE_DELIVERED and isinstance(invoice, dict):
        yield _("klant betaalt"), _money(invoice.get("customer_pays"))
        yield _("verzekeraar betaalt"), _money(invoice.get("payer_pays"))
        yield _("uitleg factuur"), str(invoice.get("explanation", ""))
    for answered in data.get("answers") or []:
        if isinstance(answered, dict):
            yield str(answered.get("question", "")), str(answered.get("answer", ""))
    for photo in data.get("photos") or []:
        if isinstance(photo, dict) and photo.get("caption"):
            yield _("foto"), str(photo["caption"])


def finding_text(finding: Any) -> str:
    """A payer's reason or correction as a sentence: its message, never its code."""
    if isinstance(finding, dict):
        return str(finding.get("message") or _("(zonder toelichting)"))
    return str(finding)


def finding_texts(findings: Any) -> list[str]:
    """A payer's reasons (or corrections) as sentences, each once: one finding per sensor can
    read the same (`Kalibratie ... ontbreekt (regel 2)`)."""
    return list(dict.fromkeys(finding_text(f) for f in findings or []))


def describe_event(kind: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """Label/value pairs of an event's data, in words. Trainee-safe: events hold only what
    happened in the dossier, never a reference."""
    data = data or {}
    pairs: list[tuple[str, str]] = []
    for key, fields in FIELDS.items():
        value = data.get(key)
        if value is None or value == "" or value == []:
            continue
        if isinstance(value, dict) or (isinstance(value, list) and key not in _LIST_KEYS):
            continue  # a structure: read item by item in `_findings`
        for shown in fields:
            if shown.kinds and kind not in shown.kinds:
                continue
            if shown.only_when_true and value is not True:
                break
            pairs.append((str(shown.label), shown.shown(value)))
            break
    pairs.extend((str(label), value) for label, value in _findings(kind, data))
    return pairs


def outcome_label(outcome: Any) -> str:
    label = payer.OUTCOME_LABELS.get(str(outcome))
    return gettext(label) if label else ""


def _status_label(status: str) -> str:
    try:
        return str(AttemptStatus(status).label)
    except ValueError:
        return ""


def _tone(event: DossierEvent) -> str:
    if event.refused:
        return "bad"
    if event.kind == EventKind.PAYER_DECISION:
        outcome = (event.data or {}).get("outcome")
        return "bad" if outcome == payer.Outcome.REJECTED else "ok"
    return "simulated" if event.actor_id is None else ""


def _duplicate_submission(event: DossierEvent, dedicated: set[Any]) -> bool:
    """Before one event per submission, a supplement or final calculation also wrote a
    `calculation_submitted` event; a stored pair is shown once."""
    return (
        event.kind == EventKind.CALCULATION_SUBMITTED
        and (event.data or {}).get("kind") != "precalc"
        and (event.data or {}).get("version_number") in dedicated
    )


def timeline_rows(
    attempt: Attempt,
    events: Iterable[DossierEvent],
    name_actor: Callable[[DossierEvent], str | None],
) -> list[dict[str, Any]]:
    """The rows of the dossier's timeline, newest first, the newest `OPEN_NEWEST` opened; each
    actor named by `name_actor` (the view's `timeline_actor.actor_namer` for its viewer, given
    in because the marker's view of a trainee belongs to `assessment`, which imports this)."""
    events = list(events)
    dedicated = {
        (e.data or {}).get("version_number") for e in events if e.kind in _DEDICATED_SUBMISSIONS
    }
    rows = []
    for event in reversed(events):
        if _duplicate_submission(event, dedicated):
            continue
        data = event.data or {}
        message = (
            outcome_label(data.get("outcome"))
            if event.kind == EventKind.PAYER_DECISION
            else event.message
        )
        rows.append(
            {
                "event": event,
                "kind": str(event.get_kind_display()),
                "message": message,
                "date": nl_date(event.simulated_date),
                "tone": _tone(event),
                "transition": (
                    f"{_status_label(event.old_status)} → {_status_label(event.new_status)}"
                    if event.old_status != event.new_status
                    else ""
                ),
                "actor": (
                    name_actor(event)
                    or str(_("gesimuleerd (betalende partij, expert of werkplaats)"))
                ),
                "summary": describe_event(event.kind, data),
                "open": len(rows) < OPEN_NEWEST,
            }
        )
    return rows
