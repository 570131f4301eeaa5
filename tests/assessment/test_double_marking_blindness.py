"""Blind double marking (issue #15, item 1): before the agreed grade no marker sees another
marker's grade or comment, and before release no marker sees the trainee's name — on every
page, API and PDF a marker reaches; after release the name is back."""

import pytest
from django.template.loader import render_to_string
from django.urls import reverse

from assessment import selectors, services
from assessment.exam import candidate_code
from assessment.models import AgreedGrade
from assessment.reports.documents import assessment_context, calculation_context
from calcengine.formatting import format_number
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import signed_grade

pytestmark = pytest.mark.django_db

FIRST_COMMENT = "EERSTE-OORDEEL-GEHEIM-DM"


@pytest.fixture
def exam_cohort(cohort):
    cohort.exam_mode = True
    cohort.save()
    return cohort


@pytest.fixture
def second(organisation, exam_cohort):
    user = UserFactory(username="dm_blind_tweede", role=Role.ASSESSOR, organisation=organisation)
    exam_cohort.assessors.add(user)
    return user


def _names(trainee) -> list[str]:
    return [name for name in (trainee.get_full_name(), trainee.username) if name]


def _marker_answers(client, attempt, own_grade) -> dict[str, str]:
    """Every page and API the second marker reaches for the attempt, by name."""
    version = attempt.calculation_versions.order_by("pk").first()
    gets = {
        "queue": reverse("assessment:queue"),
        "queue api": reverse("api:assessment_api:queue"),
        "grading page": reverse("assessment:grade", args=[own_grade.pk]),
        "grade api": reverse("api:assessment_api:grade-detail", args=[own_grade.pk]),
        "dossier": reverse("cases:attempt-detail", args=[attempt.pk]),
        "dossier api": reverse("api:cases_api:attempt-detail", args=[attempt.pk]),
        "timeline api": reverse("api:cases_api:attempt-timeline", args=[attempt.pk]),
        "attempt list api": reverse("api:cases_api:attempt-list"),
        "history": reverse("assessment:marking_history", args=[attempt.pk]),
        "history api": reverse("api:assessment_api:attempt-marking", args=[attempt.pk]),
    }
    answers = {}
    for name, url in gets.items():
        response = client.get(url)
        assert response.status_code == 200, (name, response.status_code)
        answers[name] = response.content.decode()
    answers["calculation printout"] = render_to_string(
        "assessment/reports/calculation.html", calculation_context(version)
    )
    return answers


def test_before_the_agreed_grade_a_marker_sees_neither_the_other_grade_nor_the_name(
    attempt, trainee, assessor, second, client_for
):
    # given: the first marker signed with a comment, the second marks blind
    first = signed_grade(attempt, assessor, comment=FIRST_COMMENT)
    own = services.grade_start(attempt=attempt, by=second)
    client = client_for(second)

    # when
    answers = _marker_answers(client, attempt, own)

    # then: the code everywhere the trainee is named, no name, no first comment
    code = candidate_code(attempt)
    for name, body in answers.items():
        assert FIRST_COMMENT not in body, name
        for trainee_name in _names(trainee):
            assert trainee_name not in body, (name, trainee_name)
    shown_code = ("queue", "queue api", "grading page", "dossier", "history", "history api")
    for name in (*shown_code, "timeline api", "attempt list api"):
        assert code in answers[name], name
    # the other grade itself: 404 on page and API
    assert client.get(reverse("assessment:grade", args=[first.pk])).status_code == 404
    api = client.get(reverse("api:assessment_api:grade-detail", args=[first.pk]))
    assert api.status_code == 404
    # the history tells the step, not the figure or who
    events = client.get(reverse("api:assessment_api:attempt-marking", args=[attempt.pk])).json()
    signed = [e for e in events["events"] if e["kind"] == "marker_signed"]
    assert signed and all(e["detail"] == "" and e["actor"] is None for e in signed)
    assert events["agreed"] is None


def test_the_first_markers_report_names_the_candidate_code_only(
    attempt, exam_cohort, trainee, assessor
):
    first = signed_grade(attempt, assessor, comment=FIRST_COMMENT)
    html = render_to_string("assessment/reports/assessment.html", assessment_context(first))
    assert candidate_code(attempt) in html
    assert all(name not in html for name in _names(trainee))


def test_the_cohort_csv_has_no_exam_row_before_release(
    attempt, trainee, assessor, second, client_for
):
    signed_grade(attempt, assessor)
    signed_grade(attempt, second)  # agreed, not released
    response = client_for(second).get(reverse("assessment:cohort_csv", args=[attempt.cohort_id]))
    body = response.content.decode("utf-8-sig")
    assert response.status_code == 200
    assert all(name not in body for name in _names(trainee))


def test_after_release_the_name_is_back_and_the_marks_are_visible(
    attempt, trainee, assessor, second, client_for
):
    first = signed_grade(attempt, assessor, comment=FIRST_COMMENT)
    signed_grade(attempt, second)
    # agreed: the markers see each other's grade; the name waits for release
    assert selectors.grade_for_assessor(second, first.pk) is not None
    queue = client_for(second).get(reverse("assessment:queue")).content.decode()
    assert trainee.get_full_name() not in queue and candidate_code(attempt) in queue

    services.grade_release(grade=first, by=assessor)

    queue = client_for(second).get(reverse("assessment:queue")).content.decode()
    assert trainee.get_full_name() in queue and candidate_code(attempt) not in queue
    history = client_for(second).get(reverse("assessment:marking_history", args=[attempt.pk]))
    assert "Gemiddelde van" in history.content.decode()
    csv = client_for(second).get(reverse("assessment:cohort_csv", args=[attempt.cohort_id]))
    body = csv.content.decode("utf-8-sig")
    agreed = AgreedGrade.objects.get(attempt=attempt)
    assert trainee.username in body and format_number(agreed.score, 1) in body


def test_the_escalations_third_marker_is_blind_to_the_first_two(
    organisation, attempt, exam_cohort, assessor, second, client_for
):
    third = UserFactory(username="dm_blind_derde", role=Role.ASSESSOR, organisation=organisation)
    exam_cohort.assessors.add(third)
    first = signed_grade(attempt, assessor, comment=FIRST_COMMENT)
    grade = services.grade_start(attempt=attempt, by=second)
    services.line_override_create(
        grade=grade, by=second, line_key="6", new_verdict="missing", reason="Niet aangetoond."
    )
    other = signed_grade(attempt, second, comment="TWEEDE-OORDEEL-GEHEIM-DM")
    own = services.grade_start(attempt=attempt, by=third)

    page = client_for(third).get(reverse("assessment:grade", args=[own.pk]))
    body = page.content.decode()
    assert page.context["other_grades"] == []
    assert FIRST_COMMENT not in body and "TWEEDE-OORDEEL-GEHEIM-DM" not in body
    assert selectors.grade_for_assessor(third, first.pk) is None
    assert selectors.grade_for_assessor(third, other.pk) is None
    # nor do the first two see each other while the third marks
    assert selectors.grade_for_assessor(assessor, other.pk) is None
