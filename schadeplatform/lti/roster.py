"""Names and Role Provisioning Services: a course's roster into its cohort.

django-lti fetches the membership container (pylti1p3's NRPS client, paging included) and
updates its LTI users and memberships; each member with a role we map becomes a trainee or an
assessor of the linked cohort, and an Inactive or Deleted member leaves it. Members are LTI
users of the context's own registration only, and each is admitted by the launch's rule
(`identity.platform_user`): an LTI user an administrator linked to another account is skipped,
neither added nor removed."""

from __future__ import annotations

from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from lti_tool.models import LtiUser
from lti_tool.services.nrps import fetch_member_data

from .identity import (
    NotAdmitted,
    place_in_cohort,
    platform_user,
    remove_from_cohort,
    role_for,
    username_for,
)
from .models import CohortLink


@dataclass
class RosterSync:
    added: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)


def _own_account(lti_user: LtiUser, user) -> bool:
    """Whether `user` is the account made for the LTI user (only that one leaves a cohort)."""
    return user.username == username_for(lti_user)


def sync_roster(link: CohortLink) -> RosterSync:
    context = link.context
    members = fetch_member_data(context)
    for member in members:
        member.setdefault("status", "Active")  # optional in NRPS 2.0; django-lti reads it
    outcome = RosterSync()
    with transaction.atomic():
        context.update_memberships(members)
        registration = context.deployment.registration
        for member in members:
            sub = member["user_id"]
            lti_user = LtiUser.objects.get(registration=registration, sub=sub)
            role = role_for(member.get("roles", []))
            if member["status"] != "Active":
                user = lti_user.auth_user
                if user is not None and _own_account(lti_user, user):
                    remove_from_cohort(user, link.cohort)
                    outcome.removed.append(sub)
                continue
            if role is None:
                outcome.skipped.append(sub)
                continue
            try:
                user = platform_user(lti_user, role)
            except NotAdmitted:
                outcome.skipped.append(sub)
                continue
            place_in_cohort(user, link.cohort)
            outcome.added.append(sub)
        link.roster_synced_at = timezone.now()
        link.save(update_fields=["roster_synced_at"])
    return outcome
