"""Reads of the paint drill, already filtered to what the user may see.

- A drill (the task: vehicle, panels, damage) is open to every logged-in user once published;
  its model answers are read only by `model_of`, which the services call after a submission.
- A drill answer is its trainee's own practice: only that trainee sees it (no assessor, no
  editor, not the administrator through the pages): it is never filed in a cohort.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from calcengine.catalogue import get_vehicle

from ..models import PaintDrill, PaintDrillAnswer
from .scoring import ModelOverlap, ModelPanel


def drills_open_to(user: Any) -> QuerySet[PaintDrill]:
    if not user.is_authenticated:
        return PaintDrill.objects.none()
    return PaintDrill.objects.filter(published=True)


def drill_for(user: Any, pk: int) -> PaintDrill:
    """Raises `PaintDrill.DoesNotExist` for a drill the user may not open (views: 404)."""
    return drills_open_to(user).get(pk=pk)


def drill_panels(drill: PaintDrill) -> list[dict[str, Any]]:
    """The task as the trainee reads it: no model answer in it."""
    return [
        {"pk": p.pk, "code": p.part_code, "name": p.name, "damage": p.damage, "photo": p.photo_ref}
        for p in drill.panels.all()
    ]


def catalogue_extract(drill: PaintDrill) -> dict[str, Any]:
    """What a calculation program shows of the drill's vehicle: its name, paint code and every
    painted part with its base paint units (the trainee picks the panels and decides the level;
    no model answer in it)."""
    vehicle = get_vehicle(drill.vehicle_id)
    return {
        "name": vehicle.name,
        "paint_code": vehicle.paint_code,
        "parts": [
            {"code": part.code, "name": part.name, "units": part.paint_units}
            for part in vehicle.parts
            if part.paint_units is not None
        ],
    }


def drill_overlaps(drill: PaintDrill) -> list[dict[str, Any]]:
    """The adjacent pairs the trainee states a deduction for, named by their panels."""
    names = {p.part_code: p.name for p in drill.panels.all()}
    return [
        {
            "pk": o.pk,
            "first": names.get(o.first_part_code, o.first_part_code),
            "second": names.get(o.second_part_code, o.second_part_code),
        }
        for o in drill.overlaps.all()
    ]


def model_of(drill: PaintDrill) -> tuple[list[ModelPanel], list[ModelOverlap]]:
    """The hidden model answer, for scoring only (never handed to a template before submit)."""
    panels = [
        ModelPanel(
            code=p.part_code,
            name=p.name,
            level=p.model_level,
            units=p.model_units,
            explanation=p.explanation,
        )
        for p in drill.panels.all()
    ]
    overlaps = [
        ModelOverlap(
            key=str(o.pk),
            first=o.first_part_code,
            second=o.second_part_code,
            deduction=o.model_deduction,
            explanation=o.explanation,
        )
        for o in drill.overlaps.all()
    ]
    return panels, overlaps


def own_answers(user: Any) -> QuerySet[PaintDrillAnswer]:
    if not user.is_authenticated or not user.is_trainee:
        return PaintDrillAnswer.objects.none()
    return PaintDrillAnswer.objects.filter(trainee=user).select_related("drill")


def answer_for(user: Any, pk: int) -> PaintDrillAnswer:
    """Raises `PaintDrillAnswer.DoesNotExist` unless it is the user's own (views: 404)."""
    return own_answers(user).get(pk=pk)
