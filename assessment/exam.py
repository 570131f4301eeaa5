"""Whether an attempt is assessed in exam mode: blind double grading, no details for trainees.

Its own module because both the writes (`services`) and the reads (`selectors`) ask it, and
neither should import the other for it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cases.models import Attempt


def is_exam(attempt: Attempt) -> bool:
    """Exam mode: the attempt's cohort is in exam mode, or the case is for exams only."""
    cohort = attempt.cohort
    return bool((cohort is not None and cohort.exam_mode) or attempt.case_version.exam_only)
