"""Shared fixtures: two cohorts in two organisations, each with its trainees and assessor.

Permission tests use the trio owner / colleague / outsider: `trainee` owns the work,
`other_trainee` is a colleague in the same cohort, and `outsider_assessor` assesses cohort B
and must see nothing of cohort A.
"""

import pytest
from django.test import Client

from schadeplatform.accounts.models import Role
from tests.factories.accounts import PASSWORD, CohortFactory, OrganisationFactory, UserFactory


@pytest.fixture
def organisation():
    return OrganisationFactory(name="Opleider A")


@pytest.fixture
def other_organisation():
    return OrganisationFactory(name="Opleider B")


@pytest.fixture
def trainee(organisation):
    return UserFactory(username="cursist_a1", role=Role.TRAINEE, organisation=organisation)


@pytest.fixture
def other_trainee(organisation):
    return UserFactory(username="cursist_a2", role=Role.TRAINEE, organisation=organisation)


@pytest.fixture
def assessor(organisation):
    return UserFactory(username="beoordelaar_a", role=Role.ASSESSOR, organisation=organisation)


@pytest.fixture
def cohort(organisation, trainee, other_trainee, assessor):
    return CohortFactory(
        organisation=organisation,
        name="Groep A",
        trainees=[trainee, other_trainee],
        assessors=[assessor],
    )


@pytest.fixture
def outsider_trainee(other_organisation):
    return UserFactory(username="cursist_b1", role=Role.TRAINEE, organisation=other_organisation)


@pytest.fixture
def outsider_assessor(other_organisation):
    return UserFactory(username="beoordelaar_b", role=Role.ASSESSOR, organisation=other_organisation)


@pytest.fixture
def other_cohort(other_organisation, outsider_trainee, outsider_assessor):
    return CohortFactory(
        organisation=other_organisation,
        name="Groep B",
        trainees=[outsider_trainee],
        assessors=[outsider_assessor],
    )


@pytest.fixture
def editor(organisation):
    return UserFactory(
        username="redacteur_a", role=Role.EDITOR, organisation=organisation, is_staff=True
    )


@pytest.fixture
def admin_user(organisation):
    return UserFactory(
        username="beheerder",
        role=Role.ADMIN,
        organisation=organisation,
        is_staff=True,
        is_superuser=True,
    )


def logged_in_client(user) -> Client:
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
