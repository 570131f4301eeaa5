"""The assessor's queue: own cohorts only, through the page and the API, in a fixed number of
queries whatever the number of attempts."""

import pytest
from django.urls import reverse

from assessment import services
from assessment.exam import candidate_code
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import CaseVersionFactory, finished_attempt, signed_grade

pytestmark = pytest.mark.django_db


def test_queue_page_lists_only_the_assessors_own_cohorts(
    attempt, assessor, outsider_trainee, other_cohort, client_for
):
    outsider_attempt = finished_attempt(trainee=outsider_trainee, cohort=other_cohort)

    response = client_for(assessor).get(reverse("assessment:queue"))

    assert response.status_code == 200
    listed = [row.attempt.pk for row in response.context["rows"]]
    assert listed == [attempt.pk]
    assert outsider_attempt.pk not in listed


def test_queue_api_lists_only_the_assessors_own_cohorts(
    attempt, outsider_assessor, other_cohort, outsider_trainee, client_for
):
    outsider_attempt = finished_attempt(trainee=outsider_trainee, cohort=other_cohort)

    response = client_for(outsider_assessor).get(reverse("api:assessment_api:queue"))

    assert response.status_code == 200
    assert [row["attempt"] for row in response.json()] == [outsider_attempt.pk]


def test_unsubmitted_attempts_are_not_in_the_queue(attempt, assessor, client_for):
    attempt.submitted_at = None
    attempt.save()
    response = client_for(assessor).get(reverse("api:assessment_api:queue"))
    assert response.json() == []


def test_trainee_is_sent_to_their_results_and_has_no_queue_api(trainee, cohort, client_for):
    client = client_for(trainee)
    assert client.get(reverse("assessment:queue")).status_code == 302
    assert client.get(reverse("api:assessment_api:queue")).json() == []


def test_editor_has_no_queue(editor, client_for):
    assert client_for(editor).get(reverse("assessment:queue")).status_code == 404


def test_anonymous_user_is_sent_to_login():
    from django.test import Client

    response = Client().get(reverse("assessment:queue"))
    assert response.status_code == 302 and reverse("accounts:login") in response["Location"]


# Session, user, the cohorts for the page's links, the attempts (trainee, case, cohort and
# moderation joined) and all their grades, and the user's and their groups' permissions (may
# they allocate markers? issue #14, item 6): seven, for 1 attempt as for 50.
QUEUE_QUERIES = 7


@pytest.mark.parametrize("count", [1, 50])
def test_queue_queries_do_not_grow_with_the_number_of_attempts(
    count, trainee, other_trainee, cohort, assessor, client_for, django_assert_max_num_queries
):
    case_version = CaseVersionFactory()
    attempts = [
        finished_attempt(
            trainee=trainee if i % 2 else other_trainee,
            cohort=cohort,
            case_version=case_version,
            timeline=[],
        )
        for i in range(count)
    ]
    signed_grade(attempts[0], assessor)
    client = client_for(assessor)
    client.get(reverse("assessment:queue"))  # session and user caches warm

    with django_assert_max_num_queries(QUEUE_QUERIES) as captured:
        response = client.get(reverse("assessment:queue"))
    print(f"queue with {count} attempts: {len(captured.captured_queries)} queries")

    assert len(response.context["rows"]) == count


# Session, user, the attempts and their grades (no cohort links in the API).
QUEUE_API_QUERIES = 4
# What the queue never reads: the case's references and large JSON, the trainee's password and
# the grades' results (the rows need none of it; loading it was most of a queue request).
NEVER_READ = (
    "reference_precalc",
    "reference_final",
    "expected_decisions",
    "payer_rules",
    "hidden_damage",
    "password",
    "machine_result",
    "workflow_checks",
)


def test_the_queue_in_exam_mode_with_a_moderation_reads_only_what_it_shows(
    attempt, cohort, assessor, organisation, client_for, django_assert_max_num_queries
):
    # given: an exam cohort whose attempt went to moderation (the two blind grades disagree)
    cohort.exam_mode = True
    cohort.save()
    second, third = (
        UserFactory(username=f"beoordelaar_q{n}", role=Role.ASSESSOR, organisation=organisation)
        for n in (2, 3)
    )
    cohort.assessors.add(second, third)
    signed_grade(attempt, assessor)
    grade = services.grade_start(attempt=attempt, by=second)
    # The radar calibration is a critical line: "missing" fails the second grade.
    services.line_override_create(
        grade=grade, by=second, line_key="6", new_verdict="missing", reason="Niet aangetoond."
    )
    signed_grade(attempt, second)
    client = client_for(third)
    client.get(reverse("assessment:queue"))  # session and user caches warm

    # when: the third assessor opens the queue page and the queue API
    with django_assert_max_num_queries(QUEUE_QUERIES) as page_queries:
        page = client.get(reverse("assessment:queue"))
    with django_assert_max_num_queries(QUEUE_API_QUERIES) as api_queries:
        api = client.get(reverse("api:assessment_api:queue"))

    # then: the row is complete, with no query per row for a field left out
    (row,) = page.context["rows"]
    assert (row.state, row.can_start, row.exam) == ("Moderatie nodig", True, True)
    shown = page.content.decode()
    # Exam mode: the candidate code, never the name, until release (issue #15, item 1).
    assert candidate_code(attempt) in shown
    assert (attempt.trainee.get_full_name() or attempt.trainee.username) not in shown
    assert attempt.case_version.case.title in shown
    (answer,) = api.json()
    assert answer["attempt"] == attempt.pk
    assert (answer["state"], answer["can_start"], answer["exam"]) == ("Moderatie nodig", True, True)
    assert (answer["trainee"], answer["cohort"]) == (candidate_code(attempt), cohort.name)
    # and the queue's own queries read nothing it does not show
    queue_sql = [
        query["sql"]
        for query in page_queries.captured_queries + api_queries.captured_queries
        if 'FROM "cases_attempt"' in query["sql"] or 'FROM "assessment_grade"' in query["sql"]
    ]
    assert len(queue_sql) == 4
    for column in NEVER_READ:
        assert all(f'"{column}"' not in sql for sql in queue_sql), column


def test_the_queue_says_its_states_in_the_language_asked_for(attempt, assessor, client_for):
    """The states are translated once per language (schadeplatform.i18n), not once for all."""
    client = client_for(assessor)
    url = reverse("api:assessment_api:queue")

    dutch = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").json()
    english = client.get(url, HTTP_ACCEPT_LANGUAGE="en").json()
    again = client.get(url, HTTP_ACCEPT_LANGUAGE="nl").json()

    assert [row["state"] for row in dutch] == ["Niet beoordeeld"] == [r["state"] for r in again]
    assert [row["state"] for row in english] == ["Not assessed"]
    page = client.get(reverse("assessment:queue"), HTTP_ACCEPT_LANGUAGE="en")
    assert "Not assessed" in page.content.decode()
