"""A quarantined HV vehicle is not worked on until it is released: a HV expert (HV-deskundige)
or the battery specialist checks it and releases it for repair. The release is a move of its own
(who released it, in which role, what they found; the simulated date is the event's date), and
every repair move calls `ensure_hv_released` first, so "no repair, no parts fitted, no spray work"
before the release is one rule with one Dutch refusal.

The vehicle is in quarantine by the trainee's own last judgement (`Attempt.hv_judgement`): the
consequence follows the judgement given; the assessment scores whether it was the right one
(`hv_judgement`) and whether the release came before the repair (`hv_release_before_repair`).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy as _lazy

from cases.models import Attempt, HvJudgement
from cases.timeline import EventKind

from .forms import HvReleaseForm
from .machine import Happened, S, Step, StepResult, _require, _text, move

HV_RELEASE_ROLES = ("hv_expert", "battery_specialist")

QUARANTINE_REFUSAL = _lazy(
    "Dit voertuig staat in HV-quarantaine: er mag niet aan gewerkt worden (geen herstel, geen "
    "onderdelen monteren, geen spuitwerk) tot een HV-deskundige of accuspecialist het heeft "
    "vrijgegeven. Leg eerst de HV-vrijgave vast."
)


def in_quarantine(attempt: Attempt) -> bool:
    """The trainee judged the vehicle `quarantine` and no release has been recorded since."""
    if attempt.hv_judgement != HvJudgement.QUARANTINE:
        return False
    judged = (
        attempt.events.filter(kind=EventKind.HV_JUDGEMENT_RECORDED, refused=False)
        .order_by("pk")
        .values_list("pk", flat=True)
        .last()
    )
    return not attempt.events.filter(
        kind=EventKind.HV_RELEASED, refused=False, pk__gt=judged or 0
    ).exists()


def ensure_hv_released(attempt: Attempt) -> None:
    """Refuse a repair move on a quarantined vehicle (a `MoveRefused` with the Dutch reason)."""
    _require(not in_quarantine(attempt), str(QUARANTINE_REFUSAL))


def _judged_quarantine(attempt: Attempt) -> bool:
    return attempt.hv_judgement == HvJudgement.QUARANTINE


@move(
    name="release_hv",
    label=_lazy("HV-vrijgave vastleggen (HV-deskundige/accuspecialist)"),
    from_states=(S.INTAKE, S.PREPARATION, S.AWAITING_EXPERTISE, S.APPROVED),
    form=HvReleaseForm,
    event_kind=EventKind.HV_RELEASED,
    applies=_judged_quarantine,
)
def attempt_release_hv(
    *, attempt: Attempt, by: Any, released_by: str, role: str, findings: str
) -> Step:
    def step(a: Attempt) -> StepResult:
        _require(
            in_quarantine(a),
            _(
                "Er is geen HV-quarantaine om op te heffen: dit voertuig is niet in quarantaine gezet."
            ),
        )
        _require(
            role in HV_RELEASE_ROLES, _("Kies wie vrijgeeft: HV-deskundige of accuspecialist.")
        )
        data = {
            "released_by": _text(released_by, _("de naam van wie het voertuig vrijgeeft")),
            "role": role,
            "findings": _text(findings, _("de bevindingen bij de vrijgave")),
            "released_on": a.simulated_date.isoformat(),
        }
        return StepResult([Happened(EventKind.HV_RELEASED, data)])

    return step
