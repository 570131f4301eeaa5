"""Who may open a dossier: its trainee, and an assessor of the cohort the attempt is filed in
(read-only). Everyone else gets 404 — pages and API alike. Only the trainee acts on it: the
workflow refuses anyone else (`NotYourAttempt`), and the pages and the API answer that 404."""

import pytest
from django.urls import reverse

from cases import workflow as wf
from cases.ownership import NotYourAttempt
from tests.factories.cases import AttemptFactory, CaseVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, cohort):
    return AttemptFactory(trainee=trainee, cohort=cohort)


def page(attempt):
    return reverse("cases:attempt-detail", kwargs={"pk": attempt.pk})


def api(name, attempt, **kwargs):
    return reverse(f"api:cases_api:{name}", kwargs={"pk": attempt.pk, **kwargs})


def test_the_trainee_opens_their_own_dossier_with_the_move_forms(attempt, trainee, client_for):
    response = client_for(trainee).get(page(attempt))
    assert response.status_code == 200
    assert "Schadedossier aanmaken" in response.content.decode()


@pytest.mark.parametrize(
    "who", ["other_trainee", "outsider_trainee", "outsider_assessor", "editor"]
)
def test_others_get_404_on_the_page(attempt, other_cohort, client_for, request, who):
    user = request.getfixturevalue(who)
    assert client_for(user).get(page(attempt)).status_code == 404


@pytest.mark.parametrize(
    "who", ["other_trainee", "outsider_trainee", "outsider_assessor", "editor"]
)
@pytest.mark.parametrize("name", ["attempt-detail", "attempt-timeline"])
def test_others_get_404_from_the_api(attempt, other_cohort, client_for, request, who, name):
    user = request.getfixturevalue(who)
    assert client_for(user).get(api(name, attempt)).status_code == 404


@pytest.mark.parametrize("who", ["other_trainee", "outsider_assessor"])
def test_others_cannot_make_moves_page_or_api(attempt, other_cohort, client_for, request, who):
    user = request.getfixturevalue(who)
    client = client_for(user)
    move_page = reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": "give_advice"})
    assert client.post(move_page, {"give_advice-advice": "x"}).status_code == 404
    move_api = api("attempt-move", attempt, move="give_advice")
    assert (
        client.post(move_api, {"advice": "x"}, content_type="application/json").status_code == 404
    )
    assert not attempt.events.exists()


def test_the_cohorts_assessor_reads_the_dossier_without_move_forms(attempt, assessor, client_for):
    response = client_for(assessor).get(page(attempt))
    assert response.status_code == 200
    html = response.content.decode()
    assert "alleen lezen" in html
    assert "Volgende stappen" not in html
    assert client_for(assessor).get(api("attempt-detail", attempt)).json()["available_moves"] == []


@pytest.mark.parametrize("who", ["assessor", "admin_user"])
def test_those_who_read_the_dossier_cannot_make_moves(attempt, client_for, request, who):
    # They may read it (200 above), but acting on it is answered as on a dossier they may not
    # see: the workflow refuses them (NotYourAttempt) and the views only translate that.
    client = client_for(request.getfixturevalue(who))
    move_page = reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": "give_advice"})
    assert client.post(move_page, {"give_advice-advice": "x"}).status_code == 404
    move_api = api("attempt-move", attempt, move="give_advice")
    response = client.post(move_api, {"advice": "x"}, content_type="application/json")
    assert response.status_code == 404
    assert response.json()["errors"][0]["message"]
    assert not attempt.events.exists()


@pytest.mark.parametrize("who", ["assessor", "admin_user", "other_trainee"])
def test_the_workflow_itself_refuses_anyone_but_the_trainee(attempt, request, who):
    # The service checks who acts, not only the views: a caller that skips them is refused too,
    # and nothing is recorded (not even a refused move).
    user = request.getfixturevalue(who)
    with pytest.raises(NotYourAttempt):
        wf.attempt_ensure_move_available(attempt=attempt, by=user, move="create_dossier")
    with pytest.raises(NotYourAttempt):
        wf.attempt_create_dossier(
            attempt=attempt,
            by=user,
            customer_name="Mevrouw J. de Vries",
            license_plate="AB-123-C",
            insurer="Verzekeraar Netwerk",
            policy_number="CAS-2026-001",
            cover="casco",
        )
    assert not attempt.events.exists()


def test_an_anonymous_visitor_is_sent_to_login_or_refused(attempt, client):
    assert client.get(page(attempt)).status_code == 302
    assert client.get(api("attempt-detail", attempt)).status_code in (401, 403)


def test_the_attempt_list_shows_only_visible_attempts(
    attempt, other_trainee, outsider_assessor, other_cohort, assessor, client_for
):
    url = reverse("api:cases_api:attempt-list")
    assert client_for(other_trainee).get(url).json() == []
    assert client_for(outsider_assessor).get(url).json() == []
    assert [a["id"] for a in client_for(assessor).get(url).json()] == [attempt.pk]


def test_a_draft_case_cannot_be_started(trainee, cohort, client_for):
    draft = CaseVersionFactory()
    client = client_for(trainee)
    assert (
        client.post(reverse("cases:attempt-start", kwargs={"slug": draft.case.slug})).status_code
        == 404
    )
    api_url = reverse("api:cases_api:attempt-start", kwargs={"slug": draft.case.slug})
    assert client.post(api_url).status_code == 404


# -- a trainee in cohorts of two organisations ------------------------------------------------


@pytest.fixture
def attempt_filed_in_a(two_organisation_trainee, cohort):
    """An attempt of the two-organisation trainee, filed in cohort A (organisation A)."""
    return AttemptFactory(trainee=two_organisation_trainee, cohort=cohort)


def dossier_urls(attempt):
    return [
        page(attempt),
        api("attempt-detail", attempt),
        api("attempt-timeline", attempt),
        reverse("cases:calc-editor", kwargs={"pk": attempt.pk}),
        reverse("cases:calc-versions", kwargs={"pk": attempt.pk}),
        reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk}),
        reverse("api:cases_api:calc-version-list", kwargs={"pk": attempt.pk}),
    ]


def test_an_assessor_of_organisation_b_cannot_read_an_attempt_filed_in_a(
    attempt_filed_in_a, outsider_assessor, client_for
):
    # The trainee is also in organisation B's cohort, which outsider_assessor assesses: the
    # attempt is filed in A, so B's assessor sees nothing of it (dossier, timeline, calculation).
    client = client_for(outsider_assessor)
    for url in dossier_urls(attempt_filed_in_a):
        assert client.get(url).status_code == 404, url
    assert client.get(reverse("api:cases_api:attempt-list")).json() == []


def test_the_assessor_of_the_attempts_cohort_reads_it(
    attempt_filed_in_a, assessor, two_organisation_trainee, client_for
):
    for who in (assessor, two_organisation_trainee):
        client = client_for(who)
        for url in dossier_urls(attempt_filed_in_a):
            assert client.get(url).status_code == 200, (who, url)


def test_an_attempt_filed_in_b_is_for_bs_assessor_and_not_for_as(
    two_organisation_trainee, other_cohort, assessor, outsider_assessor, client_for
):
    filed_in_b = AttemptFactory(trainee=two_organisation_trainee, cohort=other_cohort)
    assert client_for(outsider_assessor).get(page(filed_in_b)).status_code == 200
    assert client_for(assessor).get(page(filed_in_b)).status_code == 404


def test_an_attempt_filed_in_no_cohort_is_for_no_assessor(
    two_organisation_trainee, assessor, outsider_assessor, admin_user, client_for
):
    unfiled = AttemptFactory(trainee=two_organisation_trainee, cohort=None)
    assert client_for(assessor).get(page(unfiled)).status_code == 404
    assert client_for(outsider_assessor).get(page(unfiled)).status_code == 404
    assert client_for(two_organisation_trainee).get(page(unfiled)).status_code == 200
    assert client_for(admin_user).get(page(unfiled)).status_code == 200


def test_organisation_bs_assessor_gets_no_grade_report_or_progress_of_an_attempt_filed_in_a(
    two_organisation_trainee, cohort, other_cohort, assessor, outsider_assessor, client_for
):
    # The assessment side of the one rule: grade, report, printout, progress and cohort
    # exports of the attempt filed in A stay with A's assessor.
    from assessment import selectors as assessment_selectors
    from assessment import services as assessment_services
    from assessment.models import ReportKind
    from tests.factories.assessment import finished_attempt, signed_grade

    attempt = finished_attempt(trainee=two_organisation_trainee, cohort=cohort)
    grade = signed_grade(attempt, assessor)
    report = assessment_services.report_request(
        kind=ReportKind.ASSESSMENT, subject=grade, by=assessor
    )
    version = attempt.calculation_versions.order_by("number").first()

    assert assessment_selectors.grade_for_assessor(outsider_assessor, grade.pk) is None
    assert assessment_selectors.report_for(outsider_assessor, report.pk) is None
    assert assessment_selectors.calculation_version_for(outsider_assessor, version.pk) is None
    assert assessment_selectors.result_for(outsider_assessor, attempt.pk) is None
    progress = assessment_selectors.progress_of_trainee(outsider_assessor, two_organisation_trainee)
    assert progress is not None and progress.points == []  # their trainee, not this attempt
    whole, _per_trainee = assessment_selectors.cohort_progress(outsider_assessor, other_cohort)
    assert whole.points == []
    with pytest.raises(assessment_services.NotAllowed):
        assessment_services.grade_start(attempt=attempt, by=outsider_assessor)
    client = client_for(outsider_assessor)
    assert client.get(reverse("assessment:grade", args=[grade.pk])).status_code == 404
    # and A's assessor has them all
    assert assessment_selectors.grade_for_assessor(assessor, grade.pk) == grade
    assert assessment_selectors.report_for(assessor, report.pk) == report
    assert (
        len(assessment_selectors.progress_of_trainee(assessor, two_organisation_trainee).points)
        == 1
    )
