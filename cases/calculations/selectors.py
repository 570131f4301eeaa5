"""Reads of the calculation editor, already limited to what the user may see or edit.

Who sees which attempt is decided once, by the attempt's cohort, in
`cases.selectors.attempts_visible_to`; this module only narrows it: the attempt's own trainee
edits (`cases.ownership`, enforced by the services), everyone else who may see the attempt (an
assessor of the cohort it is filed in, an administrator) reads. The case's reference
calculations are never read here.
"""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet

from cases.models import Attempt, CalculationDraft, CalculationVersion
from cases.ownership import is_owner
from cases.selectors import attempts_visible_to, visibility_shape
from schadeplatform.prepared_queries import PreparedQuery

__all__ = [
    "attempt_and_draft_for_calculation_view",
    "attempt_for_calculation_edit",
    "attempt_for_calculation_page",
    "attempt_for_calculation_view",
    "can_edit_calculation",
    "draft_for",
    "latest_version",
    "version_for",
    "versions_for",
]


def can_edit_calculation(user: Any, attempt: Attempt) -> bool:
    """Only the attempt's own trainee edits its calculation, and only while it is open."""
    return is_owner(attempt, user) and attempt.submitted_at is None


# What the API reads of an attempt: who may edit it, whether it is open and the case version's
# vehicle and rates (the engine's input). The case version's other JSON (references, customer,
# payer rules, hidden damage, ...) is large and never read here; loading and decoding it, and the
# joins only the pages need, were most of an autosave's time.
_API_RELATED = ("case_version", "cohort")
_API_FIELDS = (
    "trainee_id",
    "submitted_at",
    # The exam window (`cases.exam_window`), asked by every save and submit.
    "cohort__exam_closes_at",
    "case_version__vehicle_snapshot",
    "case_version__rates_snapshot",
    "case_version__start_date",
    "case_version__tariff_date",
    # The catalogue vehicle, for the plausibility hints and the case's catalogue.
    "case_version__vehicle_id",
)
# The pages also show the case's title, the paying party, the trainee's name, and the catalogue
# of the case's vehicle.
_PAGE_RELATED = ("trainee", "case_version__case")
_PAGE_FIELDS = (
    *_API_FIELDS,
    "trainee__username",
    "trainee__first_name",
    "trainee__last_name",
    "case_version__payer_name",
    "case_version__case__title",
)
_DRAFT_FIELDS = tuple(
    f"calculation_draft__{name}" for name in ("lines", "version", "updated_at", "updated_by_id")
)


def _attempts_for_editor(user: Any, related: tuple[str, ...], fields: tuple[str, ...]):
    return attempts_visible_to(user).select_related(None).select_related(*related).only(*fields)


def _api_attempt(user: Any, pk: int) -> QuerySet[Attempt]:
    return _attempts_for_editor(user, _API_RELATED, _API_FIELDS).filter(pk=pk)


def _api_attempt_and_draft(user: Any, pk: int) -> QuerySet[Attempt]:
    related, fields = (*_API_RELATED, "calculation_draft"), (*_API_FIELDS, *_DRAFT_FIELDS)
    return _attempts_for_editor(user, related, fields).filter(pk=pk)


def _editor_shape(user: Any, pk: int) -> Any:
    return visibility_shape(user)


# Every autosave and every read of the editor's API asks one of these: composed once per
# visibility shape (schadeplatform/prepared_queries.py, issue #17).
_API_ATTEMPT = PreparedQuery(_api_attempt, shape=_editor_shape)
_API_ATTEMPT_AND_DRAFT = PreparedQuery(_api_attempt_and_draft, shape=_editor_shape)


def attempt_for_calculation_view(user: Any, pk: int) -> Attempt:
    """The attempt for the API; raises `Attempt.DoesNotExist` for one the user may not know of."""
    return _API_ATTEMPT.get(user, pk)


def attempt_and_draft_for_calculation_view(user: Any, pk: int) -> tuple[Attempt, CalculationDraft]:
    """As `attempt_for_calculation_view` with `draft_for(attempt)`, in one query."""
    attempt = _API_ATTEMPT_AND_DRAFT.get(user, pk)
    try:
        # Read together with the attempt just now, so as fresh as `draft_for`'s own query.
        draft = attempt.calculation_draft
    except CalculationDraft.DoesNotExist:
        draft = _unsaved_draft(attempt)
    return attempt, draft


def attempt_for_calculation_page(user: Any, pk: int) -> Attempt:
    """As `attempt_for_calculation_view`, with what the editor's pages show."""
    return _attempts_for_editor(user, _PAGE_RELATED, _PAGE_FIELDS).get(pk=pk)


def attempt_for_calculation_edit(user: Any, pk: int) -> Attempt:
    """The user's own attempt; raises `Attempt.DoesNotExist` for anyone else's."""
    return _attempts_for_editor(user, _API_RELATED, _API_FIELDS).get(pk=pk, trainee=user)


def draft_for(attempt: Attempt) -> CalculationDraft:
    """The stored draft, or an unsaved empty one (version 0): reading never writes."""
    draft = CalculationDraft.objects.filter(attempt=attempt).first()
    return draft if draft is not None else _unsaved_draft(attempt)


def _unsaved_draft(attempt: Attempt) -> CalculationDraft:
    return CalculationDraft(attempt=attempt, lines=[], version=0)


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
