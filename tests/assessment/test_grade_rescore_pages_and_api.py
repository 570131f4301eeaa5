"""Re-scoring a grade under the current scoring spec through the grading page and the API
(scoring spec §9): a new draft version beside the old grade, which stays exactly as it was;
who may ask for it; and the spec each grade was computed under, on the grading page, the
trainee's result page and the PDF report."""

import pytest
from django.urls import reverse

from assessment import services
from assessment.models import Grade, GradeStatus
from assessment.reports import documents
from assessment.scoring import PREVIOUS_SPEC, SPEC
from tests.assessment.test_grade_lifecycle import _as_schadescore_1
from tests.factories.assessment import FULL_RUBRIC, signed_grade

pytestmark = pytest.mark.django_db

REASON = "Herberekening volgens de nieuwe specificatie."


def api(name, *args):
    return reverse(f"api:assessment_api:{name}", args=args)


def page(name, grade):
    return reverse(f"assessment:{name}", args=[grade.pk])


def spec_line(spec):
    return f"Berekend volgens {spec}"


def _old_draft(attempt, assessor) -> Grade:
    """The assessor's draft as one stored under the previous spec."""
    draft = _as_schadescore_1(services.grade_start(attempt=attempt, by=assessor))
    draft.save(update_fields=["spec"])  # filled in from the stored result
    assert draft.spec == PREVIOUS_SPEC
    return draft


@pytest.fixture
def old_draft(attempt, assessor):
    return _old_draft(attempt, assessor)


@pytest.fixture
def old_signed(old_draft, assessor):
    grade = services.grade_autosave(
        grade=old_draft,
        by=assessor,
        revision=old_draft.revision,
        rubric=FULL_RUBRIC,
        comment="Goed gedaan.",
    )
    return services.grade_sign(grade=grade, by=assessor)


def _stored(grade: Grade) -> tuple:
    grade = Grade.objects.get(pk=grade.pk)
    return (
        grade.machine_result,
        grade.score,
        grade.passed,
        grade.status,
        grade.signed_at,
        grade.spec,
        grade.rubric,
        grade.comment,
        grade.revision,
    )


@pytest.fixture
def colleague(organisation, cohort):
    from tests.factories.accounts import UserFactory

    user = UserFactory(username="collega", role="assessor", organisation=organisation)
    cohort.assessors.add(user)
    return user


# -- the page ---------------------------------------------------------------------------------


def test_the_grading_page_shows_the_spec_and_offers_the_rescore(old_signed, assessor, client_for):
    response = client_for(assessor).get(page("grade", old_signed))

    html = response.content.decode()
    assert response.status_code == 200
    assert spec_line(PREVIOUS_SPEC) in html
    assert response.context["can_rescore"] is True
    assert 'id="rescore-form"' in html and page("grade_rescore", old_signed) in html
    assert f"Opnieuw berekenen volgens {SPEC}" in html


def test_rescore_through_the_page_adds_a_version_and_leaves_the_signed_grade(
    old_signed, assessor, client_for
):
    before = _stored(old_signed)
    client = client_for(assessor)

    response = client.post(page("grade_rescore", old_signed), {"reason": REASON})

    new = Grade.objects.get(supersedes=old_signed)
    assert response.status_code == 302
    assert response["Location"] == page("grade", new)
    assert (new.spec, new.machine_result["spec"]) == (SPEC, SPEC)
    assert (new.version, new.status, new.assessor) == (2, GradeStatus.DRAFT, assessor)
    assert new.correction_reason == REASON
    assert _stored(old_signed) == before  # figures, status and spec as signed
    assert old_signed.spec == PREVIOUS_SPEC
    # the new draft shows its own spec and offers no second re-score
    html = client.get(page("grade", new)).content.decode()
    assert spec_line(SPEC) in html and 'id="rescore-form"' not in html


def test_rescore_without_a_reason_is_refused_in_dutch(old_signed, assessor, client_for):
    response = client_for(assessor).post(page("grade_rescore", old_signed), {"reason": "   "})

    assert response.status_code == 400
    assert "Geef een reden voor de herberekening." in response.content.decode()
    assert Grade.objects.count() == 1


def test_a_refused_rescore_keeps_the_typed_reason(old_signed, assessor, client_for):
    # given: the grade was re-scored meanwhile (another tab), so this request is refused
    services.grade_rescore(grade=old_signed, by=assessor, reason="Eerder.")
    typed = "Mijn eigen uitleg bij de herberekening."

    response = client_for(assessor).post(page("grade_rescore", old_signed), {"reason": typed})

    html = response.content.decode()
    assert response.status_code == 400
    assert "Van deze versie bestaat al een nieuwere." in html
    assert typed in html
    assert Grade.objects.count() == 2


def test_the_rescore_is_not_offered_for_a_grade_on_the_current_spec(attempt, assessor, client_for):
    grade = signed_grade(attempt, assessor)
    assert grade.spec == SPEC

    response = client_for(assessor).get(page("grade", grade))

    html = response.content.decode()
    assert spec_line(SPEC) in html
    assert response.context["can_rescore"] is False
    assert 'id="rescore-form"' not in html and page("grade_rescore", grade) not in html


def test_a_rescore_of_a_grade_on_the_current_spec_is_refused(attempt, assessor, client_for):
    grade = signed_grade(attempt, assessor)
    client = client_for(assessor)

    assert client.post(page("grade_rescore", grade), {"reason": REASON}).status_code == 400
    response = client.post(
        api("grade-rescore", grade.pk), {"reason": REASON}, content_type="application/json"
    )
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "spec"
    assert Grade.objects.count() == 1


def test_the_rescore_is_not_offered_once_a_newer_version_exists(old_signed, assessor, client_for):
    services.grade_rescore(grade=old_signed, by=assessor, reason=REASON)

    response = client_for(assessor).get(page("grade", old_signed))

    assert response.context["can_rescore"] is False
    assert 'id="rescore-form"' not in response.content.decode()


# -- the API ----------------------------------------------------------------------------------


def test_rescore_through_the_api_adds_a_version_and_leaves_the_signed_grade(
    old_signed, assessor, client_for
):
    before = _stored(old_signed)

    response = client_for(assessor).post(
        api("grade-rescore", old_signed.pk), {"reason": REASON}, content_type="application/json"
    )

    assert response.status_code == 201
    body = response.json()
    new = Grade.objects.get(pk=body["id"])
    assert (body["spec"], body["machine_result"]["spec"]) == (SPEC, SPEC)
    assert (body["version"], body["status"], body["supersedes"]) == (2, "draft", old_signed.pk)
    assert body["correction_reason"] == REASON
    assert body["overrides_not_carried"] == []
    assert new.spec == SPEC and new.supersedes == old_signed
    assert _stored(old_signed) == before


def test_the_api_names_the_overrides_it_did_not_carry_over(old_draft, assessor, client_for):
    # An override made against a machine verdict the new result no longer gives is left for
    # the assessor to review (`services.grade_rescore`); the API says which lines.
    services.line_override_create(
        grade=old_draft, by=assessor, line_key="4", new_verdict="missing", reason="Vergeten."
    )
    old_draft.overrides.update(original_verdict="units_off")

    response = client_for(assessor).post(
        api("grade-rescore", old_draft.pk), {"reason": REASON}, content_type="application/json"
    )

    assert response.status_code == 201
    assert response.json()["overrides_not_carried"] == ["4"]
    assert response.json()["overrides"] == []


@pytest.mark.parametrize("body", [{"reason": ""}, {"reason": "  "}, {}])
def test_the_api_refuses_a_rescore_without_a_reason(body, old_signed, assessor, client_for):
    response = client_for(assessor).post(
        api("grade-rescore", old_signed.pk), body, content_type="application/json"
    )

    assert response.status_code == 400
    errors = response.json()["errors"]
    assert errors and errors[0]["path"] == "reason" and errors[0]["message"]
    assert Grade.objects.count() == 1


def test_the_schema_documents_the_rescore(admin_user, client_for):
    paths = client_for(admin_user).get(reverse("schema"), {"format": "json"}).json()["paths"]
    operation = paths["/api/v1/assessment/grades/{id}/rescore/"]["post"]
    assert operation["operationId"] == "assessment_grade_rescore"
    assert {"201", "400", "403", "404"} <= set(operation["responses"])


# -- who may ----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["trainee", "other_trainee", "editor", "outsider_assessor"])
def test_only_the_cohorts_assessors_may_rescore(who, old_signed, request, other_cohort, client_for):
    client = client_for(request.getfixturevalue(who))
    before = _stored(old_signed)

    assert client.post(page("grade_rescore", old_signed), {"reason": REASON}).status_code == 404
    response = client.post(
        api("grade-rescore", old_signed.pk), {"reason": REASON}, content_type="application/json"
    )
    assert response.status_code == 404
    assert Grade.objects.count() == 1 and _stored(old_signed) == before


def test_a_colleague_may_not_rescore_anothers_draft(old_draft, colleague, client_for):
    client = client_for(colleague)

    response = client.get(page("grade", old_draft))
    assert response.status_code == 200 and response.context["can_rescore"] is False
    assert client.post(page("grade_rescore", old_draft), {"reason": REASON}).status_code == 404
    response = client.post(
        api("grade-rescore", old_draft.pk), {"reason": REASON}, content_type="application/json"
    )
    assert response.status_code == 403  # the grade is visible to them, the action is not
    assert Grade.objects.count() == 1


def test_a_colleague_of_the_cohort_may_rescore_a_signed_grade(old_signed, colleague, client_for):
    # Outside exam mode any assessor of the cohort may take a signed grade further (as with a
    # correction); the new version is theirs.
    client = client_for(colleague)
    assert client.get(page("grade", old_signed)).context["can_rescore"] is True

    response = client.post(page("grade_rescore", old_signed), {"reason": REASON})

    new = Grade.objects.get(supersedes=old_signed)
    assert response.status_code == 302 and new.assessor == colleague


# -- the spec on the result page and the report -------------------------------------------------


def test_the_trainees_result_page_shows_the_spec(old_signed, trainee, client_for):
    services.grade_release(grade=old_signed, by=old_signed.assessor)  # its own step (#14)
    response = client_for(trainee).get(reverse("assessment:result", args=[old_signed.attempt_id]))

    assert response.status_code == 200
    assert spec_line(PREVIOUS_SPEC) in response.content.decode()


def test_the_pdf_report_shows_the_spec(old_signed, monkeypatch):
    printed = []
    monkeypatch.setattr(documents, "render_pdf", lambda html: printed.append(html))

    documents.render_assessment(old_signed)

    assert spec_line(PREVIOUS_SPEC) in printed[0]
