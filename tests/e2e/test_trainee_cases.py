"""A trainee finds the demo cases and starts one; the dossier opens on the intake."""

import re

import pytest
from django.urls import NoReverseMatch, reverse

from tests.e2e.flows import login_as, path_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


def _cases_ui_or_skip() -> None:
    try:
        reverse("cases:attempt-start", kwargs={"slug": "x"})
        reverse("cases:attempt-detail", kwargs={"pk": 1})
    except NoReverseMatch:
        pytest.skip("the cases UI (cases:attempt-start, cases:attempt-detail) does not exist yet")


def test_trainee_opens_the_case_list_and_starts_a_demo_case(page, demo_data):
    _cases_ui_or_skip()
    # given
    login_as(page, "cursist1")
    page.goto(reverse("cases:index"))
    start_buttons = page.get_by_role("button", name="Start deze casus")
    if start_buttons.count() == 0:
        pytest.skip("the demo has no case that cursist1 can start")
    # when
    with page.expect_navigation():
        start_buttons.first.click()
    # then
    assert re.fullmatch(r"/casussen/pogingen/\d+/", path_of(page)), page.url
    assert page.get_by_role("heading", level=1).inner_text().startswith("Schadedossier")
    page.goto(reverse("cases:index"))
    assert page.get_by_role("link", name="Open dossier").count() >= 1
