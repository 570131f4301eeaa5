"""Who the foundation's exam board (examencommissie) is: a user holding the permission
`assessment.exam_board` (the demo's group "Examencommissie"), or a platform administrator.

The one place that asks; every page, API and report of marking policies, calibration, exam
forms, Angoff studies and exam statistics imports it (issue #15, item 7).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from schadeplatform.accounts.models import User

EXAM_BOARD_PERMISSION = "assessment.exam_board"


def is_exam_board(user: User) -> bool:
    """Whether the user acts for the foundation's exam board."""
    if not user.is_authenticated or not user.is_active:
        return False
    return bool(user.is_platform_admin or user.has_perm(EXAM_BOARD_PERMISSION))
