"""Shared fixtures: two cohorts in two organisations, each with its trainees and assessor.

Permission tests use the trio owner / colleague / outsider: `trainee` owns the work,
`other_trainee` is a colleague in the same cohort, and `outsider_assessor` assesses cohort B
and must see nothing of cohort A.

Trainees in several cohorts (issue #12): `two_organisation_trainee` is in cohort A and also in
organisation B's cohort; `multi_cohort_trainee` is in cohort A (practice, the lower id) and in
`exam_group`, an exam cohort of organisation A graded by `examiner`. Whoever sees their attempts
follows the cohort each attempt is filed in, never the trainee's other cohorts.
"""

# Imports of models happen inside the fixtures, so that the Django-free packages (calcengine)
# can also be tested with `-p no:django`.
import pytest

PASSWORD = "test-wachtwoord-123"


def _factories():
    from tests.factories import accounts

    return accounts


def _role():
    from schadeplatform.accounts.models import Role

    return Role


@pytest.fixture
def organisation():
    return _factories().OrganisationFactory(name="Opleider A")


@pytest.fixture
def other_organisation():
    return _factories().OrganisationFactory(name="Opleider B")


@pytest.fixture
def trainee(organisation):
    return _factories().UserFactory(
        username="cursist_a1", role=_role().TRAINEE, organisation=organisation
    )


@pytest.fixture
def other_trainee(organisation):
    return _factories().UserFactory(
        username="cursist_a2", role=_role().TRAINEE, organisation=organisation
    )


@pytest.fixture
def assessor(organisation):
    return _factories().UserFactory(
        username="beoordelaar_a", role=_role().ASSESSOR, organisation=organisation
    )


@pytest.fixture
def cohort(organisation, trainee, other_trainee, assessor):
    return _factories().CohortFactory(
        organisation=organisation,
        name="Groep A",
        trainees=[trainee, other_trainee],
        assessors=[assessor],
    )


@pytest.fixture
def outsider_trainee(other_organisation):
    return _factories().UserFactory(
        username="cursist_b1", role=_role().TRAINEE, organisation=other_organisation
    )


@pytest.fixture
def outsider_assessor(other_organisation):
    return _factories().UserFactory(
        username="beoordelaar_b", role=_role().ASSESSOR, organisation=other_organisation
    )


@pytest.fixture
def other_cohort(other_organisation, outsider_trainee, outsider_assessor):
    return _factories().CohortFactory(
        organisation=other_organisation,
        name="Groep B",
        trainees=[outsider_trainee],
        assessors=[outsider_assessor],
    )


@pytest.fixture
def two_organisation_trainee(organisation, cohort, other_cohort):
    """A trainee of organisation A, in cohort A and also in organisation B's cohort."""
    user = _factories().UserFactory(
        username="cursist_ab", role=_role().TRAINEE, organisation=organisation
    )
    cohort.trainees.add(user)
    other_cohort.trainees.add(user)
    return user


@pytest.fixture
def examiner(organisation):
    return _factories().UserFactory(
        username="examinator_a", role=_role().ASSESSOR, organisation=organisation
    )


@pytest.fixture
def exam_group(organisation, cohort, examiner):
    """An exam cohort of organisation A, made after cohort A (so of a higher id)."""
    return _factories().CohortFactory(
        organisation=organisation, name="Examengroep A", exam_mode=True, assessors=[examiner]
    )


@pytest.fixture
def multi_cohort_trainee(organisation, cohort, exam_group):
    """A trainee in practice cohort A (the lower id) and in the exam cohort."""
    user = _factories().UserFactory(
        username="cursist_examen", role=_role().TRAINEE, organisation=organisation
    )
    cohort.trainees.add(user)
    exam_group.trainees.add(user)
    return user


@pytest.fixture
def editor(organisation):
    return _factories().UserFactory(
        username="redacteur_a", role=_role().EDITOR, organisation=organisation, is_staff=True
    )


@pytest.fixture
def admin_user(organisation):
    return _factories().UserFactory(
        username="beheerder",
        role=_role().ADMIN,
        organisation=organisation,
        is_staff=True,
        is_superuser=True,
    )


def logged_in_client(user):
    from django.test import Client

    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_for():
    """`client_for(user)` returns a test client logged in as that user."""
    return logged_in_client


@pytest.fixture
def password():
    return PASSWORD


@pytest.fixture(autouse=True)
def _fresh_cache():
    """Throttle counters and lockouts live in the cache; no test inherits another's."""
    from django.conf import settings

    if not settings.configured:
        yield
        return
    from django.core.cache import cache

    cache.clear()
    yield
    cache.clear()
