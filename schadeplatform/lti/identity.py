"""The LMS's people and courses in the platform's terms: an LTI user is a platform user with one
role (Learner → trainee, Instructor or TeachingAssistant → assessor), an LMS context of a
deployment is a cohort of the registration's own organisation.

What a launch may never do (docs/decisions.md, "LTI 1.3 Advantage tool"): log in an account
that was not made for that LTI identity (a local account, whatever its name or e-mail address),
an account with staff, superuser, editor or administrator rights, an inactive account, or the
account under another role than it has; put a course of one registration into a cohort or an
organisation of another."""

from __future__ import annotations

import hashlib
from collections.abc import Iterable

from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from lti_tool.models import LtiContext, LtiRegistration, LtiUser

from schadeplatform.accounts.models import Cohort, Organisation, Role, User

from .models import CohortLink, PlatformOrganisation

MEMBERSHIP = "http://purl.imsglobal.org/vocab/lis/v2/membership"
LEARNER = f"{MEMBERSHIP}#Learner"
INSTRUCTOR = f"{MEMBERSHIP}#Instructor"
# A sub-role: the TeachingAssistant of the Instructor role (LTI 1.3 §A.2.3.1).
TEACHING_ASSISTANT = f"{MEMBERSHIP}/Instructor#TeachingAssistant"
# The only roles a launch or a roster sync ever gives or logs in.
LAUNCH_ROLES = frozenset({Role.TRAINEE, Role.ASSESSOR})


class NotAdmitted(Exception):
    """The LMS user gets no platform account through LTI: their roles map to none, to another
    role than their account has, or the account linked to them is not one a launch may use."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


def _full(role: str) -> str:
    # Short context roles ("Learner") are allowed by the spec; the URI is the full form.
    return f"{MEMBERSHIP}#{role}" if role.isalnum() else role


def role_for(lti_roles: Iterable[str]) -> str | None:
    """The platform role for the LMS roles of one membership; None when neither applies.
    Instructor wins over Learner: an instructor who also holds the Learner role grades.
    System and institution roles (Administrator included) never count."""
    roles = {_full(r) for r in lti_roles}
    if roles & {INSTRUCTOR, TEACHING_ASSISTANT}:
        return Role.ASSESSOR
    if LEARNER in roles:
        return Role.TRAINEE
    return None


def username_for(lti_user: LtiUser) -> str:
    """The username of the account made for an LTI identity: the registration (not only the
    issuer) and the `sub`, so the same `sub` of two registrations is two accounts."""
    digest = hashlib.sha256(f"{lti_user.registration.uuid}:{lti_user.sub}".encode()).hexdigest()
    return f"lti-{digest[:20]}"


def _made_for(lti_user: LtiUser, role: str) -> User:
    """Make the identity's account; under a lock on the LTI user, so two first launches at once
    make one. A taken username is never reused: it is somebody else's account."""
    with transaction.atomic():
        locked = LtiUser.objects.select_for_update().get(pk=lti_user.pk)
        if locked.auth_user_id is not None:
            return locked.auth_user
        try:
            with transaction.atomic():
                user = User.objects.create(
                    username=username_for(lti_user),
                    role=role,
                    first_name=lti_user.given_name[:150],
                    last_name=lti_user.family_name[:150],
                    email=lti_user.email,
                )
        except IntegrityError as exc:
            raise NotAdmitted(
                _("Er bestaat al een account met deze naam; neem contact op met de beheerder.")
            ) from exc
        user.set_unusable_password()
        user.save(update_fields=["password"])
        locked.auth_user = user
        locked.save(update_fields=["auth_user"])
    lti_user.auth_user = user
    return user


def admissible(lti_user: LtiUser, user: User, role: str) -> None:
    """`NotAdmitted` unless `user` is the account made for `lti_user`, a plain active trainee or
    assessor, with `role`. An administrator who links an LTI user to another account in the
    admin does not open that account to the LMS."""
    if (
        user.username != username_for(lti_user)
        or user.is_staff
        or user.is_superuser
        or user.role not in LAUNCH_ROLES
        or not user.is_active
    ):
        raise NotAdmitted(_("Dit account kan niet via de leeromgeving worden geopend."))
    if user.role != role:
        raise NotAdmitted(
            _("Uw rol in de leeromgeving past niet bij uw rol in het platform (%(role)s).")
            % {"role": user.get_role_display()}
        )


def platform_user(lti_user: LtiUser, role: str) -> User:
    """The platform user of an LTI user, made on first sight with `role`. A user never changes
    role through a launch: a later launch with a role that maps otherwise is refused."""
    if role not in LAUNCH_ROLES:
        raise NotAdmitted(_("Uw rol in deze cursus geeft geen toegang tot het platform."))
    user = lti_user.auth_user if lti_user.auth_user_id is not None else _made_for(lti_user, role)
    admissible(lti_user, user, role)
    return user


def organisation_of(registration: LtiRegistration) -> Organisation:
    """The registration's own organisation, made on its first course. Never found by name: an
    organisation that happens to carry the name (another registration's, a real one) is not
    this registration's; the new one gets the registration's UUID in its name then."""
    link = PlatformOrganisation.objects.filter(registration=registration).first()
    if link is not None:
        return link.organisation
    base = f"LTI: {registration.name}"[:160]
    try:
        with transaction.atomic():
            name = base
            if Organisation.objects.filter(name=name).exists():
                name = f"{base} ({registration.uuid})"
            organisation = Organisation.objects.create(
                name=name, kind=Organisation.Kind.TRAINING_PROVIDER
            )
            PlatformOrganisation.objects.create(
                registration=registration, organisation=organisation
            )
            return organisation
    except IntegrityError:  # a launch of the same registration made it first
        return PlatformOrganisation.objects.get(registration=registration).organisation


def _free_cohort_name(organisation: Organisation, context: LtiContext) -> str:
    base = (context.title or context.label or context.id_on_platform or "LMS")[:150]
    candidates = [base, f"{base} ({context.id_on_platform or context.pk})"[:190]]
    taken = set(
        Cohort.objects.filter(organisation=organisation, name__in=candidates).values_list(
            "name", flat=True
        )
    )
    for name in candidates:
        if name not in taken:
            return name
    return f"{candidates[1]} #{context.pk}"


def cohort_for(context: LtiContext) -> Cohort:
    """The cohort linked to the context, made and linked on first sight: always a new cohort of
    the registration's organisation, never one found by its name."""
    link = CohortLink.objects.filter(context=context).select_related("cohort").first()
    if link is not None:
        return link.cohort
    organisation = organisation_of(context.deployment.registration)
    try:
        with transaction.atomic():
            cohort = Cohort.objects.create(
                organisation=organisation, name=_free_cohort_name(organisation, context)
            )
            return CohortLink.objects.create(context=context, cohort=cohort).cohort
    except IntegrityError:  # a launch of the same course linked it first
        return CohortLink.objects.select_related("cohort").get(context=context).cohort


def place_in_cohort(user: User, cohort: Cohort) -> None:
    if user.role == Role.TRAINEE:
        cohort.trainees.add(user)
    elif user.role == Role.ASSESSOR:
        cohort.assessors.add(user)


def remove_from_cohort(user: User, cohort: Cohort) -> None:
    cohort.trainees.remove(user)
    cohort.assessors.remove(user)
