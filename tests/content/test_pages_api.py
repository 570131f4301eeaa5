"""Wagtail's pages API under /api/v1/pages/: only published, public pages, to anyone."""

import pytest

from content.services import assessors_only_restrict
from tests.factories.content import LearningModulePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


def test_the_pages_api_lists_published_public_lessons_only(
    client, learning_index, module, editorial
):
    LessonPageFactory(parent=module, title="Openbare les")
    LessonPageFactory(parent=module, title="Conceptles", live=False)
    private = LearningModulePageFactory(parent=learning_index, slug="prive")
    assessors_only_restrict(page=private)
    LessonPageFactory(parent=private, title="Beoordelaarsles")

    response = client.get("/api/v1/pages/?type=content.LessonPage&fields=summary")
    assert response.status_code == 200
    titles = {item["title"] for item in response.json()["items"]}
    assert titles == {"Openbare les"}


def test_a_lesson_detail_carries_its_body_and_profile_tags(client, module, profile):
    from content.models import WorkProcess

    lesson = LessonPageFactory(parent=module, work_processes=[WorkProcess.objects.get(code="1.2")])
    response = client.get(f"/api/v1/pages/{lesson.pk}/")
    assert response.status_code == 200
    data = response.json()
    assert data["body"][0]["type"] == "paragraph"
    assert len(data["work_processes"]) == 1
    assert data["meta"]["detail_url"].endswith(f"/api/v1/pages/{lesson.pk}/")


def test_a_draft_is_not_found_in_the_pages_api(client, module):
    draft = LessonPageFactory(parent=module, live=False)
    assert client.get(f"/api/v1/pages/{draft.pk}/").status_code == 404
