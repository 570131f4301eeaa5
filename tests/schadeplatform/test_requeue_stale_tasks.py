"""A task left RUNNING by a killed db_worker is put back in the queue, or failed after a few
claims (schadeplatform.stale_tasks; issue #17)."""

from __future__ import annotations

from datetime import timedelta
from io import StringIO

import pytest
from django.core.management import call_command
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

pytestmark = pytest.mark.django_db


def _task(*, status=TaskResultStatus.RUNNING, started_ago: float = 3600, workers=("w1",)):
    return DBTaskResult.objects.create(
        status=status,
        started_at=timezone.now() - timedelta(seconds=started_ago),
        args_kwargs={"args": [1], "kwargs": {}},
        task_path="assessment.tasks.render_report",
        backend_name="default",
        run_after=timezone.now(),
        worker_ids=list(workers),
    )


def test_a_task_running_longer_than_the_limit_is_ready_again():
    lost = _task(started_ago=120)

    call_command("requeue_stale_tasks", "--older-than", "60", stdout=StringIO())

    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.READY
    assert lost.worker_ids == ["w1"]  # the claims so far still count
    assert DBTaskResult.objects.ready().filter(pk=lost.pk).exists()


def test_a_task_running_within_the_limit_and_finished_ones_are_left_alone():
    running = _task(started_ago=10)
    done = _task(status=TaskResultStatus.SUCCESSFUL, started_ago=3600)

    call_command("requeue_stale_tasks", "--older-than", "60", stdout=StringIO())

    running.refresh_from_db()
    done.refresh_from_db()
    assert running.status == TaskResultStatus.RUNNING
    assert done.status == TaskResultStatus.SUCCESSFUL


def test_a_task_lost_max_attempts_times_fails_instead_of_looping():
    lost = _task(started_ago=120, workers=("w1", "w2", "w3"))

    out = StringIO()
    call_command("requeue_stale_tasks", "--older-than", "60", "--max-attempts", "3", stdout=out)

    lost.refresh_from_db()
    assert lost.status == TaskResultStatus.FAILED
    assert lost.finished_at is not None
    assert "w3" in lost.traceback
    assert "failed 1" in out.getvalue()
