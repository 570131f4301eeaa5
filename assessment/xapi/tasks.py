"""The task that sends one statement, in the task framework (django-tasks; the cluster runs
`django_tasks_db` with its `db_worker`).

Retried on failure by the task itself: when the LRS did not take the statement (unreachable,
5xx, 429, …) it enqueues itself again with `run_after` = now + backoff (30 s, 1, 2, 4 … min,
at most an hour) and the attempt count, until `XAPI_MAX_ATTEMPTS` sends (default 8, about two
hours in all) — then it gives up and logs an error. The statement (its id included) travels
with the task unchanged, so every retry sends the same statement and the LRS stores it once.

A backend that cannot defer (the immediate backend of development and tests) gets no retry:
the statement is logged as not sent, rather than retried inline in the request.
"""

from __future__ import annotations

import logging
from datetime import timedelta

from django.utils import timezone
from django_tasks import task

from . import config
from .sending import Outcome, put_statement

logger = logging.getLogger(__name__)

FIRST_DELAY = timedelta(seconds=30)
LONGEST_DELAY = timedelta(hours=1)


def backoff(attempt: int) -> timedelta:
    """The wait before send number `attempt + 1`, after `attempt` failed ones."""
    return min(FIRST_DELAY * (2 ** (attempt - 1)), LONGEST_DELAY)


@task()
def send_statement(statement: dict, attempt: int = 1) -> str:
    lrs = config.lrs()
    if lrs is None:
        return "disabled"
    outcome = put_statement(lrs, statement)
    if outcome is not Outcome.RETRY:
        return outcome.value
    if attempt >= config.max_attempts():
        logger.error(
            "xAPI: statement %s na %s pogingen niet afgeleverd", statement.get("id"), attempt
        )
        return "gave_up"
    if not send_statement.get_backend().supports_defer:
        logger.warning(
            "xAPI: statement %s niet afgeleverd (geen uitgestelde taken)", statement.get("id")
        )
        return "not_sent"
    later = send_statement.using(run_after=timezone.now() + backoff(attempt))
    later.enqueue(statement, attempt + 1)
    return "retry_scheduled"
