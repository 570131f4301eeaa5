"""Who may see the coverage of the competence profile (issue #16, item 5).

The people who make, mark and oversee the material: editors (they tag lessons and cases),
assessors (coordinators are assessors), the exam board and the administrators. Not trainees:
the page weighs the foundation's material, it is no learning page (a trainee finds lessons
through their results' mistakes and the learning pages), and it names which checks a case
makes fire.
"""

from __future__ import annotations

from typing import Any

from assessment.exam_board import is_exam_board


def can_view_profile_coverage(user: Any) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active:
        return False
    if user.is_superuser or getattr(user, "role", None) in ("editor", "assessor", "admin"):
        return True
    return is_exam_board(user)
