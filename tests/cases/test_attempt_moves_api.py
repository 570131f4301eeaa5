"""The moves through the API: 200 with the dossier, 400 for invalid input, 409 for a refused
move (recorded), 404 for an unknown move."""

import pytest
from django.urls import reverse

from cases.models import AttemptStatus
from cases.timeline import EventKind
from tests.cases.flow import post_move
from tests.factories.cases import AttemptFactory, PublishedCaseVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, cohort):
    return AttemptFactory(trainee=trainee, cohort=cohort)


def test_a_move_answers_with_the_updated_dossier(attempt, trainee, client_for):
    response = post_move(
        client_for(trainee),
        attempt,
        "record_damage",
        {"zones": ["front", "side"], "description": "Deuk"},
    )
    assert response.status_code == 200
    body = response.json()
    assert body["intake"]["damage_zones"] == ["front", "side"]
    assert "receive_repair_order" in body["available_moves"]


def test_invalid_input_is_400_with_field_paths(attempt, trainee, client_for):
    response = post_move(client_for(trainee), attempt, "record_first_estimate", {"amount": "veel"})
    assert response.status_code == 400
    paths = {e["path"] for e in response.json()["errors"]}
    assert paths == {"amount", "repair_days"}
    assert not attempt.events.exists()


def test_a_refused_move_is_409_and_recorded(attempt, trainee, client_for):
    response = post_move(client_for(trainee), attempt, "deliver_vehicle", {"explanation": "Klaar"})
    assert response.status_code == 409
    assert response.json() == {
        "errors": [
            {
                "path": "",
                "message": "Afleveren kan pas nadat de eindcalculatie is ingediend en goedgekeurd.",
            }
        ]
    }
    assert attempt.events.get().kind == EventKind.MOVE_REFUSED


def test_an_unknown_move_is_404(attempt, trainee, client_for):
    assert post_move(client_for(trainee), attempt, "teleport", {}).status_code == 404


def test_starting_a_case_through_the_api(trainee, cohort, client_for):
    version = PublishedCaseVersionFactory()
    client = client_for(trainee)
    listed = client.get(reverse("api:cases_api:case-list")).json()
    assert [c["slug"] for c in listed] == [version.case.slug]
    response = client.post(
        reverse("api:cases_api:attempt-start", kwargs={"slug": version.case.slug})
    )
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == AttemptStatus.INTAKE
    assert body["case_version"] == 1
    assert body["brief"]["customer"]["questions"][0] == {
        "index": 0,
        "question": "Hoe lang gaat het herstel duren?",
    }


def test_the_timeline_lists_events_in_order(attempt, trainee, client_for):
    client = client_for(trainee)
    post_move(client, attempt, "give_advice", {"advice": "Voorruit meenemen"})
    post_move(client, attempt, "order_parts", {})
    timeline = client.get(
        reverse("api:cases_api:attempt-timeline", kwargs={"pk": attempt.pk})
    ).json()
    assert [e["kind"] for e in timeline] == [EventKind.ADVICE_GIVEN, EventKind.MOVE_REFUSED]
    assert timeline[1]["refused"] is True
    assert timeline[0]["actor"] == trainee.username


def test_a_forbidden_move_is_refused_and_recorded_even_with_incomplete_input(
    attempt, trainee, client_for
):
    response = post_move(client_for(trainee), attempt, "order_parts", {})
    assert response.status_code == 409
    response = post_move(client_for(trainee), attempt, "deliver_vehicle", {})
    assert response.status_code == 409
    assert [e.data["move"] for e in attempt.events.order_by("pk")] == [
        "order_parts",
        "deliver_vehicle",
    ]
