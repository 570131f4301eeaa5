"""Creating a calibration set (issue #15, item 2): the exam board picks submitted attempts and
gives each an agreed grade. The rest of calibration's rules are in `assessment.calibration`;
this lives apart because it asks `assessment.selectors` (which imports `calibration`) whether
an exam attempt's final grade is released.

Which attempts may go in: a published set is shown to **every** assessor, each item with its
agreed grade. An exam attempt (`exam.is_exam`) still being marked would so reach its own blind
markers with a grade, and its trainee's work would reach assessors outside the cohort before
the result is out. So an attempt goes in only when it is not in exam mode, or when its final
grade has been released to the trainee (`selectors.released_final_grade`).
"""

from __future__ import annotations

from django.db import transaction
from django.utils.translation import gettext as _

from cases.models import Attempt
from schadeplatform.accounts.models import User

from .calibration import (
    CalibrationError,
    CalibrationNotAllowed,
    ItemInput,
    levels_of,
    validate_grade,
)
from .exam import is_exam
from .exam_board import is_exam_board
from .models import CalibrationItem, CalibrationSet
from .selectors import released_final_grade


def attempt_refusal(attempt: Attempt) -> str:
    """Why this submitted attempt may not go in a calibration set ("" when it may): an exam
    attempt whose final grade is not released yet."""
    if not is_exam(attempt):
        return ""
    grades = list(attempt.grades.all())
    if released_final_grade(attempt, grades) is not None:
        return ""
    return _(
        "Dit is een examenpoging waarvan het eindcijfer nog niet is vrijgegeven; een "
        "gepubliceerde set toont haar met het vastgestelde cijfer aan elke beoordelaar, ook "
        "aan haar eigen beoordelaars."
    )


def calibration_set_create(
    *, by: User, title: str, description: str = "", items: list[ItemInput]
) -> CalibrationSet:
    """A new, unpublished set of submitted attempts with their agreed grades (the exam board
    only). Every agreed grade is validated as a rating is (`calibration.validate_grade`); every
    attempt passes `attempt_refusal`."""
    if not is_exam_board(by):
        raise CalibrationNotAllowed([{"path": "", "message": _("Alleen voor de examencommissie.")}])
    errors = []
    title = (title or "").strip()
    if not title:
        errors.append({"path": "title", "message": _("Geef de set een titel.")})
    if not items:
        errors.append({"path": "items", "message": _("Kies minstens één poging.")})
    # Only ids a database key can hold: a typed 99999999999 is "no such attempt", not an error.
    ids = [item.attempt_id for item in items if 0 < item.attempt_id < 2**31]
    attempts = (
        Attempt.objects.filter(pk__in=ids, submitted_at__isnull=False)
        .select_related("cohort", "case_version")
        .prefetch_related("grades")
        .in_bulk()
    )
    seen: set[int] = set()
    scores = []
    for index, item in enumerate(items):
        path = f"items[{index}]"
        if item.attempt_id not in attempts:
            errors.append(
                {"path": f"{path}.attempt", "message": _("Geen ingeleverde poging met dit nummer.")}
            )
        elif item.attempt_id in seen:
            errors.append({"path": f"{path}.attempt", "message": _("Deze poging staat er al in.")})
        elif refusal := attempt_refusal(attempts[item.attempt_id]):
            errors.append({"path": f"{path}.attempt", "message": refusal})
        seen.add(item.attempt_id)
        score, grade_errors = validate_grade(item.agreed_score, item.agreed_rubric)
        errors.extend(
            {"path": f"{path}.agreed_{error['path']}", "message": error["message"]}
            for error in grade_errors
        )
        scores.append(score)
    if errors:
        raise CalibrationError(errors)
    with transaction.atomic():
        calibration_set = CalibrationSet.objects.create(
            title=title, description=(description or "").strip(), created_by=by
        )
        CalibrationItem.objects.bulk_create(
            CalibrationItem(
                calibration_set=calibration_set,
                attempt=attempts[item.attempt_id],
                position=index + 1,
                agreed_score=score,
                agreed_rubric=levels_of(item.agreed_rubric),
            )
            for index, (item, score) in enumerate(zip(items, scores, strict=True))
        )
    return calibration_set
