"""A grade from start to sign-off: machine result, autosave, overrides, sign-off, correction."""

from decimal import Decimal

import pytest

from assessment import services
from assessment.models import Grade, GradeStatus, LineOverride, SignedGradeImmutable
from tests.factories.assessment import FULL_RUBRIC, finished_attempt, signed_grade

pytestmark = pytest.mark.django_db


def test_starting_a_grade_scores_the_final_calculation_against_the_final_reference(
    attempt, assessor
):
    grade = services.grade_start(attempt=attempt, by=assessor)

    assert grade.status == GradeStatus.DRAFT
    assert grade.machine_result["scored"]["calculation_kind"] == "final"
    assert grade.machine_result["scored"]["reference"] == "reference_final"
    assert grade.score == Decimal("100.0")
    assert grade.passed is True


def test_starting_twice_returns_the_same_draft(attempt, assessor):
    first = services.grade_start(attempt=attempt, by=assessor)
    second = services.grade_start(attempt=attempt, by=assessor)
    assert first.pk == second.pk
    assert Grade.objects.count() == 1


def test_an_assessor_of_another_cohort_cannot_start_a_grade(
    attempt, outsider_assessor, other_cohort
):
    with pytest.raises(services.NotAllowed):
        services.grade_start(attempt=attempt, by=outsider_assessor)


def test_a_trainee_cannot_start_a_grade(attempt, trainee):
    with pytest.raises(services.NotAllowed):
        services.grade_start(attempt=attempt, by=trainee)


def test_critical_errors_of_the_calculation_fail_the_grade(trainee, cohort, assessor):
    attempt = finished_attempt(
        trainee=trainee, cohort=cohort, submission="radar-calibration-forgotten"
    )
    grade = services.grade_start(attempt=attempt, by=assessor)
    kinds = [error["kind"] for error in grade.machine_result["critical_errors"]]
    assert "missing_critical" in kinds
    assert grade.passed is False


def test_override_requires_a_reason(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)
    with pytest.raises(services.AssessmentError) as refused:
        services.line_override_create(
            grade=grade, by=assessor, line_key="4", new_verdict="missing", reason="  "
        )
    assert refused.value.errors[0]["path"] == "reason"
    assert LineOverride.objects.count() == 0


def test_override_keeps_the_machine_verdict_and_recomputes_the_score(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)

    override = services.line_override_create(
        grade=grade,
        by=assessor,
        line_key="4",
        new_verdict="wrong_operation",
        reason="Motorkap moet volgens de fabrikant vervangen worden.",
    )

    override.refresh_from_db()
    assert override.original_verdict == "correct"
    assert override.new_verdict == "wrong_operation"
    assert override.by == assessor and override.at is not None
    grade.refresh_from_db()
    assert grade.score < Decimal("100.0")
    effective = services.effective_result(grade)
    line = next(line for line in effective["lines"] if line["key"] == "4")
    assert line["machine_verdict"] == "correct" and line["verdict"] == "wrong_operation"


def test_overriding_a_missing_critical_line_to_correct_lifts_the_knock_out(
    trainee, cohort, assessor
):
    attempt = finished_attempt(
        trainee=trainee, cohort=cohort, submission="radar-calibration-forgotten"
    )
    grade = services.grade_start(attempt=attempt, by=assessor)

    services.line_override_create(
        grade=grade,
        by=assessor,
        line_key="6",
        new_verdict="correct",
        reason="Kalibratie staat als werk derden op de factuur van de dealer.",
    )

    effective = services.effective_result(grade)
    assert [e["kind"] for e in effective["critical_errors"]] == ["adas_calibration_missing"]


def test_an_unknown_verdict_for_a_line_is_refused(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)
    with pytest.raises(services.AssessmentError):
        services.line_override_create(
            grade=grade, by=assessor, line_key="4", new_verdict="extra", reason="x"
        )


@pytest.mark.parametrize("level", [0, 5, "3", True, 2.5])
def test_rubric_levels_outside_one_to_four_are_refused(attempt, assessor, level):
    grade = services.grade_start(attempt=attempt, by=assessor)
    with pytest.raises(services.AssessmentError) as refused:
        services.grade_autosave(
            grade=grade,
            by=assessor,
            revision=grade.revision,
            rubric={"analyseren-en-interpreteren": level},
        )
    assert refused.value.errors[0]["path"] == "rubric.analyseren-en-interpreteren"


def test_an_unknown_rubric_area_is_refused(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)
    with pytest.raises(services.AssessmentError):
        services.grade_autosave(grade=grade, by=assessor, revision=grade.revision, rubric={"x": 3})


def test_autosave_from_a_stale_revision_is_refused_and_returns_what_was_typed(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)
    stale = grade.revision
    services.grade_autosave(grade=grade, by=assessor, revision=stale, comment="Eerste tab")

    with pytest.raises(services.StaleGrade) as refused:
        services.grade_autosave(grade=grade, by=assessor, revision=stale, comment="Tweede tab")

    assert refused.value.submitted["comment"] == "Tweede tab"
    grade.refresh_from_db()
    assert grade.comment == "Eerste tab"


def test_sign_off_needs_all_four_rubric_areas_and_a_comment(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)
    with pytest.raises(services.AssessmentError) as refused:
        services.grade_sign(grade=grade, by=assessor)
    paths = {error["path"] for error in refused.value.errors}
    assert "comment" in paths and "rubric.analyseren-en-interpreteren" in paths


def test_only_the_grades_own_assessor_signs(attempt, assessor, organisation, cohort):
    from tests.factories.accounts import UserFactory

    colleague = UserFactory(username="beoordelaar_a2", role="assessor", organisation=organisation)
    cohort.assessors.add(colleague)
    grade = services.grade_start(attempt=attempt, by=assessor)
    with pytest.raises(services.NotAllowed):
        services.grade_sign(grade=grade, by=colleague)


def test_a_signed_grade_is_immutable(attempt, assessor):
    grade = signed_grade(attempt, assessor)

    with pytest.raises(services.AssessmentError):
        services.grade_autosave(grade=grade, by=assessor, revision=grade.revision, comment="x")
    with pytest.raises(services.AssessmentError):
        services.line_override_create(
            grade=grade, by=assessor, line_key="4", new_verdict="missing", reason="x"
        )
    grade.refresh_from_db()
    grade.comment = "stiekem gewijzigd"
    with pytest.raises(SignedGradeImmutable):
        grade.save()


def test_a_correction_creates_a_new_version_with_its_reason(attempt, assessor):
    signed = signed_grade(attempt, assessor)

    correction = services.grade_correct(
        grade=signed, by=assessor, reason="Rubric verkeerd ingevuld."
    )

    assert correction.version == 2
    assert correction.supersedes == signed
    assert correction.correction_reason == "Rubric verkeerd ingevuld."
    assert correction.status == GradeStatus.DRAFT
    assert correction.rubric == FULL_RUBRIC
    signed.refresh_from_db()
    assert signed.status == GradeStatus.SIGNED and signed.version == 1


def test_a_correction_needs_a_reason(attempt, assessor):
    signed = signed_grade(attempt, assessor)
    with pytest.raises(services.AssessmentError):
        services.grade_correct(grade=signed, by=assessor, reason="")


def test_a_draft_cannot_be_corrected(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)
    with pytest.raises(services.AssessmentError):
        services.grade_correct(grade=grade, by=assessor, reason="x")


def test_starting_after_sign_off_is_refused(attempt, assessor):
    signed_grade(attempt, assessor)
    with pytest.raises(services.AssessmentError):
        services.grade_start(attempt=attempt, by=assessor)
