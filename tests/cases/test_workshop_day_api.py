"""The workshop day's API: the day without its reference, a plan submitted with field paths on
bad input, the verdict for its trainee alone."""

from __future__ import annotations

import copy

import pytest

from cases.models import WorkshopDayAnswer
from cases.workshop_day import day_data

pytestmark = pytest.mark.django_db


def reference_body():
    plan = copy.deepcopy(day_data.REFERENCE_PLAN)
    return {
        "dossiers": [{"key": key, **row} for key, row in plan["dossiers"].items()],
        "colleague": plan["colleague"],
    }


def test_the_day_is_listed_and_read_without_its_reference(client, trainee, day):
    client.force_login(trainee)
    listing = client.get("/api/v1/workshop-days/").json()
    assert [row["slug"] for row in listing] == [day_data.SLUG]
    body = client.get(f"/api/v1/workshop-days/{day.pk}/").content.decode()
    assert "Jeroen van het plaatwerk" in body
    assert day_data.REFERENCE_EXPLANATION[:40] not in body
    assert "model_note" not in body and "mobility" not in body


def test_the_reference_plan_submitted_passes(client, trainee, day):
    client.force_login(trainee)
    response = client.post(
        f"/api/v1/workshop-days/{day.pk}/plan/", reference_body(), content_type="application/json"
    )
    assert response.status_code == 201
    data = response.json()
    assert data["score"] == 100 and data["passed"] is True
    answer = WorkshopDayAnswer.objects.get()
    assert answer.trainee == trainee
    feedback = client.get(f"/api/v1/workshop-day-plans/{answer.pk}/").json()
    assert feedback["result"]["reference"]["explanation"] == day_data.REFERENCE_EXPLANATION


def test_a_plan_breaking_the_hv_release_fails(client, trainee, day):
    client.force_login(trainee)
    body = reference_body()
    niro = next(row for row in body["dossiers"] if row["key"] == "niro")
    niro["start"]["plaatwerk"] = 0
    data = client.post(
        f"/api/v1/workshop-days/{day.pk}/plan/", body, content_type="application/json"
    ).json()
    assert data["passed"] is False
    hv = next(f for f in data["result"]["findings"] if f["key"] == "hv-vrijgave")
    assert hv["passed"] is False and "HV-vrijgave pas woensdag" in hv["details"][0]


def test_bad_input_names_the_field_paths(client, trainee, day):
    client.force_login(trainee)
    body = reference_body()
    body["dossiers"][2]["call_customer"] = True  # the Vito: a call without a day told
    body["dossiers"][0]["start"]["plaatwerk"] = 7
    body["dossiers"].append({"key": "trabant"})
    body["colleague"] = "misschien"
    response = client.post(
        f"/api/v1/workshop-days/{day.pk}/plan/", body, content_type="application/json"
    )
    assert response.status_code == 400
    paths = {error["path"]: error["message"] for error in response.json()["errors"]}
    assert "dossiers[0].start.plaatwerk" in paths
    assert paths["dossiers[2].told_day"] == "Kies welke dag u de klant noemt."
    assert "colleague" in paths
    assert not WorkshopDayAnswer.objects.exists()


def test_an_unknown_dossier_is_named_by_its_path(client, trainee, day):
    client.force_login(trainee)
    body = reference_body()
    body["dossiers"].append({"key": "trabant"})
    response = client.post(
        f"/api/v1/workshop-days/{day.pk}/plan/", body, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"] == [
        {"path": "dossiers[6].key", "message": "Onbekend dossier."}
    ]


def test_only_the_trainee_reads_their_verdict_and_only_trainees_submit(
    client, trainee, other_trainee, assessor, day
):
    client.force_login(trainee)
    client.post(
        f"/api/v1/workshop-days/{day.pk}/plan/", reference_body(), content_type="application/json"
    )
    answer = WorkshopDayAnswer.objects.get()
    for user in (other_trainee, assessor):
        client.force_login(user)
        assert client.get(f"/api/v1/workshop-day-plans/{answer.pk}/").status_code == 404
    client.force_login(assessor)
    refused = client.post(
        f"/api/v1/workshop-days/{day.pk}/plan/", reference_body(), content_type="application/json"
    )
    assert refused.status_code == 404
    assert WorkshopDayAnswer.objects.count() == 1
