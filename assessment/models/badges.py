"""Open Badges 3.0 credentials (issue #18, item 2): the foundation's rules, the platform's
signing keys and the credentials issued (assessment/badges/README.md).

A rule is set by the exam board; a credential is issued once per rule and trainee when the
trainee's released grades meet it (`assessment.badges.issuing`); a signing key is retired, never
deleted, so every credential it signed stays verifiable.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _


class BadgeRuleKind(models.TextChoices):
    EXAM_FORM_PASSED = "exam_form_passed", _("examenvorm behaald")
    WORK_PROCESSES_LEVEL = "work_processes_level", _("alle vier werkprocessen op niveau")


class BadgeRule(models.Model):
    """When the platform issues a badge: an exam form passed (the released final grade of an
    attempt on the form is `passed`), or every work process 1.1–1.4 at `min_level` or above in
    some released final grade of the trainee (`assessment.profile_scores`)."""

    slug = models.SlugField(_("code"), max_length=64, unique=True)
    name = models.CharField(_("naam"), max_length=200)
    description = models.TextField(_("omschrijving"))
    criteria = models.TextField(_("criteria"), help_text=_("Wat de cursist heeft laten zien."))
    kind = models.CharField(_("soort regel"), max_length=32, choices=BadgeRuleKind.choices)
    exam_form = models.ForeignKey(
        "assessment.ExamForm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="badge_rules",
        verbose_name=_("examenvorm"),
    )
    min_level = models.PositiveSmallIntegerField(
        _("minimaal niveau"),
        default=3,
        validators=[MinValueValidator(1), MaxValueValidator(4)],
    )
    valid_months = models.PositiveSmallIntegerField(
        _("geldig (maanden)"), null=True, blank=True, help_text=_("Leeg: verloopt niet.")
    )
    active = models.BooleanField(_("actief"), default=True)
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("badgeregel")
        verbose_name_plural = _("badgeregels")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(kind="exam_form_passed") | models.Q(exam_form__isnull=False),
                name="assessment_badge_rule_exam_form_named",
            )
        ]

    def __str__(self) -> str:
        return self.name


class SigningKey(models.Model):
    """An RSA key pair (RS256, OB 3.0 §8.2) the platform signs credentials with. The newest
    key without `retired_at` signs; every key stays in the published JWKS."""

    kid = models.CharField(_("sleutel-id"), max_length=64, unique=True)
    private_jwk = models.JSONField(_("privésleutel (JWK)"))
    public_jwk = models.JSONField(_("publieke sleutel (JWK)"))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    retired_at = models.DateTimeField(_("buiten gebruik sinds"), null=True, blank=True)

    class Meta:
        verbose_name = _("ondertekeningssleutel")
        verbose_name_plural = _("ondertekeningssleutels")
        ordering = ["-created_at", "-pk"]

    def __str__(self) -> str:
        return self.kid


class IssuedCredential(models.Model):
    """A signed OpenBadgeCredential: its JSON, its VC-JWT, its place in the status list."""

    uuid = models.UUIDField(_("kenmerk"), default=uuid.uuid4, unique=True, editable=False)
    rule = models.ForeignKey(
        BadgeRule, on_delete=models.PROTECT, related_name="credentials", verbose_name=_("regel")
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="badge_credentials",
        verbose_name=_("cursist"),
    )
    grade = models.ForeignKey(
        "assessment.Grade",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("op grond van beoordeling"),
    )
    credential = models.JSONField(_("credential"))
    jws = models.TextField(_("ondertekende credential (VC-JWT)"))
    key = models.ForeignKey(
        SigningKey, on_delete=models.PROTECT, related_name="+", verbose_name=_("sleutel")
    )
    status_index = models.PositiveIntegerField(_("plaats in statuslijst"), unique=True)
    issued_at = models.DateTimeField(_("uitgegeven op"))
    valid_until = models.DateTimeField(_("geldig tot"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("ingetrokken op"), null=True, blank=True)
    revoked_reason = models.TextField(_("reden van intrekking"), blank=True)
    revoked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingetrokken door"),
    )

    class Meta:
        verbose_name = _("uitgegeven badge")
        verbose_name_plural = _("uitgegeven badges")
        ordering = ["-issued_at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["rule", "trainee"], name="assessment_badge_once_per_rule_trainee"
            )
        ]

    def __str__(self) -> str:
        return f"{self.rule} – {self.trainee}"

    @property
    def is_revoked(self) -> bool:
        return self.revoked_at is not None
