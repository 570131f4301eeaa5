"""An assessor grades a submitted attempt in the browser (the rubric grid), signs it, releases it
and downloads the PDF report."""

from pathlib import Path

import pytest
from django.urls import NoReverseMatch, reverse

from tests.e2e.flows import login_as, path_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.fixture
def submitted_attempt(demo_data):
    """A delivered attempt of cursist1 in the demo cohort, as the assessment tests build it."""
    from schadeplatform.accounts.demo import COHORT
    from schadeplatform.accounts.models import Cohort, User
    from tests.factories.assessment import finished_attempt

    trainee = User.objects.get(username="cursist1")
    cohort = Cohort.objects.get(name=COHORT)
    return finished_attempt(trainee=trainee, cohort=cohort)


def test_assessor_grades_signs_and_downloads_the_report(page, submitted_attempt, tmp_path):
    try:
        reverse("assessment:grade_start", kwargs={"attempt_id": 1})
        reverse("assessment:report_assessment", kwargs={"grade_id": 1})
    except NoReverseMatch:
        pytest.skip("the grading UI does not exist yet")
    # The grading form asks before leaving with unsaved changes; a person would confirm.
    page.on("dialog", lambda dialog: dialog.accept())
    # given the assessor on their queue, with the submitted attempt in it
    login_as(page, "beoordelaar1")
    assert path_of(page) == reverse("assessment:queue")
    row = page.locator("table.queue tbody tr", has_text=submitted_attempt.case_version.case.title)
    assert row.count() == 1
    # when they start grading, click a level in every row of the rubric grid and comment
    with page.expect_navigation():
        row.get_by_role("button", name="Beoordelen").click()
    form = page.locator("#grading-form")
    criteria = form.locator("fieldset.rubric-criterion")
    assert criteria.count() == 4
    for index in range(criteria.count()):
        criteria.nth(index).locator("label.rubric-level").last.click()
    form.locator("textarea[name=comment]").fill(
        "Nette calculatie; ADAS-kalibratie goed onderbouwd."
    )
    with page.expect_navigation():
        form.get_by_role("button", name="Opslaan").click()
    # and sign it: ready for release, not yet released (issue #14: release is its own step)
    with page.expect_navigation():
        page.get_by_role("button", name="Ondertekenen").click()
    assert page.get_by_text("Ondertekend door").count() == 1
    assert page.locator("#marking-state").inner_text() == "klaar voor vrijgave"
    with page.expect_navigation():
        page.get_by_role("button", name="Vrijgeven aan cursist").click()
    assert page.locator("#marking-state").inner_text() == "vrijgegeven"
    # then the PDF report downloads
    with page.expect_download(timeout=120_000) as download_info:
        page.get_by_role("button", name="Rapport (PDF)").click()
    pdf = Path(tmp_path) / "rapport.pdf"
    download_info.value.save_as(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")


def test_saving_right_after_typing_waits_for_the_autosave_instead_of_conflicting_with_it(
    page, submitted_attempt
):
    """Clicking "Opslaan" leaves the comment field, whose autosave goes out first. The form
    used to be sent at once with the same revision, so when the autosave landed first the
    assessor's own save came back as a conflict (CI saw it). Here every autosave is made to
    land on the server before the browser hears back, so that order is certain."""
    from assessment.models import Grade

    page.on("dialog", lambda dialog: dialog.accept())
    autosaves = []

    def autosave_lands_first(route):
        response = route.fetch()  # the server has saved before the page learns the new revision
        autosaves.append(response.status)
        route.fulfill(response=response)

    page.route(
        lambda url: "/api/" in url,
        lambda route: (
            autosave_lands_first(route) if route.request.method == "PATCH" else route.continue_()
        ),
    )
    login_as(page, "beoordelaar1")
    row = page.locator("table.queue tbody tr", has_text=submitted_attempt.case_version.case.title)
    with page.expect_navigation():
        row.get_by_role("button", name="Beoordelen").click()
    form = page.locator("#grading-form")
    form.locator("textarea[name=comment]").fill("Regels kloppen; kalibratie ontbreekt.")

    with page.expect_navigation() as navigation:
        form.get_by_role("button", name="Opslaan").click()

    assert navigation.value.status == 200
    assert autosaves == [200]
    grade = Grade.objects.get(attempt=submitted_attempt)
    assert grade.comment == "Regels kloppen; kalibratie ontbreekt."
