"""How an exam cohort's attempts are marked (issue #15, item 1): the number of blind markers,
the agreement rule, when marks escalate, the moderation sample; the agreed grade of an attempt
with how it was reached, and the attempt's marking history.

Rules and writes live in `assessment.double_marking`; these are the rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class AgreementRule(models.TextChoices):
    MEAN = "mean", _("gemiddelde van de beoordelingen")
    MEDIAN = "median", _("mediaan van de beoordelingen")
    THIRD_DECIDES = "third_decides", _("derde beoordelaar beslist")


class MarkingPolicy(models.Model):
    """A cohort's marking policy. Without a row, `assessment.double_marking.policy_for` gives
    the default: exam mode two blind markers, a third decides past 10 points or on a different
    pass/fail, no sample; outside exam mode one marker."""

    cohort = models.OneToOneField(
        "accounts.Cohort",
        on_delete=models.CASCADE,
        related_name="marking_policy",
        verbose_name=_("groep"),
    )
    markers = models.PositiveSmallIntegerField(
        _("aantal beoordelaars"),
        default=2,
        validators=[MinValueValidator(1), MaxValueValidator(3)],
    )
    agreement_rule = models.CharField(
        _("regel voor het vastgestelde cijfer"),
        max_length=16,
        choices=AgreementRule.choices,
        default=AgreementRule.THIRD_DECIDES,
    )
    escalation_points = models.DecimalField(
        _("escalatie bij verschil van meer dan (punten)"),
        max_digits=4,
        decimal_places=1,
        default=Decimal("10"),
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    escalate_on_pass_fail = models.BooleanField(
        _("escalatie bij verschillend oordeel voldoende/onvoldoende"), default=True
    )
    moderation_sample_percent = models.PositiveSmallIntegerField(
        _("steekproef voor moderatie (%)"),
        default=0,
        validators=[MaxValueValidator(100)],
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gewijzigd door"),
    )
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("beoordelingsbeleid")
        verbose_name_plural = _("beoordelingsbeleid")
        constraints = [
            models.CheckConstraint(
                condition=Q(markers__gte=1, markers__lte=3), name="assessment_policy_markers_1_3"
            ),
            models.CheckConstraint(
                condition=Q(moderation_sample_percent__lte=100),
                name="assessment_policy_sample_0_100",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort}: {self.markers}"


class AgreedMethod(models.TextChoices):
    SINGLE = "single", _("één beoordelaar")
    MEAN = "mean", _("gemiddelde")
    MEDIAN = "median", _("mediaan")
    THIRD_MARKER = "third_marker", _("derde beoordelaar na escalatie")
    MODERATOR = "moderator", _("moderator")
    # Exam grades signed before double marking had rules (migration 0006): the first assessor's
    # grade counted once the blind second was signed; its score stays as it was released.
    FIRST_MARKER = "first_marker", _("eerste beoordelaar (regel van vóór december 2026)")


class AgreedGrade(models.Model):
    """The grade an attempt ends with when more than one assessor marked it: its score and
    verdict, the rule that gave them (`method`, `explanation`), the grades it counted, and
    the grade whose lines and rubric the trainee's result shows (`basis`)."""

    attempt = models.OneToOneField(
        "cases.Attempt",
        on_delete=models.CASCADE,
        related_name="agreed_grade",
        verbose_name=_("poging"),
    )
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1)
    passed = models.BooleanField(_("voldoende"))
    cut_score = models.DecimalField(_("cesuur"), max_digits=4, decimal_places=1)
    method = models.CharField(_("vastgesteld door"), max_length=16, choices=AgreedMethod.choices)
    explanation = models.TextField(_("toelichting"))
    grades = models.ManyToManyField(
        "assessment.Grade", related_name="+", verbose_name=_("meegetelde beoordelingen")
    )
    basis = models.ForeignKey(
        "assessment.Grade",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("beoordeling met de details"),
    )
    determined_at = models.DateTimeField(_("vastgesteld op"), auto_now=True)

    class Meta:
        verbose_name = _("vastgesteld cijfer")
        verbose_name_plural = _("vastgestelde cijfers")

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.get_method_display()}"


class MarkingEvent(models.Model):
    """One step of an attempt's marking: allocated, a marker's grade signed, escalated, in the
    sample, moderated, agreed, released. `data` holds the step's figures (never shown to a
    marker while the attempt is blind to them)."""

    attempt = models.ForeignKey(
        "cases.Attempt",
        on_delete=models.CASCADE,
        related_name="marking_events",
        verbose_name=_("poging"),
    )
    kind = models.CharField(_("soort"), max_length=32)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("stap in de beoordeling")
        verbose_name_plural = _("stappen in de beoordeling")
        ordering = ["attempt", "at", "pk"]
        indexes = [models.Index(fields=["attempt", "at"])]

    def __str__(self) -> str:
        return f"{self.attempt_id} {self.kind}"
