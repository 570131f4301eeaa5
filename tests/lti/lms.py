"""The LMS side of the tests: the `lti1p3platform` library (a Python LTI 1.3 platform), with
only the storage hooks it leaves abstract filled in (its registration, its line items and scores,
its course roster). Everything signed, verified or validated on this side is the library's:
the OIDC preflight URL, the id_token, the JWKS, the access token for the tool's client
assertion, the deep-linking response check, the AGS score and NRPS membership handlers.

Its HTTP endpoints are served to the tool's `requests` calls through `responses`; the tool's own
JWKS, which the library fetches, is answered by the tool's real view through Django's client."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import parse_qsl, urlparse

import responses
from django.test import RequestFactory
from jwcrypto.jwk import JWK
from lti1p3platform.framework.django.message_launch import DjangoLTI1P3MessageLaunch
from lti1p3platform.framework.django.oidc_login import DjangoAPIOIDCLogin
from lti1p3platform.framework.django.request import DjangoRequest
from lti1p3platform.ltiplatform import LTI1P3PlatformConfAbstract
from lti1p3platform.membership import Context
from lti1p3platform.registration import Registration
from lti1p3platform.request import Request
from lti1p3platform.score import UpdateScoreStatus
from lti1p3platform.service_connector import (
    AssignmentsGradesService,
    NamesRoleProvisioningService,
)

ISSUER = "https://lms.example.test"
CLIENT_ID = "schadeplatform-tool"
DEPLOYMENT_ID = "deployment-1"
PLATFORM_JWKS_URL = f"{ISSUER}/jwks"
TOKEN_URL = f"{ISSUER}/token"
AUTH_URL = f"{ISSUER}/auth"
LINEITEMS_URL = f"{ISSUER}/courses/7/lineitems"
MEMBERSHIPS_URL = f"{ISSUER}/courses/7/memberships"
TOOL = "http://testserver"

LEARNER = "http://purl.imsglobal.org/vocab/lis/v2/membership#Learner"
INSTRUCTOR = "http://purl.imsglobal.org/vocab/lis/v2/membership#Instructor"


def _pem_pair() -> tuple[str, str]:
    key = JWK.generate(kty="RSA", size=2048)
    return (
        key.export_to_pem(private_key=True, password=None).decode(),
        key.export_to_pem().decode(),
    )


@dataclass
class LmsState:
    """What the LMS stores: line items (id → dict), scores per line item, a course roster."""

    line_items: dict[str, dict[str, Any]] = field(default_factory=dict)
    scores: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    members: list[dict[str, Any]] = field(default_factory=list)


class PlatformConfig(LTI1P3PlatformConfAbstract):
    def init_platform_config(self, **kwargs: Any) -> None:
        self.login_url = kwargs["login_url"]
        private, public = kwargs["keys"]
        self._registration = (
            Registration()
            .set_iss(kwargs["issuer"])
            .set_client_id(kwargs["client_id"])
            .set_deployment_id(kwargs["deployment_id"])
            .set_oidc_login_url(self.login_url)
            .set_launch_url(f"{TOOL}/lti/lancering/")
            .set_deeplink_launch_url(f"{TOOL}/lti/lancering/")
            .set_platform_private_key(private)
            .set_platform_public_key(public)
            .set_tool_key_set_url(f"{TOOL}/lti/jwks/")
        )

    def get_registration_by_params(self, **kwargs: Any) -> Registration:
        return self._registration

    def forget_tool_keys(self) -> None:
        """Fetch the tool's JWKS again at the next check (as after a key rotation)."""
        self._registration._tool_keyset = None


class OIDCLogin(DjangoAPIOIDCLogin):
    def set_lti_message_hint(self, **kwargs: Any) -> None:
        self._lti_message_hint = kwargs["hint"]


class ResponsesRequest(Request):
    """The library's request shape, built from a request the tool sent through `requests`."""

    def build_metadata(self, request: Any) -> dict[str, Any]:
        url = urlparse(request.url)
        body = request.body.decode() if isinstance(request.body, bytes) else request.body or ""
        content_type = request.headers.get("Content-Type", "")
        return {
            "method": request.method,
            "form_data": dict(parse_qsl(body)) if "form" in content_type else {},
            "get_data": dict(parse_qsl(url.query)),
            "headers": request.headers,
            "content_type": content_type,
            "path": url.path,
            "json": json.loads(body) if "json" in content_type and body else None,
        }


class Gradebook(AssignmentsGradesService):
    """The library's AGS endpoint handling over `LmsState` (only storage is ours)."""

    def __init__(self, request, config, state: LmsState, lineitems_url: str, **kwargs):
        super().__init__(request, config, lineitems_url, **kwargs)
        self.state = state
        self.lineitems_url = lineitems_url

    def find_lineitems(self, page=1, limit=None, **filters):
        return {"content": list(self.state.line_items.values()), "has_next": False, "next": None}

    def find_lineitem(self, line_item_id):
        return self.state.line_items[line_item_id]

    def create_lineitem(self, creation_data):
        line_item_id = f"{self.lineitems_url}/{len(self.state.line_items) + 1}"
        self.state.line_items[line_item_id] = {**creation_data, "id": line_item_id}
        return self.state.line_items[line_item_id]

    def update_lineitem(self, update_data):
        self.state.line_items[update_data["id"]].update(update_data)
        return self.state.line_items[update_data["id"]]

    def delete_lineitem(self, line_item_id):
        del self.state.line_items[line_item_id]

    def update_score(self, line_item_id, score):
        from lti1p3platform.exceptions import LineItemNotFoundException

        if line_item_id not in self.state.line_items:
            raise LineItemNotFoundException
        self.state.scores.setdefault(line_item_id, []).append(score)
        return UpdateScoreStatus.SUCCESS

    def get_results(self, line_item_id, page=1, limit=None, user_id=None):
        return {"content": [], "has_next": False, "next": None}


class Roster(NamesRoleProvisioningService):
    def __init__(self, request, config, state: LmsState, memberships_url: str):
        super().__init__(request, config, memberships_url)
        self.state = state

    def get_context_by_id(self) -> Context:
        return Context(id="course-7", label="SCH-7", title="Schademanager LMS-cursus")

    def get_member_data_page(self, page=1, limit=None, role=None, since=None, **kw):
        return {"content": [dict(m) for m in self.state.members], "has_next": False}


def _json(resp) -> tuple[int, dict, str]:
    data = resp.result.get("content", resp.result) if resp.result else {"message": resp.message}
    return resp.code, {"Content-Type": resp.media_type}, json.dumps(data)


class Lms:
    """One LMS course (context `course-7`) that registered the tool, with its HTTP endpoints
    mocked for the tool's outgoing calls. Another issuer makes another LMS (its own keys,
    endpoints and course)."""

    def __init__(
        self,
        client,
        registration_uuid: str,
        mocked: responses.RequestsMock,
        *,
        issuer: str = ISSUER,
        client_id: str = CLIENT_ID,
        deployment_id: str = DEPLOYMENT_ID,
    ) -> None:
        self.client = client
        self.issuer = issuer
        self.keys = _pem_pair()
        self.config = PlatformConfig(
            login_url=f"{TOOL}/lti/aanmelden/{registration_uuid}/",
            keys=self.keys,
            issuer=issuer,
            client_id=client_id,
            deployment_id=deployment_id,
        )
        self.auth_url = f"{issuer}/auth"
        self.lineitems_url = f"{issuer}/courses/7/lineitems"
        self.memberships_url = f"{issuer}/courses/7/memberships"
        self.state = LmsState()
        self.token_requests: list[dict[str, Any]] = []
        mocked.add_callback(responses.GET, f"{issuer}/jwks", callback=self._platform_jwks)
        mocked.add_callback(responses.GET, f"{TOOL}/lti/jwks/", callback=self._tool_jwks)
        mocked.add_callback(responses.POST, f"{issuer}/token", callback=self._token)
        mocked.add_callback(
            responses.POST,
            re.compile(rf"{re.escape(self.lineitems_url)}/\d+/scores"),
            self._score,
        )
        mocked.add_callback(
            responses.GET, re.compile(re.escape(self.memberships_url)), self._members
        )

    # --- the LMS's endpoints -------------------------------------------------------------
    def _platform_jwks(self, request):
        return 200, {"Content-Type": "application/json"}, json.dumps(self.config.get_jwks())

    def _tool_jwks(self, request):
        answer = self.client.get("/lti/jwks/")
        return answer.status_code, {"Content-Type": "application/json"}, answer.content

    def _token(self, request):
        data = ResponsesRequest(request).form_data
        self.token_requests.append(data)
        try:
            token = self.config.get_access_token(data)
        except Exception as exc:
            return 401, {}, json.dumps({"error": str(exc)})
        return 200, {"Content-Type": "application/json"}, json.dumps(token)

    def _score(self, request):
        line_item_id = request.url.rsplit("/scores", 1)[0]
        gradebook = Gradebook(
            ResponsesRequest(request), self.config, self.state, self.lineitems_url
        )
        return _json(gradebook.handle_update_score(line_item_id))

    def _members(self, request):
        roster = Roster(ResponsesRequest(request), self.config, self.state, self.memberships_url)
        return _json(roster.handle_get_members())

    # --- what the LMS does ---------------------------------------------------------------
    def add_line_item(self, label: str, resource_id: str = "") -> str:
        line_item_id = f"{self.lineitems_url}/{len(self.state.line_items) + 1}"
        self.state.line_items[line_item_id] = {
            "id": line_item_id,
            "label": label,
            "scoreMaximum": 100,
            "resourceId": resource_id,
        }
        return line_item_id

    def login_initiation_url(self, user_id: str, hint: str) -> str:
        login = OIDCLogin(None, self.config)
        login.set_lti_message_hint(hint=hint)
        return login.prepare_preflight_url(user_id)

    def launch(
        self,
        auth_redirect: str,
        *,
        sub: str,
        roles: list[str],
        resource_link: str | None = "rl-1",
        custom: dict[str, str] | None = None,
        line_item: str | None = None,
        deep_linking: bool = False,
        name: str = "Sam Cursist",
    ) -> dict[str, str]:
        """The form the LMS posts to the tool after the tool's redirect to the LMS's auth URL:
        {"state", "id_token"} signed with the platform's key (the library's launch)."""
        rf = RequestFactory().get(auth_redirect.replace(self.issuer, ""))
        message = DjangoLTI1P3MessageLaunch(DjangoRequest(rf), self.config)
        message.set_user_data(sub, roles, full_name=name, email_address=f"{sub}@lms.example.test")
        message.set_launch_context_claim(
            "course-7",
            context_types=["http://purl.imsglobal.org/vocab/lis/v2/course#CourseOffering"],
            context_title="Schademanager LMS-cursus",
            context_label="SCH-7",
        )
        if resource_link:
            message.set_resource_link_claim(resource_link, title="Casus in de cursus")
        if custom:
            message.set_custom_parameters_claim(custom)
        message.set_ags(self.lineitems_url, line_item, allow_creating_lineitems=False)
        message.set_nrps(self.memberships_url)
        if deep_linking:
            message.set_dl(f"{self.issuer}/deep-link-return", title="Activiteit toevoegen")
        preflight = message.get_preflight_response()
        message._registration = self.config.get_registration()
        message.validate_preflight_response(preflight)
        return dict(message.generate_launch_request())

    def accept_deep_linking_response(self, jwt: str) -> list[dict[str, Any]]:
        self.config.forget_tool_keys()
        return self.config.validate_deeplinking_resp({"JWT": jwt})


def browser_launch(client, lms: Lms, *, sub="lms-user-1", roles=(LEARNER,), secure=False, **kw):
    """The whole browser round: LMS → our login → LMS auth → our launch (its answer, the form)."""
    initiation = client.get(lms.login_initiation_url(sub, hint="rl-1"), secure=secure)
    assert initiation.status_code == 302, initiation.content
    redirect = initiation["Location"]
    assert redirect.startswith(lms.auth_url)
    form = lms.launch(redirect, sub=sub, roles=list(roles), **kw)
    return client.post("/lti/lancering/", form, secure=secure), form


def case_custom(case_version) -> dict[str, str]:
    return {"activity": "case", "slug": case_version.case.slug}
