"""Who acts on an attempt: only its own trainee. One check, raised by every service that writes
to an attempt (the workflow's moves, the calculation's draft and submit) and only translated by
the views and APIs (404, like any object that is not the user's: docs/decisions.md).

Reading is another rule (`cases.selectors.attempts_visible_to`): an assessor of the attempt's
cohort reads the dossier but never works in it.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils.translation import gettext as _


class NotYourAttempt(PermissionDenied):
    """Someone other than the attempt's own trainee tried to act on it.

    A `PermissionDenied` so that a view which forgot to translate it still refuses (403)
    rather than answering 500 or acting."""

    def __init__(self, message: str | None = None) -> None:
        self.message = message or _("Alleen de cursist van dit dossier kan hierin werken.")
        super().__init__(self.message)


def is_owner(attempt: Any, by: Any) -> bool:
    """The attempt's own trainee, still a trainee (a user whose role changed stops acting)."""
    return (
        by is not None
        and getattr(by, "is_authenticated", False)
        and by.pk == attempt.trainee_id
        and getattr(by, "is_trainee", False)
    )


def ensure_owner(*, attempt: Any, by: Any) -> None:
    """Raise `NotYourAttempt` unless `by` is the attempt's own trainee."""
    if not is_owner(attempt, by):
        raise NotYourAttempt()
