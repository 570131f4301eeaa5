"""The LMS's people and courses in the platform's terms: an LTI user is a platform user with one
role (Learner → trainee, Instructor or TeachingAssistant → assessor), an LMS context of a
deployment is a cohort of an organisation named after the registration."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import transaction
from django.utils.translation import gettext as _
from lti_tool.models import LtiContext, LtiUser

from schadeplatform.accounts.models import Cohort, Organisation, Role, User

from .models import CohortLink

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"
LEARNER = f"{MEMBERSHIP}#Learner"
INSTRUCTOR = f"{MEMBERSHIP}#Instructor"
# A sub-role: the TeachingAssistant of the Instructor role (LTI 1.3 §A.2.3.1).
TEACHING_ASSISTANT = f"{MEMBERSHIP}/Instructor#TeachingAssistant"


class RoleNotMapped(Exception):
    """The LMS user's roles give them no role in the platform, or another than they have."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _full(role: str) -> str:
    # Short context roles ("Learner") are allowed by the spec; the URI is the full form.
    return f"{MEMBERSHIP}#{role}" if role.isalnum() else role


def role_for(lti_roles: Iterable[str]) -> str | None:
    """The platform role for the LMS roles of one membership; None when neither applies.
    Instructor wins over Learner: an instructor who also holds the Learner role grades."""
    roles = {_full(r) for r in lti_roles}
    if roles & {INSTRUCTOR, TEACHING_ASSISTANT}:
        return Role.ASSESSOR
    if LEARNER in roles:
        return Role.TRAINEE
    return None


def _username_for(lti_user: LtiUser) -> str:
    digest = hashlib.sha256(f"{lti_user.registration.uuid}:{lti_user.sub}".encode()).hexdigest()[
        :20
    ]
    return f"lti-{digest}"


def platform_user(lti_user: LtiUser, role: str) -> User:
    """The platform user of an LTI user, made on first sight with `role`. A user never changes
    role through a launch: a later launch with a role that maps otherwise is refused."""
    user = lti_user.auth_user
    if user is None:
        user, _created = User.objects.get_or_create(
            username=_username_for(lti_user),
            defaults={
                "role": role,
                "first_name": lti_user.given_name[:150],
                "last_name": lti_user.family_name[:150],
                "email": lti_user.email,
            },
        )
        if _created:
            user.set_unusable_password()
            user.save(update_fields=["password"])
        lti_user.auth_user = user
        lti_user.save(update_fields=["auth_user"])
    if user.role != role:
        raise RoleNotMapped(
            _("Uw rol in de leeromgeving past niet bij uw rol in het platform (%(role)s).")
            % {"role": user.get_role_display()}
        )
    return user


def _organisation_for(context: LtiContext) -> Organisation:
    registration = context.deployment.registration
    organisation, _created = Organisation.objects.get_or_create(
        name=f"LTI: {registration.name}"[:200],
        defaults={"kind": Organisation.Kind.TRAINING_PROVIDER},
    )
    return organisation


def cohort_for(context: LtiContext) -> Cohort:
    """The cohort linked to the context, made and linked on first sight."""
    link = CohortLink.objects.filter(context=context).select_related("cohort").first()
    if link is not None:
        return link.cohort
    with transaction.atomic():
        organisation = _organisation_for(context)
        base = (context.title or context.label or context.id_on_platform or "LMS")[:150]
        name = base
        if Cohort.objects.filter(organisation=organisation, name=name).exists():
            name = f"{base} ({context.id_on_platform or context.pk})"[:200]
        cohort, _created = Cohort.objects.get_or_create(organisation=organisation, name=name)
        link, _created = CohortLink.objects.get_or_create(
            context=context, defaults={"cohort": cohort}
        )
    return link.cohort


def place_in_cohort(user: User, cohort: Cohort) -> None:
    if user.role == Role.TRAINEE:
        cohort.trainees.add(user)
    elif user.role == Role.ASSESSOR:
        cohort.assessors.add(user)


def remove_from_cohort(user: User, cohort: Cohort) -> None:
    cohort.trainees.remove(user)
    cohort.assessors.remove(user)
