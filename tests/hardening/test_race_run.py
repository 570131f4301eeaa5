"""The race run: 200 attempts, each hit at one moment by two autosaves and a double-clicked
submit, through the HTTP layer from separate threads with their own connections and clients.

Per attempt, released together by a barrier:
- tab A autosaves `PUT /api/v1/attempts/<id>/calculation/` on version 1 with its lines;
- tab B autosaves on version 1 with other lines (a second session on the same draft);
- the pre-calculation is submitted twice, `POST /api/v1/attempts/<id>/moves/submit_precalc/`
  without a draft version ("submit what is stored"), as a double click sends it.

It must end with exactly one submitted version per attempt, holding either the lines stored
before (draft version 1) or the winning autosave's (draft version 2), never a mixture; the draft
at version 2 with the winner's lines; each loser told in Dutch with a 409; no 5xx.
`RACE_ATTEMPTS` and `RACE_WORKERS` change the size; the figures are printed (`-s` or `-n0`).
"""

from __future__ import annotations

import os
import random
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection, connections, transaction
from django.urls import reverse
from django.utils import translation

from cases.calculations.exceptions import AlreadySubmitted, StaleDraft
from cases.calculations.services import draft_save
from cases.models import AttemptStatus, CalculationDraft, CalculationVersion
from cases.timeline import EventKind
from tests.factories.accounts import UserFactory
from tests.factories.calculations import GRILLE, CalcAttemptFactory, line
from tests.factories.cases import PublishedCaseVersionFactory
from tests.races import client_with, messages_of, send, session_of

WORKERS = int(os.environ.get("RACE_WORKERS", "12"))
AUTOSAVE_A, AUTOSAVE_B, SUBMIT, SUBMIT_AGAIN = range(4)
REQUESTS_PER_ATTEMPT = 4
# After the barrier each request waits a seeded 0–JITTER[kind] s, so that both orders of
# arrival occur: left at once, the autosave (the lighter request) nearly always reaches the
# draft's lock first.
JITTER = {AUTOSAVE_A: 0.2, AUTOSAVE_B: 0.2, SUBMIT: 0.02, SUBMIT_AGAIN: 0.02}


def attempt_count() -> int:
    """200 on PostgreSQL, whose row locks are under test; SQLite serialises whole write
    transactions (`transaction_mode IMMEDIATE`), and 50 show the same there in a quarter of
    the time."""
    default = "200" if connection.vendor == "postgresql" else "50"
    return int(os.environ.get("RACE_ATTEMPTS", default))


pytestmark = [pytest.mark.django_db(transaction=True), pytest.mark.slow]

BEFORE = [line(GRILLE, "replace", line_id="voor")]
TAB_LINES = {
    AUTOSAVE_A: [line(GRILLE, "replace", line_id="tab-a")],
    AUTOSAVE_B: [line(GRILLE, "replace", line_id="tab-b")],
}


def ids(lines):
    return [item["id"] for item in lines]


@pytest.fixture
def attempts():
    """Attempts in preparation, each of its own trainee, each with a draft at version 1."""
    made = []
    # One transaction for the setup: committed row by row it takes several times as long.
    with transaction.atomic():
        case_version = PublishedCaseVersionFactory()
        for _ in range(attempt_count()):
            trainee = UserFactory()
            attempt = CalcAttemptFactory(trainee=trainee, case_version=case_version)
            draft_save(attempt=attempt, lines=BEFORE, expected_version=0, by=trainee)
            made.append((attempt, session_of(trainee)))
    return made


def fire(attempt, session_key, barriers, index, kind):
    """One request of one attempt, sent when the attempt's other three are ready too."""
    client = client_with(session_key)
    pause = random.Random(index * REQUESTS_PER_ATTEMPT + kind).uniform(0, JITTER[kind])
    if kind in TAB_LINES:
        url = reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk})
        method, body = "put", {"version": 1, "lines": TAB_LINES[kind]}
    else:
        url = reverse(
            "api:cases_api:attempt-move", kwargs={"pk": attempt.pk, "move": "submit_precalc"}
        )
        method, body = "post", {}
    try:
        barriers[index].wait(timeout=60)
        time.sleep(pause)
        return send(client, method, url, body)
    finally:
        connections.close_all()


def test_race_run_ends_with_one_submission_per_attempt_and_no_5xx(attempts, capsys):
    # given: a barrier per attempt, so that its four requests leave together
    barriers = [threading.Barrier(REQUESTS_PER_ATTEMPT) for _ in attempts]
    jobs = [
        (index, kind)
        for index in range(len(attempts))
        for kind in (AUTOSAVE_A, AUTOSAVE_B, SUBMIT, SUBMIT_AGAIN)
    ]

    # when
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=max(WORKERS, REQUESTS_PER_ATTEMPT)) as pool:
        futures = {
            job: pool.submit(fire, *attempts[job[0]], barriers, job[0], job[1]) for job in jobs
        }
        responses = {job: future.result(timeout=300) for job, future in futures.items()}
    duration = time.monotonic() - started

    # then: the figures first, so a failing run still shows them
    codes = Counter(response.status_code for response in responses.values())
    conflicts = Counter(kind for (_index, kind), r in responses.items() if r.status_code == 409)
    after_autosave = CalculationVersion.objects.filter(draft_version=2).count()
    with capsys.disabled():
        print(
            f"\nrace run on {connection.vendor}: {len(attempts)} attempts, {len(jobs)} requests "
            f"in {duration:.1f} s, {WORKERS} threads; status {dict(sorted(codes.items()))}; "
            f"409s {codes[409]} (autosaves {conflicts[AUTOSAVE_A] + conflicts[AUTOSAVE_B]}, "
            f"second submits {conflicts[SUBMIT] + conflicts[SUBMIT_AGAIN]}); "
            f"5xx {sum(n for code, n in codes.items() if code >= 500)}; submitted versions "
            f"{CalculationVersion.objects.count()}: {after_autosave} after the autosave, "
            f"{len(attempts) - after_autosave} before it"
        )
    assert not [code for code in codes if code >= 500], codes

    with translation.override("nl"):
        stale_message = StaleDraft(2).message
        already_message = AlreadySubmitted(kind_label="voorcalculatie", number=1).message
    for index, (attempt, _session) in enumerate(attempts):
        saves = {kind: responses[(index, kind)] for kind in TAB_LINES}
        submits = [responses[(index, kind)] for kind in (SUBMIT, SUBMIT_AGAIN)]

        # exactly one autosave stored, on version 1 → 2; the other is refused and told so
        saved = [kind for kind, response in saves.items() if response.status_code == 200]
        assert len(saved) == 1, {kind: r.status_code for kind, r in saves.items()}
        (winner,) = saved
        (loser,) = set(saves) - {winner}
        assert saves[winner].json()["version"] == 2
        assert saves[loser].status_code == 409
        assert saves[loser].json()["current_version"] == 2
        assert messages_of(saves[loser]) == [stale_message]
        draft = CalculationDraft.objects.get(attempt=attempt)
        assert (draft.version, ids(draft.lines)) == (2, ids(TAB_LINES[winner]))

        # exactly one submission; the double click is refused and told it was already sent
        assert sorted(response.status_code for response in submits) == [200, 409]
        refused = next(response for response in submits if response.status_code == 409)
        assert messages_of(refused) == [already_message]
        (version,) = CalculationVersion.objects.filter(attempt=attempt)
        assert (version.kind, version.number) == ("precalc", 1)
        # the frozen lines are those of the draft version it names, never a mixture
        expected_lines = BEFORE if version.draft_version == 1 else TAB_LINES[winner]
        assert version.draft_version in (1, 2)
        assert ids(version.input["lines"]) == ids(expected_lines)
        attempt.refresh_from_db()
        assert attempt.status == AttemptStatus.APPROVED
        assert attempt.events.filter(kind=EventKind.CALCULATION_SUBMITTED).count() == 1
