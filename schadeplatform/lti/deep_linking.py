"""Deep linking: the chosen cases and exercises as LtiResourceLink content items, signed by
pylti1p3 with the tool's key. A case carries a line item (0–100) so its grade can go back."""

from __future__ import annotations

from django.http import HttpRequest
from django.urls import reverse
from lti_tool.constants import SESSION_KEY
from lti_tool.models import LtiLaunch
from lti_tool.utils import get_launch_from_request
from pylti1p3.deep_link_resource import DeepLinkResource
from pylti1p3.exception import LtiException
from pylti1p3.lineitem import LineItem

from .activities import SCORE_MAXIMUM, Activity


def choice_url() -> str:
    return reverse("lti:deep-linking")


def launch_of(request: HttpRequest) -> LtiLaunch | None:
    """This session's deep-linking launch, for the assessor it logged in; else None."""
    launch_id = request.session.get(SESSION_KEY)
    user = request.user
    if not launch_id or not user.is_authenticated or not user.is_assessor:
        return None
    try:
        lti_launch = get_launch_from_request(request, launch_id)
    except LtiException:
        return None
    if not lti_launch.is_deep_link_launch or lti_launch.user.auth_user_id != user.pk:
        return None
    return lti_launch


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


def response_form(request: HttpRequest, lti_launch: LtiLaunch, chosen: list[Activity]) -> str:
    resources = [resource_for(request, a) for a in chosen]
    return lti_launch.get_message_launch().get_deep_link().output_response_form(resources)
