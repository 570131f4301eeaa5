"""Rule-based checks of the work processes that a calculation cannot show, read from an
attempt's dossier timeline (`cases.timeline.EventKind`).

Each check names its work process (1.1–1.4) and competence area of the profile and the profile
items it touches, so a failed check leads to the lesson that teaches it. A check that does not
apply to the case (no HV vehicle, no hidden damage, …) says so and counts for nothing.

Events are read in timeline order (their primary key). A refused move (`refused=True`, or a
`move_refused` event naming the move) still counts as something the trainee tried: trying to
order parts before approval is the mistake, whether or not the simulation let it through.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal, InvalidOperation
from typing import Any, Protocol

from assessment.calculation_checks import CALCULATION_CHECKS, latest_lines
from assessment.paint_oven import applies_to_case as paint_oven_applies
from assessment.paint_oven import judge as judge_paint_oven
from assessment.scoring.competence import ANALYSEREN, INTERACTEREN, ORGANISEREN
from calcengine.catalogue import ZONE_NAMES
from calcengine.formatting import format_money
from cases.customer_questions import delivery_answers, intake_answers, question_text
from cases.final_inspection import (
    PASS_SHARE_DENOMINATOR,
    PASS_SHARE_NUMERATOR,
    findings_state,
    inspection_after_last_rework,
    item_named,
    line_names,
    read_items,
)
from cases.invoice_split import invoice_split
from cases.models import HvJudgement
from cases.timeline import EventKind
from cases.workflow import MOVE_EVENT_KINDS

APPROVED_OUTCOMES = frozenset({"approved", "approved_with_corrections"})
# Moves that follow approval by the paying party (profile 1.2: "Na goedkeuring van de betalende
# partij regelt hij … werk derden …, maakt een werkorder aan en bestelt de benodigde onderdelen").
AFTER_APPROVAL_MOVES = frozenset(
    {EventKind.PARTS_ORDERED, EventKind.REPAIR_STARTED, EventKind.SUBCONTRACT_ARRANGED}
)

# A refused move is recorded as `move_refused` with the move's name, which differs from the kind
# of event the move records when it succeeds: `MOVE_EVENT_KINDS`, read from the moves'
# declarations (cases.workflow), maps the one to the other.


class EventLike(Protocol):
    kind: str
    data: dict
    refused: bool


class CaseLike(Protocol):
    payer_rules: dict
    expected_decisions: dict
    expected_hv_judgement: str | None
    delivery_checklist: list
    hv_facts: dict | None


@dataclass(frozen=True)
class CheckResult:
    key: str
    title: str
    work_process: str
    competence_area: str
    applicable: bool
    passed: bool
    explanation: str
    knowledge: tuple[str, ...] = field(default=())
    trade_offs: tuple[str, ...] = field(default=())

    def to_json(self) -> dict[str, Any]:
        data = asdict(self)
        data["knowledge"] = list(self.knowledge)
        data["trade_offs"] = list(self.trade_offs)
        return data


# key → (title, work process, competence area, knowledge items, trade-offs)
CHECKS: dict[str, tuple[str, str, str, tuple[str, ...], tuple[str, ...]]] = {
    "expert_requested": (
        "Expertise aangevraagd waar de casus dat vraagt",
        "1.2",
        ORGANISEREN,
        ("werkwijzen-opdrachtgevers",),
        ("expert-raadplegen",),
    ),
    "no_order_before_approval": (
        "Geen bestelling of herstel vóór goedkeuring",
        "1.2",
        ORGANISEREN,
        ("werkwijzen-opdrachtgevers", "schadeherstelproces-toelichten"),
        (),
    ),
    "hv_judgement": (
        "HV-oordeel (veilig stallen) klopt met de casus",
        "1.1",
        ANALYSEREN,
        ("energieopslagsystemen", "aandrijflijnen", "voertuigspecifieke-informatie"),
        (),
    ),
    "hv_facts_found": (
        "HV-feiten gevonden door te vragen en foto's te bekijken",
        "1.1",
        ANALYSEREN,
        ("energieopslagsystemen", "luisteren", "gesprekken-voeren"),
        (),
    ),
    "hv_release_before_repair": (
        "Geen herstel aan een HV-voertuig in quarantaine vóór de HV-vrijgave",
        "1.2",
        ORGANISEREN,
        ("energieopslagsystemen", "schadeherstelproces-toelichten"),
        (),
    ),
    "first_estimate_band": (
        "Eerste inschatting van de kosten binnen de band rond de referentie",
        "1.1",
        ANALYSEREN,
        ("calculatie-lezen", "reparatiemethodes"),
        ("balans-calculeren",),
    ),
    # Issue #16 item 3: the drying temperature of a high-voltage vehicle (assessment.paint_oven).
    "paint_oven_limit": (
        "Droogtemperatuur van het lakwerk binnen de grens van de fabrikant (HV-accu)",
        "1.2",
        ORGANISEREN,
        ("energieopslagsystemen", "voertuigspecifieke-informatie", "reparatiemethodes"),
        (),
    ),
    "reception_check": (
        "Voertuig bij ontvangst gecontroleerd op nieuwe schade",
        "1.2",
        ORGANISEREN,
        ("schadeherstelproces-toelichten",),
        (),
    ),
    "customer_informed_hidden_damage": (
        "Klant geïnformeerd na verborgen schade",
        "1.3",
        INTERACTEREN,
        ("gesprekken-voeren", "schadeherstelproces-toelichten"),
        (),
    ),
    "supplement_before_final": (
        "Suppletie aangeboden vóór de eindcalculatie",
        "1.3",
        ORGANISEREN,
        ("werkwijzen-opdrachtgevers", "calculatieprogramma"),
        (),
    ),
    # Issue #16: the trainee writes their own final-inspection list, scored against the case's
    # hidden list (cases.final_inspection); a missing critical item fails 1.4.
    "delivery_checklist": (
        "Eigen eindcontrolelijst dekt de afleverpunten van de casus",
        "1.4",
        ORGANISEREN,
        ("schadeherstelproces-toelichten", "voertuigspecifieke-informatie"),
        (),
    ),
    "delivery_findings": (
        "Bevindingen bij de eindcontrole vastgelegd en vóór aflevering opgelost",
        "1.4",
        ANALYSEREN,
        ("diagnoserapporten", "voertuigsystemen", "reparatiemethodes"),
        (),
    ),
    "invoice_explained": (
        "Factuur aan de klant uitgelegd: eigen risico en btw",
        "1.4",
        INTERACTEREN,
        ("werkwijzen-opdrachtgevers", "calculatie-lezen", "gesprekken-voeren"),
        (),
    ),
    # K16 "Heeft algemene ICT-vaardigheden": the digital dossier's photos (profile 1.1: "Hij
    # maakt beeldmateriaal van de zichtbare schade"; general skills: "Digitale vaardigheden").
    "damage_photos_filed": (
        "Schadefoto's per schadezone in het digitale dossier vóór de eerste calculatie",
        "1.1",
        ORGANISEREN,
        ("ict-vaardigheden",),
        (),
    ),
    # Read from the trainee's calculation (`calculation_checks`, issue #16 item 3): K07 "Heeft
    # kennis van wielophanging", K13 diagnoserapporten, K14 uitlijnrapporten; K09 for 48 V.
    "suspension_part_from_reports": (
        "Verbogen deel van wielophanging of stuurinrichting uit het uitlijnrapport vervangen",
        "1.2",
        ANALYSEREN,
        ("wielophanging", "uitlijnrapporten", "diagnoserapporten"),
        ("repareren-of-vervangen",),
    ),
    "calibration_after_alignment": (
        "Na het uitlijnen de ADAS-kalibratie die de fabrikant voorschrijft",
        "1.2",
        ORGANISEREN,
        ("uitlijnrapporten", "diagnoserapporten", "voertuigspecifieke-informatie"),
        (),
    ),
    "mild_hybrid_disconnect": (
        "48V-boordnet losgekoppeld vóór las- en richtwerk (geen hoogvolt)",
        "1.2",
        ORGANISEREN,
        ("energieopslagsystemen", "voertuigsystemen", "voertuigspecifieke-informatie"),
        (),
    ),
    # Issue #16: the owner's VAT status decides a borderline total loss; a WA claimant's dossier
    # (cases.workflow.liability_claim).
    "owner_vat_status_asked": (
        "Btw-positie van de eigenaar nagevraagd vóór het advies",
        "1.1",
        INTERACTEREN,
        ("werkwijzen-opdrachtgevers", "waardes-voertuigen", "luisteren"),
        ("economisch-total-loss",),
    ),
    "contra_expertise_requested": (
        "Tegenexpertise aangevraagd waar het herstelbedrijf het oneens is met de expert",
        "1.3",
        ANALYSEREN,
        ("werkwijzen-opdrachtgevers", "reparatiemethodes"),
        ("expert-raadplegen", "repareren-of-vervangen"),
    ),
    "assignment_before_claim": (
        "Akte van cessie getekend vóór de claim bij de WA-verzekeraar",
        "1.3",
        ORGANISEREN,
        ("werkwijzen-opdrachtgevers", "schadeherstelproces-toelichten"),
        (),
    ),
    "loss_of_use_computed": (
        "Gebruiksderving juist berekend: dagen × bedrag per dag",
        "1.3",
        ANALYSEREN,
        ("werkwijzen-opdrachtgevers", "waardes-voertuigen", "tijdsinschatting"),
        (),
    ),
    "loss_of_value_claimed": (
        "Waardevermindering zoals de expert die vaststelde geclaimd",
        "1.3",
        ANALYSEREN,
        ("waardes-voertuigen", "werkwijzen-opdrachtgevers"),
        (),
    ),
}


def _result(key: str, *, applicable: bool, passed: bool, explanation: str) -> CheckResult:
    title, work_process, area, knowledge, trade_offs = CHECKS[key]
    return CheckResult(
        key=key,
        title=title,
        work_process=work_process,
        competence_area=area,
        applicable=applicable,
        passed=passed if applicable else True,
        explanation=explanation,
        knowledge=knowledge,
        trade_offs=trade_offs,
    )


def _tried(event: EventLike, kinds: Iterable[str]) -> bool:
    """The event is one of `kinds`, done or refused."""
    return _move_kind(event) in {str(kind) for kind in kinds}


def _first_index(events: Sequence[EventLike], predicate) -> int | None:
    return next((index for index, event in enumerate(events) if predicate(event)), None)


def _done(kind: str):
    return lambda event: event.kind == kind and not event.refused


def expert_required(case: CaseLike) -> bool:
    decisions = case.expected_decisions or {}
    if "expert_required" in decisions:
        return bool(decisions["expert_required"])
    return bool((case.payer_rules or {}).get("expert_required"))


def _case_expert_reasons(case: CaseLike) -> tuple[str, ...]:
    """The case's reasons for an expert (`cases.expert_reasons`): the authored ones; only when
    the case authors none, for a case version with a rate set and a reference, the reasons
    derived from `cases.payer` (the amount, the policy's demand)."""
    from cases.expert_reasons import authored_reasons, case_expert_reasons

    if getattr(case, "rate_set_id", None) and getattr(case, "reference_precalc", None):
        return case_expert_reasons(case)
    return authored_reasons(case)


def check_expert_requested(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.2 "Indien nodig vraagt hij een expertise aan": requested iff the case needs it,
    and for the case's reason (`cases.expert_reasons`): the amount alone does not decide."""
    from cases.expert_reasons import reason_label

    requests = [e for e in events if e.kind == EventKind.EXPERT_REQUESTED and not e.refused]
    required = expert_required(case)
    reasons = _case_expert_reasons(case)
    wanted = ", ".join(reason_label(key) for key in reasons)
    if not required:
        return _result(
            "expert_requested",
            applicable=True,
            passed=not requests,
            explanation=(
                "Expertise aangevraagd terwijl de casus daar niet om vraagt: dat kost tijd en geld."
                if requests
                else "Terecht geen expertise aangevraagd."
            ),
        )
    if not requests:
        explanation = "De casus vraagt een expertise, maar er is geen expertise aangevraagd."
        if wanted:
            explanation += f" Reden: {wanted}."
        return _result("expert_requested", applicable=True, passed=False, explanation=explanation)
    given = [str((e.data or {}).get("reason_code") or "") for e in requests]
    if not reasons:
        # A case without stated reasons (written before they existed): the request counts.
        return _result(
            "expert_requested",
            applicable=True,
            passed=True,
            explanation="Expertise aangevraagd, zoals de casus vraagt.",
        )
    if any(code in reasons for code in given):
        return _result(
            "expert_requested",
            applicable=True,
            passed=True,
            explanation=f"Expertise aangevraagd om de juiste reden ({wanted}).",
        )
    stated = ", ".join(reason_label(code) for code in given if code) or "geen reden"
    return _result(
        "expert_requested",
        applicable=True,
        passed=False,
        explanation=(
            f"Expertise aangevraagd met als reden: {stated}; de casus vraagt een expertise "
            f"om: {wanted}."
        ),
    )


def check_no_order_before_approval(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Parts ordered, subcontracting arranged or repair started only after the payer approved."""
    approved_at = _first_index(
        events,
        lambda e: (
            e.kind == EventKind.PAYER_DECISION
            and not e.refused
            and (e.data or {}).get("outcome") in APPROVED_OUTCOMES
        ),
    )
    limit = len(events) if approved_at is None else approved_at
    early = [event for event in events[:limit] if _tried(event, AFTER_APPROVAL_MOVES)]
    if early:
        labels = sorted({str(EventKind(_move_kind(e)).label) for e in early})
        return _result(
            "no_order_before_approval",
            applicable=True,
            passed=False,
            explanation="Vóór de goedkeuring van de betalende partij: " + ", ".join(labels) + ".",
        )
    return _result(
        "no_order_before_approval",
        applicable=True,
        passed=True,
        explanation="Niets besteld of hersteld vóór de goedkeuring van de betalende partij.",
    )


def _move_kind(event: EventLike) -> str:
    if event.kind == EventKind.MOVE_REFUSED:
        move = str((event.data or {}).get("move"))
        return str(MOVE_EVENT_KINDS.get(move, move))
    return event.kind


def check_hv_judgement(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.1: with an electric or hybrid vehicle, judge whether it is safe to park."""
    expected = case.expected_hv_judgement
    if not expected:
        return _result(
            "hv_judgement", applicable=False, passed=True, explanation="Geen HV-voertuig."
        )
    judgements = [
        (e.data or {}).get("judgement")
        for e in events
        if e.kind == EventKind.HV_JUDGEMENT_RECORDED and not e.refused
    ]
    if not judgements:
        return _result(
            "hv_judgement",
            applicable=True,
            passed=False,
            explanation=(
                "Bij de intake is niet beoordeeld of dit voertuig een hoogvoltsysteem heeft en "
                "hoe het gestald moet worden."
            ),
        )
    given = judgements[-1]
    if given == expected:
        return _result(
            "hv_judgement", applicable=True, passed=True, explanation="HV-oordeel klopt."
        )
    return _result(
        "hv_judgement",
        applicable=True,
        passed=False,
        explanation=f"HV-oordeel '{_hv_label(given)}' waar de casus '{_hv_label(expected)}' vraagt.",
    )


def _last_index(events: Sequence[EventLike], predicate) -> int | None:
    found = [index for index, event in enumerate(events) if predicate(event)]
    return found[-1] if found else None


def check_hv_facts_found(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.1: the HV facts are found by asking the customer and inspecting the photos
    (`cases.hv_questions`), each recorded with the case's value and from the case's source
    (`hv_fact_sources`) before the judgement."""
    from cases.hv import HV_FACT_LABELS, HV_FACTS
    from cases.hv_findings import asked_questions, recorded_facts
    from cases.hv_questions import source_key

    facts = getattr(case, "hv_facts", None)
    if facts is None:
        return _result(
            "hv_facts_found", applicable=False, passed=True, explanation="Geen HV-voertuig."
        )
    judged = _last_index(events, _done(EventKind.HV_JUDGEMENT_RECORDED))
    before = list(events[: judged + 1]) if judged is not None else list(events)
    recorded = recorded_facts(before)
    asked = asked_questions(before)
    sources = getattr(case, "hv_fact_sources", None) or {}
    missing, wrong, unsourced = [], [], []
    for fact in HV_FACTS:
        label = HV_FACT_LABELS[fact]
        found = recorded.get(fact)
        if found is None:
            missing.append(label)
            continue
        if found["present"] != bool(facts.get(fact)):
            wrong.append(label)
            continue
        source = found.get("source") or {}
        question = source.get("question")
        not_asked = question is not None and question not in asked
        elsewhere = bool(sources.get(fact)) and source_key(source) != source_key(sources[fact])
        if not_asked or elsewhere:
            unsourced.append(label)
    parts = []
    if missing:
        parts.append("niet vastgesteld: " + ", ".join(missing))
    if wrong:
        parts.append("verkeerd vastgesteld: " + ", ".join(wrong))
    if unsourced:
        parts.append(
            "niet gevonden waar het te vinden was (de klant vragen of de foto bekijken): "
            + ", ".join(unsourced)
        )
    if parts:
        return _result(
            "hv_facts_found",
            applicable=True,
            passed=False,
            explanation="HV-feiten vóór het oordeel: " + "; ".join(parts) + ".",
        )
    return _result(
        "hv_facts_found",
        applicable=True,
        passed=True,
        explanation="Alle HV-feiten gevonden en met hun bron vastgelegd vóór het oordeel.",
    )


def check_hv_release_before_repair(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """A vehicle in quarantine is not repaired before an HV expert or the battery specialist
    released it (`cases.workflow.hv_release`). Applies when the case calls for quarantine or the
    trainee judged so, and the dossier got to the repair or a release."""
    judgements = [
        (e.data or {}).get("judgement")
        for e in events
        if e.kind == EventKind.HV_JUDGEMENT_RECORDED and not e.refused
    ]
    quarantine = HvJudgement.QUARANTINE
    if case.expected_hv_judgement != quarantine and (
        not judgements or judgements[-1] != quarantine
    ):
        return _result(
            "hv_release_before_repair",
            applicable=False,
            passed=True,
            explanation="Geen HV-quarantaine in dit dossier.",
        )
    released = _first_index(events, _done(EventKind.HV_RELEASED))
    repair = _first_index(events, lambda e: _tried(e, (EventKind.REPAIR_STARTED,)))
    if repair is None:
        if released is None:
            return _result(
                "hv_release_before_repair",
                applicable=False,
                passed=True,
                explanation="Het voertuig is niet hersteld.",
            )
        return _result(
            "hv_release_before_repair",
            applicable=True,
            passed=True,
            explanation="HV-vrijgave vastgelegd.",
        )
    if released is not None and released < repair:
        return _result(
            "hv_release_before_repair",
            applicable=True,
            passed=True,
            explanation="Pas na de HV-vrijgave door de HV-deskundige/accuspecialist hersteld.",
        )
    return _result(
        "hv_release_before_repair",
        applicable=True,
        passed=False,
        explanation=(
            "Herstel gestart (of geprobeerd) aan een HV-voertuig in quarantaine zonder "
            "voorafgaande HV-vrijgave door een HV-deskundige of accuspecialist."
        ),
    )


def check_first_estimate_band(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.1 "maakt een eerste inschatting van duur en kosten": the last estimate at
    intake within `assessment.intake_estimate.BAND_PERCENT` of the engine's figure for the
    case's reference pre-calculation (incl. VAT, as the form asks it)."""
    from .intake_estimate import estimate_band

    band = estimate_band(case)
    if band is None:
        return _result(
            "first_estimate_band",
            applicable=False,
            passed=True,
            explanation="Geen referentie-voorcalculatie om de inschatting aan te toetsen.",
        )
    estimates = [e for e in events if e.kind == EventKind.FIRST_ESTIMATE_RECORDED and not e.refused]
    if not estimates:
        return _result(
            "first_estimate_band",
            applicable=True,
            passed=False,
            explanation="Er is geen eerste inschatting van de kosten gemaakt.",
        )
    verdict = band.judge((estimates[-1].data or {}).get("amount"))
    return _result(
        "first_estimate_band", applicable=True, passed=verdict.passed, explanation=verdict.text
    )


def _hv_label(value: str | None) -> str:
    try:
        return str(HvJudgement(value).label)
    except ValueError:
        return str(value)


def check_reception(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.2: on reception, check the vehicle for new damage before the repair starts."""
    received = _first_index(events, _done(EventKind.VEHICLE_RECEIVED))
    started = _first_index(events, _done(EventKind.REPAIR_STARTED))
    if received is None and started is None:
        return _result(
            "reception_check",
            applicable=False,
            passed=True,
            explanation="Het voertuig is niet voor herstel ontvangen.",
        )
    checked = _first_index(events, _done(EventKind.RECEPTION_CHECK_DONE))
    if checked is not None and (started is None or checked < started):
        return _result(
            "reception_check",
            applicable=True,
            passed=True,
            explanation="Voertuig bij ontvangst gecontroleerd op nieuwe schade.",
        )
    return _result(
        "reception_check",
        applicable=True,
        passed=False,
        explanation="Het voertuig is niet vóór het herstel op nieuwe schade gecontroleerd.",
    )


def check_customer_informed(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.3: after hidden damage, inform the customer (before delivery)."""
    revealed = _first_index(events, _done(EventKind.HIDDEN_DAMAGE_REVEALED))
    if revealed is None:
        return _result(
            "customer_informed_hidden_damage",
            applicable=False,
            passed=True,
            explanation="Geen verborgen schade in dit dossier.",
        )
    delivered = _first_index(events, _done(EventKind.VEHICLE_DELIVERED))
    end = len(events) if delivered is None else delivered
    informed = any(
        e.kind == EventKind.CUSTOMER_INFORMED and not e.refused for e in events[revealed + 1 : end]
    )
    return _result(
        "customer_informed_hidden_damage",
        applicable=True,
        passed=informed,
        explanation=(
            "Klant geïnformeerd over de verborgen schade."
            if informed
            else "Na de verborgen schade is de klant niet vóór de aflevering geïnformeerd."
        ),
    )


def _is_supplement(event: EventLike) -> bool:
    if event.refused:
        return False
    if event.kind == EventKind.SUPPLEMENT_SUBMITTED:
        return True
    return (
        event.kind == EventKind.CALCULATION_SUBMITTED
        and (event.data or {}).get("kind") == "supplement"
    )


def _is_final(event: EventLike) -> bool:
    if event.refused:
        return False
    if event.kind == EventKind.FINAL_CALCULATION_SUBMITTED:
        return True
    return (
        event.kind == EventKind.CALCULATION_SUBMITTED and (event.data or {}).get("kind") == "final"
    )


def check_supplement_before_final(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.3: hidden damage goes into a supplement before the final calculation."""
    revealed = _first_index(events, _done(EventKind.HIDDEN_DAMAGE_REVEALED))
    if revealed is None:
        return _result(
            "supplement_before_final",
            applicable=False,
            passed=True,
            explanation="Geen verborgen schade, dus geen suppletie nodig.",
        )
    supplement = _first_index(events, _is_supplement)
    final = _first_index(events, _is_final)
    if supplement is not None and (final is None or supplement < final):
        return _result(
            "supplement_before_final",
            applicable=True,
            passed=True,
            explanation="Suppletie aangeboden vóór de eindcalculatie.",
        )
    explanation = (
        "De eindcalculatie is aangeboden zonder eerst een suppletie voor de verborgen schade."
        if final is not None
        else "Voor de verborgen schade is geen suppletie aangeboden."
    )
    return _result(
        "supplement_before_final", applicable=True, passed=False, explanation=explanation
    )


def _delivered_at(events: Sequence[EventLike]) -> int | None:
    return _first_index(events, _done(EventKind.VEHICLE_DELIVERED))


def check_delivery_checklist(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.4 ("voert een optische eindcontrole uit"): the trainee's own list at the last
    inspection before delivery names the case's hidden items, line by line: every critical
    item and at least three in four of all (`cases.final_inspection`)."""
    items = read_items(getattr(case, "delivery_checklist", None))
    delivered = _delivered_at(events)
    if not items or delivered is None:
        return _result(
            "delivery_checklist",
            applicable=False,
            passed=True,
            explanation="Geen aflevering met eindcontrole in dit dossier.",
        )
    inspections = [
        e for e in events[:delivered] if e.kind == EventKind.FINAL_INSPECTION_DONE and not e.refused
    ]
    if not inspections:
        return _result(
            "delivery_checklist",
            applicable=True,
            passed=False,
            explanation="Afgeleverd zonder optische eindcontrole.",
        )
    last = inspections[-1]
    rows, named, critical_missing = [], 0, []
    for item in items:
        line = item_named(item, last)
        mark = " (kritiek)" if item.critical else ""
        if line is None:
            rows.append(f"✗ {item.item}{mark}: niet genoemd")
            if item.critical:
                critical_missing.append(item.item)
        else:
            named += 1
            rows.append(f"✓ {item.item}{mark}: '{line}'")
    needed = -(-len(items) * PASS_SHARE_NUMERATOR // PASS_SHARE_DENOMINATOR)
    passed = not critical_missing and named >= needed
    verdict = f"{named} van {len(items)} punten genoemd (nodig: {needed} en alle kritieke)."
    if critical_missing:
        verdict += " Kritiek punt ontbreekt: " + "; ".join(critical_missing) + "."
    return _result(
        "delivery_checklist",
        applicable=True,
        passed=passed,
        explanation=verdict + "\n" + "\n".join(rows),
    )


def check_delivery_findings(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.4: what the final inspection reveals is recorded, and a critical finding is
    reworked (and inspected again) before delivery; delivering with one open fails."""
    raw = getattr(case, "delivery_findings", None) or []
    delivered = _delivered_at(events)
    if not raw or delivered is None:
        return _result(
            "delivery_findings",
            applicable=False,
            passed=True,
            explanation="Geen bevindingen bij de eindcontrole in deze casus.",
        )
    states = findings_state(raw, events[:delivered])
    rows, failed = [], False
    for state in states:
        finding = state.finding
        mark = " (kritiek)" if finding.critical else ""
        if state.resolved_by:
            rows.append(f"✓ {finding.item}{mark}: nawerk '{state.resolved_by}'")
        elif state.recorded_as and not finding.critical:
            rows.append(f"✓ {finding.item}: vastgelegd als '{state.recorded_as}'")
        elif state.recorded_as:
            failed = True
            rows.append(
                f"✗ {finding.item}{mark}: vastgelegd, maar afgeleverd zonder passend "
                f"nawerk ({finding.rework})"
            )
        else:
            failed = failed or finding.critical
            rows.append(f"✗ {finding.item}{mark}: niet opgemerkt")
    if not inspection_after_last_rework(events[:delivered]):
        failed = True
        rows.append("✗ Na het nawerk is de auto niet opnieuw gecontroleerd.")
    verdict = (
        "Afgeleverd met een open kritieke bevinding."
        if failed
        else "Bevindingen vastgelegd en afgehandeld."
    )
    return _result(
        "delivery_findings",
        applicable=True,
        passed=not failed,
        explanation=verdict + "\n" + "\n".join(rows),
    )


def check_invoice_explained(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.4 ("licht de factuur toe"): the amounts the customer and the paying party pay
    are the split of the approved invoice by the case's payer facts (`cases.invoice_split`),
    with an explanation that names the own risk and the VAT where they apply."""
    customer = getattr(case, "customer", None) or {}
    delivered = _delivered_at(events)
    if not customer.get("invoice_question") or delivered is None:
        return _result(
            "invoice_explained",
            applicable=False,
            passed=True,
            explanation="De klant vroeg niet om uitleg van de factuur.",
        )
    given = (events[delivered].data or {}).get("invoice") or {}
    if not given:
        return _result(
            "invoice_explained",
            applicable=True,
            passed=False,
            explanation="De factuur is niet aan de klant uitgelegd.",
        )
    split = invoice_split(
        output=given, payer_rules=getattr(case, "payer_rules", None), customer=customer
    )
    customer_pays = _decimal_or_none(given.get("customer_pays"))
    payer_pays = _decimal_or_none(given.get("payer_pays"))
    text = str(given.get("explanation") or "")
    rows = [
        _amount_row("De klant betaalt", customer_pays, split.customer_pays),
        _amount_row("De verzekeraar betaalt", payer_pays, split.payer_pays),
    ]
    words_ok = True
    if split.own_risk:
        ok = line_names(("eigen risico",), text)
        words_ok &= ok
        rows.append(("✓" if ok else "✗") + " uitleg noemt het eigen risico")
    if split.vat_to_customer:
        ok = line_names(("btw", "omzetbelasting"), text)
        ok = ok and line_names(("verreken", "aftrek", "terug", "voorbelasting"), text)
        words_ok &= ok
        rows.append(("✓" if ok else "✗") + " uitleg noemt de btw die de klant verrekent")
    passed = customer_pays == split.customer_pays and payer_pays == split.payer_pays and words_ok
    verdict = "Factuur juist uitgelegd." if passed else "De uitleg van de factuur klopt niet."
    return _result(
        "invoice_explained",
        applicable=True,
        passed=passed,
        explanation=verdict + "\n" + "\n".join(rows),
    )


def _decimal_or_none(value: Any) -> Decimal | None:
    try:
        return Decimal(str(value)) if value not in (None, "") else None
    except (InvalidOperation, ValueError):
        return None


def _amount_row(label: str, given: Decimal | None, expected: Decimal) -> str:
    if given == expected:
        return f"✓ {label} {format_money(expected)}"
    shown = "—" if given is None else format_money(given)
    return f"✗ {label} {shown}, de factuur geeft {format_money(expected)}"


def _is_submission(event: EventLike) -> bool:
    return not event.refused and event.kind in (
        EventKind.CALCULATION_SUBMITTED,
        EventKind.SUPPLEMENT_SUBMITTED,
        EventKind.FINAL_CALCULATION_SUBMITTED,
    )


def check_paint_oven_limit(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.2 (werkorder): the work order keeps the car within the manufacturer's drying
    temperature where the case's information limits it (`assessment.paint_oven`)."""
    applies, passed, explanation = judge_paint_oven(case, events)
    return _result("paint_oven_limit", applicable=applies, passed=passed, explanation=explanation)


def check_damage_photos_filed(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.1 (K16, ICT skills): before the first calculation goes to the paying party,
    the dossier holds an intake photo filed under each damage zone of the case. A photo
    without a zone, under another zone or added after the submission does not count."""
    zones = [str(zone) for zone in (getattr(case, "expected_damage_zones", None) or [])]
    if not zones:
        return _result(
            "damage_photos_filed",
            applicable=False,
            passed=True,
            explanation="De casus noemt geen schadezones.",
        )
    submitted = _first_index(events, _is_submission)
    before = events if submitted is None else events[:submitted]
    filed = {
        str((event.data or {}).get("zone") or "")
        for event in before
        if event.kind == EventKind.PHOTO_ADDED
        and not event.refused
        and (event.data or {}).get("stage", "intake") == "intake"
    }
    missing = [zone for zone in zones if zone not in filed]
    if not missing:
        return _result(
            "damage_photos_filed",
            applicable=True,
            passed=True,
            explanation="Voor elke schadezone een foto in het dossier vóór de eerste calculatie.",
        )
    moment = "vóór de eerste calculatie" if submitted is not None else "bij de intake"
    return _result(
        "damage_photos_filed",
        applicable=True,
        passed=False,
        explanation=(
            f"Geen foto {moment} onder de schadezone: "
            + ", ".join(ZONE_NAMES.get(zone, zone) for zone in missing)
            + "."
        ),
    )


# -- the owner's VAT status and a WA claim (cases.liability_claim) ----------------------------


def _done_index(events: Sequence[EventLike], kind: str) -> int | None:
    return _first_index(events, _done(kind))


def check_owner_vat_status_asked(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.1: where the owner's VAT status decides the total-loss comparison and is not
    in the brief, the trainee asks it before the first calculation or advice: the catalogue's
    VAT-status question (`customer_asked`, `cases.hv_questions.VAT_STATUS`), askable in any
    case; this check applies where the case says the status decides."""
    from cases.liability_claim import asks_vat_status, vat_status_question

    key = "owner_vat_status_asked"
    if vat_status_question(case) is None:
        return _result(
            key,
            applicable=False,
            passed=True,
            explanation="In deze casus staat de btw-positie van de eigenaar in de gegevens.",
        )
    asked = _first_index(events, asks_vat_status)
    decided = _first_index(
        events,
        lambda e: (
            not e.refused
            and e.kind
            in (
                EventKind.CALCULATION_SUBMITTED,
                EventKind.TOTAL_LOSS_ADVISED,
            )
        ),
    )
    if asked is None:
        explanation = (
            "De btw-positie van de eigenaar is niet nagevraagd; die bepaalt of de "
            "herstelkosten incl. of excl. btw met de waarde min de restwaarde worden vergeleken."
        )
        return _result(key, applicable=True, passed=False, explanation=explanation)
    if decided is not None and decided < asked:
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation="De btw-positie is pas nagevraagd na de eerste calculatie of het advies.",
        )
    return _result(
        key,
        applicable=True,
        passed=True,
        explanation="Btw-positie van de eigenaar nagevraagd vóór calculatie en advies.",
    )


def check_contra_expertise_requested(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.3: when the WA insurer's expert wants a repair where the shop says replace (or
    the other way round), the shop asks for a contra-expertise, after the expert's report and
    before the repair starts, stating the shop's position. Where the case says the expert is
    right (no `contra_expertise` in its facts), a contra-expertise is a mistake."""
    from cases.liability_claim import claim_facts, has_contra_expertise

    key = "contra_expertise_requested"
    requested = _done_index(events, EventKind.CONTRA_EXPERTISE_REQUESTED)
    if not has_contra_expertise(case):
        if requested is not None:
            return _result(
                key,
                applicable=True,
                passed=False,
                explanation=(
                    "Tegenexpertise aangevraagd terwijl het rapport van de expert klopt: dat "
                    "kost tijd en geld, en de tegenexpert bevestigt de expert."
                ),
            )
        return _result(
            key,
            applicable=False,
            passed=True,
            explanation="In deze casus is er geen meningsverschil met de expert.",
        )
    facts = claim_facts(case)
    if requested is None:
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation=(
                "Het herstelbedrijf is het oneens met de expert van de WA-verzekeraar, maar er "
                "is geen tegenexpertise aangevraagd."
            ),
        )
    started = _done_index(events, EventKind.REPAIR_STARTED)
    if started is not None and started < requested:
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation="De tegenexpertise is pas aangevraagd nadat het herstel begon.",
        )
    position = (events[requested].data or {}).get("shop_position")
    if position != facts.get("shop_position"):
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation="Tegenexpertise aangevraagd, maar met het verkeerde standpunt over het onderdeel.",
        )
    return _result(
        key,
        applicable=True,
        passed=True,
        explanation="Tegenexpertise aangevraagd met het standpunt van het herstelbedrijf, vóór het herstel.",
    )


CLAIM_KINDS = (
    EventKind.FINAL_CALCULATION_SUBMITTED,
    EventKind.LOSS_OF_USE_CLAIMED,
    EventKind.LOSS_OF_VALUE_CLAIMED,
)


def _person_name(value: str) -> str:
    """A name compared in full: accents, case, punctuation and spacing aside."""
    import unicodedata

    plain = unicodedata.normalize("NFKD", str(value)).encode("ascii", "ignore").decode()
    return " ".join("".join(c if c.isalnum() else " " for c in plain.casefold()).split())


def _names_counterparty(case: CaseLike, debtor: str) -> bool:
    """Whether the deed's debtor is the counterparty or its WA insurer: the paying party's
    name (`payer_name`, `payer_rules.name`, a note in brackets aside) or the case's
    `liability_claim.counterparty`, named in full (its words in order)."""
    import re

    from cases.liability_claim import claim_facts

    rules = getattr(case, "payer_rules", None) or {}
    names = (
        getattr(case, "payer_name", "") or "",
        rules.get("name") or "",
        claim_facts(case).get("counterparty") or "",
    )
    wanted = {_person_name(re.sub(r"\([^)]*\)", " ", str(n))) for n in names} - {""}
    given = f" {_person_name(debtor)} "
    return any(f" {name} " in given for name in wanted)


def check_assignment_before_claim(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.3: the customer signs the assignment of claim (akte van cessie) before the shop
    claims from the counterparty's WA insurer (the final calculation, loss of use or value)."""
    from cases.liability_claim import is_liability_claim

    key = "assignment_before_claim"
    if not is_liability_claim(case):
        return _result(
            key, applicable=False, passed=True, explanation="Geen schade op een WA-tegenpartij."
        )
    signed = _done_index(events, EventKind.ASSIGNMENT_OF_CLAIM_SIGNED)
    claimed = _first_index(events, lambda e: not e.refused and e.kind in CLAIM_KINDS)
    if signed is None:
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation="Er is geen akte van cessie getekend: het bedrijf kan niet rechtstreeks bij de WA-verzekeraar claimen.",
        )
    if claimed is not None and claimed < signed:
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation="Er is bij de WA-verzekeraar geclaimd voordat de akte van cessie getekend was.",
        )
    deed = events[signed].data or {}
    name = _person_name(((getattr(case, "customer", None) or {}).get("name")) or "")
    if not name or _person_name(deed.get("signed_by") or "") != name:
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation="De akte van cessie is niet door de klant (de benadeelde) getekend.",
        )
    if not _names_counterparty(case, str(deed.get("debtor") or "")):
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation=(
                "De akte van cessie noemt niet de tegenpartij of haar WA-verzekeraar als "
                "schuldenaar: de vordering die de klant overdraagt is op hén."
            ),
        )
    return _result(
        key,
        applicable=True,
        passed=True,
        explanation="Akte van cessie door de klant getekend vóór de claim.",
    )


def check_loss_of_use_computed(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.3: loss of use (gebruiksderving) claimed for the repair days at the expert's
    amount per day: days × amount per day."""
    from cases.liability_claim import loss_of_use_norm

    key = "loss_of_use_computed"
    norm = loss_of_use_norm(case)
    if norm is None:
        return _result(
            key, applicable=False, passed=True, explanation="Geen gebruiksderving in deze casus."
        )
    day_amount, days = norm
    claims = [e for e in events if e.kind == EventKind.LOSS_OF_USE_CLAIMED and not e.refused]
    wanted = day_amount * days
    if not claims:
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation=f"Geen gebruiksderving geclaimd; verwacht {days} × {format_money(day_amount)} = {format_money(wanted)}.",
        )
    data = claims[-1].data or {}
    given_days = data.get("days")
    given_day = _decimal_or_none(data.get("day_amount"))
    given = _decimal_or_none(data.get("amount"))
    if given_days == days and given_day == day_amount and given == wanted:
        return _result(
            key,
            applicable=True,
            passed=True,
            explanation=f"Gebruiksderving {days} × {format_money(day_amount)} = {format_money(wanted)}.",
        )
    return _result(
        key,
        applicable=True,
        passed=False,
        explanation=(
            f"Geclaimd: {given_days} dagen × {format_money(given_day or 0)}; verwacht "
            f"{days} hersteldagen × {format_money(day_amount)} = {format_money(wanted)}."
        ),
    )


def check_loss_of_value_claimed(case: CaseLike, events: Sequence[EventLike]) -> CheckResult:
    """Profile 1.3: loss of value (waardevermindering) as the expert stated it is claimed from
    the liable party (a casco policy would not pay it)."""
    from cases.liability_claim import loss_of_value

    key = "loss_of_value_claimed"
    wanted = loss_of_value(case)
    if wanted is None:
        return _result(
            key, applicable=False, passed=True, explanation="Geen waardevermindering in deze casus."
        )
    claims = [e for e in events if e.kind == EventKind.LOSS_OF_VALUE_CLAIMED and not e.refused]
    if not claims:
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation=f"De waardevermindering van {format_money(wanted)} die de expert vaststelde, is niet geclaimd.",
        )
    given = _decimal_or_none((claims[-1].data or {}).get("amount"))
    if given != wanted:
        return _result(
            key,
            applicable=True,
            passed=False,
            explanation=f"Geclaimd {format_money(given or 0)}; de expert stelde {format_money(wanted)} vast.",
        )
    return _result(
        key,
        applicable=True,
        passed=True,
        explanation=f"Waardevermindering van {format_money(wanted)} geclaimd.",
    )


CHECK_FUNCTIONS = (
    check_expert_requested,
    check_no_order_before_approval,
    check_hv_facts_found,
    check_hv_judgement,
    check_hv_release_before_repair,
    check_first_estimate_band,
    check_reception,
    check_customer_informed,
    check_supplement_before_final,
    check_delivery_checklist,
    check_delivery_findings,
    check_invoice_explained,
    check_damage_photos_filed,
    check_paint_oven_limit,
    check_owner_vat_status_asked,
    check_contra_expertise_requested,
    check_assignment_before_claim,
    check_loss_of_use_computed,
    check_loss_of_value_claimed,
)


def run_checks(
    case: CaseLike, events: Sequence[EventLike], calculations: Sequence[dict] | None = None
) -> list[CheckResult]:
    """Every check on the timeline; events in timeline order. `calculations`: the attempt's
    submitted schadecalc/1 inputs in submission order, for the checks that read the
    calculation (`calculation_checks`); without them those checks find none submitted."""
    events = list(events)
    results = [check(case, events) for check in CHECK_FUNCTIONS]
    lines = latest_lines(calculations)
    for key, (judge, _applies) in CALCULATION_CHECKS.items():
        applies, passed, explanation = judge(case, lines)
        results.append(_result(key, applicable=applies, passed=passed, explanation=explanation))
    return results


def applicable(results: Iterable[dict]) -> list[dict]:
    return [result for result in results if result.get("applicable")]


# ---------------------------------------------------------------------------------------------
# Evidence for the assessor (issue #14, item 7): what the checks above do not score but the
# assessor must see at once. Read from the same timeline; not counted in any sub-score.


@dataclass(frozen=True)
class OpenAnswer:
    """A customer's question of the case, the trainee's answer (None: unanswered) and the
    case's model answer (`good_answer`; for the assessor only, never the trainee)."""

    moment: str  # "intake" or "delivery"
    question: str
    answer: str | None
    model_answer: str


@dataclass(frozen=True)
class RejectedSubmission:
    kind: str  # calculation kind code (CalculationKind)
    kind_label: str
    version_number: int | None
    reasons: tuple[str, ...]  # the paying party's reasons as the trainee read them


def _model_answer(question: Any) -> str:
    return str(question.get("good_answer") or "") if isinstance(question, dict) else ""


def open_answers(customer: dict | None, events: Sequence[EventLike]) -> list[OpenAnswer]:
    """Every question of the case's customer (intake `questions`, delivery `last_questions`)
    with the trainee's last answer to it, or None when it went unanswered."""
    customer = customer or {}
    events = list(events)
    intake = intake_answers(events)
    delivery = delivery_answers(events)
    answers = [
        OpenAnswer("intake", question_text(question), intake.get(index), _model_answer(question))
        for index, question in enumerate(customer.get("questions") or [])
    ]
    for index, question in enumerate(customer.get("last_questions") or []):
        given = delivery[index] if index < len(delivery) else None
        answers.append(
            OpenAnswer("delivery", question_text(question), given, _model_answer(question))
        )
    return answers


def unanswered_questions(customer: dict | None, events: Sequence[EventLike]) -> list[str]:
    """The texts of the customer's questions that went unanswered."""
    return [item.question for item in open_answers(customer, events) if item.answer is None]


def rejected_submissions(events: Sequence[EventLike]) -> list[RejectedSubmission]:
    """The submissions the paying party rejected, in timeline order: the calculation's kind
    and version and the reasons as readable text (the payer's own Dutch sentences)."""
    from cases.dossier_timeline import finding_texts, submission_kind_label
    from cases.payer import Outcome

    rejected = []
    for event in events:
        data = event.data or {}
        if event.kind != EventKind.PAYER_DECISION or data.get("outcome") != Outcome.REJECTED:
            continue
        kind = str(data.get("kind") or "")
        kind_label = submission_kind_label(kind) if kind else "–"
        reasons = tuple(text for text in finding_texts(data.get("reasons")) if text)
        number = data.get("version_number")
        rejected.append(
            RejectedSubmission(
                kind, kind_label, number if isinstance(number, int) else None, reasons
            )
        )
    return rejected


# ---------------------------------------------------------------------------------------------
# Which case facts make each check apply (issue #16 item 5): the coverage registry counts a
# check as in use when a published case has these facts (`assessment.coverage.sources`). Each
# rule is the case half of the check's own `applicable`; the timeline half (delivered,
# received, …) is left out, as every attempt can get there. A new check adds its rule here
# (tests/assessment/test_coverage.py fails otherwise).


def _liability(name: str) -> Any:
    """A case-facts reader of `cases.liability_claim` (imported when first asked, as the
    checks themselves import it)."""
    from cases import liability_claim

    return getattr(liability_claim, name)


def _has_reference_precalc(case: Any) -> bool:
    from .intake_estimate import estimate_band

    return estimate_band(case) is not None


CASE_FACTS: dict[str, Any] = {
    "expert_requested": lambda case: True,
    "no_order_before_approval": lambda case: True,
    "hv_judgement": lambda case: bool(case.expected_hv_judgement),
    "hv_facts_found": lambda case: getattr(case, "hv_facts", None) is not None,
    "hv_release_before_repair": lambda case: case.expected_hv_judgement == HvJudgement.QUARANTINE,
    "first_estimate_band": _has_reference_precalc,
    "reception_check": lambda case: True,
    "customer_informed_hidden_damage": lambda case: bool(getattr(case, "hidden_damage", None)),
    "supplement_before_final": lambda case: bool(getattr(case, "hidden_damage", None)),
    "delivery_checklist": lambda case: bool(read_items(getattr(case, "delivery_checklist", None))),
    "delivery_findings": lambda case: bool(getattr(case, "delivery_findings", None)),
    "invoice_explained": lambda case: bool(
        (getattr(case, "customer", None) or {}).get("invoice_question")
    ),
    "damage_photos_filed": lambda case: bool(getattr(case, "expected_damage_zones", None)),
    "paint_oven_limit": paint_oven_applies,
    "owner_vat_status_asked": lambda case: _liability("vat_status_question")(case) is not None,
    "contra_expertise_requested": lambda case: bool(_liability("has_contra_expertise")(case)),
    "assignment_before_claim": lambda case: bool(_liability("is_liability_claim")(case)),
    "loss_of_use_computed": lambda case: _liability("loss_of_use_norm")(case) is not None,
    "loss_of_value_claimed": lambda case: _liability("loss_of_value")(case) is not None,
    **{key: applies for key, (_judge, applies) in CALCULATION_CHECKS.items()},
}
