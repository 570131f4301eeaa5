"""The cut score a grade is judged against (issue #15, item 5): the default pass mark
(`assessment.scoring.rules.PASS_MARK`, 70), or the cut score the exam board adopted for the
attempt's exam form (its cohort and case version, `ExamForm.cut_score`).

The one owner of the rule; the services call it with one line each:

- an attempt's cut score is fixed by its first grade: that grade takes the cut score in force
  when it is created, and every later marker's grade of the attempt (second, third,
  moderator) copies it (`graded_fields`, `attempt_cut_score`), so the markers of one attempt
  never pass or fail the same score against different figures; a later adoption never changes
  a grade given, nor an attempt already being marked;
- a correction and a re-score (`grade_correct`, `grade_rescore`) are new versions of the same
  judgement and keep the cut score of the grade they replace (`kept_fields`);
- `passed` is "score ≥ the grade's cut score and no critical error" (`passed_at`, through
  `scoring.components.is_passed`), also after overrides: `selectors.effective_result` applies
  the grade's cut score to the re-scored result (`with_cut_score`), so the grading page, the
  preview of an override, the sign-off and the PDF all judge against the same figure.

No import of `services` or `selectors`: both import this.
"""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING, Any

from django.utils import formats
from django.utils.translation import gettext as _

from calcengine.formatting import format_number

from .scoring.components import is_passed
from .scoring.rules import PASS_MARK

if TYPE_CHECKING:
    from .models import ExamForm, Grade


def adopted_form_for(attempt: Any) -> ExamForm | None:
    """The exam form of the attempt's (cohort, case version) if it has an adopted cut score."""
    from .models import ExamForm

    if attempt.cohort_id is None:
        return None
    return (
        ExamForm.objects.filter(
            cohort_id=attempt.cohort_id,
            case_version_id=attempt.case_version_id,
            cut_score__isnull=False,
        )
        .select_related("cut_score_study")
        .first()
    )


def cut_score_for(attempt: Any) -> tuple[Decimal, ExamForm | None]:
    """(cut score, exam form it comes from or None) in force for a grade of the attempt now."""
    form = adopted_form_for(attempt)
    if form is None or form.cut_score is None:
        return PASS_MARK, None
    return form.cut_score, form


def has_critical(result: dict[str, Any]) -> bool:
    """Whether a (machine or effective) result has a knock-out (scoring spec §6)."""
    return bool(result.get("critical_errors"))


def passed_at(score: Any, critical: bool, cut_score: Decimal) -> bool:
    """Passed: the rounded score reaches the cut score and there is no critical error."""
    return is_passed(Decimal(str(score)), critical, Decimal(str(cut_score)))


def result_passed(result: dict[str, Any], cut_score: Decimal) -> bool:
    return passed_at(result["score"], has_critical(result), cut_score)


def attempt_cut_score(attempt: Any) -> tuple[Decimal, ExamForm | None]:
    """(cut score, exam form or None) of a new grade of the attempt: the cut score of its
    first grade when it has one, so every marker of an attempt (first, second, third,
    moderator) is judged against the same figure even if a cut score is adopted in between;
    else the one in force now (`cut_score_for`)."""
    from .models import Grade

    first = (
        Grade.objects.filter(attempt=attempt)
        .select_related("cut_score_form")
        .order_by("created_at", "pk")
        .first()
    )
    if first is not None and first.cut_score is not None:
        return Decimal(str(first.cut_score)), first.cut_score_form
    return cut_score_for(attempt)


def graded_fields(attempt: Any, machine: dict[str, Any]) -> dict[str, Any]:
    """`passed`, `cut_score` and `cut_score_form` of a new grade of the attempt
    (`attempt_cut_score`: the first grade's, else the one in force)."""
    cut_score, form = attempt_cut_score(attempt)
    return {
        "passed": result_passed(machine, cut_score),
        "cut_score": cut_score,
        "cut_score_form": form,
    }


def kept_fields(grade: Grade) -> dict[str, Any]:
    """The cut score of a grade, for the new version that replaces it."""
    return {"cut_score": grade.cut_score, "cut_score_form_id": grade.cut_score_form_id}


def with_cut_score(grade: Grade, result: dict[str, Any]) -> dict[str, Any]:
    """The effective result with `passed` judged against the grade's own cut score."""
    cut_score = getattr(grade, "cut_score", None)
    if cut_score is None or Decimal(str(cut_score)) == PASS_MARK:
        return result  # the scorer's own verdict, at the pass mark
    return {**result, "passed": result_passed(result, cut_score), "cut_score": str(cut_score)}


def cut_score_label(grade: Grade) -> str:
    """What a page or PDF says about the cut score a grade used: "Cesuur 68,5 (Angoff,
    examenvorm …, vastgesteld op …)" or "Cesuur 70 (standaard)"."""
    cut_score = Decimal(str(grade.cut_score))
    value = format_number(cut_score, 0 if cut_score == cut_score.to_integral() else 1)
    form = grade.cut_score_form if grade.cut_score_form_id else None
    if form is None:
        return _("Cesuur %(value)s (standaard)") % {"value": value}
    adopted = (
        formats.date_format(form.cut_score_adopted_at, "j F Y")
        if form.cut_score_adopted_at
        else "–"
    )
    return _("Cesuur %(value)s (Angoff, examenvorm %(form)s, vastgesteld op %(date)s)") % {
        "value": value,
        "form": f"{form.case_version}",
        "date": adopted,
    }
