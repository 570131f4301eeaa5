"""Writes of the workshop day: a trainee's plan, judged against the day's constraints and
stored with its explanation."""

from __future__ import annotations

from typing import Any

from django.db import transaction

from ..models import WorkshopDay, WorkshopDayAnswer
from . import selectors
from .scoring import DEPARTMENTS, LATER, Plan, day_name, hours_text, plan_to_data, score_plan


class NotATrainee(Exception):
    """Only trainees practise the day (their plan is their own); views answer 404."""


def verdict_data(day: WorkshopDay, plan: Plan) -> dict[str, Any]:
    """The verdict as stored: every constraint with its Dutch explanation, the ready days, the
    departments' load per day, and (now that the plan is in) the reference."""
    verdict = score_plan(selectors.rules_day(day), plan)
    titles = {d["key"]: d["title"] for d in day.setup["dossiers"]}
    return {
        "score": verdict.score,
        "earned": verdict.earned,
        "possible": verdict.possible,
        "passed": verdict.passed,
        "hard_broken": verdict.hard_broken,
        "findings": [
            {
                "key": f.key,
                "title": f.title,
                "hard": f.hard,
                "passed": f.passed,
                "explanation": f.explanation,
                "points": f.points,
                "earned": f.earned,
                "details": list(f.details),
            }
            for f in verdict.findings
        ],
        "ready": [
            {"key": key, "title": titles[key], "day": day_name(ready), "later": ready >= LATER}
            for key, ready in verdict.ready.items()
        ],
        "load": [
            {"department": dep, "hours": [hours_text(h) for h in verdict.load[dep]]}
            for dep in DEPARTMENTS
        ],
        "reference": {
            "explanation": day.reference.get("explanation", ""),
            "plan": day.reference.get("plan", {}),
        },
        "notes": [
            {
                "title": titles[key],
                "model": day.reference.get("notes", {}).get(key, ""),
                "yours": plan.dossiers[key].note if key in plan.dossiers else "",
            }
            for key in titles
        ],
    }


def workshop_day_submit(*, day: WorkshopDay, trainee: Any, plan: Plan) -> WorkshopDayAnswer:
    if not getattr(trainee, "is_trainee", False):
        raise NotATrainee
    result = verdict_data(day, plan)
    with transaction.atomic():
        return WorkshopDayAnswer.objects.create(
            day=day,
            trainee=trainee,
            plan=plan_to_data(plan),
            result=result,
            score=result["score"],
            passed=result["passed"],
        )
