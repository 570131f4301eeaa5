"""The state machine of the claim: states, allowed moves, refusals and the one transition function.

States follow the competence profile's work processes (1.1 intake, 1.2 werkvoorbereiding,
1.3 bewaken van het schadedossier, 1.4 afleveren); `ALLOWED_MOVES` says which move may be made in
which state. Every move runs through `_transition`: inside `transaction.atomic()` it re-reads the
attempt with `select_for_update()`, checks the move, lets the move's step change the attempt and
say which events happened, writes the events (old and new status, actor, simulated date) and
queues side effects with `transaction.on_commit`.

A forbidden move raises `MoveRefused` with a Dutch message; the refusal itself is recorded as a
`move_refused` event in its own transaction after the failed one rolled back, because an
assessor reads refusals as evidence ("tried to order parts before approval").

The paying party, the expert and the workshop are simulated: their answers are events with no
actor, decided by `cases.payer` and by the case version's data.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.dispatch import Signal
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.calculations.exceptions import AlreadySubmitted
from cases.models import Attempt, AttemptStatus, DossierEvent
from cases.ownership import ensure_owner
from cases.timeline import EventKind

S = AttemptStatus

# Sent (on commit) when an attempt reaches an end state and is ready for assessment.
attempt_submitted = Signal()


class MoveRefused(Exception):
    """A move that the claim workflow does not allow now; `message` is Dutch, for the trainee."""

    def __init__(self, message: str, *, errors: list[dict[str, str]] | None = None) -> None:
        self.message = message
        self.errors = errors or [{"path": "", "message": message}]
        super().__init__(message)


# The moves a trainee can make, with the Dutch label the dossier page shows.
MOVE_LABELS: dict[str, Any] = {
    "create_dossier": _lazy("Schadedossier aanmaken"),
    "record_damage": _lazy("Zichtbare schade opnemen"),
    "add_photo": _lazy("Foto toevoegen"),
    "record_customer_wishes": _lazy("Wensen klant vastleggen"),
    "signal_upsell": _lazy("Meerwerk signaleren"),
    "answer_customer_question": _lazy("Vraag van de klant beantwoorden"),
    "give_advice": _lazy("Advies geven"),
    "record_hv_judgement": _lazy("HV-veiligheid beoordelen"),
    "record_first_estimate": _lazy("Eerste inschatting duur en kosten"),
    "receive_repair_order": _lazy("Reparatieopdracht ontvangen en inplannen"),
    "submit_precalc": _lazy("Voorcalculatie aanbieden"),
    "request_expert": _lazy("Expertise aanvragen"),
    "receive_expertise": _lazy("Expertiserapport verwerken"),
    "advise_total_loss": _lazy("Total-loss-advies geven"),
    "report_wok": _lazy("WOK-melding (RDW) doen"),
    "arrange_replacement_transport": _lazy("Vervangend vervoer regelen"),
    "arrange_subcontract": _lazy("Werk derden regelen"),
    "consult_vsi": _lazy("Voertuigspecifieke informatie opzoeken"),
    "create_work_order": _lazy("Werkorder aanmaken"),
    "order_parts": _lazy("Onderdelen bestellen"),
    "receive_vehicle": _lazy("Voertuig in ontvangst nemen"),
    "check_reception": _lazy("Ontvangstcontrole uitvoeren"),
    "hand_over_replacement_car": _lazy("Vervangende auto meegeven"),
    "start_repair": _lazy("Herstel laten starten"),
    "submit_supplement": _lazy("Suppletie aanbieden"),
    "inform_customer": _lazy("Klant informeren"),
    "submit_final": _lazy("Eindcalculatie aanbieden"),
    "submit_late_supplement": _lazy("Suppletie na eindcalculatie aanbieden"),
    "final_inspection": _lazy("Optische eindcontrole"),
    "deliver_vehicle": _lazy("Voertuig afleveren"),
}

_ANYTIME = ("add_photo", "answer_customer_question", "inform_customer", "consult_vsi")

ALLOWED_MOVES: dict[str, tuple[str, ...]] = {
    S.INTAKE: (
        "create_dossier",
        "record_damage",
        "record_customer_wishes",
        "signal_upsell",
        "give_advice",
        "record_hv_judgement",
        "record_first_estimate",
        "receive_repair_order",
        "advise_total_loss",
        "report_wok",
        *_ANYTIME,
    ),
    S.PREPARATION: (
        "submit_precalc",
        "request_expert",
        "advise_total_loss",
        "report_wok",
        *_ANYTIME,
    ),
    S.AWAITING_EXPERTISE: ("receive_expertise", "report_wok", *_ANYTIME),
    S.APPROVED: (
        "arrange_replacement_transport",
        "arrange_subcontract",
        "create_work_order",
        "order_parts",
        "receive_vehicle",
        "check_reception",
        "hand_over_replacement_car",
        "report_wok",
        "start_repair",
        *_ANYTIME,
    ),
    S.IN_REPAIR: ("order_parts", "report_wok", "submit_final", *_ANYTIME),
    S.SUPPLEMENT_PENDING: ("submit_supplement", "request_expert", "report_wok", *_ANYTIME),
    S.FINAL_SUBMITTED: (
        "submit_late_supplement",
        "final_inspection",
        "deliver_vehicle",
        *_ANYTIME,
    ),
    S.DELIVERED: (),
    S.TOTAL_LOSS: (),
}

# The states a move can lead to (for the README table and a consistency test).
TRANSITIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "receive_repair_order": {S.INTAKE: (S.PREPARATION,)},
    "submit_precalc": {S.PREPARATION: (S.APPROVED, S.PREPARATION)},
    "request_expert": {
        S.PREPARATION: (S.AWAITING_EXPERTISE,),
        S.SUPPLEMENT_PENDING: (S.AWAITING_EXPERTISE,),
    },
    "receive_expertise": {
        S.AWAITING_EXPERTISE: (S.PREPARATION, S.APPROVED, S.SUPPLEMENT_PENDING, S.IN_REPAIR)
    },
    "advise_total_loss": {S.INTAKE: (S.TOTAL_LOSS,), S.PREPARATION: (S.TOTAL_LOSS,)},
    "start_repair": {S.APPROVED: (S.IN_REPAIR, S.SUPPLEMENT_PENDING)},
    "submit_supplement": {S.SUPPLEMENT_PENDING: (S.IN_REPAIR, S.SUPPLEMENT_PENDING)},
    "submit_final": {S.IN_REPAIR: (S.FINAL_SUBMITTED, S.IN_REPAIR)},
    "deliver_vehicle": {S.FINAL_SUBMITTED: (S.DELIVERED,)},
}

END_STATES = (S.DELIVERED, S.TOTAL_LOSS)

# Why a move is refused when it comes too early or too late: the message names the rule.
_TOO_EARLY_OR_LATE: dict[str, Any] = {
    "order_parts": _lazy("Onderdelen bestellen kan pas na goedkeuring van de betalende partij."),
    "create_work_order": _lazy(
        "Een werkorder maakt u pas aan na goedkeuring van de betalende partij."
    ),
    "arrange_replacement_transport": _lazy(
        "Vervangend vervoer regelt u na goedkeuring van de betalende partij."
    ),
    "arrange_subcontract": _lazy("Werk derden regelt u na goedkeuring van de betalende partij."),
    "receive_vehicle": _lazy(
        "Het voertuig neemt u in ontvangst voor de geplande reparatie, na goedkeuring."
    ),
    "check_reception": _lazy(
        "De ontvangstcontrole hoort bij het in ontvangst nemen van het voertuig, na goedkeuring."
    ),
    "hand_over_replacement_car": _lazy(
        "Een vervangende auto geeft u mee bij ontvangst van het voertuig, na goedkeuring."
    ),
    "start_repair": _lazy(
        "Het herstel kan pas starten na goedkeuring van de betalende partij en een volledige werkvoorbereiding."
    ),
    "submit_precalc": _lazy(
        "De voorcalculatie biedt u aan in de werkvoorbereiding, nadat de reparatieopdracht is ontvangen."
    ),
    "submit_supplement": _lazy(
        "Een suppletie biedt u aan wanneer tijdens het herstel verborgen schade is gevonden."
    ),
    "submit_final": _lazy(
        "De eindcalculatie biedt u aan als het herstel loopt en alle suppleties zijn goedgekeurd."
    ),
    "submit_late_supplement": _lazy(
        "Een suppletie na de eindcalculatie kan pas als de eindcalculatie is goedgekeurd."
    ),
    "final_inspection": _lazy(
        "De optische eindcontrole volgt na goedkeuring van de eindcalculatie."
    ),
    "deliver_vehicle": _lazy(
        "Afleveren kan pas nadat de eindcalculatie is ingediend en goedgekeurd."
    ),
    "receive_expertise": _lazy("Er is geen expertise aangevraagd waarop u kunt wachten."),
    "request_expert": _lazy(
        "Een expertise vraagt u aan vóór de goedkeuring van de (voor)calculatie of suppletie."
    ),
    "advise_total_loss": _lazy(
        "Total-loss-advies geeft u bij de intake of de werkvoorbereiding, vóór het herstel."
    ),
    "receive_repair_order": _lazy("De reparatieopdracht is al ontvangen."),
}


@dataclass
class Happened:
    """One event a move's step reports; `actor_is_trainee` False for simulated parties."""

    kind: str
    data: dict[str, Any] = field(default_factory=dict)
    actor_is_trainee: bool = True
    simulated_date: dt.date | None = None
    message: str = ""


@dataclass
class StepResult:
    events: list[Happened]
    to_status: str | None = None
    on_commit: list[Callable[[], None]] = field(default_factory=list)


def available_moves(attempt: Attempt) -> tuple[str, ...]:
    if attempt.submitted_at is not None:
        return ()
    return ALLOWED_MOVES.get(attempt.status, ())


# The calculation each submit move freezes; see `_already_submitted_message`.
_SUBMIT_KINDS = {
    "submit_precalc": "precalc",
    "submit_supplement": "supplement",
    "submit_final": "final",
}


def _already_submitted_message(attempt: Attempt, move: str) -> str | None:
    """A submit refused because the same submit went first (a double click, a second tab) says
    so, rather than which phase the move belongs to: the latest version is of its kind."""
    kind = _SUBMIT_KINDS.get(move)
    latest = attempt.calculation_versions.order_by("-number").first() if kind else None
    if latest is None or latest.kind != kind:
        return None
    return AlreadySubmitted(kind_label=latest.get_kind_display(), number=latest.number).message


def _refusal_message(attempt: Attempt, move: str) -> str:
    if attempt.status in END_STATES:
        return _("Dit dossier is afgesloten; er kunnen geen stappen meer worden gezet.")
    already = _already_submitted_message(attempt, move)
    if already:
        return already
    if move in _TOO_EARLY_OR_LATE:
        return str(_TOO_EARLY_OR_LATE[move])
    return _("De stap '%(move)s' past niet in de huidige fase (%(status)s).") % {
        "move": str(MOVE_LABELS.get(move, move)),
        "status": attempt.get_status_display(),
    }


def _record_refusal(*, attempt: Attempt, by: Any, move: str, refusal: MoveRefused) -> None:
    with transaction.atomic():
        current = Attempt.objects.only("status", "simulated_date").get(pk=attempt.pk)
        DossierEvent.objects.create(
            attempt_id=attempt.pk,
            kind=EventKind.MOVE_REFUSED,
            old_status=current.status,
            new_status=current.status,
            actor=by,
            simulated_date=current.simulated_date,
            data={"move": move, "message": refusal.message, "errors": refusal.errors},
            refused=True,
            message=refusal.message,
        )


def attempt_ensure_move_available(*, attempt: Attempt, by: Any, move: str) -> None:
    """Refuse (and record) a move the current state does not offer, before its input is read:
    a forbidden move is evidence whatever was typed with it. Someone else than the attempt's
    own trainee gets `NotYourAttempt` (nothing recorded)."""
    ensure_owner(attempt=attempt, by=by)
    current = Attempt.objects.get(pk=attempt.pk)
    if move not in available_moves(current):
        refusal = MoveRefused(_refusal_message(current, move))
        _record_refusal(attempt=current, by=by, move=move, refusal=refusal)
        raise refusal


def _transition(
    *, attempt: Attempt, by: Any, move: str, step: Callable[[Attempt], StepResult]
) -> Attempt:
    """The one way the dossier changes. Returns the updated attempt."""
    # Not a refusal to record: only the trainee who owns the dossier works in it.
    ensure_owner(attempt=attempt, by=by)
    try:
        with transaction.atomic():
            # Lock the attempt: two tabs may make a move at once. Only the attempt's row: the
            # joined case version and trainee would be locked along, and every trainee's moves
            # on one case would wait for each other.
            locked = (
                Attempt.objects.select_for_update(of=("self",))
                .select_related("case_version", "trainee")
                .get(pk=attempt.pk)
            )
            if move not in available_moves(locked):
                raise MoveRefused(_refusal_message(locked, move))
            old_status = locked.status
            result = step(locked)
            new_status = result.to_status or old_status
            locked.status = new_status
            if new_status in END_STATES and locked.submitted_at is None:
                locked.submitted_at = timezone.now()
                result.on_commit.append(lambda: attempt_submitted.send(Attempt, attempt=locked))
            locked.save()
            for happened in result.events:
                DossierEvent.objects.create(
                    attempt=locked,
                    kind=happened.kind,
                    old_status=old_status,
                    new_status=new_status,
                    actor=by if happened.actor_is_trainee else None,
                    simulated_date=happened.simulated_date or locked.simulated_date,
                    data=happened.data,
                    message=happened.message,
                )
            for effect in result.on_commit:
                transaction.on_commit(effect)
    except MoveRefused as refusal:
        _record_refusal(attempt=attempt, by=by, move=move, refusal=refusal)
        raise
    attempt.refresh_from_db()
    return attempt


# -- helpers over the timeline ----------------------------------------------------------------


def _events(attempt: Attempt, kind: str):
    return attempt.events.filter(kind=kind, refused=False).order_by("pk")


def _has(attempt: Attempt, kind: str) -> bool:
    return _events(attempt, kind).exists()


def _last(attempt: Attempt, kind: str) -> DossierEvent | None:
    return _events(attempt, kind).last()


def _require(condition: bool, message: str) -> None:
    if not condition:
        raise MoveRefused(message)


def _text(value: str, label: str) -> str:
    value = (value or "").strip()
    _require(bool(value), _("Vul %(label)s in.") % {"label": label})
    return value


def _advance(attempt: Attempt, to: dt.date | None) -> None:
    if to is not None and to > attempt.simulated_date:
        attempt.simulated_date = to


def _money(amount: Decimal) -> str:
    return str(Decimal(amount).quantize(Decimal("0.01")))
