"""An editor reaches the CMS and its page explorer."""

import pytest
from django.urls import reverse

from tests.e2e.flows import login_as, path_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def test_editor_opens_the_cms_and_its_page_explorer(page, demo_data):
    login_as(page, "redacteur1")
    assert path_of(page) == reverse("wagtailadmin_home")
    # when
    page.goto(reverse("wagtailadmin_explore_root"))
    page.wait_for_load_state("networkidle")
    # then
    assert path_of(page).startswith("/cms/pages/")
    assert page.locator("main").count() == 1
    assert "Inloggen" not in page.title()
