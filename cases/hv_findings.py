"""What the trainee found out about an HV vehicle at intake, read from the dossier's events: the
questions asked (with the customer's answers), the HV facts recorded (with their source) and the
HV release after a quarantine. Shared by the workflow's moves, the trainee's brief and the
assessment's workflow checks (as `cases.customer_questions` is for the customer's questions).
Refused moves count for nothing here.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, Protocol

from .timeline import EventKind


class EventLike(Protocol):
    kind: str
    data: Any
    refused: bool


def asked_questions(events: Iterable[EventLike]) -> dict[str, str]:
    """The catalogue questions asked (`cases.hv_questions` key → the customer's answer)."""
    asked: dict[str, str] = {}
    for event in events:
        data = event.data or {}
        if (
            not event.refused
            and event.kind == EventKind.CUSTOMER_ASKED
            and data.get("question_key")
        ):
            asked[str(data["question_key"])] = str(data.get("answer") or "")
    return asked


def recorded_facts(events: Iterable[EventLike]) -> dict[str, dict[str, Any]]:
    """The last record per HV fact: {fact: {"present": bool, "source": {...}}}."""
    facts: dict[str, dict[str, Any]] = {}
    for event in events:
        data = event.data or {}
        if not event.refused and event.kind == EventKind.HV_FACT_RECORDED and data.get("fact"):
            facts[str(data["fact"])] = {
                "present": bool(data.get("present")),
                "source": dict(data.get("source") or {}),
            }
    return facts
