"""The case library: a published version is frozen, editing makes a new draft, and every
attempt stays pinned to the version (and rates) it was started on."""

import pytest

from cases import selectors, services
from cases.models import Attempt, CaseVersionStatus, FrozenCaseVersion
from tests.factories.accounts import CohortFactory
from tests.factories.cases import (
    CaseFactory,
    CaseVersionFactory,
    PublishedCaseVersionFactory,
    hv_fact_sources,
    hv_facts,
)

pytestmark = pytest.mark.django_db


def test_publishing_a_valid_draft_freezes_it(editor):
    draft = CaseVersionFactory()
    services.case_version_publish(version=draft, by=editor)
    assert draft.status == CaseVersionStatus.PUBLISHED
    assert draft.published_at is not None


def test_a_draft_with_a_reference_the_engine_refuses_is_not_published(editor):
    draft = CaseVersionFactory(reference_precalc={"spec": "schadecalc/1", "lines": []})
    with pytest.raises(services.CaseVersionInvalid) as invalid:
        services.case_version_publish(version=draft, by=editor)
    assert any(e["path"].startswith("reference_precalc") for e in invalid.value.errors)
    draft.refresh_from_db()
    assert draft.status == CaseVersionStatus.DRAFT


def test_an_hv_expectation_that_contradicts_the_facts_is_not_published(editor):
    draft = CaseVersionFactory(
        hv_facts=hv_facts(airbags_fired=True),
        expected_hv_judgement="safe",
        # Every fact found by a question the customer answers (cases.hv_questions), so that
        # the expectation is the only thing wrong with the draft.
        hv_fact_sources=hv_fact_sources(),
        hv_answers={
            "airbags": "Ja, de zijairbag links is afgegaan.",
            "underbody_hit": "Nee, de onderkant heeft niets geraakt.",
            "warning_lights": "Nee, geen lampjes.",
            "smell_or_smoke": "Nee, niets geroken of gezien.",
        },
    )
    with pytest.raises(services.CaseVersionInvalid) as invalid:
        services.case_version_publish(version=draft, by=editor)
    assert [e["path"] for e in invalid.value.errors] == ["expected_hv_judgement"]


def test_a_published_version_cannot_be_changed_by_any_path(editor):
    version = PublishedCaseVersionFactory()
    with pytest.raises(FrozenCaseVersion):
        services.case_version_update(version=version, by=editor, briefing="Nieuw verhaal")
    version.rates_snapshot = {**version.rates_snapshot, "vat_percent": "9"}
    with pytest.raises(FrozenCaseVersion):
        version.save()
    version.refresh_from_db()
    assert version.rates_snapshot["vat_percent"] == "21"


def test_a_draft_can_be_changed(editor):
    draft = CaseVersionFactory()
    services.case_version_update(version=draft, by=editor, briefing="Nieuw verhaal")
    assert draft.briefing == "Nieuw verhaal"


def test_editing_a_published_case_starts_a_new_draft_copying_the_last_version(editor):
    published = PublishedCaseVersionFactory()
    draft = services.case_version_new_draft(case=published.case, by=editor)
    assert draft.number == 2
    assert draft.status == CaseVersionStatus.DRAFT
    assert draft.reference_precalc == published.reference_precalc
    assert draft.rates_snapshot == published.rates_snapshot
    # asking again returns the open draft instead of a third version
    assert services.case_version_new_draft(case=published.case, by=editor) == draft


def test_an_attempt_starts_on_the_latest_published_version_and_stays_pinned(
    trainee, cohort, editor
):
    v1 = PublishedCaseVersionFactory()
    attempt = services.attempt_start(trainee=trainee, case=v1.case)
    assert attempt.case_version == v1
    assert attempt.cohort == cohort
    assert attempt.simulated_date == v1.start_date
    # a price update is published as version 2
    draft = services.case_version_new_draft(case=v1.case, by=editor)
    services.case_version_update(
        version=draft,
        by=editor,
        rates_snapshot={
            **draft.rates_snapshot,
            "labour": {**draft.rates_snapshot["labour"], "body": "80.00"},
        },
    )
    services.case_version_publish(version=draft, by=editor)
    attempt.refresh_from_db()
    assert attempt.case_version == v1
    assert attempt.case_version.rates_snapshot["labour"]["body"] == "72.50"
    assert selectors.latest_published_version(v1.case) == draft


def test_starting_twice_returns_the_open_attempt(trainee, cohort):
    version = PublishedCaseVersionFactory()
    first = services.attempt_start(trainee=trainee, case=version.case)
    second = services.attempt_start(trainee=trainee, case=version.case)
    assert first == second
    assert Attempt.objects.count() == 1


def test_a_finished_attempt_does_not_block_practising_the_case_again(trainee, cohort):
    version = PublishedCaseVersionFactory()
    first = services.attempt_start(trainee=trainee, case=version.case)
    Attempt.objects.filter(pk=first.pk).update(status="delivered", submitted_at="2026-03-10T10:00Z")
    second = services.attempt_start(trainee=trainee, case=version.case)
    assert second != first


def test_a_case_without_a_published_version_cannot_be_started(trainee):
    draft = CaseVersionFactory()
    with pytest.raises(services.CaseNotAvailable):
        services.attempt_start(trainee=trainee, case=draft.case)
    assert list(selectors.cases_open_to(trainee)) == []


def test_exam_only_cases_are_open_only_to_trainees_in_an_exam_cohort(
    trainee, other_trainee, cohort, organisation
):
    version = PublishedCaseVersionFactory(exam_only=True)
    assert list(selectors.cases_open_to(trainee)) == []
    CohortFactory(
        organisation=organisation, name="Examen", exam_mode=True, trainees=[other_trainee]
    )
    assert list(selectors.cases_open_to(other_trainee)) == [version.case]


def test_only_trainees_start_cases(assessor):
    version = PublishedCaseVersionFactory()
    with pytest.raises(services.CaseNotAvailable):
        services.attempt_start(trainee=assessor, case=version.case)


def test_case_slugs_are_unique():
    from django.db import IntegrityError

    CaseFactory(slug="een")
    with pytest.raises(IntegrityError):
        CaseFactory(slug="een")
