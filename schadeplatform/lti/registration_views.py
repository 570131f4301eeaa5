"""The dynamic-registration view on django-lti-dynamic-registration's base view, and the tool's
registration document built with the add-on's types (dynamic_registration.py has the rules)."""

from __future__ import annotations

import logging
from typing import Any
from urllib.parse import urlsplit

from django.http import HttpResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from lti_dynamic_registration.types import LmsLtiRegistration, LmsLtiToolConfiguration, LtiMessage
from lti_dynamic_registration.views import DynamicRegistrationBaseView

from . import dynamic_registration
from .dynamic_registration import CLAIMS, SCOPES, TOOL_NAME
from .views import refused

logger = logging.getLogger(__name__)


class Message(LtiMessage):
    # The add-on's `LtiMessage.to_dict` iterates the dict's keys as pairs and fails.
    def to_dict(self) -> dict[str, Any]:
        return {k: v for k, v in vars(self).items() if v}


def tool_document(*, launch_url: str, login_url: str, jwks_url: str) -> dict[str, Any]:
    """The tool's registration request (LTI-DR §3.5.2), built with the add-on's types."""
    domain = urlsplit(launch_url).netloc
    configuration = LmsLtiToolConfiguration(
        domain=domain,
        target_link_uri=launch_url,
        claims=CLAIMS,
        messages=[
            Message(
                type="LtiDeepLinkingRequest",
                target_link_uri=launch_url,
                label=TOOL_NAME,
                placements=["ContentArea"],
            ),
            Message(type="LtiResourceLinkRequest", target_link_uri=launch_url),
        ],
        description="Schademanager-platform: casussen en oefeningen voor schadecalculatie",
    )
    return LmsLtiRegistration(
        client_name=TOOL_NAME,
        jwks_uri=jwks_url,
        initiate_login_uri=login_url,
        target_link_uri=launch_url,
        scopes=SCOPES,
        lti_tool_configuration=configuration,
    ).to_dict()


@method_decorator((csrf_exempt, xframe_options_exempt), name="dispatch")
class DynamicRegistrationView(DynamicRegistrationBaseView):
    """LTI Dynamic Registration (dynamic_registration.py): the LMS opens this URL (the
    invitation's) with `openid_configuration` and `registration_token`; GET shows what will be
    registered, POST registers. Only the LMS of the configuration may frame the pages."""

    tool_friendly_name = TOOL_NAME

    def dispatch(self, request, *args, token: str = "", **kwargs):
        self.invitation = dynamic_registration.open_invitation(token)
        if self.invitation is None:
            return refused(
                request, _("Deze registratielink is ongeldig, verlopen of al gebruikt."), 404
            )
        try:
            self.openid_config = self.get_openid_config()
        except dynamic_registration.RegistrationRefused as exc:
            logger.info("LTI-registratie geweigerd: %s", exc)
            return refused(request, _("De leeromgeving gaf geen bruikbare configuratie."), 400)
        return super().dispatch(request, *args, **kwargs)

    def get_openid_config(self) -> dict:
        return dynamic_registration.fetch_openid_configuration(
            self.request.GET.get("openid_configuration", ""),
            self.request.GET.get("registration_token"),
        )

    def _framed(self, response: HttpResponse) -> HttpResponse:
        origin = dynamic_registration.issuer_origin(self.openid_config)
        response._csp_update = None
        response._csp_replace = {"frame-ancestors": [origin]}
        return response

    def get(self, request, *args, **kwargs):
        context = {
            "issuer": self.openid_config["issuer"],
            "name": self.invitation.name,
            "action": request.get_full_path(),
        }
        return self._framed(render(request, "lti/dynamic_registration.html", context))

    def post(self, request, *args, **kwargs):
        try:
            dynamic_registration.registration_finish(
                invitation=self.invitation,
                config=self.openid_config,
                make_registration=lambda config: self.register_platform_in_tool(
                    self.invitation.name, config
                ),
                register_in_platform=self._register_in_platform,
            )
        except dynamic_registration.RegistrationRefused as exc:
            logger.warning("LTI-registratie mislukt: %s", exc)
            message = _("De registratie bij de leeromgeving is mislukt.")
            return self._framed(refused(request, message, 400))
        return self.success_response()

    def _register_in_platform(self, registration) -> tuple[str, str]:
        absolute = self.request.build_absolute_uri
        document = tool_document(
            launch_url=absolute(reverse("lti:launch")),
            login_url=absolute(reverse("lti:login", args=[registration.uuid])),
            jwks_url=absolute(reverse("lti:jwks")),
        )
        return dynamic_registration.post_registration(
            self.openid_config, document, self.request.GET.get("registration_token")
        )

    def success_response(self) -> HttpResponse:
        # The add-on's page closes the LMS's dialog with an inline script, which our CSP
        # refuses; the same message is posted by a static file.
        return self._framed(render(self.request, "lti/dynamic_registration_done.html"))
