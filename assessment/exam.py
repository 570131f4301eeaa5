"""Whether an attempt is assessed in exam mode: blind double grading, no details for trainees.

Its own module because both the writes (`services`) and the reads (`selectors`) ask it, and
neither should import the other for it.
"""

from __future__ import annotations

import functools
import hmac
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from cases.models import Attempt


def is_exam(attempt: Attempt) -> bool:
    """Exam mode: the attempt's cohort is in exam mode, or the case is for exams only (read
    from a `case_exam_only` annotation where a list loaded it instead of the case version: the
    assessors' queue)."""
    cohort = attempt.cohort
    if cohort is not None and cohort.exam_mode:
        return True
    exam_only = vars(attempt).get("case_exam_only")
    return bool(attempt.case_version.exam_only if exam_only is None else exam_only)


# Crockford's base32 without I, L, O, U: no code reads as another.
_CODE_ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"


def candidate_code(attempt: Attempt) -> str:
    """The pseudonymous code markers see instead of the trainee's name in exam mode until the
    agreed grade is released (`double_marking.names_hidden`), e.g. "K-7F3K2Q": an HMAC-SHA256
    of the attempt id keyed with SECRET_KEY, so it is fixed per attempt, unguessable without
    the key, and says nothing of the trainee (two attempts of one trainee get two codes)."""
    from django.conf import settings

    return _code(settings.SECRET_KEY, attempt.pk)


@functools.lru_cache(maxsize=4096)
def _code(key: str, attempt_id: int) -> str:
    # Kept per key and attempt: an exam queue shows a code per row on every view (issue #17).
    digest = hmac.digest(key.encode(), f"assessment.candidate:{attempt_id}".encode(), "sha256")
    number = int.from_bytes(digest[:8], "big")
    chars = []
    for _ in range(6):
        number, index = divmod(number, len(_CODE_ALPHABET))
        chars.append(_CODE_ALPHABET[index])
    return "K-" + "".join(chars)
