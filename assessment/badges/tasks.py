"""Issuing badges after a release, in the task framework: `on_grade_released` (called by
`assessment.marking.marking_transition`, the one place a grade is released) enqueues it on
commit, so a slow signature or a failing rule never blocks or undoes the release."""

from __future__ import annotations

import logging

from django.db import transaction
from django_tasks import task

logger = logging.getLogger(__name__)


@task()
def issue_badges(trainee_id: int) -> int:
    from schadeplatform.accounts.models import User

    from .issuing import issue_for_trainee

    trainee = User.objects.filter(pk=trainee_id).first()
    if trainee is None:
        return 0
    return len(issue_for_trainee(trainee))


def _enqueue(trainee_id: int) -> None:
    try:
        issue_badges.enqueue(trainee_id)
    except Exception:  # the release is done; a badge can be issued again later (load or rerun)
        logger.exception("Badges voor cursist %s konden niet worden uitgegeven", trainee_id)


def on_grade_released(grade) -> None:
    trainee_id = grade.attempt.trainee_id
    transaction.on_commit(lambda: _enqueue(trainee_id))
