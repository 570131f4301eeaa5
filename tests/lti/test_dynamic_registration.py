"""LTI Dynamic Registration (schadeplatform/lti/dynamic_registration.py), end to end as far as a
platform library allows.

lti1p3platform, the LMS of the other LTI tests, has no dynamic-registration side. So the
platform's two endpoints are served here through `responses` with JSON shaped as the 1EdTech LTI
Dynamic Registration 1.0 spec gives it (§3.4 the platform's OpenID configuration, as Moodle's
`mod/lti/openid-configuration.php` answers it; §3.6 the registration response, with the
`deployment_id` Moodle puts in its tool configuration). No stand-in platform of our own: what
the tool sends is checked against the spec's fields, and the registration it makes is then
launched into by lti1p3platform (tests/lti/lms.py) once an administrator has activated it."""

from __future__ import annotations

import json
from datetime import timedelta
from urllib.parse import urlencode

import pytest
import responses
from django.utils import timezone
from lti_tool.models import LtiDeployment, LtiRegistration

from schadeplatform.lti.dynamic_registration import invitation_new
from schadeplatform.lti.models import RegistrationInvitation

from .lms import INSTRUCTOR, Lms, browser_launch, case_custom

pytestmark = pytest.mark.django_db

ISSUER = "https://moodle.example.test"
OPENID_CONFIGURATION = f"{ISSUER}/mod/lti/openid-configuration.php"
REGISTRATION_ENDPOINT = f"{ISSUER}/mod/lti/openid-registration.php"
REGISTRATION_TOKEN = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.registration.token"
CLIENT_ID = "aB3dE5fG7hI9jK1"
DEPLOYMENT_ID = "12"


def platform_configuration(issuer: str = ISSUER) -> dict:
    """LTI-DR §3.4.1: the platform's OpenID configuration (Moodle 4's shape)."""
    return {
        "issuer": issuer,
        "token_endpoint": f"{issuer}/mod/lti/token.php",
        "token_endpoint_auth_methods_supported": ["private_key_jwt"],
        "token_endpoint_auth_signing_alg_values_supported": ["RS256"],
        "jwks_uri": f"{issuer}/mod/lti/certs.php",
        "authorization_endpoint": f"{issuer}/mod/lti/auth.php",
        "registration_endpoint": f"{issuer}/mod/lti/openid-registration.php",
        "scopes_supported": [
            "https://purl.imsglobal.org/spec/lti-ags/scope/lineitem",
            "https://purl.imsglobal.org/spec/lti-ags/scope/score",
            "https://purl.imsglobal.org/spec/lti-nrps/scope/contextmembership.readonly",
            "openid",
        ],
        "response_types_supported": ["id_token"],
        "subject_types_supported": ["public", "pairwise"],
        "id_token_signing_alg_values_supported": ["RS256"],
        "claims_supported": ["sub", "iss", "name", "given_name", "family_name", "email"],
        "https://purl.imsglobal.org/spec/lti-platform-configuration": {
            "product_family_code": "moodle",
            "version": "4.5",
            "messages_supported": ["LtiResourceLinkRequest", "LtiDeepLinkingRequest"],
            "placements": ["AddContentMenu"],
        },
    }


class Platform:
    """The platform's two endpoints; what the tool posted is kept."""

    def __init__(self, mocked, configuration=None, url=OPENID_CONFIGURATION, status=200):
        self.posted: list[dict] = []
        self.authorizations: list[str] = []
        self.status = status
        mocked.add(responses.GET, url, json=configuration or platform_configuration())
        mocked.add_callback(responses.POST, REGISTRATION_ENDPOINT, callback=self._register)

    def _register(self, request):
        self.authorizations.append(request.headers.get("Authorization", ""))
        document = json.loads(request.body)
        self.posted.append(document)
        if self.status != 200:
            return self.status, {}, json.dumps({"error": "invalid_client_metadata"})
        # LTI-DR §3.6.2: the registration echoed with the client id the platform gave.
        answer = {
            **document,
            "client_id": CLIENT_ID,
            "https://purl.imsglobal.org/spec/lti-tool-configuration": {
                **document["https://purl.imsglobal.org/spec/lti-tool-configuration"],
                "deployment_id": DEPLOYMENT_ID,
            },
        }
        return 200, {"Content-Type": "application/json"}, json.dumps(answer)


@pytest.fixture
def invitation(admin_user):
    return invitation_new(name="Moodle ROC Midden", by=admin_user)


def registration_url(token: str, configuration: str = OPENID_CONFIGURATION) -> str:
    query = urlencode(
        {"openid_configuration": configuration, "registration_token": REGISTRATION_TOKEN}
    )
    return f"/lti/registreren/{token}/?{query}"


def test_an_invited_platform_registers_the_tool_inactive_and_launches_once_activated(
    client, mocked, invitation, case_version
):
    _row, token = invitation
    platform = Platform(mocked)
    url = registration_url(token)

    page = client.get(url)
    assert page.status_code == 200
    assert ISSUER in page.content.decode()
    assert "frame-ancestors https://moodle.example.test" in page["Content-Security-Policy"]
    assert not LtiRegistration.objects.exists()

    done = client.post(url)
    assert done.status_code == 200
    assert "/static/lti/registration_done.js" in done.content.decode()
    registration = LtiRegistration.objects.get()
    assert (registration.name, registration.issuer, registration.client_id) == (
        "Moodle ROC Midden",
        ISSUER,
        CLIENT_ID,
    )
    assert registration.auth_url == f"{ISSUER}/mod/lti/auth.php"
    assert registration.token_url == f"{ISSUER}/mod/lti/token.php"
    assert registration.keyset_url == f"{ISSUER}/mod/lti/certs.php"
    assert not registration.is_active
    assert LtiDeployment.objects.get(registration=registration).deployment_id == DEPLOYMENT_ID

    # What the tool sent (LTI-DR §3.5.2), with the platform's registration token.
    assert platform.authorizations == [f"Bearer {REGISTRATION_TOKEN}"]
    [document] = platform.posted
    assert document["application_type"] == "web"
    assert document["response_types"] == ["id_token"]
    assert set(document["grant_types"]) == {"implicit", "client_credentials"}
    assert document["token_endpoint_auth_method"] == "private_key_jwt"
    assert document["initiate_login_uri"] == f"http://testserver/lti/aanmelden/{registration.uuid}/"
    assert document["redirect_uris"] == ["http://testserver/lti/lancering/"]
    assert document["jwks_uri"] == "http://testserver/lti/jwks/"
    assert "https://purl.imsglobal.org/spec/lti-ags/scope/score" in document["scope"].split()
    tool = document["https://purl.imsglobal.org/spec/lti-tool-configuration"]
    assert tool["domain"] == "testserver"
    assert tool["target_link_uri"] == "http://testserver/lti/lancering/"
    assert {m["type"] for m in tool["messages"]} == {
        "LtiDeepLinkingRequest",
        "LtiResourceLinkRequest",
    }
    assert RegistrationInvitation.objects.get().registration == registration

    # The platform launches (lti1p3platform with the client and deployment ids it gave):
    # refused while the registration is inactive, admitted once an administrator activated it.
    lms = Lms(
        client,
        str(registration.uuid),
        mocked,
        issuer=ISSUER,
        client_id=CLIENT_ID,
        deployment_id=DEPLOYMENT_ID,
    )
    assert client.get(lms.login_initiation_url("t-1", hint="rl-1")).status_code == 400
    registration.is_active = True
    # The test's LMS serves its keys and auth endpoint at its own paths, not Moodle's.
    registration.keyset_url, registration.auth_url = f"{ISSUER}/jwks", f"{ISSUER}/auth"
    registration.save()
    answer, _form = browser_launch(
        client, lms, sub="t-1", roles=(INSTRUCTOR,), custom=case_custom(case_version)
    )
    assert answer.status_code == 302


def test_an_invitation_registers_once(client, mocked, invitation):
    _row, token = invitation
    Platform(mocked)
    assert client.post(registration_url(token)).status_code == 200
    again = client.post(registration_url(token))
    assert again.status_code == 404
    assert client.get(registration_url(token)).status_code == 404
    assert LtiRegistration.objects.count() == 1


def test_without_a_valid_invitation_nothing_is_asked_or_made(client, mocked, invitation):
    row, token = invitation
    platform = Platform(mocked)
    assert client.get(registration_url("not-an-invitation")).status_code == 404
    assert client.post(registration_url("not-an-invitation")).status_code == 404
    RegistrationInvitation.objects.filter(pk=row.pk).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert client.post(registration_url(token)).status_code == 404
    assert platform.posted == [] and not LtiRegistration.objects.exists()
    assert not [c for c in mocked.calls if "openid-configuration" in c.request.url]


@pytest.mark.parametrize(
    ("configuration_url", "issuer"),
    [
        # The add-on compared string prefixes: this host only starts like the issuer's.
        ("https://moodle.example.test.evil.test/openid-configuration", ISSUER),
        ("https://evil.test/mod/lti/openid-configuration.php", ISSUER),
        ("http://moodle.example.test/mod/lti/openid-configuration.php", ISSUER),
        ("https://moodle.example.test/other/openid", "https://moodle.example.test/moodle"),
    ],
)
def test_a_configuration_that_is_not_the_issuers_own_is_refused(
    client, mocked, invitation, configuration_url, issuer
):
    _row, token = invitation
    platform = Platform(mocked, platform_configuration(issuer), url=configuration_url)
    assert client.get(registration_url(token, configuration_url)).status_code == 400
    assert client.post(registration_url(token, configuration_url)).status_code == 400
    assert platform.posted == [] and not LtiRegistration.objects.exists()


def test_a_refused_registration_makes_nothing_and_keeps_the_invitation(client, mocked, invitation):
    row, token = invitation
    Platform(mocked, status=400)
    answer = client.post(registration_url(token))
    assert answer.status_code == 400
    assert not LtiRegistration.objects.exists() and not LtiDeployment.objects.exists()
    row.refresh_from_db()
    assert row.used_at is None


def test_the_admin_shows_an_invitations_url_once(client, admin_user):
    client.force_login(admin_user)
    answer = client.post(
        "/django-admin/lti/registrationinvitation/add/", {"name": "Moodle ROC"}, follow=True
    )
    assert answer.status_code == 200
    shown = [str(m) for m in answer.context["messages"]]
    [message] = [m for m in shown if "/lti/registreren/" in m]
    token = message.split("/lti/registreren/")[1].split("/")[0]
    invitation = RegistrationInvitation.objects.get()
    assert invitation.name == "Moodle ROC" and invitation.created_by == admin_user
    assert token not in invitation.token_hash and len(invitation.token_hash) == 64
