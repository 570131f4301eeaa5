"""Organisations, cohorts (groepen) and users with one role each."""

from importlib import import_module

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    TRAINEE = "trainee", _("Cursist")
    ASSESSOR = "assessor", _("Beoordelaar")
    EDITOR = "editor", _("Redacteur")
    ADMIN = "admin", _("Beheerder")


class Organisation(models.Model):
    class Kind(models.TextChoices):
        TRAINING_PROVIDER = "training_provider", _("Opleider")
        BODY_SHOP = "body_shop", _("Schadeherstelbedrijf")
        FOUNDATION = "foundation", _("Stichting")

    name = models.CharField(_("naam"), max_length=200, unique=True)
    kind = models.CharField(_("soort"), max_length=32, choices=Kind.choices)

    class Meta:
        verbose_name = _("organisatie")
        verbose_name_plural = _("organisaties")
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name


class User(AbstractUser):
    role = models.CharField(_("rol"), max_length=16, choices=Role.choices, default=Role.TRAINEE)
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="members",
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("gebruiker")
        verbose_name_plural = _("gebruikers")

    @property
    def is_trainee(self) -> bool:
        return self.role == Role.TRAINEE

    @property
    def is_assessor(self) -> bool:
        return self.role == Role.ASSESSOR

    @property
    def is_editor(self) -> bool:
        return self.role == Role.EDITOR

    @property
    def is_platform_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser


class Cohort(models.Model):
    """A group of trainees following one course, with the assessors who grade them."""

    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisatie"),
        on_delete=models.PROTECT,
        related_name="cohorts",
    )
    name = models.CharField(_("naam"), max_length=200)
    exam_mode = models.BooleanField(
        _("examenmodus"),
        default=False,
        help_text=_(
            "In examenmodus beoordeelt een tweede beoordelaar blind en zien cursisten nooit de "
            "referentiecalculatie."
        ),
    )
    # The exam window's end (issue #17): after it, an exam attempt of this cohort takes no move,
    # save or submit (`cases.exam_window`). Empty: no window.
    exam_closes_at = models.DateTimeField(
        _("examenvenster sluit"),
        null=True,
        blank=True,
        help_text=_(
            "Na dit tijdstip wordt in deze groep niets meer opgeslagen of ingeleverd. Leeg: geen "
            "examenvenster."
        ),
    )
    trainees = models.ManyToManyField(
        User, verbose_name=_("cursisten"), related_name="trainee_cohorts", blank=True
    )
    assessors = models.ManyToManyField(
        User, verbose_name=_("beoordelaars"), related_name="assessor_cohorts", blank=True
    )

    class Meta:
        verbose_name = _("groep")
        verbose_name_plural = _("groepen")
        ordering = ["organisation__name", "name"]
        constraints = [
            models.UniqueConstraint(fields=["organisation", "name"], name="unique_cohort_name"),
        ]

    def __str__(self) -> str:
        return f"{self.organisation} – {self.name}"


class UserSession(AbstractBaseSession):
    """A database session (SESSION_ENGINE `schadeplatform.sessions`) with its signed-in user as a
    column beside the encoded data, so that a request reads the session and its user in one
    query (issue #17). Written from the session's data on every save; empty for a visitor's
    session. Deleting a user deletes their sessions."""

    user = models.ForeignKey(
        User,
        verbose_name=_("gebruiker"),
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
    )

    class Meta(AbstractBaseSession.Meta):
        verbose_name = _("sessie")
        verbose_name_plural = _("sessies")

    @classmethod
    def get_session_store_class(cls):
        # The configured engine's store (schadeplatform.sessions), which imports this module.
        return import_module(settings.SESSION_ENGINE).SessionStore
