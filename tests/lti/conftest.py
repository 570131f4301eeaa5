"""Fixtures of the LTI tests: a registered LMS (tests/lti/lms.py) and a published case."""

from __future__ import annotations

import pytest
import responses
from lti_tool.models import LtiDeployment, LtiRegistration

from tests.factories.assessment import CaseVersionFactory

from .lms import CLIENT_ID, DEPLOYMENT_ID, ISSUER, Lms


def register(name: str, issuer: str = ISSUER, client_id: str = CLIENT_ID) -> LtiRegistration:
    """A registration as the administrator enters it, with its active deployment."""
    reg = LtiRegistration.objects.create(
        name=name,
        issuer=issuer,
        client_id=client_id,
        auth_url=f"{issuer}/auth",
        token_url=f"{issuer}/token",
        keyset_url=f"{issuer}/jwks",
    )
    LtiDeployment.objects.create(registration=reg, deployment_id=DEPLOYMENT_ID, is_active=True)
    return reg


@pytest.fixture
def registration():
    return register("Moodle ROC Test")


@pytest.fixture
def mocked():
    with responses.RequestsMock(assert_all_requests_are_fired=False) as mocked:
        yield mocked


@pytest.fixture
def lms(client, registration, mocked):
    return Lms(client, str(registration.uuid), mocked)


@pytest.fixture
def case_version(db):
    return CaseVersionFactory()
