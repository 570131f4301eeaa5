"""What a resource launch leaves behind: the activity the link opens and its line item."""

from __future__ import annotations

import logging

from lti_tool.models import LtiLaunch, LtiLineItem

from .activities import SCORE_MAXIMUM
from .models import ActivityKind, ActivityLink

CUSTOM = "https://purl.imsglobal.org/spec/lti/claim/custom"
logger = logging.getLogger(__name__)


def record_activity(lti_launch: LtiLaunch) -> ActivityLink | None:
    """The link's activity, from the custom parameters our deep-linking response set on it
    (`activity`, `slug`), or as recorded at an earlier launch; None when it names none."""
    custom = lti_launch.get_claim(CUSTOM) or {}
    kind, slug = str(custom.get("activity", "")), str(custom.get("slug", ""))
    resource_link = lti_launch.resource_link
    if kind in ActivityKind.values:
        link, _created = ActivityLink.objects.update_or_create(
            resource_link=resource_link, defaults={"kind": kind, "slug": slug[:80]}
        )
        return link
    return ActivityLink.objects.filter(resource_link=resource_link).first()


def record_line_item(lti_launch: LtiLaunch) -> LtiLineItem | None:
    """The link's line item (the AGS claim's `lineitem`), kept for the grade passback. A line
    item URL already recorded for another course (django-lti keeps one row per URL) stays
    where it is: a launch of another course or another registration naming it must not take
    over the row and with it the scores of that course."""
    claim = lti_launch.ags_claim or {}
    url = claim.get("lineitem")
    if not url:
        return None
    resource_link = lti_launch.resource_link
    known = LtiLineItem.objects.filter(url=url).only("context_id").first()
    if known is not None and known.context_id != resource_link.context_id:
        logger.warning(
            "LTI: line item %s hoort bij cursus %s, niet bij %s; genegeerd",
            url,
            known.context_id,
            resource_link.context_id,
        )
        return None
    item, _created = LtiLineItem.objects.update_or_create(
        url=url,
        defaults={
            "context": resource_link.context,
            "resource_link": resource_link,
            "maximum_score": SCORE_MAXIMUM,
            "label": (resource_link.title or str(getattr(resource_link, "activity", "")))[:255],
        },
    )
    return item
