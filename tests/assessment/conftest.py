import pytest

from tests.factories.assessment import CaseVersionFactory, finished_attempt


@pytest.fixture
def case_version(db):
    return CaseVersionFactory()


@pytest.fixture
def attempt(trainee, cohort, case_version):
    """A delivered, submitted attempt of `trainee` in cohort A with a perfect calculation."""
    return finished_attempt(trainee=trainee, cohort=cohort, case_version=case_version)
