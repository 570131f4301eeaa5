"""Tasks that a killed `db_worker` left RUNNING, put back in the queue (issue #17).

django-tasks-db 0.13 claims a task by marking it RUNNING in a committed transaction and runs it
afterwards; a worker that dies in between (SIGKILL, OOM, a host that goes away) leaves the row
RUNNING for ever, and no worker takes it again (upstream: RealOrangeOne/django-tasks#46, open).
`requeue_stale_tasks` is the usual cure of queue libraries: a task RUNNING for longer than any
task runs is taken to be lost and made READY again; after `max_attempts` claims (the worker ids
the row collected) it is FAILED instead, so a task that kills its worker does not loop.

A task still running past the limit would run twice: the limit must exceed the longest task,
and the tasks must be idempotent (`assessment.tasks.render_report` renders under the report's
row lock and skips a rendered report).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

from django.db import transaction
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

STALE_EXCEPTION = "schadeplatform.stale_tasks.WorkerLost"


@dataclass(frozen=True)
class Requeued:
    ready: list[str]
    failed: list[str]


def requeue_stale_tasks(
    *,
    older_than: timedelta,
    max_attempts: int,
    backend_name: str = "default",
    now: datetime | None = None,
) -> Requeued:
    """READY again for each task RUNNING since before `now - older_than` with fewer than
    `max_attempts` claims; FAILED for the others. Rows another sweep holds are skipped."""
    now = now or timezone.now()
    ready: list[str] = []
    failed: list[str] = []
    with transaction.atomic():
        stale = (
            DBTaskResult.objects.running()
            .filter(backend_name=backend_name, started_at__lt=now - older_than)
            .select_for_update(skip_locked=True)
        )
        for result in stale:
            if len(result.worker_ids or []) >= max_attempts:
                result.status = TaskResultStatus.FAILED
                result.finished_at = now
                result.exception_class_path = STALE_EXCEPTION
                result.traceback = (
                    f"Worker lost {len(result.worker_ids)} times (workers {result.worker_ids}); "
                    "not requeued again."
                )
                result.save(
                    update_fields=["status", "finished_at", "exception_class_path", "traceback"]
                )
                failed.append(str(result.pk))
            else:
                result.status = TaskResultStatus.READY
                result.save(update_fields=["status"])
                ready.append(str(result.pk))
    return Requeued(ready=ready, failed=failed)
