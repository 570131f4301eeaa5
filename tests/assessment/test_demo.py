"""The assessment's demo data: graded attempts for the demo trainees, loaded idempotently."""

import pytest
from django.urls import reverse

from assessment.models import Grade, GradeStatus
from schadeplatform.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_gives_cursist1_results_and_progress_at_once(demo, client_for):

    cursist1 = User.objects.get(username="cursist1")
    signed = Grade.objects.filter(attempt__trainee=cursist1, status=GradeStatus.SIGNED)
    assert signed.count() >= 2
    assert Grade.objects.filter(
        attempt__trainee__username="cursist2", status=GradeStatus.SIGNED
    ).exists()
    assert set(signed.values_list("assessor__username", flat=True)) == {"beoordelaar1"}

    client = client_for(cursist1)
    results = client.get(reverse("assessment:my_results"))
    assert len(results.context["results"]) == signed.count()
    progress = client.get(reverse("assessment:progress"))
    assert progress.content.decode().count("<polyline") >= 1

    queue = client_for(User.objects.get(username="beoordelaar1")).get(reverse("assessment:queue"))
    assert any(row.can_start for row in queue.context["rows"])


def test_demo_queue_shows_every_marking_state_and_a_cohort_lead_allocates(demo):
    from assessment.models import MarkerAllocation, MarkingState
    from assessment.selectors import assessment_queue

    assessor = User.objects.get(username="beoordelaar1")
    states = {row.marking_state for row in assessment_queue(assessor)}
    assert {
        MarkingState.NOT_MARKED,
        MarkingState.IN_MARKING,
        MarkingState.READY_FOR_RELEASE,
        MarkingState.RELEASED,
    } <= states
    # the cohort lead may allocate, beoordelaar1 may not; the not-marked attempt is allocated
    lead = User.objects.get(username="coordinator1")
    assert lead.has_perm("assessment.change_markerallocation")
    assert not assessor.has_perm("assessment.change_markerallocation")
    allocation = MarkerAllocation.objects.get()
    assert allocation.marker == assessor and allocation.allocated_by == lead
    # that a second run adds no allocation and saves no draft again:
    # tests/schadeplatform/test_load_demo.py
