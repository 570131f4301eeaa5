"""Exam mode: a second assessor grades blind; too large a difference goes to a third."""

import pytest
from django.urls import reverse

from assessment import selectors, services
from assessment.models import GradeRole, Moderation, ModerationStatus
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import signed_grade

pytestmark = pytest.mark.django_db


@pytest.fixture
def exam_cohort(cohort):
    cohort.exam_mode = True
    cohort.save()
    return cohort


@pytest.fixture
def second_assessor(organisation, exam_cohort):
    user = UserFactory(username="beoordelaar_a2", role=Role.ASSESSOR, organisation=organisation)
    exam_cohort.assessors.add(user)
    return user


@pytest.fixture
def third_assessor(organisation, exam_cohort):
    user = UserFactory(username="beoordelaar_a3", role=Role.ASSESSOR, organisation=organisation)
    exam_cohort.assessors.add(user)
    return user


def lower_by_overrides(attempt, assessor, keys):
    grade = services.grade_start(attempt=attempt, by=assessor)
    for key in keys:
        services.line_override_create(
            grade=grade, by=assessor, line_key=key, new_verdict="missing", reason="Niet aangetoond."
        )
    return signed_grade(attempt, assessor)


def test_the_second_assessor_grades_as_second(attempt, assessor, second_assessor):
    first = services.grade_start(attempt=attempt, by=assessor)
    second = services.grade_start(attempt=attempt, by=second_assessor)
    assert (first.role, second.role) == (GradeRole.PRIMARY, GradeRole.SECOND)
    assert services.grade_start(attempt=attempt, by=assessor).pk == first.pk


def test_the_second_assessor_cannot_see_the_first_grade_before_both_signed(
    attempt, assessor, second_assessor, client_for
):
    first = signed_grade(attempt, assessor)
    services.grade_start(attempt=attempt, by=second_assessor)

    assert selectors.grade_for_assessor(second_assessor, first.pk) is None
    client = client_for(second_assessor)
    assert client.get(reverse("assessment:grade", args=[first.pk])).status_code == 404
    assert (
        client.get(reverse("api:assessment_api:grade-detail", args=[first.pk])).status_code == 404
    )
    own = services.grade_start(attempt=attempt, by=second_assessor)
    page = client.get(reverse("assessment:grade", args=[own.pk]))
    assert page.status_code == 200
    assert page.context["other_grades"] == []


def test_the_first_assessor_cannot_see_the_second_grade_before_both_signed(
    attempt, assessor, second_assessor, client_for
):
    signed_grade(attempt, assessor)
    second = services.grade_start(attempt=attempt, by=second_assessor)
    response = client_for(assessor).get(
        reverse("api:assessment_api:grade-detail", args=[second.pk])
    )
    assert response.status_code == 404


def test_after_both_signed_each_sees_the_other(attempt, assessor, second_assessor):
    first = signed_grade(attempt, assessor)
    second = signed_grade(attempt, second_assessor)
    assert selectors.grade_for_assessor(second_assessor, first.pk) is not None
    assert selectors.grade_for_assessor(assessor, second.pk) is not None


def test_close_grades_need_no_moderation_and_the_first_counts(attempt, assessor, second_assessor):
    first = signed_grade(attempt, assessor)
    signed_grade(attempt, second_assessor)
    assert not Moderation.objects.exists()
    found = selectors.result_for(assessor, attempt.pk)
    assert found.grade.pk == first.pk


def test_no_final_grade_with_one_blind_grade_signed(attempt, assessor, second_assessor):
    signed_grade(attempt, assessor)
    assert selectors.result_for(assessor, attempt.pk) is None


def test_a_difference_of_more_than_ten_points_goes_to_moderation(
    attempt, assessor, second_assessor, third_assessor
):
    first = signed_grade(attempt, assessor)
    second = lower_by_overrides(attempt, second_assessor, ["3"])
    assert abs(first.score - second.score) > 10 and first.passed == second.passed

    moderation = Moderation.objects.get(attempt=attempt)
    assert moderation.status == ModerationStatus.OPEN
    assert "punten" in moderation.reason


def test_a_different_pass_fail_goes_to_moderation(attempt, assessor, second_assessor):
    first = signed_grade(attempt, assessor)
    # The radar calibration is a critical line: "missing" is a knock-out.
    second = lower_by_overrides(attempt, second_assessor, ["6"])
    assert abs(first.score - second.score) <= 10
    assert first.passed and not second.passed
    assert Moderation.objects.get(attempt=attempt).status == ModerationStatus.OPEN


def test_a_third_assessor_moderates_and_the_moderators_grade_is_final(
    attempt, assessor, second_assessor, third_assessor
):
    signed_grade(attempt, assessor)
    lower_by_overrides(attempt, second_assessor, ["6"])
    # The first two may not moderate their own disagreement: they get their own grade back.
    assert services.grade_start(attempt=attempt, by=assessor).role == GradeRole.PRIMARY

    moderator_grade = services.grade_start(attempt=attempt, by=third_assessor)
    assert moderator_grade.role == GradeRole.MODERATOR
    assert selectors.grade_for_assessor(third_assessor, moderator_grade.pk) is not None
    final = signed_grade(attempt, third_assessor, comment="Na moderatie.")

    moderation = Moderation.objects.get(attempt=attempt)
    assert moderation.status == ModerationStatus.RESOLVED
    assert moderation.outcome_id == final.pk and moderation.moderator == third_assessor
    assert selectors.result_for(assessor, attempt.pk).grade.pk == final.pk


def test_trainee_never_sees_reference_or_verdicts_in_exam_mode(
    attempt, assessor, second_assessor, trainee, client_for
):
    first = signed_grade(attempt, assessor)
    signed_grade(attempt, second_assessor)
    services.grade_release(grade=first, by=assessor)  # release is its own step (#14)
    client = client_for(trainee)

    page = client.get(reverse("assessment:result", args=[attempt.pk]))
    api = client.get(reverse("api:assessment_api:attempt-result", args=[attempt.pk]))

    assert page.status_code == 200 and page.context["rows"] == []
    assert "Referentie" not in page.content.decode()
    assert api.status_code == 200 and "lines" not in api.json() and "components" not in api.json()
    grade_id = api.json()["grade"]
    report = client.post(reverse("assessment:report_assessment", args=[grade_id]))
    assert report.status_code == 404


# -- a trainee in a practice cohort (lower id) and an exam cohort (issue #12, item 2) ----------


def _delivered(attempt):
    """The started attempt played to the end: calculations, a clean timeline, delivered."""
    from django.utils import timezone

    from cases.models import Attempt, AttemptStatus
    from tests.factories.assessment import (
        GOOD_TIMELINE,
        add_calculation,
        add_event,
        trainee_document,
    )

    add_calculation(attempt, trainee_document("identical"), kind="precalc")
    add_calculation(attempt, trainee_document("identical"), kind="final")
    for kind, data in GOOD_TIMELINE:
        add_event(attempt, kind, data)
    Attempt.objects.filter(pk=attempt.pk).update(
        status=AttemptStatus.DELIVERED, submitted_at=timezone.now()
    )
    attempt.refresh_from_db()
    return attempt


@pytest.fixture
def exam_attempt(multi_cohort_trainee, cohort, exam_group):
    """An exam-only case started by a trainee of practice cohort A and of the exam cohort, through
    the service as the start page does, and delivered."""
    from cases.services import attempt_start
    from tests.factories.assessment import CaseVersionFactory

    assert cohort.pk < exam_group.pk  # the practice cohort is the first by id
    version = CaseVersionFactory(exam_only=True)
    return _delivered(attempt_start(trainee=multi_cohort_trainee, case=version.case))


def test_an_exam_attempt_is_filed_in_the_exam_cohort_and_graded_there(
    exam_attempt, exam_group, assessor, examiner, client_for
):
    assert exam_attempt.cohort == exam_group
    assert services.is_exam(exam_attempt)
    # The practice cohort's assessor neither sees it nor grades it.
    assert exam_attempt not in selectors.attempts_assessable_by(assessor)
    assert selectors.assessment_queue(assessor) == []
    with pytest.raises(services.NotAllowed):
        services.grade_start(attempt=exam_attempt, by=assessor)
    client = client_for(assessor)
    assert client.get(reverse("cases:attempt-detail", args=[exam_attempt.pk])).status_code == 404
    # The exam cohort's examiner grades it, as the first of two blind grades.
    assert [row.attempt for row in selectors.assessment_queue(examiner)] == [exam_attempt]
    first = signed_grade(exam_attempt, examiner)
    assert first.role == GradeRole.PRIMARY
    # one signed grade is no result in exam mode: the trainee sees nothing yet
    assert selectors.result_for(exam_attempt.trainee, exam_attempt.pk) is None


def test_the_exam_result_shows_the_trainee_no_reference(exam_attempt, exam_group, examiner):
    second = UserFactory(username="examinator_a2", role=Role.ASSESSOR)
    exam_group.assessors.add(second)
    first = signed_grade(exam_attempt, examiner)
    signed_grade(exam_attempt, second)
    services.grade_release(grade=first, by=examiner)  # release is its own step (#14)
    result = selectors.result_for(exam_attempt.trainee, exam_attempt.pk)
    assert result is not None and result.exam and not result.show_details


def test_the_queue_does_not_show_another_markers_blind_grade_state(
    attempt, assessor, second_assessor, client_for
):
    # given: the first marker signed (ready for release), the second has not started
    signed_grade(attempt, assessor)

    # when
    (row,) = selectors.assessment_queue(second_assessor)
    api = client_for(second_assessor).get(reverse("api:assessment_api:queue")).json()
    page = client_for(second_assessor).get(reverse("assessment:queue")).content.decode()

    # then: the second marker's queue says nothing of the first grade's state
    assert (row.marking_state, row.correction_open) == ("not_marked", False)
    rows = api["results"] if isinstance(api, dict) else api
    assert [r["marking_state"] for r in rows] == ["not_marked"]
    assert "ready_for_release" not in page
