"""The next step a logged-in user sees on the home page, by role."""

from __future__ import annotations

from dataclasses import dataclass

from django.urls import reverse
from django.utils.translation import gettext as _

from .models import Role, User


@dataclass(frozen=True)
class NextStep:
    title: str
    text: str
    url: str


def next_steps(user: User) -> list[NextStep]:
    if user.is_superuser or user.role == Role.ADMIN:
        return [
            NextStep(
                _("Beheer"),
                _("Organisaties, groepen en gebruikers beheren."),
                reverse("admin:index"),
            ),
            NextStep(
                _("Inhoud"), _("Leerinhoud en casussen in het CMS."), reverse("wagtailadmin_home")
            ),
        ]
    if user.role == Role.TRAINEE:
        return [
            NextStep(
                _("Open casussen"),
                _("Kies een schadecasus en werk het dossier af van intake tot aflevering."),
                reverse("cases:index"),
            )
        ]
    if user.role == Role.ASSESSOR:
        return [
            NextStep(
                _("Te beoordelen"),
                _("Ingeleverde pogingen van uw groepen wachten op uw beoordeling."),
                reverse("assessment:queue"),
            )
        ]
    if user.role == Role.EDITOR:
        return [
            NextStep(
                _("Naar het CMS"),
                _("Leerinhoud en casussen bewerken en ter vaststelling aanbieden."),
                reverse("wagtailadmin_home"),
            )
        ]
    return []
