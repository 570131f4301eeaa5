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
    effective = _effective(grade)
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

    effective = _effective(grade)
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


# --- schadescore/2: credit overrides, the spec a grade keeps, re-scoring ---------------------


def _units_off_attempt(trainee, cohort):
    """An attempt whose bonnet is repaired at 320 AE: units_off with credit 0.9071."""
    return finished_attempt(
        trainee=trainee, cohort=cohort, submission="bonnet-units-and-wing-painted"
    )


def test_a_new_grade_carries_the_current_spec_and_its_exact_figures(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)

    assert grade.spec == "schadescore/2"
    assert grade.machine_result["spec"] == "schadescore/2"
    assert "basis" in grade.machine_result
    assert all("basis" in line for line in grade.machine_result["lines"])


def test_an_override_may_set_the_lines_credit_with_a_reason(trainee, cohort, assessor):
    grade = services.grade_start(attempt=_units_off_attempt(trainee, cohort), by=assessor)
    before = grade.score

    override = services.line_override_create(
        grade=grade,
        by=assessor,
        line_key="4",
        new_verdict="alternative",
        credit="0.25",
        reason="Uitdeuken van 320 AE is hier eigenlijk een andere methode.",
    )

    override.refresh_from_db()
    assert override.credit == Decimal("0.25")
    grade.refresh_from_db()
    assert grade.score < before
    line = next(line for line in _effective(grade)["lines"] if line["key"] == "4")
    assert (line["verdict"], line["credit"]) == ("alternative", "0.2500")


def _effective(grade):
    from assessment.selectors import effective_result

    return effective_result(grade)


def test_accepting_a_units_off_line_as_alternative_costs_no_points(trainee, cohort, assessor):
    grade = services.grade_start(attempt=_units_off_attempt(trainee, cohort), by=assessor)
    before = grade.score

    services.line_override_create(
        grade=grade, by=assessor, line_key="4", new_verdict="alternative", reason="Aanvaardbaar."
    )

    grade.refresh_from_db()
    assert grade.score == before


@pytest.mark.parametrize(
    ("line_key", "verdict", "credit", "path"),
    [
        ("4", "alternative", "1.5", "credit"),
        ("4", "alternative", "-0.1", "credit"),
        ("4", "alternative", "0.12345", "credit"),
        ("4", "alternative", "veel", "credit"),
        ("4", "missing", "0.5", "credit"),  # a verdict whose credit is fixed
        ("4", "correct", "0.5", "credit"),
        ("9", "extra", None, "new_verdict"),  # a reference line is never extra
        ("99", "missing", None, "line_key"),
    ],
)
def test_an_override_that_does_not_fit_the_line_is_refused(
    attempt, assessor, line_key, verdict, credit, path
):
    grade = services.grade_start(attempt=attempt, by=assessor)

    with pytest.raises(services.AssessmentError) as refused:
        services.line_override_create(
            grade=grade,
            by=assessor,
            line_key=line_key,
            new_verdict=verdict,
            credit=credit,
            reason="Zie de foto's.",
        )

    assert refused.value.errors[0]["path"] == path
    assert LineOverride.objects.count() == 0


def test_a_correction_keeps_the_overrides_credit(trainee, cohort, assessor):
    attempt = _units_off_attempt(trainee, cohort)
    grade = services.grade_start(attempt=attempt, by=assessor)
    services.line_override_create(
        grade=grade,
        by=assessor,
        line_key="4",
        new_verdict="units_off",
        credit="0.6",
        reason="Te veel uren voor deze deuk.",
    )
    signed = services.grade_sign(
        grade=services.grade_autosave(
            grade=grade, by=assessor, revision=grade.revision, rubric=FULL_RUBRIC, comment="Ok."
        ),
        by=assessor,
    )

    correction = services.grade_correct(grade=signed, by=assessor, reason="Rubric.")

    assert correction.overrides.get().credit == Decimal("0.6")
    assert correction.score == signed.score


def _as_schadescore_1(grade: Grade) -> Grade:
    """The grade as one stored under schadescore/1: no exact figures, line_meta, its own score."""
    old = {key: value for key, value in grade.machine_result.items() if key != "basis"}
    old["spec"] = "schadescore/1"
    old["lines"] = [
        {key: value for key, value in line.items() if key != "basis"}
        for line in grade.machine_result["lines"]
    ]
    old["line_meta"] = {"6": {"critical": True, "alternative_credit": "0.5"}}
    old["score"] = "97.3"
    Grade.objects.filter(pk=grade.pk).update(machine_result=old, spec="", score=Decimal("97.3"))
    grade.refresh_from_db()
    return grade


def test_a_schadescore_1_grade_keeps_its_spec_and_is_shown_as_such(attempt, assessor):
    grade = _as_schadescore_1(services.grade_start(attempt=attempt, by=assessor))
    grade.save(update_fields=["spec"])  # the spec is filled in from the stored result

    assert grade.spec == "schadescore/1"
    effective = _effective(grade)
    assert (effective["spec"], effective["score"]) == ("schadescore/1", "97.3")


def test_rescoring_a_signed_schadescore_1_grade_adds_a_new_version_beside_it(
    trainee, cohort, assessor
):
    # given: a signed grade computed under schadescore/1, with an override on the radar line
    attempt = finished_attempt(trainee=trainee, cohort=cohort)
    draft = _as_schadescore_1(services.grade_start(attempt=attempt, by=assessor))
    draft.save(update_fields=["spec"])
    services.line_override_create(
        grade=draft, by=assessor, line_key="6", new_verdict="missing", reason="Niet gezien."
    )
    draft.refresh_from_db()
    signed = services.grade_sign(
        grade=services.grade_autosave(
            grade=draft, by=assessor, revision=draft.revision, rubric=FULL_RUBRIC, comment="Ok."
        ),
        by=assessor,
    )
    stored = (signed.machine_result, signed.score, signed.passed, signed.spec)

    # when
    rescored = services.grade_rescore(grade=signed, by=assessor, reason="Nieuwe specificatie.")

    # then: a new draft under schadescore/2; the signed grade exactly as it was
    signed.refresh_from_db()
    assert (signed.machine_result, signed.score, signed.passed, signed.spec) == stored
    assert signed.status == GradeStatus.SIGNED and signed.spec == "schadescore/1"
    assert rescored.spec == "schadescore/2" and rescored.machine_result["spec"] == "schadescore/2"
    assert (rescored.version, rescored.supersedes, rescored.status) == (
        2,
        signed,
        GradeStatus.DRAFT,
    )
    assert rescored.rubric == FULL_RUBRIC and rescored.comment == "Ok."
    # the override was about the same machine verdict ("correct"): it carries over
    assert [(o.line_key, o.new_verdict) for o in rescored.overrides.all()] == [("6", "missing")]
    assert rescored.passed is False  # the knock-out the assessor gave
    assert rescored.events.filter(kind="rescore").exists()


def test_rescoring_a_grade_of_the_current_spec_is_refused(attempt, assessor):
    grade = signed_grade(attempt, assessor)

    with pytest.raises(services.AssessmentError) as refused:
        services.grade_rescore(grade=grade, by=assessor, reason="x")

    assert refused.value.errors[0]["path"] == "spec"
    assert Grade.objects.count() == 1


def test_a_draft_replaced_by_a_rescore_can_no_longer_be_changed(attempt, assessor):
    draft = _as_schadescore_1(services.grade_start(attempt=attempt, by=assessor))
    draft.save(update_fields=["spec"])

    rescored = services.grade_rescore(grade=draft, by=assessor, reason="Nieuwe specificatie.")

    with pytest.raises(services.AssessmentError) as refused:
        services.grade_autosave(grade=draft, by=assessor, revision=draft.revision, comment="x")
    assert refused.value.errors[0]["path"] == "version"
    assert services.grade_start(attempt=attempt, by=assessor) == rescored


def test_every_verdict_has_a_translated_label():
    from assessment.models import LineVerdict
    from assessment.scoring import Verdict

    assert [choice.value for choice in LineVerdict] == [verdict.value for verdict in Verdict]
    assert LineVerdict(Verdict.ALTERNATIVE).label == "acceptabel alternatief"
