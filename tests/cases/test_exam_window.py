"""The exam window (issue #17, `cases.exam_window`): after the cohort's `exam_closes_at` an
attempt takes no save, submit or move; at the edge a submit is wholly in or refused with
nothing written, never half."""

from __future__ import annotations

import datetime as dt

import pytest
from django.utils import timezone

from cases import workflow as wf
from cases.calculations.exceptions import CalculationLocked
from cases.calculations.services import calculation_submit, draft_save
from cases.models import AttemptStatus, CalculationDraft, CalculationVersion
from cases.timeline import EventKind
from tests.cases.flow import (
    clock_at,
    close_window,
    do_intake,
    precalc_lines,
    save_lines,
    to_approved,
)
from tests.factories.cases import AttemptFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, cohort):
    cohort.exam_mode = True
    cohort.save(update_fields=["exam_mode"])
    return AttemptFactory(trainee=trainee, cohort=cohort)


def test_an_open_window_lets_the_work_through(attempt, trainee):
    close_window(attempt, timezone.now() + dt.timedelta(hours=1))

    approved = to_approved(attempt, trainee)

    assert approved.status == AttemptStatus.APPROVED


def test_after_the_close_a_draft_save_is_refused_and_the_draft_kept(attempt, trainee):
    # given: a draft saved while the window was open
    version = save_lines(attempt, trainee, precalc_lines())
    close_window(attempt, timezone.now() - dt.timedelta(seconds=1))

    # when
    with pytest.raises(CalculationLocked) as refused:
        draft_save(attempt=attempt, lines=[], expected_version=version, by=trainee)

    # then
    assert "examenvenster is gesloten" in refused.value.message
    draft = CalculationDraft.objects.get(attempt=attempt)
    assert (draft.version, draft.lines) == (version, precalc_lines())


def test_after_the_close_a_submit_is_refused(attempt, trainee):
    save_lines(attempt, trainee, precalc_lines())
    close_window(attempt, timezone.now() - dt.timedelta(seconds=1))

    with pytest.raises(CalculationLocked):
        calculation_submit(attempt=attempt, kind="precalc", by=trainee)

    assert not CalculationVersion.objects.filter(attempt=attempt).exists()


def test_a_submit_at_the_closing_moment_is_wholly_in(attempt, trainee, monkeypatch):
    do_intake(attempt, trainee)
    save_lines(attempt, trainee, precalc_lines())
    closes_at = timezone.now() + dt.timedelta(minutes=5)
    close_window(attempt, closes_at)
    clock_at(monkeypatch, closes_at)  # the request arrives as the window closes

    submitted = wf.attempt_submit_precalc(attempt=attempt, by=trainee)

    assert submitted.status == AttemptStatus.APPROVED
    assert CalculationVersion.objects.filter(attempt=attempt, kind="precalc").count() == 1


def test_a_submit_a_moment_after_the_close_is_refused_with_nothing_written(
    attempt, trainee, monkeypatch
):
    # given: everything ready to submit, and the window closed a microsecond ago
    do_intake(attempt, trainee)
    save_lines(attempt, trainee, precalc_lines())
    attempt.refresh_from_db()
    status_before = attempt.status
    events_before = attempt.events.count()
    closes_at = timezone.now() + dt.timedelta(minutes=5)
    close_window(attempt, closes_at)
    clock_at(monkeypatch, closes_at + dt.timedelta(microseconds=1))

    # when
    with pytest.raises(wf.MoveRefused) as refused:
        wf.attempt_submit_precalc(attempt=attempt, by=trainee)

    # then: refused and recorded; no version, no status change, no other event
    assert "examenvenster is gesloten" in refused.value.message
    attempt.refresh_from_db()
    assert attempt.status == status_before
    assert not CalculationVersion.objects.filter(attempt=attempt).exists()
    added = list(attempt.events.order_by("pk")[events_before:].values_list("kind", flat=True))
    assert added == [EventKind.MOVE_REFUSED]


def test_a_save_racing_the_close_is_not_written_when_the_close_came_first(
    attempt, trainee, monkeypatch
):
    # given: a saved draft, and the window closed (by the exam board) just after the save's
    # own check passed and before its write
    from cases.calculations import services

    version = save_lines(attempt, trainee, precalc_lines())
    checked = services._ensure_editable

    def check_then_close(target, *, now=None):
        moment = checked(target, now=now)
        if now is None:  # the first check, not the one after a refused write
            type(attempt.cohort).objects.filter(pk=attempt.cohort_id).update(
                exam_closes_at=moment - dt.timedelta(microseconds=1)
            )
        return moment

    monkeypatch.setattr(services, "_ensure_editable", check_then_close)

    # when
    with pytest.raises(CalculationLocked) as refused:
        draft_save(attempt=attempt, lines=[], expected_version=version, by=trainee)

    # then: refused as closed (not as a conflict), and the draft is as it was
    assert "examenvenster is gesloten" in refused.value.message
    draft = CalculationDraft.objects.get(attempt=attempt)
    assert (draft.version, draft.lines) == (version, precalc_lines())
