"""Marker allocation from the queue and the API (issue #14, item 6), as Moodle's: a user with
the permission `assessment.change_markerallocation` allocates the attempts they see to the
markers of each attempt's cohort, one or several at once, each checked on its own."""

import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from assessment import services
from assessment.models import MarkerAllocation
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import finished_attempt

pytestmark = pytest.mark.django_db

QUEUE = "assessment:queue"
ALLOCATE = "assessment:allocate"
API = "api:assessment_api:allocations"


def _with_permission(user):
    user.user_permissions.add(Permission.objects.get(codename="change_markerallocation"))
    return type(user).objects.get(pk=user.pk)  # a fresh permission cache


@pytest.fixture
def lead(organisation, cohort):
    """The cohort lead: an assessor of the cohort with the allocation permission."""
    user = UserFactory(username="groepsleider", role=Role.ASSESSOR, organisation=organisation)
    cohort.assessors.add(user)
    return _with_permission(user)


@pytest.fixture
def colleague(organisation, cohort):
    user = UserFactory(username="collega", role=Role.ASSESSOR, organisation=organisation)
    cohort.assessors.add(user)
    return user


def _allocated(attempt):
    allocation = MarkerAllocation.objects.filter(attempt=attempt).first()
    return allocation.marker if allocation else None


def test_the_queue_offers_the_cohort_markers_only_to_a_user_with_the_permission(
    attempt, assessor, colleague, lead, outsider_assessor, client_for
):
    page = client_for(lead).get(reverse(QUEUE))
    row = next(r for r in page.context["rows"] if r.attempt.pk == attempt.pk)
    assert page.context["can_allocate"]
    assert set(row.markers) == {assessor, colleague, lead}
    assert outsider_assessor not in row.markers
    html = page.content.decode()
    assert f'name="marker_{attempt.pk}"' in html and "niet toegewezen" in html

    plain = client_for(assessor).get(reverse(QUEUE))
    assert not plain.context["can_allocate"]
    assert f'name="marker_{attempt.pk}"' not in plain.content.decode()


def test_a_permitted_user_allocates_from_the_queue_and_only_the_marker_starts(
    attempt, assessor, colleague, lead, client_for
):
    response = client_for(lead).post(
        reverse(ALLOCATE), {"attempt": [attempt.pk], f"marker_{attempt.pk}": colleague.pk}
    )
    assert response.status_code == 302
    assert _allocated(attempt) == colleague
    assert MarkerAllocation.objects.get(attempt=attempt).allocated_by == lead

    # the existing rule: only the allocated marker starts the first grade
    with pytest.raises(services.AssessmentError, match="toegewezen"):
        services.grade_start(attempt=attempt, by=assessor)
    refused = client_for(assessor).post(reverse("assessment:grade_start", args=[attempt.pk]))
    assert refused.status_code == 302 and not attempt.grades.exists()
    assert services.grade_start(attempt=attempt, by=colleague).assessor == colleague

    # "niet toegewezen" takes the allocation away again
    client_for(lead).post(reverse(ALLOCATE), {"attempt": [attempt.pk], f"marker_{attempt.pk}": ""})
    assert _allocated(attempt) is None


def test_an_assessor_without_the_permission_is_refused(attempt, assessor, colleague, client_for):
    page = client_for(assessor).post(
        reverse(ALLOCATE), {"attempt": [attempt.pk], f"marker_{attempt.pk}": colleague.pk}
    )
    api = client_for(assessor).post(
        reverse(API),
        {"allocations": [{"attempt": attempt.pk, "marker": colleague.pk}]},
        content_type="application/json",
    )
    assert page.status_code == 403
    assert api.status_code == 403 and api.json()["errors"][0]["path"] == ""
    with pytest.raises(services.NotAllowed):
        services.allocation_set(attempt=attempt, marker=colleague, by=assessor)
    assert _allocated(attempt) is None


def test_a_permitted_assessor_outside_the_cohort_is_refused_as_not_found(
    attempt, assessor, outsider_assessor, client_for
):
    outsider = _with_permission(outsider_assessor)
    with pytest.raises(services.NotAllowed):
        services.allocation_set(attempt=attempt, marker=assessor, by=outsider)
    api = client_for(outsider).post(
        reverse(API),
        {"allocations": [{"attempt": attempt.pk, "marker": assessor.pk}]},
        content_type="application/json",
    )
    assert api.status_code == 200
    assert api.json() == {
        "allocated": [],
        "refused": [{"attempt": attempt.pk, "message": "Poging niet gevonden."}],
    }
    assert _allocated(attempt) is None


def test_a_target_marker_outside_the_cohort_is_refused(
    attempt, lead, outsider_assessor, trainee, client_for
):
    response = client_for(lead).post(
        reverse(ALLOCATE),
        {"attempt": [attempt.pk], f"marker_{attempt.pk}": outsider_assessor.pk},
        follow=True,
    )
    text = response.content.decode()
    assert f"Poging {attempt.pk} niet toegewezen" in text
    assert "Alleen een beoordelaar van de groep" in text
    for stranger in (outsider_assessor, trainee):
        with pytest.raises(services.AssessmentError) as refused:
            services.allocation_set(attempt=attempt, marker=stranger, by=lead)
        assert refused.value.errors[0]["path"] == "marker"
    assert _allocated(attempt) is None


def test_bulk_allocation_allocates_what_it_may_and_names_each_refusal(
    trainee,
    other_trainee,
    outsider_trainee,
    cohort,
    other_cohort,
    colleague,
    lead,
    outsider_assessor,
    client_for,
):
    one = finished_attempt(trainee=trainee, cohort=cohort)
    two = finished_attempt(trainee=other_trainee, cohort=cohort)
    foreign = finished_attempt(trainee=outsider_trainee, cohort=other_cohort)

    response = client_for(lead).post(
        reverse(API),
        {
            "allocations": [
                {"attempt": one.pk, "marker": colleague.pk},
                {"attempt": two.pk, "marker": outsider_assessor.pk},
                {"attempt": foreign.pk, "marker": colleague.pk},
            ]
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    body = response.json()
    assert body["allocated"] == [{"attempt": one.pk, "marker": colleague.username}]
    refused = {item["attempt"]: item["message"] for item in body["refused"]}
    assert set(refused) == {two.pk, foreign.pk}
    assert "beoordelaar van de groep" in refused[two.pk]
    assert refused[foreign.pk] == "Poging niet gevonden."
    assert _allocated(one) == colleague
    assert _allocated(two) is None and _allocated(foreign) is None

    # the page: several selected rows at once, one refused and named
    page = client_for(lead).post(
        reverse(ALLOCATE),
        {
            "attempt": [one.pk, two.pk],
            f"marker_{one.pk}": "",
            f"marker_{two.pk}": lead.pk,
        },
        follow=True,
    )
    assert _allocated(one) is None and _allocated(two) == lead
    assert "2 toewijzingen opgeslagen" in page.content.decode()


def test_the_api_names_the_field_path_of_an_invalid_item(lead, client_for):
    response = client_for(lead).post(
        reverse(API),
        {"allocations": [{"attempt": "x", "marker": None}]},
        content_type="application/json",
    )
    assert response.status_code == 400
    paths = [error["path"] for error in response.json()["errors"]]
    assert paths == ["allocations[0].attempt"]


@pytest.mark.parametrize("count", [1, 20])
def test_the_allocators_queue_does_not_grow_with_the_number_of_attempts(
    count, trainee, cohort, lead, client_for, django_assert_max_num_queries
):
    for _ in range(count):
        finished_attempt(trainee=trainee, cohort=cohort, timeline=[])
    client = client_for(lead)
    client.get(reverse(QUEUE))  # session and user caches warm

    # the queue's seven (tests/assessment/test_queue.py) and the cohorts' markers: eight
    with django_assert_max_num_queries(8):
        response = client.get(reverse(QUEUE))
    assert len(response.context["rows"]) == count
    assert all(row.markers for row in response.context["rows"])
