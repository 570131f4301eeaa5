"""A trainee never sees the reference calculations, the expected decisions, the hidden damage's
reference lines or the customer's "good answer" hints — not in the page, not in the API."""

import json

import pytest
from django.urls import reverse

from cases import workflow as wf
from tests.cases.flow import prepare_repair, to_approved
from tests.factories.cases import (
    REF_SECRET_CODE,
    REF_SECRET_DESCRIPTION,
    REF_SECRET_HIDDEN_LINE,
    REF_SECRET_HINT,
    AttemptFactory,
    PublishedCaseVersionFactory,
    hidden_damage,
    hv_fact_sources,
    hv_facts,
)

pytestmark = pytest.mark.django_db

SECRETS = (
    REF_SECRET_CODE,
    REF_SECRET_DESCRIPTION,
    REF_SECRET_HIDDEN_LINE,
    REF_SECRET_HINT,
    "reference_precalc",
    "reference_final",
    "expected_decisions",
    "expected_hv_judgement",
    "good_answer_hint",
    'economic_total_loss": false',
)


@pytest.fixture
def attempt(trainee, cohort):
    version = PublishedCaseVersionFactory(hidden_damage=hidden_damage())
    attempt = AttemptFactory(trainee=trainee, case_version=version, cohort=cohort)
    to_approved(attempt, trainee)
    prepare_repair(attempt, trainee)
    # the hidden damage is revealed: its description shows, its reference lines never
    return wf.attempt_start_repair(attempt=attempt, by=trainee)


def assert_clean(text):
    for secret in SECRETS:
        assert secret not in text, secret


def test_the_reference_is_really_in_the_case_version(attempt):
    stored = json.dumps(
        [
            attempt.case_version.reference_precalc,
            attempt.case_version.hidden_damage,
            attempt.case_version.customer,
        ]
    )
    for secret in (
        REF_SECRET_CODE,
        REF_SECRET_DESCRIPTION,
        REF_SECRET_HIDDEN_LINE,
        REF_SECRET_HINT,
    ):
        assert secret in stored


def test_the_dossier_page_holds_no_reference(attempt, trainee, client_for):
    response = client_for(trainee).get(reverse("cases:attempt-detail", kwargs={"pk": attempt.pk}))
    html = response.content.decode()
    assert "Achter de bumper is de bumperbalk ingedrukt." in html
    assert_clean(html)


def test_the_start_page_holds_no_reference(attempt, trainee, client_for):
    assert_clean(client_for(trainee).get(reverse("cases:index")).content.decode())


@pytest.mark.parametrize("name", ["attempt-detail", "attempt-timeline"])
def test_the_attempt_api_holds_no_reference(attempt, trainee, client_for, name):
    response = client_for(trainee).get(reverse(f"api:cases_api:{name}", kwargs={"pk": attempt.pk}))
    assert response.status_code == 200
    assert_clean(response.content.decode())


def test_the_case_list_and_start_api_hold_no_reference(attempt, trainee, client_for):
    client = client_for(trainee)
    assert_clean(client.get(reverse("api:cases_api:case-list")).content.decode())
    started = client.post(
        reverse("api:cases_api:attempt-start", kwargs={"slug": attempt.case_version.case.slug})
    )
    assert started.status_code == 201
    assert_clean(started.content.decode())


def test_a_move_answer_holds_no_reference(attempt, trainee, client_for):
    url = reverse(
        "api:cases_api:attempt-move", kwargs={"pk": attempt.pk, "move": "inform_customer"}
    )
    response = client_for(trainee).post(
        url, {"topic": "change", "message": "Extra onderdeel"}, content_type="application/json"
    )
    assert response.status_code == 200
    assert_clean(response.content.decode())


HV_SECRET = "GEHEIM-HV-ANTWOORD"


@pytest.fixture
def hv_attempt(trainee, cohort):
    """An HV vehicle whose facts are found by asking (issue #16 item 4): before a question is
    asked neither its answer nor the facts nor their sources reach the trainee."""
    version = PublishedCaseVersionFactory(
        hv_facts=hv_facts(airbags_fired=True),
        expected_hv_judgement="quarantine",
        hv_fact_sources=hv_fact_sources(),
        hv_answers={
            "airbags": f"Ja, de airbag ging af ({HV_SECRET}).",
            "underbody_hit": "Nee.",
            "warning_lights": "Nee.",
            "smell_or_smoke": "Nee.",
        },
    )
    return AttemptFactory(trainee=trainee, case_version=version, cohort=cohort)


def test_the_hv_facts_and_answers_stay_hidden_until_asked(hv_attempt, trainee, client_for):
    client = client_for(trainee)
    pages = [
        client.get(reverse("cases:attempt-detail", kwargs={"pk": hv_attempt.pk})),
        client.get(reverse("api:cases_api:attempt-detail", kwargs={"pk": hv_attempt.pk})),
        client.get(reverse("api:cases_api:attempt-timeline", kwargs={"pk": hv_attempt.pk})),
    ]
    for response in pages:
        assert response.status_code == 200
        text = response.content.decode()
        assert_clean(text)
        for secret in (HV_SECRET, "hv_fact_sources", "hv_answers", "Ja, de airbag"):
            assert secret not in text, secret
    wf.attempt_ask_customer(attempt=hv_attempt, by=trainee, question="airbags")
    detail = client.get(reverse("api:cases_api:attempt-detail", kwargs={"pk": hv_attempt.pk}))
    assert HV_SECRET in detail.content.decode()


def test_the_customers_kind_and_vat_answer_stay_hidden_until_asked(trainee, cohort, client_for):
    """In every case (not only where the VAT status decides): the kind shows as "–" and the
    customer's VAT answer is in no page or API until the catalogue's question is asked."""
    from cases.hv_questions import VAT_STATUS

    customer = {"name": "Jan Visser", "kind": "business", "deducts_vat": True}
    version = PublishedCaseVersionFactory(customer=customer)
    attempt = AttemptFactory(trainee=trainee, case_version=version, cohort=cohort)
    client = client_for(trainee)
    detail = reverse("api:cases_api:attempt-detail", kwargs={"pk": attempt.pk})
    page = reverse("cases:attempt-detail", kwargs={"pk": attempt.pk})
    assert '"kind": "business"' not in json.dumps(json.loads(client.get(detail).content))
    shown = client.get(page).content.decode().split("Soort klant")[1][:120]
    assert "–" in shown and "zakelijk" not in shown
    wf.attempt_ask_customer(attempt=attempt, by=trainee, question=VAT_STATUS)
    assert '"kind": "business"' in json.dumps(json.loads(client.get(detail).content))
    shown = client.get(page).content.decode().split("Soort klant")[1][:120]
    assert "zakelijk" in shown and "verrekent btw" in shown
