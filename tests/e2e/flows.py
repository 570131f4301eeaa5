"""Steps that the end-to-end tests share: logging in as a demo user, reading the page."""

from __future__ import annotations

import re

from django.urls import reverse

# role → demo username (schadeplatform/accounts/demo.py) and the start page's URL name
DEMO_ROLES: dict[str, tuple[str, str]] = {
    "trainee": ("cursist1", "cases:index"),
    "assessor": ("beoordelaar1", "assessment:queue"),
    "editor": ("redacteur1", "wagtailadmin_home"),
    "admin": ("admin", "admin:index"),
}


def demo_password(username: str) -> str:
    from schadeplatform.accounts.demo import DEMO_USERS

    return DEMO_USERS[username][3]


def login_as(page, username: str) -> None:
    """Log in through the login form, as a person would, and wait for the next page."""
    page.goto(reverse("accounts:login"))
    page.get_by_label("Gebruikersnaam").fill(username)
    page.get_by_label("Wachtwoord").fill(demo_password(username))
    with page.expect_navigation():
        page.get_by_role("button", name="Inloggen").click()


def path_of(page) -> str:
    return re.sub(r"^https?://[^/]+", "", page.url).split("?", 1)[0]
