"""What the workflow calls when something worth a learning record happens. Each hook returns at
once when xAPI is off (nothing is built or queued), builds the statement now — inside the
caller's transaction, from the rows as they are — and enqueues its sending on commit, so a
rolled-back move sends nothing and a slow or dead LRS never delays or fails the trainee's
request. No hook raises: a fault here is logged and the workflow goes on.

Called from: `cases.services.attempt_start` (a new dossier), `cases.workflow.machine._transition`
(every move, with the events it wrote), `assessment.marking.marking_transition` (release).
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable

from django.db import transaction

from . import config, statements

logger = logging.getLogger(__name__)


def _enqueue(statement: dict) -> None:
    from .tasks import send_statement

    try:
        send_statement.enqueue(statement)
    except Exception:  # the trainee's work is saved; a lost learning record is only logged
        logger.exception("xAPI: statement %s kon niet in de wachtrij", statement.get("id"))


def _queue(build: Callable[[], Iterable[dict]]) -> None:
    if not config.enabled():
        return
    try:
        # In a savepoint: a failed query here must not leave the trainee's transaction
        # aborted (PostgreSQL refuses every later statement of a transaction after an error).
        with transaction.atomic():
            built = list(build())
    except Exception:
        logger.exception("xAPI: statement kon niet worden gemaakt")
        return
    for statement in built:
        transaction.on_commit(lambda statement=statement: _enqueue(statement))


def record_case_started(attempt) -> None:
    _queue(lambda: [statements.case_started(attempt)])


def record_move(attempt, *, move: str, events: list) -> None:
    """A move made: "completed" for the step (its own event: the move's declared event kind,
    else the first the trainee made), "submitted" for each calculation it handed in."""
    _queue(lambda: _move_statements(attempt, move, events))


def _move_statements(attempt, move: str, events: list) -> list[dict]:
    from cases.timeline import SUBMISSION_KINDS
    from cases.workflow.registry import get_move

    declared = get_move(move)
    own = [event for event in events if event.actor_id is not None]
    if not own:
        return []
    step_event = next((e for e in own if e.kind == declared.event_kind), own[0])
    built = [
        statements.step_completed(attempt, move=move, label=str(declared.label), event=step_event)
    ]
    for event in own:
        if event.kind in SUBMISSION_KINDS:
            built.append(
                statements.calculation_submitted(
                    attempt, event=event, label=str(event.get_kind_display())
                )
            )
    return built


def record_grade_released(grade) -> None:
    _queue(lambda: [statements.grade_released(grade)])
