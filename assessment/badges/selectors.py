"""Who may take which credential home (the JSON, the VC-JWT, the baked PNG).

No rule of its own; besides its own trainee, a credential is seen as what it rests on:
- an exam certificate (`EXAM_FORM_PASSED`) rests on one exam grade, so it is seen where that
  grade's attempt is seen (`cases.selectors.attempts_visible_to`, decided by the cohort the
  attempt is filed in): not by an assessor of another organisation the trainee is also in;
- the work-process badge sums up the trainee's released grades wherever they were made, so it
  is seen by whoever may see the trainee's work
  (`schadeplatform.accounts.selectors.trainees_visible_to`): the assessors of the trainee's
  cohorts, an administrator.
Nobody else (a colleague, an editor). The public verification page is another matter: it shows
what the credential says, which names nobody (docs/decisions.md).
"""

from __future__ import annotations

from django.db.models import Q, QuerySet

from assessment.models import BadgeRuleKind, IssuedCredential
from cases.selectors import attempts_visible_to
from schadeplatform.accounts.selectors import trainees_visible_to


def credentials_visible_to(user) -> QuerySet[IssuedCredential]:
    if not user.is_authenticated:
        return IssuedCredential.objects.none()
    exam = Q(rule__kind=BadgeRuleKind.EXAM_FORM_PASSED)
    return IssuedCredential.objects.filter(
        Q(trainee=user)
        | (exam & Q(grade__attempt__in=attempts_visible_to(user)))
        | (~exam & Q(trainee__in=trainees_visible_to(user)))
    )


def own_credentials(user) -> QuerySet[IssuedCredential]:
    """The credentials a user earned (the page "Mijn badges")."""
    if not user.is_authenticated:
        return IssuedCredential.objects.none()
    return IssuedCredential.objects.filter(trainee=user)
