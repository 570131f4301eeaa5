"""A trainee only ever sees published content; assessor-only material stays hidden."""

import pytest
from django.conf import settings
from django.urls import reverse

from content.services import assessors_only_restrict
from tests.factories.content import LearningModulePageFactory, LessonPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def assessor_module(learning_index, editorial):
    module = LearningModulePageFactory(parent=learning_index, slug="beoordelaars")
    assessors_only_restrict(page=module)
    return module


def test_a_trainee_reads_a_published_lesson(client_for, trainee, module):
    lesson = LessonPageFactory(parent=module, slug="gepubliceerd", title="Gepubliceerde les")
    response = client_for(trainee).get(lesson.url)
    assert response.status_code == 200
    assert "Gepubliceerde les" in response.content.decode()


def test_a_trainee_gets_404_for_a_draft_lesson(client_for, trainee, module):
    LessonPageFactory(parent=module, slug="concept", live=False)
    response = client_for(trainee).get("/leren/module/concept/")
    assert response.status_code == 404


def test_a_draft_lesson_is_not_listed_in_its_module(client_for, trainee, module):
    LessonPageFactory(parent=module, slug="concept", title="Geheime conceptles", live=False)
    response = client_for(trainee).get(module.url)
    assert "Geheime conceptles" not in response.content.decode()


def test_a_trainee_gets_404_for_assessor_only_material(client_for, trainee, assessor_module):
    lesson = LessonPageFactory(parent=assessor_module, slug="wijzer")
    assert client_for(trainee).get(lesson.url).status_code == 404
    assert client_for(trainee).get(assessor_module.url).status_code == 404


def test_an_assessor_in_the_group_reads_assessor_only_material(
    client_for, assessor, assessor_module, editorial
):
    assessor.groups.add(editorial.assessors)
    lesson = LessonPageFactory(parent=assessor_module, slug="wijzer")
    assert client_for(assessor).get(lesson.url).status_code == 200


def test_an_assessor_outside_the_group_is_refused(client_for, assessor, assessor_module):
    lesson = LessonPageFactory(parent=assessor_module, slug="wijzer")
    assert client_for(assessor).get(lesson.url).status_code == 404


def test_an_anonymous_visitor_is_sent_to_the_platform_login_for_assessor_material(
    client, assessor_module
):
    response = client.get(assessor_module.url)
    assert response.status_code == 302
    assert response["Location"].startswith(reverse(settings.LOGIN_URL))
