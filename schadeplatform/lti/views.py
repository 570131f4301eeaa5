"""The tool's endpoints: OIDC login initiation, the launch, the deep-linking choice, the JWKS.

Login, launch and JWKS are public by nature (the LMS's signed messages are the credentials);
the deep-linking choice serves only the instructor of a deep-linking launch in this browser
(deep_linking.py); dynamic registration only the holder of an administrator's invitation.
CSRF exemptions: the login initiation and the launch (posted by the LMS), the deep-linking
choice and the dynamic registration (posted from our page inside the LMS's iframe, where no
CSRF cookie is sent; the launch's id, the invitation's token are their tokens)."""

from __future__ import annotations

import logging
from urllib.parse import urlsplit

from django.contrib.auth import login
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.clickjacking import xframe_options_exempt
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods
from lti_tool.constants import SESSION_KEY
from lti_tool.models import LtiLaunch
from lti_tool.utils import DjangoToolConfig, get_launch_from_request, sync_data_from_launch
from lti_tool.views import LtiLaunchBaseView, OIDCLoginInitView
from pylti1p3.exception import LtiException
from pylti1p3.oidc_login import OIDCException

from schadeplatform.accounts.backends import USER_BACKEND
from schadeplatform.accounts.models import Role
from schadeplatform.throttling import throttle_wait

from . import activities, deep_linking
from .identity import NotAdmitted, cohort_for, place_in_cohort, platform_user, role_for
from .keys import ensure_signing_key
from .launch_records import record_activity, record_line_item
from .replay import LaunchReplayed, answer_once, use_once

logger = logging.getLogger(__name__)
# Each login initiation stores a nonce in the cache for a day (pylti1p3): counted per client,
# its rate in REST_FRAMEWORK's DEFAULT_THROTTLE_RATES.
LOGIN_THROTTLE = "lti_login"


def refused(request: HttpRequest, message: str, status: int) -> HttpResponse:
    return render(request, "lti/refused.html", {"message": message}, status=status)


def launch_url(request: HttpRequest, target_link_uri: str) -> str | None:
    """Our launch URL when the LMS's `target_link_uri` names it (this host, this scheme, the
    launch path), else None: the OIDC redirect_uri is never a URL the request chose."""
    parts = urlsplit(target_link_uri)
    ours = urlsplit(request.build_absolute_uri(reverse("lti:launch")))
    if (parts.scheme, parts.netloc.lower(), parts.path) != (
        ours.scheme,
        ours.netloc.lower(),
        ours.path,
    ):
        return None
    return ours.geturl()


class LoginToolConfig(DjangoToolConfig):
    """django-lti's tool configuration for the login initiation, where `client_id` is optional
    (LTI 1.3 Core, additional login parameters: the login URL may be the key). Ours names the
    registration by its UUID, so without a client id it is that registration, if it is active
    and of the request's issuer; django-lti looked it up with an empty client id and refused
    every such login. With a client id, it must be the registration's."""

    def find_registration_by_params(self, iss, client_id, *args, **kwargs):
        if not client_id:
            return self.find_registration_by_issuer(iss)
        return super().find_registration_by_params(iss, client_id, *args, **kwargs)


def too_many_logins(request: HttpRequest, wait: int) -> HttpResponse:
    message = ngettext(
        "Te veel aanmeldingen vanaf dit adres; probeer het over %(seconds)s seconde opnieuw.",
        "Te veel aanmeldingen vanaf dit adres; probeer het over %(seconds)s seconden opnieuw.",
        wait,
    ) % {"seconds": wait}
    response = refused(request, message, 429)
    response["Retry-After"] = str(wait)
    return response


class LoginInitView(OIDCLoginInitView):
    """OIDC third-party login initiation (django-lti's view). The cookie check page is off: it
    needs an inline script, which the CSP refuses; resource launches open in a new window
    (README, Moodle set-up), the deep-linking choice works in the LMS's iframe (deep_linking.py).
    """

    def get_oidc_response(self, request, registration_uuid, params):
        from pylti1p3.contrib.django import DjangoCacheDataStorage, DjangoOIDCLogin

        wait = throttle_wait(request, LOGIN_THROTTLE)
        if wait is not None:
            return too_many_logins(request, wait)
        if not params.get("target_link_uri") or not params.get("iss"):
            return refused(request, _("Onvolledige aanmelding vanuit de leeromgeving."), 400)
        redirect_uri = launch_url(request, params["target_link_uri"])
        if redirect_uri is None:
            return refused(request, _("Deze aanmelding verwijst niet naar dit platform."), 400)
        ensure_signing_key()
        try:
            oidc_login = DjangoOIDCLogin(
                request,
                LoginToolConfig(registration_uuid),
                launch_data_storage=DjangoCacheDataStorage(),
            )
            return oidc_login.redirect(redirect_uri)
        except (OIDCException, LtiException) as exc:
            logger.info("LTI-aanmelding geweigerd: %s", exc)
            return refused(request, _("Deze leeromgeving is niet geregistreerd."), 400)


@method_decorator((csrf_exempt, xframe_options_exempt), name="dispatch")
class LaunchView(LtiLaunchBaseView):
    """The launch: validated by pylti1p3 (signature against the platform's JWKS, nonce issued
    by our login, state, registration by issuer and client id, deployment), refused when
    replayed or when its deployment is not active. A resource launch logs the user in (a new
    session), places them in the course's cohort and sends them to the activity; a deep-linking
    launch answers with the choice page, logging nobody in."""

    def post(self, request, *args, **kwargs):
        try:
            ensure_signing_key()
            lti_launch = get_launch_from_request(request)
            use_once(nonce=lti_launch.get_claim("nonce") or "", state=request.POST["state"])
        except LaunchReplayed:
            return refused(request, _("Deze aanmelding is al gebruikt."), 403)
        except (LtiException, KeyError) as exc:
            logger.info("LTI-lancering geweigerd: %s", exc)
            return refused(request, _("De lancering vanuit de leeromgeving is ongeldig."), 400)
        # Before anything is stored: an unknown deployment id is kept (django-lti makes it,
        # inactive) for the administrator to activate, and goes no further.
        if not lti_launch.deployment.is_active:
            return refused(request, _("Deze koppeling is (nog) niet geactiveerd."), 403)
        try:
            sync_data_from_launch(lti_launch)
        except (LtiException, KeyError, TypeError) as exc:
            logger.info("LTI-lancering met onbruikbare gegevens: %s", exc)
            return refused(request, _("De lancering vanuit de leeromgeving is ongeldig."), 400)
        role = role_for(lti_launch.roles_claim or [])
        if lti_launch.is_deep_link_launch:
            return self.handle_deep_linking_launch(request, lti_launch, role)
        if not lti_launch.is_resource_launch:
            return refused(request, _("Dit soort lancering wordt niet ondersteund."), 400)
        try:
            self._log_in(request, lti_launch, role)
        except NotAdmitted as exc:
            return refused(request, exc.message, 403)
        return self.handle_resource_launch(request, lti_launch)

    def _log_in(self, request, lti_launch: LtiLaunch, role: str | None):
        if role is None:
            raise NotAdmitted(_("Uw rol in deze cursus geeft geen toegang tot het platform."))
        user = platform_user(lti_launch.user, role)
        place_in_cohort(user, cohort_for(lti_launch.context))
        # A new session for the launch's user, whatever this browser had: the old one (another
        # user's, or one planted by an attacker) is deleted, and login() gives the new one a new
        # key. Only an admitted launch gets here: a forged or refused post ends no session.
        request.session.flush()
        login(request, user, backend=USER_BACKEND)
        request.session[SESSION_KEY] = lti_launch.get_launch_id()
        return user

    def handle_deep_linking_launch(self, request, lti_launch: LtiLaunch, role) -> HttpResponse:
        if role != Role.ASSESSOR:
            return refused(request, _("Alleen docenten kunnen activiteiten toevoegen."), 403)
        try:
            user = platform_user(lti_launch.user, role)
        except NotAdmitted as exc:
            return refused(request, exc.message, 403)
        place_in_cohort(user, cohort_for(lti_launch.context))
        return deep_linking.choice_page(request, lti_launch, activities.embeddable(user))

    def handle_resource_launch(self, request, lti_launch: LtiLaunch) -> HttpResponse:
        link = record_activity(lti_launch)
        if link is None:
            return refused(request, _("Deze activiteit verwijst niet naar een casus."), 404)
        record_line_item(lti_launch)
        try:
            url = activities.landing_url(
                kind=link.kind,
                slug=link.slug,
                user=request.user,
                cohort=cohort_for(lti_launch.context),
            )
        except Http404:
            return refused(request, _("Deze casus of oefening is niet (meer) beschikbaar."), 404)
        return HttpResponseRedirect(url)


@csrf_exempt
@xframe_options_exempt
@require_http_methods(["GET", "POST"])
def deep_linking_choice(request: HttpRequest) -> HttpResponse:
    """The instructor's choice from the launch's page, answered to the LMS as a signed
    deep-linking response. Without that launch of this browser: 403."""
    launch_id = request.POST.get("launch", "") if request.method == "POST" else ""
    found = deep_linking.launch_for_answer(request, launch_id)
    if found is None:
        return refused(request, _("Open deze pagina vanuit de leeromgeving."), 403)
    lti_launch, user = found
    offered = activities.embeddable(user)
    picked = request.POST.getlist("activity")
    # Only what the page offered this instructor: any other id posted is ignored.
    chosen = [a for a in offered if a.resource_id in picked]
    if not chosen:
        error = _("Kies ten minste één casus of oefening.")
        return deep_linking.choice_page(request, lti_launch, offered, error=error, picked=picked)
    try:
        answer_once(launch_id)
    except LaunchReplayed:
        return refused(request, _("Deze keuze is al naar de leeromgeving gestuurd."), 403)
    return deep_linking.answer_page(request, lti_launch, chosen)
