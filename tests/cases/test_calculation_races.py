"""Parallel autosaves and submits of one attempt: no lost update, exactly one submission, every
loser told in Dutch.

Real threads, each with its own database connection (and, through the API, its own test
client), released together by a barrier; `transaction=True`, because a test wrapped in one
transaction would hide the locking. PostgreSQL's row locks are what is under test in CI; SQLite
(`transaction_mode IMMEDIATE`) serialises whole write transactions, and the same outcomes must
hold there too, so the suite runs them on both. The 200-attempt run is
tests/hardening/test_race_run.py.
"""

import random
import threading
import time

import pytest
from django.db import connection
from django.urls import reverse
from django.utils import translation

from cases import workflow as wf
from cases.calculations import services
from cases.calculations.exceptions import AlreadySubmitted, StaleDraft
from cases.models import AttemptStatus, CalculationDraft, CalculationVersion
from cases.timeline import SUBMISSION_KINDS, EventKind
from tests.cases.flow import move_api_url, to_in_repair
from tests.factories.accounts import UserFactory
from tests.factories.calculations import BUMPER, GRILLE, CalcAttemptFactory, line
from tests.factories.cases import AttemptFactory, PublishedCaseVersionFactory
from tests.races import (
    JOIN_SECONDS,
    client_with,
    lock_waits,
    messages_of,
    run_at_once,
    send,
    session_of,
)

pytestmark = pytest.mark.django_db(transaction=True)

BEFORE = [line(GRILLE, "replace", line_id="voor")]


def dutch(make):
    with translation.override("nl"):
        return make().message


def draft_url(attempt):
    return reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk})


def ids(lines):
    return [item["id"] for item in lines]


# -- the services, called from threads -------------------------------------------------------


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


def test_the_first_saves_of_a_never_saved_draft_create_it_once(trainee, cohort):
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    candidates = [[line(GRILLE, "replace", line_id=str(i))] for i in range(4)]

    outcomes = run_at_once(
        4,
        lambda i: services.draft_save(
            attempt=attempt, lines=candidates[i], expected_version=0, by=trainee
        ),
    )

    saved = [o for o in outcomes if isinstance(o, CalculationDraft)]
    assert len(saved) == 1, outcomes
    assert all(isinstance(o, StaleDraft) for o in outcomes if o not in saved), outcomes
    assert CalculationDraft.objects.filter(attempt=attempt).count() == 1


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


# -- through the API, one client per thread --------------------------------------------------


def test_two_sessions_saving_one_draft_the_stale_one_gets_409_and_keeps_its_text(trainee, cohort):
    # given: the trainee's draft open in two sessions (laptop and tablet), both at version 1
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    services.draft_save(attempt=attempt, lines=BEFORE, expected_version=0, by=trainee)
    sessions = [session_of(trainee), session_of(trainee)]
    typed = [[line(GRILLE, "replace", line_id=f"sessie-{i}")] for i in range(2)]

    # when: both autosave at once
    responses = run_at_once(
        2,
        lambda i: send(
            client_with(sessions[i]), "put", draft_url(attempt), {"version": 1, "lines": typed[i]}
        ),
    )

    # then: one is stored, the other refused with the stored version and a Dutch reason
    codes = sorted(r.status_code for r in responses)
    assert codes == [200, 409], responses
    winner = next(i for i, r in enumerate(responses) if r.status_code == 200)
    loser = 1 - winner
    assert responses[winner].json()["version"] == 2
    assert responses[loser].json()["current_version"] == 2
    assert messages_of(responses[loser]) == [dutch(lambda: StaleDraft(2))]
    draft = CalculationDraft.objects.get(attempt=attempt)
    assert (draft.version, ids(draft.lines)) == (2, ids(typed[winner]))

    # and the refused session still has its text: saving it knowingly over version 2 loses nothing
    again = send(
        client_with(sessions[loser]),
        "put",
        draft_url(attempt),
        {"version": 2, "lines": typed[loser]},
    )
    assert again.status_code == 200
    draft.refresh_from_db()
    assert (draft.version, ids(draft.lines)) == (3, ids(typed[loser]))


def in_preparation(trainee, cohort):
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    services.draft_save(attempt=attempt, lines=BEFORE, expected_version=0, by=trainee)
    return attempt, "submit_precalc", "voorcalculatie", AttemptStatus.APPROVED


def in_repair(trainee, cohort):
    attempt = AttemptFactory(trainee=trainee, cohort=cohort)
    to_in_repair(attempt, trainee)
    return attempt, "submit_final", "eindcalculatie", AttemptStatus.FINAL_SUBMITTED


@pytest.mark.parametrize("start", [in_preparation, in_repair], ids=["voorcalculatie", "eind"])
def test_a_double_clicked_submit_submits_once_and_tells_the_second_click(trainee, cohort, start):
    # given: the dossier page's submit form, which carries the draft version shown
    attempt, move, kind_label, approved = start(trainee, cohort)
    shown = CalculationDraft.objects.get(attempt=attempt).version
    earlier = attempt.calculation_versions.count()
    session = session_of(trainee)

    # when: clicked twice (or sent from two tabs) at once
    responses = run_at_once(
        2,
        lambda i: send(
            client_with(session), "post", move_api_url(attempt, move), {"draft_version": shown}
        ),
    )

    # then: one submission, and the other click is told it went already
    assert sorted(r.status_code for r in responses) == [200, 409], responses
    refused = next(r for r in responses if r.status_code == 409)
    versions = list(attempt.calculation_versions.order_by("number"))
    assert len(versions) == earlier + 1
    submitted = versions[-1]
    assert submitted.draft_version == shown
    assert messages_of(refused) == [
        dutch(lambda: AlreadySubmitted(kind_label=kind_label, number=submitted.number))
    ]
    attempt.refresh_from_db()
    assert attempt.status == approved
    # one event per submission, of whichever submission kind
    submits = attempt.events.filter(kind__in=SUBMISSION_KINDS, refused=False)
    assert submits.count() == earlier + 1
    assert attempt.events.filter(kind=EventKind.MOVE_REFUSED).count() == 1


def test_autosave_in_one_tab_and_submit_from_a_stale_tab_never_submit_unseen_lines(trainee, cohort):
    """Tab A's editor autosaves while tab B's dossier page, showing version 1, submits; run on
    several attempts with a seeded delay, so both orders of arrival occur."""
    rounds = []
    for number in range(6):
        attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
        services.draft_save(attempt=attempt, lines=BEFORE, expected_version=0, by=trainee)
        # lead > 0: the autosave leaves that much later; < 0: the submit does
        rounds.append((attempt, random.Random(number).uniform(-0.1, 0.1)))
    session = session_of(trainee)
    typed = [line(GRILLE, "replace", line_id="tab-a")]

    for attempt, lead in rounds:

        def work(i, attempt=attempt, lead=lead):
            client = client_with(session)
            if i == 0:
                time.sleep(max(lead, 0))
                return send(client, "put", draft_url(attempt), {"version": 1, "lines": typed})
            time.sleep(max(-lead, 0))
            return send(
                client, "post", move_api_url(attempt, "submit_precalc"), {"draft_version": 1}
            )

        save, submit = run_at_once(2, work)

        # the autosave always lands (a submit leaves the calculation editable)
        assert save.status_code == 200 and save.json()["version"] == 2
        versions = list(attempt.calculation_versions.all())
        if submit.status_code == 200:
            # the submit went first: it froze version 1, the lines tab B showed
            (version,) = versions
            assert (version.draft_version, ids(version.input["lines"])) == (1, ids(BEFORE))
        else:
            # the autosave went first: nothing submitted, and tab B is told why in Dutch
            assert submit.status_code == 409
            assert messages_of(submit) == [dutch(lambda: StaleDraft(2))]
            assert versions == []
        draft = CalculationDraft.objects.get(attempt=attempt)
        assert (draft.version, ids(draft.lines)) == (2, ids(typed))


def test_a_submit_on_one_attempt_does_not_wait_for_one_on_another_attempt_of_the_case(
    monkeypatch,
):
    """The moves lock the attempt's row only. They used to lock the joined case version and
    trainee along, so every trainee's moves on one case waited for each other (the race run's
    submits queued behind one row)."""
    if connection.vendor != "postgresql":
        pytest.skip(
            "SQLite locks the whole database for a write transaction: there, moves on "
            "different attempts wait for each other by design"
        )
    case_version = PublishedCaseVersionFactory()
    attempts = []
    for _ in range(2):
        trainee = UserFactory()
        attempt = CalcAttemptFactory(trainee=trainee, case_version=case_version)
        services.draft_save(attempt=attempt, lines=BEFORE, expected_version=0, by=trainee)
        attempts.append(attempt)
    slow, fast = attempts
    decide = wf.approval._payer_decides
    fast_done = threading.Event()
    waits = []

    def slow_payer(a, *args, **kwargs):
        # The slow submit holds its locks until the fast one has finished, or gives up after
        # JOIN_SECONDS / 2: then the fast one was waiting for it, and the test says on what.
        if a.pk == slow.pk and not fast_done.wait(JOIN_SECONDS / 2):
            waits.extend(lock_waits())
        return decide(a, *args, **kwargs)

    monkeypatch.setattr(wf.approval, "_payer_decides", slow_payer)

    def work(i):
        attempt = attempts[i]
        if attempt is fast:
            time.sleep(0.5)  # leave once the slow submit holds its locks
        wf.attempt_submit_precalc(attempt=attempt, by=attempt.trainee)
        if attempt is fast:
            fast_done.set()

    outcomes = run_at_once(2, work)

    assert outcomes == [None, None], outcomes
    assert fast_done.is_set() and not waits, waits
