"""Forms of the case library outside the workflow. The move forms live next to the moves, in
`cases.workflow.forms` (each named once by its move's declaration)."""

from __future__ import annotations

from typing import Any

from .reference_assess import reference_assess_errors

REFERENCE_FIELDS = ("reference_precalc", "reference_final")


class ReferenceAssessCheck:
    """For a case version's model form (the Wagtail editor's and the Django admin's): what the
    references declare for the grading (cases/README.md, "Referenties: beoordeling") is checked
    on every save, drafts too — an unknown code or a credit of 5 is a typing error best told
    while it is fresh; that calcengine accepts the calculation is checked on publishing (a
    draft may be unfinished). Each error goes on its reference field, in Dutch, naming the line
    and field; the form keeps the typed text."""

    def check_reference_assess(self, cleaned: dict[str, Any]) -> set[str]:
        """Add the errors to their fields; gives the paths refused."""
        instance = getattr(self, "instance", None)
        vehicle_id = cleaned.get("vehicle_id") or getattr(instance, "vehicle_id", "")
        refused: set[str] = set()
        for name in REFERENCE_FIELDS:
            if name not in self.fields or name not in cleaned:  # type: ignore[attr-defined]
                continue
            for error in reference_assess_errors(cleaned[name], vehicle_id=vehicle_id, field=name):
                self.add_error(name, error["message"])  # type: ignore[attr-defined]
                refused.add(error["path"])
        return refused
