"""The tool's endpoints: OIDC login initiation, the launch, the deep-linking choice, the JWKS.

Login, launch and JWKS are public by nature (the LMS's signed messages are the credentials);
the deep-linking page serves only the instructor of the launch in this session."""

from __future__ import annotations

import logging

from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lti_tool.constants import SESSION_KEY
from lti_tool.models import LtiLaunch
from lti_tool.utils import get_launch_from_request, sync_data_from_launch
from lti_tool.views import LtiLaunchBaseView, OIDCLoginInitView
from pylti1p3.exception import LtiException
from pylti1p3.oidc_login import OIDCException

from . import activities, deep_linking
from .identity import RoleNotMapped, cohort_for, place_in_cohort, platform_user, role_for
from .keys import ensure_signing_key
from .launch_records import record_activity, record_line_item
from .replay import LaunchReplayed, use_once

logger = logging.getLogger(__name__)
MODEL_BACKEND = "django.contrib.auth.backends.ModelBackend"


def _refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "lti/refused.html", {"message": message}, status=status)


class LoginInitView(OIDCLoginInitView):
    """OIDC third-party login initiation (django-lti's view). The cookie check page is off:
    the tool is opened in a new window (README, Moodle set-up), where cookies are first-party."""

    def get_oidc_response(self, request, registration_uuid, params):
        from lti_tool.utils import DjangoToolConfig
        from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoOIDCLogin

        if not params.get("target_link_uri") or not params.get("iss"):
            return _refused(request, _("Onvolledige aanmelding vanuit de leeromgeving."), 400)
        ensure_signing_key()
        try:
            oidc_login = DjangoOIDCLogin(
                request,
                DjangoToolConfig(registration_uuid),
                launch_data_storage=DjangoCacheDataStorage(),
            )
            return oidc_login.redirect(self.get_redirect_url(params["target_link_uri"]))
        except (OIDCException, LtiException) as exc:
            logger.info("LTI-aanmelding geweigerd: %s", exc)
            return _refused(request, _("Deze leeromgeving is niet geregistreerd."), 400)


@method_decorator((csrf_exempt, xframe_options_exempt), name="dispatch")
class LaunchView(LtiLaunchBaseView):
    """The launch: validated by pylti1p3 (signature against the platform's JWKS, nonce issued
    by our login, state, deployment), refused when replayed, then the user is logged in, placed
    in the course's cohort and sent to the activity."""

    def post(self, request, *args, **kwargs):
        try:
            ensure_signing_key()
            lti_launch = get_launch_from_request(request)
            use_once(nonce=lti_launch.get_claim("nonce") or "", state=request.POST["state"])
            sync_data_from_launch(lti_launch)
        except LaunchReplayed:
            return _refused(request, _("Deze aanmelding is al gebruikt."), 403)
        except (LtiException, KeyError) as exc:
            logger.info("LTI-lancering geweigerd: %s", exc)
            return _refused(request, _("De lancering vanuit de leeromgeving is ongeldig."), 400)
        # Only a valid launch ends the session that was open in this browser: a forged post
        # (the view is CSRF-exempt by nature) logs nobody out.
        request.session.flush()
        if not lti_launch.deployment.is_active:
            return _refused(request, _("Deze koppeling is (nog) niet geactiveerd."), 403)
        request.session[SESSION_KEY] = lti_launch.get_launch_id()
        request.lti_launch = lti_launch
        try:
            user = self._log_in(request, lti_launch)
        except RoleNotMapped as exc:
            return _refused(request, exc.message, 403)
        if lti_launch.is_deep_link_launch:
            if not user.is_assessor:
                return _refused(request, _("Alleen docenten kunnen activiteiten toevoegen."), 403)
            return HttpResponseRedirect(deep_linking.choice_url())
        if lti_launch.is_resource_launch:
            return self.handle_resource_launch(request, lti_launch)
        return _refused(request, _("Dit soort lancering wordt niet ondersteund."), 400)

    def _log_in(self, request, lti_launch: LtiLaunch):
        role = role_for(lti_launch.roles_claim or [])
        if role is None:
            raise RoleNotMapped(_("Uw rol in deze cursus geeft geen toegang tot het platform."))
        user = platform_user(lti_launch.user, role)
        place_in_cohort(user, cohort_for(lti_launch.context))
        login(request, user, backend=MODEL_BACKEND)
        request.session[SESSION_KEY] = lti_launch.get_launch_id()
        return user

    def handle_resource_launch(self, request, lti_launch: LtiLaunch) -> HttpResponse:
        link = record_activity(lti_launch)
        if link is None:
            return _refused(request, _("Deze activiteit verwijst niet naar een casus."), 404)
        record_line_item(lti_launch)
        try:
            url = activities.landing_url(
                kind=link.kind,
                slug=link.slug,
                user=request.user,
                cohort=cohort_for(lti_launch.context),
            )
        except Http404:
            return _refused(request, _("Deze casus of oefening is niet (meer) beschikbaar."), 404)
        return HttpResponseRedirect(url)


@require_http_methods(["GET", "POST"])
@xframe_options_exempt
def deep_linking_choice(request: HttpRequest) -> HttpResponse:
    """The instructor picks the cases and exercises to add; the answer goes back to the LMS
    as a signed deep-linking response (an auto-submitting form)."""
    lti_launch = deep_linking.launch_of(request)
    if lti_launch is None:
        return _refused(request, _("Open deze pagina vanuit de leeromgeving."), 403)
    offered = activities.embeddable(request.user)
    error = ""
    if request.method == "POST":
        chosen = [a for a in offered if a.resource_id in request.POST.getlist("activity")]
        if chosen:
            return HttpResponse(deep_linking.response_form(request, lti_launch, chosen))
        error = _("Kies ten minste één casus of oefening.")
    return render(
        request,
        "lti/deep_linking.html",
        {"offered": offered, "error": error, "picked": request.POST.getlist("activity")},
        status=400 if error else 200,
    )
