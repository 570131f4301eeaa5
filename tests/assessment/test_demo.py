"""The assessment's demo data: graded attempts for the demo trainees, loaded idempotently."""

import io

import pytest
from django.core.management import call_command
from django.urls import reverse

from assessment.models import Grade, GradeStatus
from schadeplatform.accounts.models import User

pytestmark = pytest.mark.django_db


def test_demo_gives_cursist1_results_and_progress_at_once(client_for):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    print(out.getvalue())

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

    counts = Grade.objects.count()
    call_command("load_demo", stdout=io.StringIO())
    assert Grade.objects.count() == counts
