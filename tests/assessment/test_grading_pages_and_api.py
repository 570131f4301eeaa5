"""Grading through the pages and the API: who may do what, autosave with its stale check,
overrides with a reason, sign-off, and the trainee's view of the result."""

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Grade, GradeStatus, LineOverride
from assessment.scoring import SPEC
from tests.factories.assessment import FULL_RUBRIC, released_grade, signed_grade

pytestmark = pytest.mark.django_db


def api(name, *args):
    return reverse(f"api:assessment_api:{name}", args=args)


@pytest.fixture
def draft(attempt, assessor):
    return services.grade_start(attempt=attempt, by=assessor)


# -- starting and seeing a grade ------------------------------------------------------------


def test_assessor_starts_grading_from_the_queue_page(attempt, assessor, client_for):
    response = client_for(assessor).post(reverse("assessment:grade_start", args=[attempt.pk]))
    grade = Grade.objects.get()
    assert response.status_code == 302 and response["Location"] == reverse(
        "assessment:grade", args=[grade.pk]
    )


def test_grading_page_shows_trainee_and_reference_lines_side_by_side(draft, assessor, client_for):
    response = client_for(assessor).get(reverse("assessment:grade", args=[draft.pk]))
    assert response.status_code == 200
    row = response.context["rows"][0]
    assert row["trainee_line"]["code"] == row["reference_line"]["code"] == row["code"]
    assert 'src="/static/assessment/grading.js"' in response.content.decode()
    assert "<script>" not in response.content.decode()


def test_grading_page_names_operations_in_dutch_not_by_their_codes(draft, assessor, client_for):
    html = client_for(assessor).get(reverse("assessment:grade", args=[draft.pk])).content.decode()
    assert "Vervangen" in html
    assert "replace ·" not in html and "replace\n" not in html


def test_outsider_assessor_gets_404_for_grade_page_and_api(
    draft, outsider_assessor, other_cohort, client_for
):
    client = client_for(outsider_assessor)
    assert client.get(reverse("assessment:grade", args=[draft.pk])).status_code == 404
    assert client.get(api("grade-detail", draft.pk)).status_code == 404
    assert (
        client.post(reverse("assessment:grade_start", args=[draft.attempt_id])).status_code == 404
    )
    assert client.post(api("grade-start", draft.attempt_id)).status_code == 404


@pytest.mark.parametrize("who", ["trainee", "other_trainee", "editor"])
def test_non_assessors_cannot_see_or_start_grades(who, draft, request, client_for):
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("assessment:grade", args=[draft.pk])).status_code == 404
    assert client.get(api("grade-detail", draft.pk)).status_code == 404
    assert client.post(api("grade-start", draft.attempt_id)).status_code == 404


def test_api_start_returns_the_draft_with_machine_result(attempt, assessor, client_for):
    response = client_for(assessor).post(api("grade-start", attempt.pk))
    assert response.status_code == 201
    body = response.json()
    assert body["status"] == "draft" and body["machine_result"]["spec"] == SPEC
    assert body["effective"]["score"] == "100.0"


# -- overrides ------------------------------------------------------------------------------


def test_override_without_reason_is_refused_through_page_and_api(draft, assessor, client_for):
    client = client_for(assessor)
    page = client.post(
        reverse("assessment:grade_override", args=[draft.pk]),
        {"line_key": "4", "new_verdict": "missing", "reason": ""},
    )
    response = client.post(
        api("grade-override", draft.pk),
        {"line_key": "4", "new_verdict": "missing", "reason": ""},
        content_type="application/json",
    )
    assert page.status_code == 400
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "reason"
    assert not LineOverride.objects.exists()


def test_override_through_the_api_keeps_both_verdicts(draft, assessor, client_for):
    response = client_for(assessor).post(
        api("grade-override", draft.pk),
        {"line_key": "4", "new_verdict": "missing", "reason": "Niet in de calculatie gezien."},
        content_type="application/json",
    )
    assert response.status_code == 201
    override = response.json()["overrides"][0]
    assert (override["original_verdict"], override["new_verdict"]) == ("correct", "missing")
    assert override["by"] == assessor.username and override["at"]
    assert response.json()["score"] != "100.0"


def test_a_trainee_cannot_override_through_the_api(draft, trainee, client_for):
    response = client_for(trainee).post(
        api("grade-override", draft.pk),
        {"line_key": "4", "new_verdict": "missing", "reason": "ik"},
        content_type="application/json",
    )
    assert response.status_code == 404
    assert not LineOverride.objects.exists()


def test_a_colleague_assessor_may_see_but_not_change_anothers_draft(
    draft, organisation, cohort, client_for
):
    from tests.factories.accounts import UserFactory

    colleague = UserFactory(username="collega", role="assessor", organisation=organisation)
    cohort.assessors.add(colleague)
    client = client_for(colleague)
    assert client.get(api("grade-detail", draft.pk)).status_code == 200
    response = client.post(
        api("grade-override", draft.pk),
        {"line_key": "4", "new_verdict": "missing", "reason": "x"},
        content_type="application/json",
    )
    assert response.status_code == 403
    assert client.post(api("grade-sign", draft.pk)).status_code == 403


# -- autosave -------------------------------------------------------------------------------


def test_autosave_through_the_api_bumps_the_revision(draft, assessor, client_for):
    response = client_for(assessor).patch(
        api("grade-detail", draft.pk),
        {
            "revision": draft.revision,
            "rubric": {"analyseren-en-interpreteren": 3},
            "comment": "Netjes.",
        },
        content_type="application/json",
    )
    assert response.status_code == 200
    assert response.json()["revision"] == draft.revision + 1
    assert response.json()["rubric"] == {"analyseren-en-interpreteren": 3}


def test_stale_autosave_through_the_api_is_409_and_returns_the_typed_text(
    draft, assessor, client_for
):
    client = client_for(assessor)
    client.patch(
        api("grade-detail", draft.pk),
        {"revision": draft.revision, "comment": "tab 1"},
        content_type="application/json",
    )

    response = client.patch(
        api("grade-detail", draft.pk),
        {"revision": draft.revision, "comment": "tab 2, lang verhaal"},
        content_type="application/json",
    )

    assert response.status_code == 409
    assert response.json()["submitted"]["comment"] == "tab 2, lang verhaal"
    assert response.json()["current"]["comment"] == "tab 1"
    assert response.json()["errors"][0]["path"] == "revision"


def test_stale_save_from_the_page_keeps_what_was_typed(draft, assessor, client_for):
    client = client_for(assessor)
    services.grade_autosave(grade=draft, by=assessor, revision=draft.revision, comment="elders")

    response = client.post(
        reverse("assessment:grade", args=[draft.pk]),
        {
            "revision": draft.revision,
            "comment": "Mijn zorgvuldig getypte tekst",
            "rubric_analyseren-en-interpreteren": "2",
        },
    )

    assert response.status_code == 409
    body = response.content.decode()
    assert "Mijn zorgvuldig getypte tekst" in body
    assert "elders opgeslagen" in body
    draft.refresh_from_db()
    assert draft.comment == "elders"


def test_rubric_level_out_of_range_is_refused_by_the_api(draft, assessor, client_for):
    response = client_for(assessor).patch(
        api("grade-detail", draft.pk),
        {"revision": draft.revision, "rubric": {"organiseren-en-uitvoeren": 7}},
        content_type="application/json",
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "rubric.organiseren-en-uitvoeren"


def test_page_save_with_a_rubric_level_out_of_range_is_refused(draft, assessor, client_for):
    response = client_for(assessor).post(
        reverse("assessment:grade", args=[draft.pk]),
        {"revision": draft.revision, "comment": "bewaard", "rubric_organiseren-en-uitvoeren": "5"},
    )
    assert response.status_code == 400
    assert "bewaard" in response.content.decode()


# -- sign-off and correction ---------------------------------------------------------------


def test_sign_off_through_the_api(draft, assessor, client_for):
    client = client_for(assessor)
    client.patch(
        api("grade-detail", draft.pk),
        {"revision": draft.revision, "rubric": FULL_RUBRIC, "comment": "Goed."},
        content_type="application/json",
    )
    response = client.post(api("grade-sign", draft.pk))
    assert response.status_code == 200
    assert response.json()["status"] == "signed" and response.json()["signed_at"]


def test_incomplete_sign_off_through_the_page_is_refused(draft, assessor, client_for):
    response = client_for(assessor).post(
        reverse("assessment:grade_sign", args=[draft.pk]), follow=True
    )
    draft.refresh_from_db()
    assert draft.status == GradeStatus.DRAFT
    assert "Kies een niveau" in response.content.decode()


def test_a_signed_grade_cannot_be_changed_through_the_api(attempt, assessor, client_for):
    grade = signed_grade(attempt, assessor)
    client = client_for(assessor)
    patch = client.patch(
        api("grade-detail", grade.pk),
        {"revision": grade.revision, "comment": "x"},
        content_type="application/json",
    )
    again = client.post(api("grade-sign", grade.pk))
    assert patch.status_code == 400 and again.status_code == 400
    grade.refresh_from_db()
    assert grade.comment == "Goed gedaan."


def test_correction_through_the_api_creates_version_two(attempt, assessor, client_for):
    grade = signed_grade(attempt, assessor)
    client = client_for(assessor)
    refused = client.post(
        api("grade-correct", grade.pk), {"reason": ""}, content_type="application/json"
    )
    response = client.post(
        api("grade-correct", grade.pk),
        {"reason": "Typefout in eindoordeel."},
        content_type="application/json",
    )
    assert refused.status_code == 400
    assert response.status_code == 201
    assert response.json()["version"] == 2 and response.json()["supersedes"] == grade.pk


def test_correction_through_the_page(attempt, assessor, client_for):
    grade = signed_grade(attempt, assessor)
    response = client_for(assessor).post(
        reverse("assessment:grade_correct", args=[grade.pk]), {"reason": "Rubric herzien."}
    )
    correction = Grade.objects.get(version=2)
    assert response["Location"] == reverse("assessment:grade", args=[correction.pk])
    assert correction.correction_reason == "Rubric herzien."


# -- the trainee's view --------------------------------------------------------------------


def test_trainee_sees_no_result_before_the_grade_is_signed(draft, trainee, client_for):
    client = client_for(trainee)
    assert client.get(reverse("assessment:result", args=[draft.attempt_id])).status_code == 404
    assert client.get(api("attempt-result", draft.attempt_id)).status_code == 404


def test_trainee_sees_reference_and_verdicts_after_signing(attempt, assessor, trainee, client_for):
    released_grade(attempt, assessor)
    client = client_for(trainee)

    page = client.get(reverse("assessment:result", args=[attempt.pk]))
    response = client.get(api("attempt-result", attempt.pk))

    assert page.status_code == 200 and page.context["rows"]
    assert page.context["rows"][0]["reference_line"] is not None
    assert response.status_code == 200
    assert response.json()["lines"][0]["reference_line"]["code"]
    assert response.json()["lines"][0]["verdict"] == "correct"


def test_a_colleague_trainee_never_sees_anothers_result(
    attempt, assessor, other_trainee, client_for
):
    signed_grade(attempt, assessor)
    client = client_for(other_trainee)
    assert client.get(reverse("assessment:result", args=[attempt.pk])).status_code == 404
    assert client.get(api("attempt-result", attempt.pk)).status_code == 404


def test_trainee_cannot_open_the_grade_but_gets_the_report_of_a_signed_result(
    attempt, assessor, trainee, client_for
):
    grade = released_grade(attempt, assessor)
    client = client_for(trainee)
    assert client.get(api("grade-detail", grade.pk)).status_code == 404
    response = client.post(
        api("report-request"),
        {"kind": "assessment", "grade": grade.pk},
        content_type="application/json",
    )
    assert response.status_code == 202  # own signed result outside exam mode


def test_trainee_cannot_get_a_report_before_signing(draft, trainee, client_for):
    response = client_for(trainee).post(
        api("report-request"),
        {"kind": "assessment", "grade": draft.pk},
        content_type="application/json",
    )
    assert response.status_code == 404


def test_outsider_cannot_get_a_calculation_printout(
    attempt, outsider_trainee, outsider_assessor, other_cohort, client_for
):
    version = attempt.calculation_versions.first()
    for user in (outsider_trainee, outsider_assessor):
        client = client_for(user)
        assert (
            client.post(reverse("assessment:report_calculation", args=[version.pk])).status_code
            == 404
        )
        response = client.post(
            api("report-request"),
            {"kind": "calculation", "calculation_version": version.pk},
            content_type="application/json",
        )
        assert response.status_code == 404


def test_trainee_results_list_shows_only_signed_results(attempt, assessor, trainee, client_for):
    client = client_for(trainee)
    assert client.get(reverse("assessment:my_results")).context["results"] == []
    grade = signed_grade(attempt, assessor)
    # Signed is only "ready for release" (#14): still nothing for the trainee.
    assert client.get(reverse("assessment:my_results")).context["results"] == []
    services.grade_release(grade=grade, by=assessor)
    assert len(client.get(reverse("assessment:my_results")).context["results"]) == 1


# -- OpenAPI ----------------------------------------------------------------------------------


def test_the_schema_documents_the_assessment_endpoints(admin_user, client_for):
    response = client_for(admin_user).get(reverse("schema"), {"format": "json"})
    assert response.status_code == 200
    paths = response.json()["paths"]
    for path in (
        "/api/v1/assessment/queue/",
        "/api/v1/assessment/attempts/{attempt_id}/grades/",
        "/api/v1/assessment/attempts/{attempt_id}/result/",
        "/api/v1/assessment/grades/{id}/",
        "/api/v1/assessment/grades/{id}/overrides/",
        "/api/v1/assessment/grades/{id}/sign/",
        "/api/v1/assessment/grades/{id}/correction/",
        "/api/v1/assessment/reports/",
        "/api/v1/assessment/reports/{id}/download/",
        "/api/v1/assessment/progress/",
        "/api/v1/assessment/cohorts/{cohort_id}/grades.csv",
    ):
        assert path in paths, path
    assert "409" in paths["/api/v1/assessment/grades/{id}/"]["patch"]["responses"]


@pytest.mark.parametrize("who", ["trainee", "other_trainee", "editor", "outsider_assessor"])
def test_only_the_cohorts_assessors_override_sign_or_correct(
    who, draft, request, other_cohort, client_for
):
    client = client_for(request.getfixturevalue(who))
    override = {"line_key": "4", "new_verdict": "missing", "reason": "x"}
    assert (
        client.post(reverse("assessment:grade_override", args=[draft.pk]), override).status_code
        == 404
    )
    assert client.post(reverse("assessment:grade_sign", args=[draft.pk])).status_code == 404
    assert (
        client.post(
            reverse("assessment:grade_correct", args=[draft.pk]), {"reason": "x"}
        ).status_code
        == 404
    )
    assert (
        client.post(
            api("grade-override", draft.pk), override, content_type="application/json"
        ).status_code
        == 404
    )
    assert client.post(api("grade-sign", draft.pk)).status_code == 404
    assert (
        client.post(
            api("grade-correct", draft.pk), {"reason": "x"}, content_type="application/json"
        ).status_code
        == 404
    )
    draft.refresh_from_db()
    assert draft.status == GradeStatus.DRAFT and not draft.overrides.exists()


def test_outsider_assessor_sees_no_result_of_another_cohort(
    attempt, assessor, outsider_assessor, other_cohort, client_for
):
    signed_grade(attempt, assessor)
    client = client_for(outsider_assessor)
    assert client.get(reverse("assessment:result", args=[attempt.pk])).status_code == 404
    assert client.get(api("attempt-result", attempt.pk)).status_code == 404


def test_the_cohorts_assessor_sees_the_result_with_details(attempt, assessor, client_for):
    signed_grade(attempt, assessor)
    response = client_for(assessor).get(api("attempt-result", attempt.pk))
    assert response.status_code == 200 and response.json()["lines"]


def test_result_api_gives_the_score_as_a_decimal_string(attempt, assessor, trainee, client_for):
    released_grade(attempt, assessor)
    body = client_for(trainee).get(api("attempt-result", attempt.pk)).json()
    assert body["score"] == "100.0"
    assert isinstance(body["signed_at"], str)
