"""Writes of the calculation editor: saving the draft and submitting a frozen version.

Concurrency, in short (README.md has the long version):
- a draft save is one conditional `UPDATE … WHERE version = expected_version` that adds one to
  the version: the check and the write are one statement, so a parallel save of the same version
  waits for the row's lock and then finds no row of that version (PostgreSQL re-checks the
  condition on the updated row; SQLite writes one at a time);
- a submit locks the attempt row, so two submits of one attempt run one after the other where
  the database has row locks, and the unique constraints of `CalculationVersion` refuse the
  loser where it has not (SQLite): the `IntegrityError` becomes `AlreadySubmitted`.
"""

from __future__ import annotations

import functools
from typing import Any

from django.conf import settings
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

import calcengine
from calcengine import InputError
from calcengine.output import hours, money, plain
from cases.exam_window import ExamWindowClosed, ensure_window_open
from cases.models import Attempt, CalculationDraft, CalculationKind, CalculationVersion
from cases.ownership import NotYourAttempt, ensure_owner

from .exceptions import (
    AlreadySubmitted,
    CalculationInvalid,
    CalculationLocked,
    StaleDraft,
    TooManyVersions,
)
from .inputs import calculation_input, estimate_or_errors
from .plausibility import plausibility_hints

__all__ = [
    "AlreadySubmitted",
    "CalculationInvalid",
    "CalculationLocked",
    "NotYourAttempt",
    "StaleDraft",
    "TooManyVersions",
    "calculation_estimate",
    "calculation_preview",
    "calculation_submit",
    "draft_get_or_create",
    "draft_save",
]


def draft_get_or_create(*, attempt: Attempt) -> CalculationDraft:
    """The attempt's draft, created empty (version 0) on first use."""
    # get_or_create retries the read when a parallel request created the row first.
    draft, _created = CalculationDraft.objects.get_or_create(attempt=attempt)
    return draft


def _ensure_editable(attempt: Attempt, *, now: Any = None) -> Any:
    """Refuse a change to a handed-in attempt or after its exam window closed; the time checked
    (`now`, default this moment) is returned for the write to stamp."""
    if attempt.submitted_at is not None:
        raise CalculationLocked()
    try:
        return ensure_window_open(attempt, now=now)
    except ExamWindowClosed as closed:
        raise CalculationLocked(closed.message) from closed


def draft_save(
    *, attempt: Attempt, lines: list[Any], expected_version: int, by: Any
) -> CalculationDraft:
    """Store `lines` as the attempt's draft when `expected_version` is still the stored version.

    The lines are stored whatever they hold (an incomplete or invalid calculation loses nothing);
    `calculation_estimate` tells what the engine makes of them. A retry of the save that made
    the stored version (same base version, same user, same lines) answers as that save did
    (`_is_replay`). Raises `StaleDraft` (nothing
    written) when another tab or session saved in between, `CalculationLocked` when the attempt
    is finished, `NotYourAttempt` when `by` is not the attempt's own trainee (only they write
    their calculation; checked here, not only by the views). Returns the draft as stored (its attempt, lines, version, author and time; the
    row is not read back).
    """
    ensure_owner(attempt=attempt, by=by)
    saved_at = _ensure_editable(attempt)
    if not isinstance(lines, list):
        raise TypeError("lines must be a list")
    saved = _update_if_version(attempt, lines, expected_version, by, saved_at)
    if not saved and expected_version == 0:
        # The first save creates the row at version 0 (a parallel first save may have done so,
        # get_or_create then reads that one) and updates it like any other.
        draft_get_or_create(attempt=attempt)
        saved = _update_if_version(attempt, lines, expected_version, by, saved_at)
    if not saved:
        # Handed in or closed meanwhile: say so, not "another tab saved".
        _ensure_editable(
            Attempt.objects.select_related("cohort")
            .only("submitted_at", "cohort__exam_closes_at")
            .get(pk=attempt.pk),
            now=saved_at,
        )
        stored = (
            CalculationDraft.objects.filter(attempt=attempt)
            .only("version", "lines", "updated_by_id", "updated_at")
            .first()
        )
        if _is_replay(stored, lines, expected_version, by):
            # The same save again (the client did not see the answer to the first: a dropped
            # connection, an app server that died after the commit): it is already stored, and
            # saying so is what the client needs. Nothing is written twice.
            return CalculationDraft(
                attempt=attempt,
                lines=stored.lines,
                version=stored.version,
                updated_by=by,
                updated_at=stored.updated_at,
            )
        raise StaleDraft(stored.version if stored is not None else 0)
    return CalculationDraft(
        attempt=attempt,
        lines=lines,
        version=expected_version + 1,
        updated_by=by,
        updated_at=saved_at,
    )


def _is_replay(
    stored: CalculationDraft | None, lines: list[Any], expected_version: int, by: Any
) -> bool:
    """Whether a refused save is a retry of the save that made the stored version: the version
    right after the one it names, by the same user, with exactly these lines. A different save
    from the same base (another tab) still gets `StaleDraft`."""
    return (
        stored is not None
        and stored.version == expected_version + 1
        and stored.updated_by_id == getattr(by, "pk", None)
        and stored.lines == lines
    )


def _update_if_version(
    attempt: Attempt, lines: list[Any], expected_version: int, by: Any, saved_at: Any
) -> bool:
    """One conditional UPDATE: the version check and the write in one statement, which also
    asks again that the attempt is not handed in and its exam window (`cases.exam_window`) was
    open at `saved_at`, the time the save is stamped with: a save racing a submit or the close
    is written only when it came first."""
    # The attempt's conditions as EXISTS, never as a join: a join makes Django's UPDATE a
    # `pk IN (subquery)`, and PostgreSQL re-checks only the outer WHERE on a row a parallel
    # save changed meanwhile, so the version check must stay a condition on the draft's own row
    # (tests/cases/test_calculation_races.py, on PostgreSQL). Written out once
    # (`_conditional_update_sql`) rather than built by the ORM per save: the statement is the
    # same every time, and composing it was 2.3 of an autosave's ~10 ms of CPU (issue #17,
    # measured with the cluster's seed: ORM 2.5-2.8 ms, this 0.45 ms).
    lines_field = CalculationDraft._meta.get_field("lines")
    stamp = CalculationDraft._meta.get_field("updated_at").get_db_prep_value(saved_at, connection)
    params = [
        lines_field.get_db_prep_value(lines, connection),
        expected_version + 1,
        getattr(by, "pk", None),
        stamp,
        attempt.pk,
        expected_version,
        attempt.pk,
        stamp,
    ]
    with connection.cursor() as cursor:
        cursor.execute(_conditional_update_sql(connection.vendor), params)
        return cursor.rowcount == 1


@functools.cache
def _conditional_update_sql(vendor: str) -> str:
    """`UPDATE draft SET … WHERE attempt = %s AND version = %s AND EXISTS (the attempt is open)`
    with the tables' and columns' names from the models (`vendor` keys the cache per backend)."""
    q = connection.ops.quote_name
    draft, attempt = CalculationDraft._meta, Attempt._meta
    cohort = attempt.get_field("cohort").related_model._meta

    def col(meta: Any, name: str) -> str:
        return q(meta.get_field(name).column)

    table = q(draft.db_table)
    return (
        f"UPDATE {table} SET {col(draft, 'lines')} = %s, {col(draft, 'version')} = %s, "
        f"{col(draft, 'updated_by')} = %s, {col(draft, 'updated_at')} = %s "
        f"WHERE {table}.{col(draft, 'attempt')} = %s AND {table}.{col(draft, 'version')} = %s "
        f"AND EXISTS (SELECT 1 FROM {q(attempt.db_table)} a "
        f"LEFT OUTER JOIN {q(cohort.db_table)} c ON c.{col(cohort, 'id')} = a.{col(attempt, 'cohort')} "
        f"WHERE a.{col(attempt, 'id')} = %s AND a.{col(attempt, 'submitted_at')} IS NULL "
        f"AND (a.{col(attempt, 'cohort')} IS NULL OR c.{col(cohort, 'exam_closes_at')} IS NULL "
        f"OR c.{col(cohort, 'exam_closes_at')} >= %s))"
    )


def calculation_estimate(*, attempt: Attempt, lines: list[Any]) -> dict[str, Any]:
    """A preview of `lines` on the attempt's case, nothing saved.

    Returns `{"estimate": <engine output> | None, "errors": [{"path", "message"}]}`: exactly one
    of the two is filled.
    """
    data = calculation_input(case_version=attempt.case_version, lines=lines)
    output, errors = estimate_or_errors(data)
    return {"estimate": output, "errors": errors}


def calculation_preview(*, attempt: Attempt, lines: list[Any]) -> dict[str, Any]:
    """What the editor shows after every change: `calculation_estimate`'s `estimate` and
    `errors`, plus
    - `line_amounts`: per line (input order) the engine's own figures
      (`calcengine.line_amounts`: parts gross, discount and net, subcontract, sundry, the
      line's amount, labour units and hours), `[]` when the engine refuses the lines;
    - `plausibility`: the non-blocking hints of `plausibility.plausibility_hints` (a time far
      above the catalogue's, a price far from the list price, absurd units), also for lines
      the engine refuses.
    The attempt's case version must carry `vehicle_id` (the API's selector loads it).
    """
    data = calculation_input(case_version=attempt.case_version, lines=lines)
    try:
        parsed = calcengine.parse(data)
        # `calcengine.estimate` is exactly this, without the parse shared with line_amounts.
        output = calcengine.to_json(calcengine.calculate(parsed))
    except InputError as exc:
        output, errors, amounts = None, list(exc.errors), []
    else:
        errors, amounts = [], [_line_amounts_json(a) for a in calcengine.line_amounts(parsed)]
    return {
        "estimate": output,
        "errors": errors,
        "line_amounts": amounts,
        "plausibility": plausibility_hints(vehicle_id=attempt.case_version.vehicle_id, lines=lines),
    }


def _line_amounts_json(amounts: calcengine.LineAmounts) -> dict[str, Any]:
    """A line's figures written as the engine's output writes them (§5)."""
    return {
        "id": amounts.id,
        "labour_category": amounts.labour_category,
        "labour_units": plain(amounts.labour_units),
        "labour_hours": hours(amounts.labour_hours),
        "paint_units": plain(amounts.paint_units),
        "parts_gross": money(amounts.parts_gross),
        "parts_discount": money(amounts.parts_discount),
        "parts_net": money(amounts.parts_net),
        "subcontract": money(amounts.subcontract),
        "sundry": money(amounts.sundry),
        "amount": money(amounts.amount),
    }


def calculation_submit(
    *,
    attempt: Attempt,
    kind: str,
    by: Any,
    expected_version: int | None = None,
) -> CalculationVersion:
    """Freeze the attempt's draft as the next submitted version of `kind` and return it.

    The version holds the full input, the engine's output and the diff against the previous
    version (none for the first). Raises:
    - `StaleDraft` when `expected_version` is given and the draft has moved on (the submitter
      would submit lines they have not seen);
    - `CalculationInvalid` with the engine's errors, or when there are no lines;
    - `AlreadySubmitted` when this draft version was already submitted as this kind, or a
      parallel submit took the number first;
    - `CalculationLocked` when the attempt is finished;
    - `NotYourAttempt` when `by` is not the attempt's own trainee.
    The claim workflow calls this from its moves, inside its own transaction or not.
    """
    ensure_owner(attempt=attempt, by=by)
    if kind not in CalculationKind.values:
        raise ValueError(f"unknown calculation kind {kind!r}")
    kind_label = str(CalculationKind(kind).label)
    with transaction.atomic():
        # Lock the attempt: two tabs, or a double click, may submit at once.
        locked = (
            Attempt.objects.select_for_update(of=("self",))
            .select_related("case_version")
            .get(pk=attempt.pk)
        )
        # The time the window was checked at stamps the version: read again after the engine
        # has run, a submit checked just before the close was stamped just after it (the
        # cluster run's clock-edge fault, issue #17).
        submitted_at = _ensure_editable(locked)
        draft = CalculationDraft.objects.select_for_update().filter(attempt=locked).first()
        draft_version = draft.version if draft else 0
        if expected_version is not None and draft_version != expected_version:
            raise StaleDraft(draft_version)
        lines = list(draft.lines) if draft else []

        earlier = CalculationVersion.objects.filter(
            attempt=locked, kind=kind, draft_version=draft_version
        ).first()
        if earlier is not None:
            raise AlreadySubmitted(kind_label=kind_label, number=earlier.number)
        # Counted under the attempt's lock: parallel submits cannot both slip under the cap.
        limit = settings.CALCULATION_VERSIONS_MAX_PER_ATTEMPT
        if CalculationVersion.objects.filter(attempt=locked).count() >= limit:
            raise TooManyVersions(limit)
        if not lines:
            raise CalculationInvalid(
                [
                    {
                        "path": "lines",
                        "message": _("Een calculatie zonder regels kan niet worden ingediend."),
                    }
                ]
            )

        data = calculation_input(case_version=locked.case_version, lines=lines)
        try:
            output = calcengine.estimate(data)
        except InputError as exc:
            raise CalculationInvalid(list(exc.errors)) from exc

        previous = _previous_version(locked)
        # The previous version was accepted by the engine when it was frozen; same engine, same
        # contract, so diffing it cannot be refused.
        changes = calcengine.diff(previous.input, data) if previous else None
        number = previous.number + 1 if previous else 1
        try:
            # A savepoint: the collision must not break a caller's surrounding transaction.
            with transaction.atomic():
                version = CalculationVersion.objects.create(
                    attempt=locked,
                    kind=kind,
                    number=number,
                    draft_version=draft_version,
                    input=data,
                    output=output,
                    diff=changes,
                    submitted_at=submitted_at,
                    submitted_by=by,
                )
        except IntegrityError:
            # Only reachable without row locks (SQLite): a parallel submit won the race.
            winner = CalculationVersion.objects.filter(attempt=locked).order_by("-number").first()
            raise AlreadySubmitted(
                kind_label=str(CalculationKind(winner.kind).label) if winner else kind_label,
                number=winner.number if winner else number,
            ) from None
    return version


def _previous_version(attempt: Attempt) -> CalculationVersion | None:
    """The latest submitted version, read under the attempt's lock (or racing without one)."""
    return CalculationVersion.objects.filter(attempt=attempt).order_by("-number").first()
