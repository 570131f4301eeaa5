"""The response matrix of an exam form from its grades' stored results (issue #15, item 4).

The items are the reference lines and the workflow checks:

- a **reference line** (`line:<reference line id>`) earns the line's credit (scoring spec §3,
  0..1, full at 1): the exact `basis.credit` that `ScoreResult.to_json(exact=True)` stores, the
  shown `credit` where a result has no basis (`schadescore/1`) or where the assessor's override
  set it (an effective result of `assessment.scoring.rescore`: `overridden` lines). Extra
  trainee lines are no items: they are not on the form.
- a **workflow check** (`check:<key>`) earns 1 when passed, 0 when failed, and nothing (an empty
  cell) where it did not apply to the attempt: a check that does not apply counts for nothing
  (`assessment.workflow_checks`). A check that applied to no attempt is no item of the form.

Each item carries its profile keys (what a correct line shows and a check's own, as
`assessment.mistake_lessons` reads them from `competence.VERDICT_ITEMS` and
`workflow_checks.CHECKS`) and a line its weight `w_i`, for `blueprint.coverage`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from decimal import Decimal
from typing import Any

from assessment.mistake_lessons import ProfileItems, items_for_check, items_for_verdict
from assessment.scoring.competence import AREA_KEYS
from assessment.workflow_checks import CHECKS

from .matrix import ExamQualityInputError, Item, ResponseMatrix, response_matrix

LINE_PREFIX = "line:"
CHECK_PREFIX = "check:"


def line_credit(line: Mapping[str, Any]) -> Decimal:
    """A reference line's credit as the stored (or effective) result gives it."""
    basis = line.get("basis") or {}
    if not line.get("overridden") and basis.get("credit") is not None:
        return Decimal(str(basis["credit"]))
    return Decimal(str(line.get("credit") or 0))


def _profile(items: ProfileItems) -> dict[str, tuple[str, ...]]:
    """Profile keys as `blueprint` names them: areas by their key (slug), not their name."""
    return {
        "work_processes": tuple(sorted(items.work_processes)),
        "knowledge": tuple(sorted(items.knowledge)),
        "competence_areas": tuple(sorted(AREA_KEYS[area] for area in items.competence_areas)),
    }


def line_profile() -> dict[str, tuple[str, ...]]:
    """The profile keys a reference line shows when calculated right (what a correct verdict
    touches, `mistake_lessons.items_for_verdict`)."""
    return _profile(items_for_verdict("correct"))


def check_profile(key: str) -> dict[str, tuple[str, ...]]:
    """The profile keys a workflow check shows (`mistake_lessons.items_for_check`)."""
    return _profile(items_for_check(key))


def _reference_of(result: Mapping[str, Any]) -> str | None:
    return ((result.get("machine_result") or {}).get("scored") or {}).get("reference")


def matrix_from_results(
    results: Iterable[Mapping[str, Any]], *, reference: str | None = None
) -> ResponseMatrix:
    """The response matrix of stored results, one per candidate: mappings with
    `machine_result` (as a grade stores it, or its effective result after overrides),
    `workflow_checks` (the grade's list of check dicts) and optionally `candidate` (a key for
    the row; default its position, 1, 2, …).

    Items in a stable order: reference lines in the order of the first result that has them,
    then checks in `workflow_checks.CHECKS` order. A form's attempts are scored against one
    reference; where results name different ones (`scored.reference`: an attempt scored on its
    pre-calculation beside others on their final), pass `reference` to take the results scored
    against that one, else they are refused.
    """
    chosen = list(results)
    references = Counter(_reference_of(result) for result in chosen)
    if reference is not None:
        chosen = [result for result in chosen if _reference_of(result) == reference]
    elif len(references) > 1:
        counts = ", ".join(f"{name or 'onbekend'}: {count}" for name, count in references.items())
        raise ExamQualityInputError(
            [f"de resultaten zijn gescoord tegen verschillende referenties ({counts}); kies er één"]
        )
    lines: dict[str, Item] = {}
    applied: set[str] = set()
    rows: list[dict[str, float]] = []
    names: list[str] = []
    for number, result in enumerate(chosen, start=1):
        cells: dict[str, float] = {}
        for line in (result.get("machine_result") or {}).get("lines") or ():
            line_id = line.get("reference_line_id")
            if line_id is None:
                continue
            key = f"{LINE_PREFIX}{line_id}"
            if key not in lines:
                basis = line.get("basis") or {}
                lines[key] = Item(
                    key,
                    str(line.get("code") or line_id),
                    kind="line",
                    weight=Decimal(str(basis.get("weight", line.get("weight") or 0))),
                    profile=line_profile(),
                )
            cells[key] = float(line_credit(line))
        for check in result.get("workflow_checks") or ():
            if check.get("applicable"):
                key = f"{CHECK_PREFIX}{check['key']}"
                applied.add(key)
                cells[key] = 1.0 if check.get("passed") else 0.0
        rows.append(cells)
        names.append(str(result.get("candidate", number)))
    checks = [
        Item(
            f"{CHECK_PREFIX}{key}",
            title,
            kind="check",
            profile=check_profile(key),
        )
        for key, (title, *_rest) in CHECKS.items()
        if f"{CHECK_PREFIX}{key}" in applied
    ]
    items = [*lines.values(), *checks]
    return response_matrix(
        [[cells.get(item.key) for item in items] for cells in rows],
        items=items,
        candidates=names,
    )


def items_from_reference(reference: Mapping[str, Any], checks: Iterable[str]) -> list[Item]:
    """A form's items before it is taken: the reference's lines (`line:<id>`, labelled by
    their code as `matrix_from_results` labels them) and the given workflow checks (their
    keys, in `workflow_checks.CHECKS` order), with the profile keys each shows. Line weights
    are those the scorer derives from the whole reference, unknown here (`weight` None)."""
    lines = [
        Item(
            f"{LINE_PREFIX}{line['id']}",
            str(line.get("code") or line["id"]),
            kind="line",
            profile=line_profile(),
        )
        for line in reference.get("lines") or ()
        if line.get("id") is not None
    ]
    wanted = set(checks)
    found = [
        Item(f"{CHECK_PREFIX}{key}", title, kind="check", profile=check_profile(key))
        for key, (title, *_rest) in CHECKS.items()
        if key in wanted
    ]
    return [*lines, *found]
