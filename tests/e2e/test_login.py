"""Each demo role logs in through the form and lands on its own start page."""

import pytest
from django.urls import reverse

from tests.e2e.flows import DEMO_ROLES, login_as, path_of

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True, serialized_rollback=True)]


@pytest.mark.parametrize("role", list(DEMO_ROLES))
def test_each_demo_role_logs_in_through_the_form_and_lands_on_its_start_page(page, demo_data, role):
    username, start_page = DEMO_ROLES[role]
    # when
    login_as(page, username)
    # then
    page.wait_for_load_state("networkidle")
    assert path_of(page) == reverse(start_page)
    assert "inloggen" not in path_of(page)


def test_a_wrong_password_keeps_the_visitor_on_the_login_form_with_a_dutch_message(page, demo_data):
    page.goto(reverse("accounts:login"))
    page.get_by_label("Gebruikersnaam").fill("cursist1")
    page.get_by_label("Wachtwoord").fill("fout-wachtwoord")
    page.get_by_role("button", name="Inloggen").click()
    page.wait_for_load_state("networkidle")
    assert path_of(page) == reverse("accounts:login")
    assert "onjuist" in page.content()
    assert page.get_by_label("Gebruikersnaam").input_value() == "cursist1"
