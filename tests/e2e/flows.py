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


# --- the claim dossier (cases/views.py, templates/cases/attempt_detail.html) -----------------


def make_move(page, move: str, fill=None) -> None:
    """Open the dossier's step `move` (a <details> "stap-<move>"), let `fill(form)` type its
    input, press its button and wait for the dossier again; fail with the Dutch refusal if the
    step was refused or its input rejected."""
    step = page.locator(f"details#stap-{move}")
    assert step.count() == 1, f"the dossier offers no step {move!r} now"
    summary = step.locator("summary")
    label = summary.inner_text().strip()
    if step.get_attribute("open") is None:
        summary.click()
    form = step.locator("form")
    if fill is not None:
        fill(form)
    with page.expect_navigation():
        form.get_by_role("button", name=label, exact=True).click()
    refusal = page.locator(".refusal")
    if refusal.count():
        errors = page.locator(f"details#stap-{move} .errorlist").all_inner_texts()
        raise AssertionError(f"{label}: {refusal.first.inner_text()} {' '.join(errors)}".strip())
    assert page.locator(".messages").get_by_text(f"{label}: vastgelegd.").count() == 1


def timeline_kinds(page) -> list[str]:
    """The kind of every entry on the dossier's timeline, newest first."""
    return [text.strip() for text in page.locator("ol.timeline > li .event-kind").all_inner_texts()]


def timeline_entry(page, kind_label: str, nth: int = 0):
    """One timeline entry of a kind (the newest by default: the timeline is newest first)."""
    entries = page.locator("ol.timeline > li").filter(
        has=page.locator(".event-kind", has_text=re.compile(rf"^{re.escape(kind_label)}$"))
    )
    return entries.nth(nth)


def dossier_phase(page) -> str:
    """The phase the dossier's header shows ("Fase: <strong>…</strong>")."""
    return page.locator("main p").filter(has_text="Fase:").locator("strong").first.inner_text()
