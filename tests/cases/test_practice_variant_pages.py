"""Practice mode's pages: a trainee asks for a new variant, fills in the calculation, sees the
line-by-line score; nobody else sees the attempt; a refused form keeps what was typed; a
practice attempt is never in an assessor's queue nor in the exam statistics."""

from __future__ import annotations

import re

import pytest
from django.urls import reverse

from assessment import selectors as assessment_selectors
from assessment import statistics
from cases.models import PracticeVariantAttempt
from cases.variants import practice
from cases.variants.generate import find_part

pytestmark = pytest.mark.django_db


def _new(client, trainee, template="voorzijde"):
    client.force_login(trainee)
    response = client.post(reverse("cases:practice-variant-new"), {"template": template})
    assert response.status_code == 302
    return PracticeVariantAttempt.objects.get(
        trainee=trainee, pk=response.url.rstrip("/").split("/")[-1]
    )


def reference_post(attempt) -> dict:
    """The form filled in as the reference calculates."""
    variant = practice.variant_of(attempt)
    params = variant.parameters
    data = {"rate_set": params.rate_set_id}
    if params.owner_deducts_vat:
        data["deducts_vat"] = "on"
    by_code = {line["code"]: line for line in variant.reference["lines"]}
    for index, row in enumerate(variant.rows):
        line = by_code.get(row.code)
        if line is None:
            continue
        data[f"operation_{index}"] = line["operation"]
        data[f"mode_{index}"] = (line.get("paint") or {}).get("mode", "")
        data[f"source_{index}"] = line.get("part_source", "oem")
        if line["operation"] == "repair":
            data[f"units_{index}"] = line["labour_units"].replace(".", ",")
    data["work"] = [c for c in variant.offered_work if c in by_code]
    return data


def test_a_trainee_practises_a_fresh_variant_and_sees_the_score_per_line(client, trainee):
    attempt = _new(client, trainee)
    page = client.get(reverse("cases:practice-variant", args=[attempt.pk]))
    assert page.status_code == 200
    html = page.content.decode()
    variant = practice.variant_of(attempt)
    assert "Nieuwe variant" not in html or "Inleveren" in html
    assert variant.output["subtotal_excl_vat"].replace(".", ",") not in html

    response = client.post(
        reverse("cases:practice-variant", args=[attempt.pk]), reference_post(attempt)
    )
    assert response.status_code == 302
    attempt.refresh_from_db()
    assert attempt.passed is True and attempt.score >= 95
    html = client.get(reverse("cases:practice-variant", args=[attempt.pk])).content.decode()
    assert "juist" in html and "Nieuwe variant" in html


def test_a_wrong_rate_set_fails_with_its_reason(client, trainee):
    attempt = _new(client, trainee)
    data = reference_post(attempt)
    data["rate_set"] = (
        "particulier-eigen-tarief"
        if data["rate_set"] != "particulier-eigen-tarief"
        else "verzekeraar-netwerk"
    )
    client.post(reverse("cases:practice-variant", args=[attempt.pk]), data)
    attempt.refresh_from_db()
    assert attempt.passed is False
    assert "rates_differ" in {e["kind"] for e in attempt.result["critical_errors"]}


def test_a_refused_form_keeps_what_was_typed(client, trainee):
    attempt = _new(client, trainee, "zijkant-links")
    variant = practice.variant_of(attempt)
    data = {"rate_set": "lease-zakelijk", "operation_0": "repair", "units_0": "", "mode_0": ""}
    response = client.post(reverse("cases:practice-variant", args=[attempt.pk]), data)
    assert response.status_code == 400
    html = response.content.decode()
    assert "Vul de hersteltijd in" in html
    assert 'value="lease-zakelijk" selected' in html
    assert variant.rows[0].name in html
    attempt.refresh_from_db()
    assert attempt.submitted_at is None


def test_only_the_trainee_sees_their_variant(client, trainee, other_trainee, assessor):
    attempt = _new(client, trainee)
    for user in (other_trainee, assessor):
        client.force_login(user)
        url = reverse("cases:practice-variant", args=[attempt.pk])
        assert client.get(url).status_code == 404
        assert client.post(url, reference_post(attempt)).status_code == 404
    client.force_login(assessor)
    assert client.post(reverse("cases:practice-variant-new")).status_code == 404
    assert (
        "#" + str(attempt.seed)
        not in client.get(reverse("cases:practice-variant-list")).content.decode()
    )


def test_a_practice_variant_is_never_in_an_assessors_queue_nor_in_exam_statistics(
    client, trainee, assessor, cohort
):
    before_queue = assessment_selectors.assessment_queue(assessor)
    before_stats = statistics._cohort_attempts(cohort)
    attempt = _new(client, trainee)
    client.post(reverse("cases:practice-variant", args=[attempt.pk]), reference_post(attempt))
    attempt.refresh_from_db()
    assert attempt.submitted_at is not None
    assert assessment_selectors.assessment_queue(assessor) == before_queue == []
    assert not assessment_selectors.attempts_assessable_by(assessor).exists()
    assert statistics._cohort_attempts(cohort) == before_stats


def test_the_form_offers_the_undamaged_parts_too(client, trainee):
    attempt = _new(client, trainee, "voorzijde")
    variant = practice.variant_of(attempt)
    from calcengine.catalogue import get_vehicle

    vehicle = get_vehicle(variant.parameters.vehicle_id)
    wing = find_part(vehicle, "Voorscherm links")
    assert wing.code in {row.code for row in variant.rows}


def test_an_attempt_of_an_older_template_version_shows_a_message_not_an_error(client, trainee):
    attempt = _new(client, trainee)
    PracticeVariantAttempt.objects.filter(pk=attempt.pk).update(template_version=0)
    response = client.get(reverse("cases:practice-variant", args=[attempt.pk]))
    assert response.status_code == 200
    assert "oudere versie van het sjabloon" in response.content.decode()


def test_an_empty_calculation_is_refused_with_a_dutch_reason(client, trainee):
    attempt = _new(client, trainee, "achterzijde")
    response = client.post(
        reverse("cases:practice-variant", args=[attempt.pk]),
        {"rate_set": "verzekeraar-netwerk", "deducts_vat": "on"},
    )
    assert response.status_code == 400
    html = response.content.decode()
    assert "Een calculatie zonder regels" in html
    assert re.search(r'name="deducts_vat"[^>]*checked', html)
    attempt.refresh_from_db()
    assert attempt.submitted_at is None and attempt.result is None
