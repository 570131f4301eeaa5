"""One presenter per page kind (issue #13, item 6): the grading page, the trainee's result page
and the assessment report show a grade's sub-scores, rubric and checks from `grade_presentation`,
so the three agree, and a page reads only what it shows."""

import pytest
from django.urls import reverse

from assessment import services
from assessment.presenters import grade_presentation
from assessment.reports.documents import assessment_context
from assessment.rubric import AREAS, LEVEL_LABELS
from assessment.scoring.competence import WORK_PROCESSES
from tests.factories.assessment import finished_attempt, released_grade

pytestmark = pytest.mark.django_db


@pytest.fixture
def graded(trainee, cohort, case_version, assessor):
    attempt = finished_attempt(
        trainee=trainee,
        cohort=cohort,
        case_version=case_version,
        submission="bonnet-units-and-wing-painted",
    )
    rubric = {area.slug: level for area, level in zip(AREAS, (4, 3, 2, 1), strict=True)}
    return released_grade(attempt, assessor, rubric=rubric)


def test_the_report_and_the_result_page_show_the_same_figures(graded, trainee, client_for):
    # when
    report = assessment_context(graded)
    page = client_for(trainee).get(reverse("assessment:result", args=[graded.attempt_id]))

    # then
    assert page.status_code == 200
    assert page.context["competence_areas"] == report["competence_areas"]
    assert page.context["work_processes"] == report["work_processes"]
    assert page.context["checks"] == report["checks"]
    assert [row["key"] for row in page.context["rows"]] == [row["key"] for row in report["lines"]]
    assert [m.kind for m in page.context["mistakes"]] == [m.kind for m in report["mistakes"]]


def test_the_grading_page_shows_the_rubric_as_the_report_does(graded, assessor, client_for):
    page = client_for(assessor).get(reverse("assessment:grade", args=[graded.pk]))

    assert page.context["competence_areas"] == assessment_context(graded)["competence_areas"]
    html = page.content.decode()
    for area, level in zip(AREAS, (4, 3, 2, 1), strict=True):
        assert f"{level} – {LEVEL_LABELS[level]}" in html
        assert area.name in html


def test_each_area_carries_its_sub_score_level_and_rubric(graded):
    shown = grade_presentation(graded)

    assert [wp.code for wp in shown.work_processes] == list(WORK_PROCESSES)
    first = shown.competence_areas[0]
    assert (first.name, first.rubric, first.rubric_label) == (AREAS[0].name, 4, LEVEL_LABELS[4])
    assert first.descriptor == AREAS[0].descriptors[4]
    assert first.score == shown.subscores["competence_areas"][AREAS[0].name]
    assert all(check["applicable"] for check in shown.applicable_checks)


def test_without_details_no_line_or_lesson_is_read(graded, django_assert_num_queries):
    # given: the effective result as the selector already re-scored it
    from assessment.selectors import effective_result

    effective = effective_result(graded)
    shown = grade_presentation(graded, effective=effective, details=False)

    # then: an exam result's page costs no query for what it hides
    with django_assert_num_queries(0):
        assert shown.rows == []
        assert shown.mistakes == []
        assert shown.effective is effective


def test_the_grading_page_does_not_look_up_lessons(graded, assessor, client_for, monkeypatch):
    import assessment.presenters as presenters

    def refuse(*args, **kwargs):
        raise AssertionError("lessons looked up for a page that shows none")

    monkeypatch.setattr(presenters, "mistakes_with_lessons", refuse)
    page = client_for(assessor).get(reverse("assessment:grade", args=[graded.pk]))
    assert page.status_code == 200


def test_the_result_page_uses_the_sub_scores_the_selector_computed(
    graded, trainee, client_for, monkeypatch
):
    import assessment.presenters as presenters

    def refuse(*args, **kwargs):
        raise AssertionError("sub-scores computed a second time")

    monkeypatch.setattr(presenters, "grade_subscores", refuse)
    page = client_for(trainee).get(reverse("assessment:result", args=[graded.attempt_id]))
    assert page.status_code == 200


def test_a_draft_grade_is_presented_too(attempt, assessor):
    grade = services.grade_start(attempt=attempt, by=assessor)

    shown = grade_presentation(grade)

    assert all(area.rubric is None for area in shown.competence_areas)
    assert shown.rows
