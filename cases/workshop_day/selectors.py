"""Reads of the workshop day, already filtered to what the user may see.

- A published day (the task: roster, messages, dossiers) is open to every logged-in user; its
  reference plan is read only by the services after a submission and by the result page.
- A submitted plan is its trainee's own practice, as a paint drill answer: only that trainee
  sees it (no assessor, no editor): it is never filed in a cohort.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from ..models import WorkshopDay, WorkshopDayAnswer
from .scoring import DAY_NAMES, DEPARTMENTS, day_from_data, hours_text


def days_open_to(user: Any) -> QuerySet[WorkshopDay]:
    if not user.is_authenticated:
        return WorkshopDay.objects.none()
    return WorkshopDay.objects.filter(published=True).defer("reference")


def day_for(user: Any, pk: int) -> WorkshopDay:
    """Raises `WorkshopDay.DoesNotExist` for a day the user may not open (views: 404)."""
    return days_open_to(user).get(pk=pk)


def task_of(day: WorkshopDay) -> dict[str, Any]:
    """The day as the trainee reads it: the normal roster (the messages change it), the
    dossiers' stories and hours. No reference, no rule outcome."""
    setup = day.setup
    dossiers = [
        {
            "key": d["key"],
            "title": d["title"],
            "situation": d["situation"],
            "parts_text": d["parts_text"],
            "approval_pending": d.get("approval_pending", False),
            "hours": [
                {"department": dep, "hours": hours_text(_dec(d["hours"][dep]))}
                for dep in DEPARTMENTS
            ],
            "planned_departments": [dep for dep in DEPARTMENTS if _dec(d["hours"][dep]) > 0],
            "promised": _day_label(d.get("promised")),
        }
        for d in setup["dossiers"]
    ]
    roster = [
        {"department": dep, "hours": [hours_text(_dec(h)) for h in setup["roster"][dep]]}
        for dep in DEPARTMENTS
    ]
    return {
        "dossiers": dossiers,
        "roster": roster,
        "day_names": DAY_NAMES,
        "messages": setup["messages"],
        "replacement_cars": setup["replacement_cars"],
    }


def rules_day(day: WorkshopDay) -> Any:
    return day_from_data(day.setup)


def own_answers(user: Any) -> QuerySet[WorkshopDayAnswer]:
    if not user.is_authenticated or not getattr(user, "is_trainee", False):
        return WorkshopDayAnswer.objects.none()
    return WorkshopDayAnswer.objects.filter(trainee=user).select_related("day")


def answer_for(user: Any, pk: int) -> WorkshopDayAnswer:
    """Raises `WorkshopDayAnswer.DoesNotExist` unless it is the user's own (views: 404)."""
    return own_answers(user).get(pk=pk)


def _dec(value: Any) -> Any:
    from decimal import Decimal

    return Decimal(str(value))


def _day_label(value: Any) -> str:
    from .scoring import day_name

    return day_name(None if value is None else int(value))
