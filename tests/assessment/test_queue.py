"""The assessor's queue: own cohorts only, through the page and the API, in a fixed number of
queries whatever the number of attempts."""

import pytest
from django.urls import reverse

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
# moderation joined) and all their grades: five, for 1 attempt as for 50.
QUEUE_QUERIES = 5


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
