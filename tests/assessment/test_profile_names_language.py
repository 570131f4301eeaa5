"""The competence profile's names follow the language switch on the assessment pages (issue
#14, item 12): one function (`content.profile_labels`) reads them from the profile's rows."""

import pytest
from django.conf import settings
from django.urls import reverse
from django.utils import translation

from assessment.presenters import grade_presentation
from assessment.reports.documents import assessment_context
from content.models import CompetenceArea, WorkProcess
from content.profile_english import WORK_PROCESSES as ENGLISH_PROCESSES
from content.profile_labels import profile_labels
from content.services import competence_profile_data, competence_profile_import
from tests.factories.assessment import released_grade

pytestmark = pytest.mark.django_db

DUTCH_PROCESS = "Uitvoeren van de werkvoorbereiding"
ENGLISH_PROCESS = ENGLISH_PROCESSES["1.2"]  # "Preparing the repair work"
DUTCH_AREA = "Analyseren en interpreteren"


@pytest.fixture
def profile(db):
    data, _source = competence_profile_data()
    competence_profile_import(data=data)


def _result_page(client, attempt, language: str) -> str:
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    response = client.get(reverse("assessment:result", args=[attempt.pk]))
    assert response.status_code == 200
    return response.content.decode()


def test_the_result_page_names_the_work_process_in_the_chosen_language(
    profile, attempt, trainee, assessor, client_for
):
    released_grade(attempt, assessor)
    client = client_for(trainee)
    english_area = CompetenceArea.objects.get(name=DUTCH_AREA).name_en
    assert english_area and ENGLISH_PROCESS != DUTCH_PROCESS

    english = _result_page(client, attempt, "en")
    assert f"1.2 {ENGLISH_PROCESS}" in english
    assert DUTCH_PROCESS not in english
    assert english_area in english

    dutch = _result_page(client, attempt, "nl")
    assert f"1.2 {DUTCH_PROCESS}" in dutch
    assert ENGLISH_PROCESS not in dutch


def test_an_editors_english_name_is_the_one_shown(profile, attempt, assessor):
    """The names come from the profile's rows (editable), not from a second table."""
    WorkProcess.objects.filter(code="1.2").update(title_en="Planning the repair")
    grade = released_grade(attempt, assessor)
    with translation.override("en"):
        shown = grade_presentation(grade)
        titles = {wp.code: wp.title for wp in shown.work_processes}
        context = assessment_context(grade)
    assert titles["1.2"] == "Planning the repair"
    assert {wp.code: wp.title for wp in context["work_processes"]}["1.2"] == "Planning the repair"


def test_without_an_imported_profile_the_dutch_names_stand(attempt, assessor):
    with translation.override("en"):
        labels = profile_labels()
        assert labels.work_process("1.2") == DUTCH_PROCESS
        assert labels.area(DUTCH_AREA) == DUTCH_AREA
        assert labels.area("analyseren-en-interpreteren") == DUTCH_AREA


def test_the_grading_page_and_progress_name_the_areas_in_english(
    profile, attempt, trainee, assessor, client_for
):
    released_grade(attempt, assessor)
    english_area = CompetenceArea.objects.get(name=DUTCH_AREA).name_en

    client = client_for(assessor)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    grade = attempt.grades.get()
    page = client.get(reverse("assessment:grade", args=[grade.pk])).content.decode()
    assert english_area in page

    own = client_for(trainee)
    own.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    progress = own.get(reverse("assessment:progress")).content.decode()
    assert english_area in progress and f"1.2 {ENGLISH_PROCESS}" in progress
