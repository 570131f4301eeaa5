"""Reads of the calculation review, already filtered to what the user may see.

- An exercise (the case brief, its intake photos and the calculation under review) is open to
  every logged-in user once published, unless its case version is for exams only, and to a
  trainee only once they have handed in an attempt at the case (`exercises_open_to`); the answer
  key is read only by the services (scoring) and by `feedback` of a submitted answer.
- An answer is its trainee's own practice, as a paint drill answer: nobody else sees it (no
  assessor, no editor, not the administrator through the pages).
"""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext as _

from assessment.mistake_lessons import ProfileItems, lessons_for
from calcengine import line_amounts, parse
from calcengine.formatting import format_money, format_number
from calcengine.schema import (
    DEFAULT_PART_SOURCE,
    LABOUR_CATEGORY_TABLE,
    OPERATION,
    PAINT_MODE_TABLE,
    PART_SOURCE_TABLE,
    VEHICLE_FIELDS,
)

from ..models import Attempt, CalcReviewAnswer, CalcReviewExercise, CasePhoto, PhotoStage
from ..selectors import _payer_brief
from .answers import read
from .error_kinds import ERROR_KIND
from .injection import RATES_ANCHOR, engine_run


def exercises_open_to(user: Any) -> QuerySet[CalcReviewExercise]:
    if not user.is_authenticated:
        return CalcReviewExercise.objects.none()
    exercises = CalcReviewExercise.objects.filter(
        published=True, case_version__exam_only=False
    ).select_related("case_version__case")
    if getattr(user, "is_trainee", False):
        # The calculation under review is the case's reference with errors put in: a trainee
        # opens it only once they have handed in their own attempt at the case, so it never
        # helps with a calculation still to be made. (Their graded result of that attempt
        # shows the reference lines anyway.)
        handed_in = Attempt.objects.filter(
            trainee=user.pk,
            case_version__case=OuterRef("case_version__case"),
            submitted_at__isnull=False,
        )
        exercises = exercises.filter(Exists(handed_in))
    return exercises


def exercise_for(user: Any, pk: int) -> CalcReviewExercise:
    """Raises `CalcReviewExercise.DoesNotExist` for one the user may not open (views: 404)."""
    return exercises_open_to(user).get(pk=pk)


def brief(exercise: CalcReviewExercise) -> dict[str, Any]:
    """The case as a trainee meets it at intake: the story, the vehicle, the customer and the
    paying party. No reference, no expected decision, no hidden damage."""
    version = exercise.case_version
    customer = version.customer or {}
    return {
        "case": {"slug": version.case.slug, "title": version.case.title},
        "briefing": version.briefing,
        "vehicle": {
            k: v for k, v in (version.vehicle_snapshot or {}).items() if k in VEHICLE_FIELDS
        },
        "customer": {
            "name": customer.get("name", ""),
            "kind": customer.get("kind", ""),
            "wishes": customer.get("wishes", ""),
        },
        "payer": _payer_brief(version),
    }


def photos(exercise: CalcReviewExercise) -> QuerySet[CasePhoto]:
    """The intake photos (the visible damage), as a trainee sees them at the start of a dossier."""
    return exercise.case_version.photos.filter(stage=PhotoStage.VISIBLE)


def photo_for(user: Any, pk: int, photo_id: int) -> CasePhoto:
    exercise = exercise_for(user, pk)
    return photos(exercise).get(pk=photo_id)


_LABOUR = {category.code: category.label for category in LABOUR_CATEGORY_TABLE}
_MODES = {choice.code: choice.label for choice in PAINT_MODE_TABLE}
_SOURCES = {choice.code: choice.label for choice in PART_SOURCE_TABLE}


def rows(exercise: CalcReviewExercise) -> list[dict[str, Any]]:
    """The document under review as a calculation program prints it: the rates first, then
    every line with the engine's figures. Nothing of the key in it."""
    document = exercise.document
    amounts = {a.id: a for a in line_amounts(parse(document))}
    rates = document.get("rates") or {}
    labour = rates.get("labour") or {}
    result = [
        {
            "anchor": RATES_ANCHOR,
            "is_rates": True,
            "what": _("Tarieven"),
            "labour": {
                _(_LABOUR.get(cat, cat)): format_money(value) for cat, value in labour.items()
            },
            "parts_discount": rates.get("parts_discount") or {},
            "paint_material_per_hour": format_money(rates.get("paint_material_per_hour", "0")),
        }
    ]
    for line in document.get("lines", []):
        figures = amounts[line["id"]]
        paint = line.get("paint") if isinstance(line.get("paint"), dict) else None
        operation = OPERATION[line["operation"]]
        result.append(
            {
                "anchor": line["id"],
                "is_rates": False,
                "what": f"{line.get('description', '')} ({line.get('code', '')})",
                "code": line.get("code", ""),
                "description": line.get("description", ""),
                "operation": _(operation.label),
                "labour_units": format_number(figures.labour_units),
                "paint": (
                    f"{_(_MODES.get(paint['mode'], paint['mode']))}, "
                    f"{format_number(Decimal(str(paint['units'])))} AE"
                    if paint
                    else ""
                ),
                "part_source": (
                    _(_SOURCES[line.get("part_source", DEFAULT_PART_SOURCE)])
                    if operation.buys_part
                    else ""
                ),
                "unit_price": format_money(line["unit_price"]) if "unit_price" in line else "",
                "amount": format_money(figures.amount) if figures.amount else "",
            }
        )
    return result


def anchors(exercise: CalcReviewExercise) -> list[tuple[str, str]]:
    return [(row["anchor"], row["what"]) for row in rows(exercise)]


def totals(exercise: CalcReviewExercise) -> dict[str, str]:
    estimate = engine_run(exercise.document)
    return {
        "subtotal_excl_vat": format_money(estimate.subtotal_excl_vat),
        "total_incl_vat": format_money(estimate.total_incl_vat),
    }


def own_answers(user: Any) -> QuerySet[CalcReviewAnswer]:
    if not user.is_authenticated or not user.is_trainee:
        return CalcReviewAnswer.objects.none()
    return CalcReviewAnswer.objects.filter(trainee=user).select_related("exercise")


def answer_for(user: Any, pk: int) -> CalcReviewAnswer:
    """A submitted answer of the user's own; raises `CalcReviewAnswer.DoesNotExist` (404)."""
    return own_answers(user).filter(submitted_at__isnull=False).get(pk=pk)


def open_answer(user: Any, exercise: CalcReviewExercise) -> CalcReviewAnswer | None:
    return own_answers(user).filter(exercise=exercise, submitted_at__isnull=True).first()


def typed(user: Any, exercise: CalcReviewExercise) -> tuple[dict, list]:
    """What the user saved so far on this exercise (empty when nothing)."""
    answer = open_answer(user, exercise)
    return read(answer.answers if answer else {})


def lessons_by_kind(answer: CalcReviewAnswer) -> dict[str, list[Any]]:
    """Per error kind of the exercise's key, the published lessons that teach it on this case's
    vehicle (`assessment.mistake_lessons.lessons_for`, the grading's lookup)."""
    vehicle = answer.exercise.case_version.vehicle_snapshot or {}
    result = {}
    for kind in (answer.result or {}).get("error_kinds", []):
        items = ERROR_KIND[kind].items
        profile = ProfileItems(
            work_processes=frozenset(items.get("work_processes", ())),
            competence_areas=frozenset(items.get("competence_areas", ())),
            knowledge=frozenset(items.get("knowledge", ())),
            trade_offs=frozenset(items.get("trade_offs", ())),
        )
        result[kind] = lessons_for(profile, limit=3, vehicle=vehicle)
    return result
