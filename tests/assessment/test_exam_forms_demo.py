"""The exam-form demo (issue #15, done-when): an exam form with its item analysis and an
adopted Angoff cut score that a new user can open; loaded idempotently."""

import pytest
from django.urls import reverse

from assessment import exam_forms
from assessment.demo_exam_forms import COHORT
from assessment.models import AngoffStatus, ExamForm, Grade
from schadeplatform.accounts.models import User
from tests.conftest import logged_in_client

pytestmark = pytest.mark.django_db


def test_demo_has_an_exam_form_with_item_analysis_and_angoff_cut_score(demo):
    form = ExamForm.objects.get(cohort__name=COHORT)
    assert form.cut_score is not None and form.blueprint.published
    study = form.cut_score_study
    assert study.status == AngoffStatus.CLOSED and study.judges.count() == 3
    assert study.result["agreement"] is not None
    found = exam_forms.form_item_analysis(form)
    assert found.graded >= 8 and found.analysis is not None
    assert found.analysis.alpha.value is not None
    assert any(item.discrimination is not None for item in found.analysis.items)
    assert found.analysis.flagged
    # the candidates' grades were given after the adoption: judged against the cut score
    grades = Grade.objects.filter(attempt__cohort=form.cohort)
    assert {g.cut_score for g in grades} == {form.cut_score}
    assert any(g.passed for g in grades) and any(not g.passed for g in grades)

    # a new user opens each: the board the form, the study and the PDF; a judge the study
    board = User.objects.get(username="examencommissie1")
    for url in (
        reverse("assessment:exam_form_list"),
        reverse("assessment:exam_form", args=[form.pk]),
        reverse("assessment:angoff_study", args=[study.pk]),
        reverse("assessment:exam_form_pdf", args=[form.pk]),
    ):
        assert logged_in_client(board).get(url).status_code == 200, url
    judge = User.objects.get(username="beoordelaar2")
    assert (
        logged_in_client(judge).get(reverse("assessment:angoff_study", args=[study.pk])).status_code
        == 200
    )
    candidate = User.objects.get(username="kandidaat01")
    assert candidate.check_password("kandidaat01-demo")
    assert (
        logged_in_client(candidate).get(reverse("assessment:exam_form", args=[form.pk])).status_code
        == 404
    )
