"""A submission at the exam window's edge is stamped with the time its window was checked at
(issue #17's clock-edge fault): checked just before the close, it is never stamped after it."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases import workflow as wf
from cases.models import AttemptStatus
from tests.cases.flow import clock_at, close_window, to_final_submitted, to_in_repair
from tests.factories.cases import AttemptFactory

pytestmark = pytest.mark.django_db


def test_a_delivery_checked_at_the_close_is_stamped_no_later_than_the_close(
    trainee, cohort, monkeypatch
):
    # given: an exam attempt ready to deliver, and a window closing in five minutes
    cohort.exam_mode = True
    cohort.exam_closes_at = timezone.now() + dt.timedelta(minutes=5)
    cohort.save(update_fields=["exam_mode", "exam_closes_at"])
    attempt = to_final_submitted(AttemptFactory(trainee=trainee, cohort=cohort), trainee)
    wf.attempt_final_inspection(
        attempt=attempt,
        by=trainee,
        items=["Lakkleur en glans bij daglicht", "Spleetmaten rondom"],
    )
    closes_at = cohort.exam_closes_at
    # the window's clock reads the closing moment (a check at the close is in time); the rest
    # of Django keeps the real clock, five minutes earlier
    clock_at(monkeypatch, closes_at)

    # when
    delivered = wf.attempt_deliver_vehicle(
        attempt=attempt, by=trainee, explanation="Klaar", answers=["Ja"] * 5
    )

    # then: in, and stamped with the very time the window was checked at, not a second reading
    assert delivered.status == AttemptStatus.DELIVERED
    assert delivered.submitted_at == closes_at


def test_a_final_calculation_checked_at_the_close_is_stamped_no_later_than_the_close(
    trainee, cohort, monkeypatch
):
    # given: an exam attempt in repair, whose window closed a moment ago by the real clock
    # (found by the cluster run's clock-edge fault: the submit was checked in time, then its
    # version was stamped by the database's own reading, after the engine had run)
    cohort.exam_mode = True
    cohort.save(update_fields=["exam_mode"])
    attempt = to_in_repair(AttemptFactory(trainee=trainee, cohort=cohort), trainee)
    closes_at = timezone.now() - dt.timedelta(seconds=1)
    close_window(attempt, closes_at)
    # and: the window's clock reads the closing moment, so the checks are in time
    clock_at(monkeypatch, closes_at)

    # when
    submitted = wf.attempt_submit_final(attempt=attempt, by=trainee)

    # then: in, and the final version stamped with the time its window was checked at
    version = submitted.calculation_versions.get(kind="final")
    assert version.submitted_at == closes_at
