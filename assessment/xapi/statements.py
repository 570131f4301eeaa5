"""The four statements, as plain xAPI 1.0.3 dicts built from the platform's rows.

Every statement carries its own `id`, a UUID derived (version 5) from what it reports (the
attempt, the dossier event, the grade) and the platform's address, and a `timestamp` from that
row: built twice, it is the same statement, so a retried or repeated send is idempotent (an LRS
stores a statement id once and answers 204 or 409 for the same id again).

- case started: attempted the case (object: the case, an ADL "simulation");
- step completed: completed a step of the claim workflow (object: the move; parent: the case);
- calculation submitted: submitted a calculation (object: the calculation kind; parent: case);
- grade released: passed or failed the case, with the score (raw 0–100, scaled 0–1) and
  success (`Grade.passed`: judged against the pass mark `assessment.scoring.rules.PASS_MARK`,
  or the exam form's adopted cut score, which the grade keeps); the profile items the case is
  mapped to go along as context activities whose ids are the CASE API's CFItem URLs.

Every statement's `context.registration` is the attempt's (one registration per dossier), so an
LRS groups a trainee's statements about one attempt.
"""

from __future__ import annotations

import uuid
from datetime import datetime
from decimal import Decimal
from typing import Any

from content.case_identifiers import row_identifier

from . import vocabulary as v
from .config import XAPI_VERSION, base_url, pseudonym

NAMESPACE = uuid.uuid5(uuid.NAMESPACE_URL, "urn:schadeplatform:xapi")
PLATFORM = "Schademanager-platform"
LANGUAGE = "nl-NL"

Statement = dict[str, Any]


def statement_id(kind: str, key: object) -> str:
    """The statement's fixed id: the same row reported twice gets the same id."""
    return str(uuid.uuid5(NAMESPACE, f"{base_url()}|{kind}|{key}"))


def registration(attempt) -> str:
    return str(uuid.uuid5(NAMESPACE, f"{base_url()}|attempt|{attempt.pk}"))


def extension(name: str) -> str:
    return f"{base_url()}/xapi/extensions/{name}"


def activity_iri(*parts: str) -> str:
    return "/".join([f"{base_url()}/xapi/activities", *parts])


def _timestamp(moment: datetime | None) -> str:
    return (moment or datetime.now().astimezone()).isoformat()


def actor(user) -> dict:
    """The learner as an xAPI account: homePage the platform, name a pseudonym (config)."""
    return {
        "objectType": "Agent",
        "account": {"homePage": base_url(), "name": pseudonym(user.pk)},
    }


def case_activity(case) -> dict:
    return {
        "objectType": "Activity",
        "id": activity_iri("case", case.slug),
        "definition": {
            "type": v.SIMULATION,
            "name": {LANGUAGE: case.title},
        },
    }


def _reference(activity: dict) -> dict:
    """An activity as a context activity names it: id and type only."""
    return {"objectType": "Activity", "id": activity["id"]}


def _context(attempt, *, parent: dict | None = None, grouping: list[dict] | None = None) -> dict:
    context: dict[str, Any] = {
        "registration": registration(attempt),
        "platform": PLATFORM,
        "language": LANGUAGE,
        "extensions": {extension("case-version"): attempt.case_version.number},
    }
    activities: dict[str, list[dict]] = {}
    if parent is not None:
        activities["parent"] = [_reference(parent)]
    if grouping:
        activities["grouping"] = grouping
    if activities:
        context["contextActivities"] = activities
    return context


def _statement(*, sid: str, learner, verb: dict, obj: dict, context: dict, when) -> Statement:
    return {
        "id": sid,
        "actor": actor(learner),
        "verb": verb,
        "object": obj,
        "context": context,
        "timestamp": _timestamp(when),
        "version": XAPI_VERSION,
    }


def case_started(attempt) -> Statement:
    case = attempt.case_version.case
    return _statement(
        sid=statement_id("case-started", attempt.pk),
        learner=attempt.trainee,
        verb=v.ATTEMPTED,
        obj=case_activity(case),
        context=_context(attempt),
        when=attempt.started_at,
    )


def step_completed(attempt, *, move: str, label: str, event) -> Statement:
    """`event`: the move's own dossier event (its pk makes the id; its time the timestamp)."""
    case = attempt.case_version.case
    parent = case_activity(case)
    step = {
        "objectType": "Activity",
        "id": activity_iri("case", case.slug, "step", move),
        "definition": {"type": v.INTERACTION, "name": {LANGUAGE: label}},
    }
    context = _context(attempt, parent=parent)
    context["extensions"][extension("status")] = event.new_status
    return _statement(
        sid=statement_id("step-completed", event.pk),
        learner=attempt.trainee,
        verb=v.COMPLETED,
        obj=step,
        context=context,
        when=event.occurred_at,
    )


def calculation_submitted(attempt, *, event, label: str) -> Statement:
    """`event`: a submission event (`cases.timeline.SUBMISSION_KINDS`)."""
    case = attempt.case_version.case
    data = event.data or {}
    calculation = {
        "objectType": "Activity",
        "id": activity_iri("case", case.slug, "calculation", event.kind),
        "definition": {"type": v.PERFORMANCE, "name": {LANGUAGE: label}},
    }
    context = _context(attempt, parent=case_activity(case))
    if data.get("version_number") is not None:
        context["extensions"][extension("calculation-version")] = data["version_number"]
    result: dict[str, Any] = {"completion": True}
    if data.get("total") not in (None, ""):
        # Money as text: the figure exactly as the calculation engine stated it.
        result["extensions"] = {extension("total"): str(data["total"])}
    statement = _statement(
        sid=statement_id("calculation-submitted", event.pk),
        learner=attempt.trainee,
        verb=v.SUBMITTED,
        obj=calculation,
        context=context,
        when=event.occurred_at,
    )
    statement["result"] = result
    return statement


#: The profile items a case is mapped to, per CASE item kind (`content.case_identifiers`).
PROFILE_RELATIONS = (
    ("work_process", "work_processes"),
    ("knowledge_item", "knowledge_items"),
    ("competence_area", "competence_areas"),
    ("trade_off", "trade_offs"),
)


def profile_activities(case) -> list[dict]:
    """The case's profile items as context activities: id = the CASE API's CFItem URL."""
    from content.case_framework.links import cfitem_url

    activities = []
    for kind, relation in PROFILE_RELATIONS:
        for row in getattr(case, relation).all():
            identifier = row_identifier(kind, row)
            if identifier is None:
                continue
            activities.append(
                {
                    "objectType": "Activity",
                    "id": cfitem_url(base_url(), identifier),
                    "definition": {"type": v.OBJECTIVE, "name": {LANGUAGE: str(row)}},
                }
            )
    return activities


SCORE_MAX = Decimal("100")


def grade_released(grade) -> Statement:
    attempt = grade.attempt
    case = attempt.case_version.case
    raw = Decimal(grade.score)
    result = {
        "score": {
            "raw": float(raw),
            "min": 0,
            "max": float(SCORE_MAX),
            "scaled": float((raw / SCORE_MAX).quantize(Decimal("0.001"))),
        },
        "success": bool(grade.passed),
        "completion": True,
        "extensions": {extension("cut-score"): float(Decimal(grade.cut_score))},
    }
    context = _context(attempt, grouping=profile_activities(case))
    context["extensions"][extension("grade-version")] = grade.version
    statement = _statement(
        sid=statement_id("grade-released", grade.pk),
        learner=attempt.trainee,
        verb=v.PASSED if grade.passed else v.FAILED,
        obj=case_activity(case),
        context=context,
        when=grade.released_at,
    )
    statement["result"] = result
    return statement
