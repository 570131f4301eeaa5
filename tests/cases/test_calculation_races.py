"""Parallel autosaves and submits of one attempt: no lost update, exactly one submission.

Real concurrency needs row locks, so these run on PostgreSQL only (DATABASE_URL=postgres://…);
on SQLite the unique constraints are the guard, tested in test_calculation_services.py.
"""

import threading

import pytest
from django.db import connection

from cases.calculations import services
from cases.calculations.exceptions import AlreadySubmitted, StaleDraft
from cases.models import CalculationDraft, CalculationVersion
from tests.factories.calculations import BUMPER, GRILLE, CalcAttemptFactory, line

pytestmark = [pytest.mark.postgres, pytest.mark.django_db(transaction=True)]


@pytest.fixture(autouse=True)
def _needs_row_locks():
    if connection.vendor != "postgresql":
        pytest.skip("needs PostgreSQL row locks")


def run_at_once(count, work):
    barrier = threading.Barrier(count)
    outcomes: list = [None] * count

    def runner(index):
        try:
            barrier.wait()
            outcomes[index] = work(index)
        except Exception as exc:  # the outcome under test, whatever it is
            outcomes[index] = exc
        finally:
            connection.close()

    threads = [threading.Thread(target=runner, args=(i,)) for i in range(count)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)
    return outcomes


def test_parallel_submits_make_exactly_one_version_and_tell_every_loser(trainee, cohort):
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="1")],
        expected_version=0,
        by=trainee,
    )

    outcomes = run_at_once(
        6,
        lambda i: services.calculation_submit(
            attempt=attempt, kind="precalc", by=trainee, expected_version=1
        ),
    )

    winners = [o for o in outcomes if isinstance(o, CalculationVersion)]
    losers = [o for o in outcomes if isinstance(o, AlreadySubmitted)]
    assert (len(winners), len(losers)) == (1, 5), outcomes
    assert CalculationVersion.objects.filter(attempt=attempt).count() == 1


def test_parallel_saves_of_one_version_let_exactly_one_through(trainee, cohort):
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    services.draft_get_or_create(attempt=attempt)
    candidates = [[line(BUMPER, "replace", line_id=str(i))] for i in range(5)]

    outcomes = run_at_once(
        5,
        lambda i: services.draft_save(
            attempt=attempt, lines=candidates[i], expected_version=0, by=trainee
        ),
    )

    saved = [o for o in outcomes if isinstance(o, CalculationDraft)]
    stale = [o for o in outcomes if isinstance(o, StaleDraft)]
    assert (len(saved), len(stale)) == (1, 4), outcomes
    stored = CalculationDraft.objects.get(attempt=attempt)
    assert (stored.version, stored.lines) == (1, saved[0].lines)


def test_autosave_and_submit_at_once_never_submit_unseen_lines(trainee, cohort):
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="1")],
        expected_version=0,
        by=trainee,
    )

    def work(i):
        if i == 0:
            return services.draft_save(
                attempt=attempt,
                lines=[line(GRILLE, "replace", line_id="1")],
                expected_version=1,
                by=trainee,
            )
        return services.calculation_submit(
            attempt=attempt, kind="precalc", by=trainee, expected_version=1
        )

    outcomes = run_at_once(4, work)

    versions = list(CalculationVersion.objects.filter(attempt=attempt))
    assert len(versions) <= 1
    assert all(
        isinstance(o, (CalculationDraft, CalculationVersion, AlreadySubmitted, StaleDraft))
        for o in outcomes
    ), outcomes
    if versions:
        # whatever was submitted is the draft at version 1, the one the submitters saw
        assert versions[0].draft_version == 1
        assert versions[0].input["lines"][0]["code"] == BUMPER
