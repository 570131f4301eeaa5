"""Exam forms (issue #15, items 4 and 5): coverage before use, item analysis from real
grades, the Angoff workflow end to end, and the adopted cut score on grades."""

from __future__ import annotations

from decimal import Decimal

import pytest

from assessment import exam_forms, services
from assessment.cut_score import cut_score_label, passed_at
from assessment.exam_quality import item_analysis
from assessment.exam_quality.extract import matrix_from_results
from assessment.models import AngoffStatus
from assessment.selectors import effective_result
from tests.assessment.exam_form_fixtures import *  # noqa: F403 (fixtures)
from tests.assessment.exam_form_fixtures import BLUEPRINT, SUBMISSIONS, _adopt, _final, _study
from tests.factories.assessment import finished_attempt, signed_grade

pytestmark = pytest.mark.django_db

# --- coverage before use ------------------------------------------------------------------


def test_coverage_is_shown_before_any_attempt(form):
    items = exam_forms.form_items(form)
    # the Golf reference's lines, then the checks that apply to the case, with human labels
    assert items[0].key.startswith("line:") and "(" in items[0].label
    assert any(item.key == "check:delivery_checklist" for item in items)
    found = exam_forms.form_coverage(form, items)
    assert found.errors == ()
    statuses = {(e.dimension, e.key): e.status.value for e in found.coverage.keys}
    # every line shows what a correct line shows; 1.3 (dossier) is asked but never shown
    assert statuses[("work_processes", "1.3")] == "missing"
    assert found.coverage.gaps


def test_a_form_without_blueprint_says_so(board, exam_cohort, case_version):
    form = exam_forms.exam_form_create(
        by=board, cohort=exam_cohort, case_version=case_version, blueprint=None
    )
    assert exam_forms.form_coverage(form).errors == ("Deze examenvorm heeft geen toetsmatrijs.",)


def test_blueprint_refusals_name_their_field(board):
    with pytest.raises(exam_forms.ExamFormError) as refused:
        exam_forms.blueprint_save(
            by=board, title="", weights={"work_processes": {"9.9": 1, "1.1": "x"}}
        )
    paths = {error["path"] for error in refused.value.errors}
    assert paths == {"title", "weights.work_processes"}


def test_only_the_board_manages(assessor, exam_cohort, case_version):
    with pytest.raises(exam_forms.NotAllowed):
        exam_forms.blueprint_save(by=assessor, title="X", weights=BLUEPRINT)
    with pytest.raises(exam_forms.NotAllowed):
        exam_forms.exam_form_create(
            by=assessor, cohort=exam_cohort, case_version=case_version, blueprint=None
        )


def test_a_form_needs_an_exam_cohort(board, cohort, case_version):
    with pytest.raises(exam_forms.ExamFormError) as refused:
        exam_forms.exam_form_create(
            by=board, cohort=cohort, case_version=case_version, blueprint=None
        )
    assert refused.value.errors[0]["path"] == "cohort"


# --- item analysis -------------------------------------------------------------------------


def test_item_analysis_equals_the_pure_functions_on_the_same_matrix(form, graded):
    found = exam_forms.form_item_analysis(form)
    assert found.errors == () and found.graded == len(SUBMISSIONS)
    matrix = matrix_from_results(
        [
            {
                "machine_result": effective_result(g),
                "workflow_checks": g.workflow_checks,
                "candidate": str(g.attempt_id),
            }
            for g in graded
        ]
    )
    expected = item_analysis(matrix).to_json()
    got = found.analysis.to_json()
    assert got["alpha"] == expected["alpha"]
    assert [(i["key"], i["facility"], i["discrimination"]) for i in got["items"]] == [
        (i["key"], i["facility"], i["discrimination"]) for i in expected["items"]
    ]
    # but labelled for people: the line's description, not its key or part code alone
    labels = exam_forms.item_labels(form.case_version)
    assert got["items"][0]["label"] == labels[got["items"][0]["key"]]
    assert any(i["discrimination"] is not None for i in got["items"])


def test_unfinished_blind_marking_does_not_count(form, exam_cohort, case_version, markers):
    trainee = exam_cohort.trainees.order_by("username").first()
    attempt = finished_attempt(trainee=trainee, cohort=exam_cohort, case_version=case_version)
    signed_grade(attempt, markers[0])  # the second marker has not signed
    assert exam_forms.final_grades(form) == []


# --- Angoff --------------------------------------------------------------------------------


def test_angoff_workflow_end_to_end_with_figures_by_hand(form, board, markers):
    keys = [item.key for item in exam_forms.form_items(form)]
    # every judge gives every item the same chance: 0.6, 0.7, 0.8 → judge cut scores 0.6n,
    # 0.7n, 0.8n; the cut score is their mean 0.7n = 70.0 %, SE = sd(0.6,0.7,0.8)·n/√3
    study = _study(form, board, markers, ["0,6", "0.7", 0.8])
    study = exam_forms.angoff_study_close(study=study, by=board)
    n = len(keys)
    assert study.status == AngoffStatus.CLOSED
    assert study.result["cut_score_percent"] == "70.0"
    assert study.result["cut_score"] == pytest.approx(0.7 * n)
    assert study.result["standard_error"] == pytest.approx(0.1 * n / 3**0.5)
    assert study.result["standard_error_percent"] == pytest.approx(10 / 3**0.5)
    assert sorted(study.result["judge_cut_scores"].values()) == pytest.approx(
        [0.6 * n, 0.7 * n, 0.8 * n]
    )
    form = exam_forms.cut_score_adopt(study=study, by=board)
    assert form.cut_score == Decimal("70.0") and form.cut_score_adopted_by == board
    # a re-adoption records who and when again
    exam_forms.cut_score_adopt(study=study, by=board)
    study.refresh_from_db()
    assert [entry["by"] for entry in study.result["adoptions"]] == [board.username] * 2


def test_angoff_estimates_are_validated_with_field_paths(form, board, markers):
    study = exam_forms.angoff_study_open(form=form, judges=[board, *markers], by=board)
    key = exam_forms.form_items(form)[0].key
    with pytest.raises(exam_forms.ExamFormError) as refused:
        exam_forms.angoff_judgements_save(
            study=study,
            judge=markers[0],
            probabilities={key: "1,5", "line:nope": "0.5", "check:delivery_checklist": "x"},
        )
    assert {e["path"] for e in refused.value.errors} == {
        f"probabilities.{key}",
        "probabilities.line:nope",
        "probabilities.check:delivery_checklist",
    }
    # an incomplete table cannot be closed
    exam_forms.angoff_judgements_save(study=study, judge=markers[0], probabilities={key: "0.5"})
    with pytest.raises(exam_forms.ExamFormError) as refused:
        exam_forms.angoff_study_close(study=study, by=board)
    assert refused.value.errors[0]["path"] == "judgements"
    assert "onvolledige tabel" in refused.value.errors[0]["message"]


def test_only_judges_estimate_and_only_the_board_closes_and_adopts(form, board, markers, assessor):
    study = exam_forms.angoff_study_open(form=form, judges=markers, by=board)
    with pytest.raises(exam_forms.NotAllowed):
        exam_forms.angoff_judgements_save(study=study, judge=assessor, probabilities={})
    with pytest.raises(exam_forms.NotAllowed):
        exam_forms.angoff_study_close(study=study, by=markers[0])
    with pytest.raises(exam_forms.NotAllowed):
        exam_forms.cut_score_adopt(study=study, by=markers[0])


# --- the cut score on grades -----------------------------------------------------------------


def test_passed_at_the_cut_score_boundary():
    assert passed_at(Decimal("68.5"), False, Decimal("68.5"))
    assert not passed_at(Decimal("68.4"), False, Decimal("68.5"))
    assert not passed_at(Decimal("90.0"), True, Decimal("68.5"))


def test_a_grade_after_adoption_uses_the_cut_score(form, board, markers, exam_cohort, case_version):
    trainees = list(exam_cohort.trainees.order_by("username"))
    before = finished_attempt(
        trainee=trainees[0],
        cohort=exam_cohort,
        case_version=case_version,
        submission="bonnet-replaced",
    )
    given_before = _final(before, markers)
    assert given_before.score == Decimal("83.3") and given_before.passed
    # the cut score 83.4 (every judge 0.834) is above the 83.3 of bonnet-replaced
    form = _adopt(form, board, markers, "0.834")
    assert form.cut_score == Decimal("83.4")
    after = finished_attempt(
        trainee=trainees[1],
        cohort=exam_cohort,
        case_version=case_version,
        submission="bonnet-replaced",
    )
    grade = _final(after, markers)
    assert (grade.score, grade.cut_score, grade.cut_score_form) == (
        Decimal("83.3"),
        Decimal("83.4"),
        form,
    )
    assert not grade.passed
    assert "Cesuur 83,4 (Angoff, examenvorm" in cut_score_label(grade)
    # the grade given before adoption is unchanged
    given_before.refresh_from_db()
    assert given_before.passed and given_before.cut_score == Decimal("70.0")
    assert cut_score_label(given_before) == "Cesuur 70 (standaard)"
    # a correction keeps the cut score of the grade it replaces
    correction = services.grade_correct(grade=grade, by=markers[0], reason="typefout")
    assert (correction.cut_score, correction.cut_score_form_id, correction.passed) == (
        Decimal("83.4"),
        form.pk,
        False,
    )


def test_a_grade_exactly_at_the_cut_score_passes(form, board, markers, exam_cohort, case_version):
    form = _adopt(form, board, markers, "0.833")
    attempt = finished_attempt(
        trainee=exam_cohort.trainees.first(),
        cohort=exam_cohort,
        case_version=case_version,
        submission="bonnet-replaced",
    )
    grade = _final(attempt, markers)
    assert grade.cut_score == Decimal("83.3") and grade.passed
