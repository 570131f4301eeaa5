"""The autosave API under a query budget: it is the platform's most frequent request.

A trainee's editor reads the draft and saves it every few seconds, so every query here is paid
by every trainee all the time (tests/benchmarks/load_test.py). The draft is read with its
attempt in one query, which loads only what the engine needs of the case version: never the
case's reference calculations.
"""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cases.calculations import services
from tests.factories.calculations import BUMPER, GRILLE, CalcAttemptFactory, line

pytestmark = pytest.mark.django_db

# Session, user, the attempt with its case version and draft.
READ_BUDGET = 3
# Session, user, the attempt; then one conditional UPDATE of the draft (the version check and
# the write in one statement; it was a locked re-read and an update in a transaction: 7).
SAVE_BUDGET = 4


@pytest.fixture
def attempt(trainee, cohort):
    return CalcAttemptFactory(trainee=trainee, cohort=cohort)


@pytest.fixture
def client(client_for, trainee, attempt):
    client = client_for(trainee)
    # A first request fills what every request shares (content types, the catalogue, ...).
    assert client.get(draft_url(attempt)).status_code == 200
    return client


def draft_url(attempt):
    return reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk})


def put(client, attempt, version, lines):
    return client.put(
        draft_url(attempt),
        data=json.dumps({"version": version, "lines": lines}),
        content_type="application/json",
    )


def test_reading_a_saved_draft_stays_within_its_query_budget(
    client, trainee, attempt, django_assert_max_num_queries
):
    services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="1")],
        expected_version=0,
        by=trainee,
    )

    with django_assert_max_num_queries(READ_BUDGET):
        response = client.get(draft_url(attempt))

    assert response.status_code == 200
    assert response.json()["version"] == 1
    assert response.json()["estimate"] is not None


def test_reading_a_never_saved_draft_stays_within_its_query_budget(
    client, attempt, django_assert_max_num_queries
):
    with django_assert_max_num_queries(READ_BUDGET):
        response = client.get(draft_url(attempt))

    assert (response.status_code, response.json()["version"]) == (200, 0)


def test_saving_stays_within_its_query_budget(client, attempt, django_assert_max_num_queries):
    assert put(client, attempt, 0, [line(BUMPER, "replace", line_id="1")]).status_code == 200

    with django_assert_max_num_queries(SAVE_BUDGET):
        response = put(client, attempt, 1, [line(GRILLE, "replace", line_id="1")])

    assert (response.status_code, response.json()["version"]) == (200, 2)


def test_reading_and_saving_never_load_the_case_references(client, attempt):
    with CaptureQueriesContext(connection) as captured:
        client.get(draft_url(attempt))
        put(client, attempt, 0, [line(BUMPER, "replace", line_id="1")])

    sql = "\n".join(query["sql"] for query in captured.captured_queries)
    assert "cases_attempt" in sql
    for column in ("reference_precalc", "reference_final", "expected_decisions", "payer_rules"):
        assert column not in sql
