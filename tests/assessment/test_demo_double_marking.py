"""The demo's double-marked exam cohort (issue #15, item 1): an escalated attempt decided by a
third marker, one agreed without escalation, both released, one still blind; each page opens
for a new user, and loading again changes nothing."""

import pytest
from django.urls import reverse

from assessment.demo_double_marking import CANDIDATES, COHORT
from assessment.exam import candidate_code
from assessment.models import AgreedGrade, MarkingPolicy, Moderation
from cases.models import Attempt
from schadeplatform.accounts.models import User

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_double_marked_exam_cohort_with_an_escalation(demo, client_for):

    policy = MarkingPolicy.objects.get(cohort__name=COHORT)
    assert (policy.markers, policy.agreement_rule, policy.moderation_sample_percent) == (
        2,
        "third_decides",
        20,
    )
    attempts = {
        a.trainee.username: a
        for a in Attempt.objects.filter(cohort__name=COHORT).select_related("trainee")
    }
    assert set(attempts) == set(CANDIDATES)
    agreed = {
        name: AgreedGrade.objects.get(attempt=attempt)
        for name, attempt in attempts.items()
        if name != "examenkandidaat3"
    }
    methods = sorted(a.method for a in agreed.values())
    assert "mean" in methods and methods.count("third_marker") == 1
    assert set(methods) <= {"mean", "third_marker", "moderator"}  # moderator: the sample
    escalated_name = next(n for n, a in agreed.items() if a.method == "third_marker")
    escalated = agreed[escalated_name]
    assert escalated.basis.assessor.username == "beoordelaar3"
    assert Moderation.objects.get(attempt=attempts[escalated_name]).kind == "escalation"
    assert all(a.basis.is_released for a in agreed.values())
    assert not AgreedGrade.objects.filter(attempt=attempts["examenkandidaat3"]).exists()

    # each page opens: the board's policy and histories, a marker's queue, a trainee's result
    board = client_for(User.objects.get(username="examencommissie1"))
    assert board.get(reverse("assessment:marking_policies")).status_code == 200
    assert (
        board.get(reverse("assessment:marking_policy", args=[policy.cohort_id])).status_code == 200
    )
    for attempt in attempts.values():
        page = board.get(reverse("assessment:marking_history", args=[attempt.pk]))
        assert page.status_code == 200
    queue = client_for(User.objects.get(username="beoordelaar2")).get(reverse("assessment:queue"))
    assert candidate_code(attempts["examenkandidaat3"]) in queue.content.decode()
    trainee = client_for(User.objects.get(username=escalated_name))
    result = trainee.get(reverse("assessment:result", args=[attempts[escalated_name].pk]))
    assert result.status_code == 200 and "derde beoordelaar beslist" in result.content.decode()
