"""The people of the permission tests, each made by one function: the fixtures of
tests/conftest.py (one test long) and the worlds a whole class or module shares
(tests/hardening/test_private_files.py) make them the same way, with the same usernames, roles,
organisations and cohorts.

Imported inside the fixtures: the models need Django, and the Django-free packages
(calcengine) are also tested with `-p no:django`.
"""

from __future__ import annotations

from schadeplatform.accounts.models import Role
from tests.factories.accounts import CohortFactory, OrganisationFactory, UserFactory


def organisation():
    return OrganisationFactory(name="Opleider A")


def other_organisation():
    return OrganisationFactory(name="Opleider B")


def trainee(organisation):
    return UserFactory(username="cursist_a1", role=Role.TRAINEE, organisation=organisation)


def other_trainee(organisation):
    return UserFactory(username="cursist_a2", role=Role.TRAINEE, organisation=organisation)


def assessor(organisation):
    return UserFactory(username="beoordelaar_a", role=Role.ASSESSOR, organisation=organisation)


def cohort(organisation, trainees, assessors):
    return CohortFactory(
        organisation=organisation, name="Groep A", trainees=trainees, assessors=assessors
    )


def outsider_trainee(other_organisation):
    return UserFactory(username="cursist_b1", role=Role.TRAINEE, organisation=other_organisation)


def outsider_assessor(other_organisation):
    return UserFactory(
        username="beoordelaar_b", role=Role.ASSESSOR, organisation=other_organisation
    )


def other_cohort(other_organisation, trainees, assessors):
    return CohortFactory(
        organisation=other_organisation, name="Groep B", trainees=trainees, assessors=assessors
    )


def _trainee_in_two_cohorts(username, organisation, first, second):
    user = UserFactory(username=username, role=Role.TRAINEE, organisation=organisation)
    first.trainees.add(user)
    second.trainees.add(user)
    return user


def two_organisation_trainee(organisation, cohort, other_cohort):
    """A trainee of organisation A, in cohort A and also in organisation B's cohort."""
    return _trainee_in_two_cohorts("cursist_ab", organisation, cohort, other_cohort)


def examiner(organisation):
    return UserFactory(username="examinator_a", role=Role.ASSESSOR, organisation=organisation)


def exam_group(organisation, examiner):
    """An exam cohort of organisation A; made after cohort A, so of a higher id."""
    return CohortFactory(
        organisation=organisation, name="Examengroep A", exam_mode=True, assessors=[examiner]
    )


def multi_cohort_trainee(organisation, cohort, exam_group):
    """A trainee in practice cohort A (the lower id) and in the exam cohort."""
    return _trainee_in_two_cohorts("cursist_examen", organisation, cohort, exam_group)


def editor(organisation):
    return UserFactory(
        username="redacteur_a", role=Role.EDITOR, organisation=organisation, is_staff=True
    )


def admin_user(organisation):
    return UserFactory(
        username="beheerder",
        role=Role.ADMIN,
        organisation=organisation,
        is_staff=True,
        is_superuser=True,
    )
