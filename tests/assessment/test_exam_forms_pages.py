"""Exam-form pages, API and quality PDF (issue #15, item 7): who sees what, refused forms
keep what was typed, labels not keys, the cut score named on the grade's page and PDF."""

from __future__ import annotations

import shutil
import subprocess
from decimal import Decimal

import pytest
from django.urls import reverse

from assessment import exam_forms
from assessment.reports.documents import assessment_context
from assessment.reports.exam_form_quality import quality_html, render_quality
from tests.assessment.exam_form_fixtures import *  # noqa: F403 (fixtures)
from tests.assessment.exam_form_fixtures import _adopt, _final
from tests.conftest import logged_in_client
from tests.factories.assessment import finished_attempt

pytestmark = pytest.mark.django_db


@pytest.fixture
def study(form, board, markers):
    return exam_forms.angoff_study_open(form=form, judges=[board, markers[0]], by=board)


def _status(user, url, method="get", data=None, **extra):
    client = logged_in_client(user)
    response = getattr(client, method)(url, data or {}, **extra)
    return response.status_code


# --- authorization -------------------------------------------------------------------------


def test_form_pages_by_role(form, study, board, markers, assessor, exam_cohort):
    trainee = exam_cohort.trainees.first()
    page = reverse("assessment:exam_form", args=[form.pk])
    pdf = reverse("assessment:exam_form_pdf", args=[form.pk])
    listing = reverse("assessment:exam_form_list")
    blueprints = reverse("assessment:blueprint_list")
    angoff = reverse("assessment:angoff_study", args=[study.pk])
    # the board: everything
    for url in (page, pdf, listing, blueprints, angoff):
        assert _status(board, url) == 200, url
    # an assessor of the form's cohort who is a judge: the form, its PDF and the study
    for url in (page, pdf, listing, angoff):
        assert _status(markers[0], url) == 200, url
    assert _status(markers[0], blueprints) == 404
    # an assessor of the cohort who is no judge: the form, not the study
    assert _status(markers[1], page) == 200
    assert _status(markers[1], angoff) == 404
    # another cohort's assessor: the list (empty), not the form
    assert _status(assessor, listing) == 200
    assert _status(assessor, page) == 404 and _status(assessor, pdf) == 404
    # a trainee: nothing
    for url in (page, pdf, listing, blueprints, angoff):
        assert _status(trainee, url) == 404, url


def test_board_only_writes(form, study, markers):
    for name, args in (
        ("assessment:angoff_close", [study.pk]),
        ("assessment:angoff_adopt", [study.pk]),
        ("assessment:angoff_open", [form.pk]),
        ("assessment:exam_form_create", []),
        ("assessment:blueprint_create", []),
    ):
        assert _status(markers[0], reverse(name, args=args), "post") == 404, name


def test_api_by_role(form, study, board, markers, assessor, exam_cohort):
    trainee = exam_cohort.trainees.first()
    detail = f"/api/v1/assessment/exam-forms/{form.pk}/"
    assert _status(board, detail) == 200
    assert _status(markers[1], detail) == 200
    assert _status(assessor, detail) == 404
    assert _status(trainee, detail) == 404
    assert _status(trainee, "/api/v1/assessment/exam-forms/") == 404
    assert _status(markers[0], "/api/v1/assessment/exam-forms/blueprints/") == 404
    close = f"/api/v1/assessment/exam-forms/angoff/{study.pk}/close/"
    assert _status(markers[0], close, "post") == 403  # a judge sees the study, may not close
    judgements = f"/api/v1/assessment/exam-forms/angoff/{study.pk}/judgements/"
    key = exam_forms.form_items(form)[0].key
    response = logged_in_client(markers[1]).put(
        judgements, {"probabilities": {key: "0.5"}}, content_type="application/json"
    )
    assert response.status_code == 404  # not a judge: the study is not theirs to see


def test_api_judgements_and_blueprint_errors_name_field_paths(form, study, board, markers):
    key = exam_forms.form_items(form)[0].key
    url = f"/api/v1/assessment/exam-forms/angoff/{study.pk}/judgements/"
    response = logged_in_client(markers[0]).put(
        url, {"probabilities": {key: "2"}}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == f"probabilities.{key}"
    response = logged_in_client(markers[0]).put(
        url, {"probabilities": {key: "0,75"}}, content_type="application/json"
    )
    assert response.status_code == 200 and response.json()["own_judgements"] == {key: "0.750"}
    response = logged_in_client(board).post(
        "/api/v1/assessment/exam-forms/blueprints/",
        {"title": "X", "weights": {"knowledge": {"bestaat-niet": 1}}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "weights.knowledge"


def test_api_detail_has_coverage_and_item_analysis(form, graded, board):
    data = logged_in_client(board).get(f"/api/v1/assessment/exam-forms/{form.pk}/").json()
    assert data["coverage"]["gaps"]
    assert data["item_analysis"]["candidates"] == len(graded)
    labels = exam_forms.item_labels(form.case_version)
    assert (
        data["item_analysis"]["items"][0]["label"]
        == labels[data["item_analysis"]["items"][0]["key"]]
    )


# --- pages -----------------------------------------------------------------------------------


def test_form_page_shows_coverage_labels_and_analysis(form, graded, board):
    html = logged_in_client(board).get(reverse("assessment:exam_form", args=[form.pk])).content
    text = html.decode()
    assert "Dekking van de toetsmatrijs" in text and "ontbreekt" in text
    assert "Cronbachs alfa" in text and "<svg" in text
    first = exam_forms.form_items(form)[0]
    assert first.label in text
    assert f">{first.key}<" not in text  # a key is never shown as the label


def test_a_refused_blueprint_keeps_what_was_typed(board):
    client = logged_in_client(board)
    response = client.post(
        reverse("assessment:blueprint_create"),
        {"title": "Mijn matrijs", "w__work_processes__1.1": "x", "w__work_processes__1.2": "2,5"},
    )
    assert response.status_code == 400
    text = response.content.decode()
    assert 'value="Mijn matrijs"' in text and 'value="2,5"' in text and 'value="x"' in text
    assert "moet een getal" in text


def test_the_judge_enters_estimates_on_the_page(form, study, markers):
    client = logged_in_client(markers[0])
    items = exam_forms.form_items(form)
    url = reverse("assessment:angoff_study", args=[study.pk])
    refused = client.post(url, {f"p__{items[0].key}": "1,2", f"p__{items[1].key}": "0,4"})
    assert refused.status_code == 400
    assert 'value="1,2"' in refused.content.decode()
    saved = client.post(url, {f"p__{items[0].key}": "0,6", f"p__{items[1].key}": "0,4"})
    assert saved.status_code == 302
    assert exam_forms.judgements_of(study, markers[0])[items[0].key] == Decimal("0.6")


def test_grade_page_and_pdf_name_the_cut_score(form, board, markers, exam_cohort, case_version):
    _adopt(form, board, markers, "0.685")
    attempt = finished_attempt(
        trainee=exam_cohort.trainees.first(), cohort=exam_cohort, case_version=case_version
    )
    grade = _final(attempt, markers)
    page = logged_in_client(markers[0]).get(reverse("assessment:grade", args=[grade.pk]))
    assert "Cesuur 68,5 (Angoff, examenvorm" in page.content.decode()
    from django.template.loader import render_to_string

    html = render_to_string("assessment/reports/assessment.html", assessment_context(grade))
    assert "Cesuur 68,5 (Angoff, examenvorm" in html


def test_quality_pdf_renders(form, graded, board, markers):
    _adopt(form, board, markers, "0.7")
    html = quality_html(form)
    assert "Kwaliteitsrapport examenvorm" in html and "Cronbachs alfa" in html
    rendered = render_quality(form)
    assert rendered.content.startswith(b"%PDF")
    if shutil.which("pdftotext"):
        text = subprocess.run(
            ["pdftotext", "-", "-"], input=rendered.content, capture_output=True, check=True
        ).stdout.decode()
        assert "Kwaliteitsrapport" in text and "70,0" in text
