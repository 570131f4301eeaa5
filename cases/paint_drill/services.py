"""Writes of the paint drill: a trainee's submission, scored and stored with its explanation."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db import transaction

from ..models import PAINT_LEVEL_CHOICES, PaintDrill, PaintDrillAnswer
from . import selectors
from .engine_units import engine_units
from .scoring import PanelAnswer, score_drill


class NotATrainee(Exception):
    """Only trainees practise the drill (their answer is their own); views answer 404."""


def _plain(units: Decimal | None) -> str:
    if units is None:
        return ""
    text = format(units.normalize(), "f")
    return text


def paint_drill_submit(
    *,
    drill: PaintDrill,
    trainee: Any,
    answers: dict[str, PanelAnswer],
    deductions: dict[str, Decimal | None],
) -> PaintDrillAnswer:
    """Score `answers` (by panel code) and `deductions` (by overlap pk) and store the result,
    with the engine's paint units for the model answer and for the trainee's."""
    if not getattr(trainee, "is_trainee", False):
        raise NotATrainee
    panels, overlaps = selectors.model_of(drill)
    scored = score_drill(panels, overlaps, answers, deductions)
    codes = [(p.code, p.name) for p in panels]

    def engine(given: dict[str, PanelAnswer], pairs: dict[str, Decimal | None]) -> Any:
        return engine_units(
            vehicle_id=drill.vehicle_id,
            rate_set_id=drill.rate_set_id,
            panels=codes,
            answers=given,
            deductions={(o.first, o.second): pairs.get(o.key) for o in overlaps},
        )

    model_engine = engine(
        {p.code: PanelAnswer(level=p.level, units=p.units) for p in panels},
        {o.key: o.deduction for o in overlaps},
    )
    trainee_engine = engine(answers, deductions)
    labels = {code: str(label) for code, label in PAINT_LEVEL_CHOICES}
    result = {
        "earned": scored.earned,
        "possible": scored.possible,
        "engine_total_model": _plain(model_engine.total),
        "engine_total_trainee": _plain(trainee_engine.total),
        "panels": [
            {
                "code": r.code,
                "name": r.name,
                "level": r.answer.level,
                "level_label": labels.get(r.answer.level, r.answer.level),
                "units": _plain(r.answer.units),
                "model_level": r.model.level,
                "model_level_label": labels.get(r.model.level, r.model.level),
                "model_units": _plain(r.model.units),
                "level_right": r.level_right,
                "units_right": r.units_right,
                "explanation": r.model.explanation,
                "engine_model": _plain(model_engine.per_panel[r.code]),
                "engine_trainee": _plain(trainee_engine.per_panel[r.code]),
            }
            for r in scored.panels
        ],
        "overlaps": [
            {
                "first": next((p.name for p in panels if p.code == r.model.first), r.model.first),
                "second": next(
                    (p.name for p in panels if p.code == r.model.second), r.model.second
                ),
                "stated": _plain(r.stated),
                "model_deduction": _plain(r.model.deduction),
                "right": r.right,
                "explanation": r.model.explanation,
            }
            for r in scored.overlaps
        ],
    }
    typed = {
        "panels": {
            code: {"level": a.level, "units": _plain(a.units)} for code, a in answers.items()
        },
        "overlaps": {key: _plain(value) for key, value in deductions.items()},
    }
    with transaction.atomic():
        return PaintDrillAnswer.objects.create(
            drill=drill, trainee=trainee, answers=typed, result=result, score=scored.score
        )
