"""Assignment and Grade Services: a released grade's score goes to the LMS's line item.

`on_grade_released` is called by `assessment.marking.marking_transition` (the one place a grade
is released) and enqueues `send_scores` on commit, so a slow or failing LMS never blocks or
undoes a release. A correction is released as a new grade version and sends its new score with
a later timestamp, which the LMS keeps over the earlier one (AGS 2.0 §3.4)."""

from __future__ import annotations

import logging
from decimal import Decimal

from django.db import transaction
from django.db.models import Exists, OuterRef
from django.utils import timezone
from django_tasks import task

logger = logging.getLogger(__name__)


def line_items_for(grade):
    """The line items of the LMS activities that open the grade's case, in contexts linked to
    the attempt's cohort, with the LTI users of the trainee who are active members of those
    contexts (a course linked to the same cohort that the trainee is not in gets nothing)."""
    from lti_tool.models import LtiLineItem, LtiUser

    from .models import ActivityKind

    attempt = grade.attempt
    if attempt.cohort_id is None:
        return []
    items = LtiLineItem.objects.filter(
        resource_link__activity__kind=ActivityKind.CASE,
        resource_link__activity__slug=attempt.case_version.case.slug,
        context__cohort_link__cohort_id=attempt.cohort_id,
        context__can_publish_scores=True,
    ).select_related("context__deployment__registration")
    found = []
    for item in items:
        registration = item.context.deployment.registration
        for lti_user in LtiUser.objects.filter(
            registration=registration,
            auth_user_id=attempt.trainee_id,
            memberships__context=item.context,
            memberships__is_active=True,
        ):
            found.append((item, lti_user))
    return found


def send_score(grade, item, lti_user, timestamp) -> str:
    """POST one Score to `<line item>/scores` through pylti1p3 (its service connector gets the
    access token with the tool's signed client assertion); record it either way."""
    from pylti1p3.assignments_grades import AssignmentsGradesService
    from pylti1p3.grade import Grade as LtiGrade
    from pylti1p3.service_connector import ServiceConnector

    from .activities import SCORE_MAXIMUM
    from .models import ScoreSend

    score = (
        LtiGrade()
        .set_score_given(float(grade.score))
        .set_score_maximum(SCORE_MAXIMUM)
        .set_timestamp(timestamp.isoformat())
        .set_activity_progress("Completed")
        .set_grading_progress("FullyGraded")
        .set_user_id(lti_user.sub)
    )
    service = AssignmentsGradesService(
        ServiceConnector(item.context.deployment.registration.to_registration()),
        {
            "lineitem": item.url,
            "scope": ["https://purl.imsglobal.org/spec/lti-ags/scope/score"],
        },
    )
    record = ScoreSend(
        grade=grade,
        line_item=item,
        user_sub=lti_user.sub,
        score_given=grade.score,
        score_maximum=Decimal(SCORE_MAXIMUM),
        timestamp=timestamp,
        status=ScoreSend.Status.SENT,
    )
    try:
        service.put_grade(score)
    except Exception as exc:  # recorded and resent by `manage.py lti_resend_scores`
        logger.warning("Score voor cijfer %s niet naar %s: %s", grade.pk, item.url, exc)
        record.status, record.error = ScoreSend.Status.FAILED, f"{type(exc).__name__}: {exc}"
    record.save()
    close_superseded(line_item=item, user_sub=lti_user.sub)
    return record.status


def close_superseded(**scope) -> int:
    """Mark as superseded the failed sends (within `scope`) that a newer send to the same line
    item and LMS user replaced: the LMS keeps the score with the latest timestamp (AGS 2.0
    §3.4), so sending them again would change nothing. The count closed."""
    from .models import ScoreSend

    newer = ScoreSend.objects.filter(
        line_item=OuterRef("line_item"),
        user_sub=OuterRef("user_sub"),
        timestamp__gt=OuterRef("timestamp"),
    )
    return (
        ScoreSend.objects.filter(status=ScoreSend.Status.FAILED, **scope)
        .filter(Exists(newer))
        .update(status=ScoreSend.Status.SUPERSEDED)
    )


def resend_failed() -> tuple[int, int]:
    """Queue again the grades with a failed send no newer send replaced (`lti_resend_scores`);
    the counts of sends closed as superseded and of grades queued."""
    from .models import ScoreSend

    closed = close_superseded()
    grade_ids = sorted(
        set(
            ScoreSend.objects.filter(status=ScoreSend.Status.FAILED).values_list(
                "grade_id", flat=True
            )
        )
    )
    for grade_id in grade_ids:
        send_scores.enqueue(grade_id)
    return closed, len(grade_ids)


@task()
def send_scores(grade_id: int) -> int:
    """Send the released grade's score to every line item that takes it; the count sent.
    Nothing when the grade is not (or no longer) the one the trainee sees."""
    from assessment.models import Grade
    from assessment.selectors import released_final_grade

    grade = (
        Grade.objects.filter(pk=grade_id, released_at__isnull=False)
        .select_related("attempt__case_version__case", "attempt__cohort")
        .first()
    )
    if grade is None:
        return 0
    attempt = grade.attempt
    shown = released_final_grade(attempt, list(attempt.grades.all()))
    if shown is None or shown.pk != grade.pk:
        return 0
    timestamp = timezone.now()
    return sum(
        send_score(grade, item, lti_user, timestamp) == "sent"
        for item, lti_user in line_items_for(grade)
    )


def _enqueue(grade_id: int) -> None:
    try:
        send_scores.enqueue(grade_id)
    except Exception:  # the release is done; `lti_resend_scores` sends it later
        logger.exception("Score van cijfer %s kon niet in de wachtrij", grade_id)


def on_grade_released(grade) -> None:
    grade_id = grade.pk
    transaction.on_commit(lambda: _enqueue(grade_id))
