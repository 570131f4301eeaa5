"""The workshop day's pages: the task without the reference, a refused plan that keeps what was
typed, the verdict per constraint, and who may see what (practice only, the trainee's own)."""

from __future__ import annotations

import io

import pytest
from django.urls import reverse

from cases.models import WorkshopDay, WorkshopDayAnswer
from cases.workshop_day import day_data, demo

pytestmark = pytest.mark.django_db


def reference_post(**overrides):
    """The reference plan as the form posts it."""
    data = {"colleague": day_data.REFERENCE_PLAN["colleague"]}
    for key, plan in day_data.REFERENCE_PLAN["dossiers"].items():
        for dep, start in plan["start"].items():
            data[f"start_{key}_{dep}"] = "" if start is None else str(start)
        for field, name in (
            ("replacement_car", "car"),
            ("ask_insurer", "insurer"),
            ("call_customer", "call"),
        ):
            if plan.get(field):
                data[f"{name}_{key}"] = "on"
        if plan.get("told_day") is not None:
            data[f"told_{key}"] = str(plan["told_day"])
    return {**data, **overrides}


def test_the_task_page_shows_the_day_but_not_the_reference(client, trainee, day):
    client.force_login(trainee)
    html = client.get(reverse("cases:workshop-day", args=[day.pk])).content.decode()
    assert "Jeroen van het plaatwerk heeft zich ziek gemeld" in html
    assert "Mercedes Vito (VLN-58-R)" in html and "Het gebruikte portier komt dinsdag" in html
    assert "plaatwerk 35" in html  # the Niro's hours, from the engine
    assert day_data.REFERENCE_EXPLANATION[:40] not in html
    for dossier in day_data.DOSSIERS:
        assert dossier["model_note"][:40] not in html
    # the roster is the normal one: the trainee applies the message
    assert "<td>16</td>" in html


def test_a_refused_plan_keeps_what_was_typed_with_dutch_errors(client, trainee, day):
    client.force_login(trainee)
    data = reference_post(told_clio="", note_clio="Portier komt later, excuses.")
    data.pop("colleague")
    response = client.post(reverse("cases:workshop-day", args=[day.pk]), data)
    html = response.content.decode()
    assert response.status_code == 400
    assert "Kies welke dag u de klant noemt." in html
    assert "Kies wat u met de vraag van uw collega doet." in html
    assert "Portier komt later, excuses." in html
    assert 'name="start_vito_plaatwerk"' in html and '<option value="1" selected>' in html
    assert not WorkshopDayAnswer.objects.exists()
    assert day_data.REFERENCE_EXPLANATION[:40] not in html


def test_a_day_told_without_a_call_is_refused(client, trainee, day):
    client.force_login(trainee)
    response = client.post(
        reverse("cases:workshop-day", args=[day.pk]), reference_post(told_bmw="0")
    )
    assert response.status_code == 400
    assert "vink &#x27;Klant bellen&#x27; aan" in response.content.decode()


def test_a_tampered_day_is_refused_in_dutch(client, trainee, day):
    client.force_login(trainee)
    response = client.post(
        reverse("cases:workshop-day", args=[day.pk]), reference_post(start_golf_plaatwerk="9")
    )
    assert response.status_code == 400 and "Kies een dag uit de lijst." in response.content.decode()


def test_the_reference_plan_passes_and_shows_the_explanation(client, trainee, day):
    client.force_login(trainee)
    response = client.post(reverse("cases:workshop-day", args=[day.pk]), reference_post())
    answer = WorkshopDayAnswer.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("cases:workshop-day-answer", args=[answer.pk])
    assert answer.trainee == trainee and answer.score == 100 and answer.passed
    html = client.get(response.url).content.decode()
    assert "Score 100 van 100" in html and "voldoende" in html
    assert day_data.REFERENCE_EXPLANATION[:40] in html
    assert "Capaciteit per afdeling per dag" in html


def test_a_plan_breaking_a_hard_constraint_fails_with_its_explanation(client, trainee, day):
    client.force_login(trainee)
    client.post(
        reverse("cases:workshop-day", args=[day.pk]), reference_post(start_niro_plaatwerk="1")
    )
    answer = WorkshopDayAnswer.objects.get()
    assert not answer.passed and answer.score == 100
    html = client.get(reverse("cases:workshop-day-answer", args=[answer.pk])).content.decode()
    assert "onvoldoende: uw planning breekt een harde eis" in html
    assert "HV-vrijgave pas woensdag" in html


def test_another_trainee_gets_404_for_the_result(client, trainee, other_trainee, day):
    client.force_login(trainee)
    client.post(reverse("cases:workshop-day", args=[day.pk]), reference_post())
    answer = WorkshopDayAnswer.objects.get()
    client.force_login(other_trainee)
    assert client.get(reverse("cases:workshop-day-answer", args=[answer.pk])).status_code == 404
    listing = client.get(reverse("cases:workshop-day-list")).content.decode()
    assert reverse("cases:workshop-day-answer", args=[answer.pk]) not in listing


def test_assessor_and_editor_see_the_task_but_neither_plan_nor_result(
    client, trainee, assessor, editor, cohort, day
):
    client.force_login(trainee)
    client.post(reverse("cases:workshop-day", args=[day.pk]), reference_post())
    answer = WorkshopDayAnswer.objects.get()
    for user in (assessor, editor):
        client.force_login(user)
        task = client.get(reverse("cases:workshop-day", args=[day.pk]))
        assert task.status_code == 200
        assert day_data.REFERENCE_EXPLANATION[:40] not in task.content.decode()
        posted = client.post(reverse("cases:workshop-day", args=[day.pk]), reference_post())
        assert posted.status_code == 404
        url = reverse("cases:workshop-day-answer", args=[answer.pk])
        assert client.get(url).status_code == 404
    assert WorkshopDayAnswer.objects.count() == 1


def test_anonymous_is_sent_to_login(client, day):
    for url in (
        reverse("cases:workshop-day-list"),
        reverse("cases:workshop-day", args=[day.pk]),
        reverse("cases:workshop-day-answer", args=[1]),
    ):
        response = client.get(url)
        assert response.status_code == 302 and "inloggen" in response.url


def test_an_unpublished_day_is_not_found(client, trainee, day):
    WorkshopDay.objects.filter(pk=day.pk).update(published=False)
    client.force_login(trainee)
    assert client.get(reverse("cases:workshop-day", args=[day.pk])).status_code == 404


def test_the_case_list_links_to_the_day(client, trainee, day):
    client.force_login(trainee)
    html = client.get(reverse("cases:index")).content.decode()
    assert reverse("cases:workshop-day-list") in html
    listing = client.get(reverse("cases:workshop-day-list")).content.decode()
    assert reverse("cases:workshop-day", args=[day.pk]) in listing


def test_the_demo_loader_is_idempotent(client, trainee, day):
    client.force_login(trainee)
    client.post(reverse("cases:workshop-day", args=[day.pk]), reference_post())
    out = io.StringIO()
    demo.load(out)
    assert "al actueel" in out.getvalue()
    assert WorkshopDay.objects.count() == 1 and WorkshopDayAnswer.objects.count() == 1
