"""Reads of the calculation editor, already limited to what the user may see or edit.

Who sees which attempt is decided by the dossier's selector (`cases.selectors.attempts_visible_to`,
built on `accounts.selectors.trainees_visible_to`); this module only narrows it: the attempt's
own trainee edits, everyone else who may see the trainee (an assessor of their cohort, an
administrator) reads. The case's reference
calculations are never read here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cases import selectors as dossier_selectors
from cases.models import Attempt, CalculationDraft, CalculationVersion

__all__ = [
    "attempt_for_calculation_edit",
    "attempt_for_calculation_view",
    "attempts_visible_to",
    "can_edit_calculation",
    "draft_for",
    "latest_version",
    "version_for",
    "versions_for",
]


def attempts_visible_to(user: Any) -> QuerySet[Attempt]:
    """Attempts whose calculation `user` may read: the dossier's visibility, defined once there."""
    return dossier_selectors.attempts_visible_to(user)


def can_edit_calculation(user: Any, attempt: Attempt) -> bool:
    """Only the attempt's own trainee edits its calculation, and only while it is open."""
    return (
        user.is_authenticated
        and attempt.trainee_id == user.pk
        and getattr(user, "is_trainee", False)
        and attempt.submitted_at is None
    )


def attempt_for_calculation_view(user: Any, pk: int) -> Attempt:
    """The attempt for reading; raises `Attempt.DoesNotExist` for one the user may not know of."""
    return attempts_visible_to(user).get(pk=pk)


def attempt_for_calculation_edit(user: Any, pk: int) -> Attempt:
    """The user's own attempt; raises `Attempt.DoesNotExist` for anyone else's."""
    return attempts_visible_to(user).get(pk=pk, trainee=user)


def draft_for(attempt: Attempt) -> CalculationDraft:
    """The stored draft, or an unsaved empty one (version 0): reading never writes."""
    draft = CalculationDraft.objects.filter(attempt=attempt).first()
    return draft if draft is not None else CalculationDraft(attempt=attempt, lines=[], version=0)


def versions_for(attempt: Attempt) -> QuerySet[CalculationVersion]:
    return CalculationVersion.objects.filter(attempt=attempt).order_by("number")


def version_for(attempt: Attempt, number: int) -> CalculationVersion:
    """Raises `CalculationVersion.DoesNotExist` for a number that was never submitted."""
    return versions_for(attempt).get(number=number)


def latest_version(attempt: Attempt, kind: str | None = None) -> CalculationVersion | None:
    versions = versions_for(attempt)
    if kind is not None:
        versions = versions.filter(kind=kind)
    return versions.order_by("-number").first()
