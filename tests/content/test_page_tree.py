"""The page tree: where each page type may live, and where the tree is served."""

import pytest
from wagtail.models import Page, Site

from content.models import (
    CaseBriefIndexPage,
    CaseBriefPage,
    CompetenceProfilePage,
    LearningIndexPage,
    LearningModulePage,
    LessonPage,
    SiteRootPage,
)

pytestmark = pytest.mark.django_db


def test_the_default_site_serves_the_learning_index_at_leren(learning_index):
    site = Site.objects.get(is_default_site=True)
    assert isinstance(site.root_page.specific, SiteRootPage)
    assert learning_index.url == "/leren/"
    assert not Page.objects.filter(depth=2).exclude(pk=site.root_page.pk).exists()


def test_the_site_tree_setup_runs_twice_without_a_second_tree(learning_index):
    from content.services import site_tree_ensure

    assert site_tree_ensure().pk == learning_index.pk
    assert SiteRootPage.objects.count() == 1
    assert LearningIndexPage.objects.count() == 1


def test_lessons_live_only_in_modules_and_case_briefs_only_in_a_case_index():
    assert LessonPage.allowed_parent_page_models() == [LearningModulePage]
    assert CaseBriefPage.allowed_parent_page_models() == [CaseBriefIndexPage]
    assert LessonPage.allowed_subpage_models() == []
    assert set(LearningIndexPage.allowed_subpage_models()) == {
        CompetenceProfilePage,
        LearningModulePage,
        CaseBriefIndexPage,
    }


def test_a_lesson_cannot_be_created_directly_under_the_learning_index(learning_index, module):
    assert not LessonPage.can_create_at(learning_index)
    assert LessonPage.can_create_at(module)


def test_there_is_only_one_profile_page(profile_page, learning_index):
    assert not CompetenceProfilePage.can_create_at(learning_index)


def test_the_site_root_redirects_to_the_learning_index(client, learning_index):
    site_root = learning_index.get_parent().specific
    response = site_root.serve(client.get("/").wsgi_request)
    assert response.status_code == 302
    assert response["Location"] == "/leren/"
