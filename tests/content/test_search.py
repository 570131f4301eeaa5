"""/leren/zoeken/: Wagtail search over live, public lessons and case briefs."""

import pytest
from django.conf import settings
from django.urls import reverse

from content.selectors import search_learning_content
from content.services import assessors_only_restrict
from tests.factories.content import (
    CaseBriefPageFactory,
    LearningModulePageFactory,
    LessonPageFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def pages(learning_index, module, case_index, editorial):
    published = LessonPageFactory(
        parent=module, title="Kalibreren van de frontcamera", summary="Over ADAS-kalibratie."
    )
    LessonPageFactory(parent=module, title="Kalibreren in concept", live=False)
    private = LearningModulePageFactory(parent=learning_index, slug="prive")
    assessors_only_restrict(page=private)
    LessonPageFactory(parent=private, title="Kalibreren voor beoordelaars")
    brief = CaseBriefPageFactory(
        parent=case_index, title="Golf met frontradar", summary="Kalibreren na bumperwerk."
    )
    return published, brief


def test_search_finds_published_lessons_and_case_briefs(pages):
    published, brief = pages
    results = search_learning_content("kalibreren")
    assert {page.pk for page in results} == {published.pk, brief.pk}


def test_an_empty_query_finds_nothing(pages):
    assert search_learning_content("  ") == []


def test_the_search_page_shows_results_to_a_trainee(client_for, trainee, pages):
    response = client_for(trainee).get(reverse("content:search"), {"q": "kalibreren"})
    assert response.status_code == 200
    html = response.content.decode()
    assert "Kalibreren van de frontcamera" in html
    assert "Golf met frontradar" in html
    assert "concept" not in html
    assert "voor beoordelaars" not in html


def test_the_search_page_needs_a_login(client):
    response = client.get(reverse("content:search"), {"q": "x"})
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
