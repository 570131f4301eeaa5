"""Who may see whom: which cohorts and which trainees a user may look into.

Which *attempts* a user sees is decided by the cohort an attempt is filed in, once, in
`cases.selectors.attempts_visible_to` (an assessor of organisation B does not see a trainee's
attempt filed in organisation A because the trainee is also in one of B's cohorts). The rules
here are for people (progress of a trainee, the cohort pages), not for their work.
"""

from __future__ import annotations

from django.db.models import QuerySet

from .models import Cohort, Role, User


def cohorts_visible_to(user: User) -> QuerySet[Cohort]:
    """The cohorts a user may look into: an assessor's own, a trainee's own, all for an admin."""
    if not user.is_authenticated:
        return Cohort.objects.none()
    if user.is_platform_admin:
        return Cohort.objects.all()
    if user.role == Role.ASSESSOR:
        return Cohort.objects.filter(assessors=user)
    if user.role == Role.TRAINEE:
        return Cohort.objects.filter(trainees=user)
    return Cohort.objects.none()


def trainees_visible_to(user: User) -> QuerySet[User]:
    """The trainees whose work a user may see.

    A trainee sees only themself; an assessor the trainees of the cohorts they assess; an
    administrator all trainees; an editor nobody's work.
    """
    trainees = User.objects.filter(role=Role.TRAINEE)
    if not user.is_authenticated:
        return trainees.none()
    if user.is_platform_admin:
        return trainees
    if user.role == Role.ASSESSOR:
        return trainees.filter(trainee_cohorts__assessors=user).distinct()
    if user.role == Role.TRAINEE:
        return trainees.filter(pk=user.pk)
    return trainees.none()
