"""Deep linking: the chosen cases and exercises as LtiResourceLink content items, signed by
pylti1p3 with the tool's key. A case carries a line item (0–100) so its grade can go back.

The choice runs where the LMS opens it, in Moodle a dialog with an iframe: there the
platform's session and CSRF cookies (SameSite=Lax) are not sent, so the choice does not rest on
them. The launch answers with the choice page itself, which carries the launch's id; the
choice is posted back with it and checked against pylti1p3's launch cache, which on HTTPS is
keyed by pylti1p3's own `lti1p3-session-id` cookie (SameSite=None; Secure), so the id is worth
nothing in another browser. The id (a random UUID) is the form's CSRF token, and it answers
once (`replay.answer_once`). Only these answers may be framed, and only by the LMS's own
origins; the signed answer is posted to the LMS's return URL, which the page's form-action
allows for that one answer."""

from __future__ import annotations

from django.core.exceptions import ObjectDoesNotExist
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse
from lti_tool.models import LtiLaunch
from lti_tool.utils import get_launch_from_request
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException
from pylti1p3.lineitem import LineItem

from schadeplatform.accounts.models import Role, User

from .activities import SCORE_MAXIMUM, Activity
from .identity import NotAdmitted, admissible
from .origins import origin_of

DEEP_LINKING_SETTINGS = "https://purl.imsglobal.org/spec/lti-dl/claim/deep_linking_settings"


def return_url(lti_launch: LtiLaunch) -> str:
    return (lti_launch.get_claim(DEEP_LINKING_SETTINGS) or {}).get("deep_link_return_url", "")


def lms_origins(lti_launch: LtiLaunch) -> list[str]:
    """The origins that may frame the choice: the platform's issuer and its return URL's
    (Canvas's issuer is not the school's host, its return URL is)."""
    found = [origin_of(lti_launch.get_claim("iss")), origin_of(return_url(lti_launch))]
    return sorted({o for o in found if o})


def framed_by_lms(
    response: HttpResponse, lti_launch: LtiLaunch, *, posts_back: bool = False
) -> HttpResponse:
    """Let the LMS frame this one answer (and post the signed answer to its return URL)."""
    origins = lms_origins(lti_launch)
    policy: dict[str, list[str]] = {"frame-ancestors": origins or ["'none'"]}
    returns_to = origin_of(return_url(lti_launch))
    if posts_back and returns_to:
        policy["form-action"] = ["'self'", returns_to]
    response._csp_update = None
    response._csp_replace = policy
    return response


def launch_for_answer(request: HttpRequest, launch_id: str) -> tuple[LtiLaunch, User] | None:
    """The deep-linking launch `launch_id` of this browser, still of an active registration and
    deployment, with its instructor's account; None otherwise."""
    if not launch_id:
        return None
    try:
        lti_launch = get_launch_from_request(request, launch_id)
        if not lti_launch.is_deep_link_launch or not lti_launch.deployment.is_active:
            return None
        lti_user = lti_launch.user
    except (LtiException, ObjectDoesNotExist):
        return None
    user = lti_user.auth_user
    if user is None:
        return None
    try:
        admissible(lti_user, user, Role.ASSESSOR)
    except NotAdmitted:
        return None
    return lti_launch, user


def choice_page(
    request: HttpRequest,
    lti_launch: LtiLaunch,
    offered: list[Activity],
    *,
    error: str = "",
    picked: list[str] | None = None,
) -> HttpResponse:
    response = render(
        request,
        "lti/deep_linking.html",
        {
            "offered": offered,
            "error": error,
            "picked": picked or [],
            "launch_id": lti_launch.get_launch_id(),
            "action": reverse("lti:deep-linking"),
        },
        status=400 if error else 200,
    )
    return framed_by_lms(response, lti_launch)


def resource_for(request: HttpRequest, activity: Activity) -> DeepLinkResource:
    resource = (
        DeepLinkResource()
        .set_url(request.build_absolute_uri(reverse("lti:launch")))
        .set_title(activity.title)
        .set_custom_params({"activity": str(activity.kind), "slug": activity.slug})
    )
    if activity.graded:
        resource.set_lineitem(
            LineItem()
            .set_score_maximum(SCORE_MAXIMUM)
            .set_label(activity.title)
            .set_resource_id(activity.resource_id)
            .set_tag("schadescore")
        )
    return resource


def answer_page(
    request: HttpRequest, lti_launch: LtiLaunch, chosen: list[Activity]
) -> HttpResponse:
    """The signed deep-linking response, posted to the LMS by a static script (our CSP allows
    no inline script; pylti1p3's own form has one) or by the button without script."""
    resources = [resource_for(request, a) for a in chosen]
    jwt = lti_launch.get_message_launch().get_deep_link().get_response_jwt(resources)
    response = render(
        request, "lti/deep_linking_answer.html", {"action": return_url(lti_launch), "jwt": jwt}
    )
    return framed_by_lms(response, lti_launch, posts_back=True)
