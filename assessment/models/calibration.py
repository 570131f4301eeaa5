"""Calibration of assessors (issue #15, item 2): exam periods with the foundation's thresholds,
calibration sets of attempts with an agreed grade, an assessor's ratings of a set, and the
agreement those ratings reached in a period.

Rules and writes live in `assessment.calibration`; these are the rows.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _

#: The foundation's default thresholds (issue #15, item 2): ICC ≥ 0.75 on scores ("good" in
#: Koo & Li 2016) or quadratic weighted kappa ≥ 0.61 on rubric levels ("substantial" in Landis
#: & Koch 1977).
DEFAULT_ICC_THRESHOLD = Decimal("0.75")
DEFAULT_KAPPA_THRESHOLD = Decimal("0.61")


class ExamPeriod(models.Model):
    """An exam period of the foundation. A calibration holds for the period it was earned in
    and expires with it."""

    name = models.CharField(_("naam"), max_length=120, unique=True)
    starts_on = models.DateField(_("begint op"))
    ends_on = models.DateField(_("eindigt op"))
    icc_threshold = models.DecimalField(
        _("drempel ICC (scores)"),
        max_digits=3,
        decimal_places=2,
        default=DEFAULT_ICC_THRESHOLD,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    kappa_threshold = models.DecimalField(
        _("drempel gewogen kappa (rubricniveaus)"),
        max_digits=3,
        decimal_places=2,
        default=DEFAULT_KAPPA_THRESHOLD,
        validators=[MinValueValidator(Decimal("-1")), MaxValueValidator(Decimal("1"))],
    )

    class Meta:
        verbose_name = _("examenperiode")
        verbose_name_plural = _("examenperiodes")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="assessment_period_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class CalibrationSet(models.Model):
    """Attempts with an agreed grade, published by the foundation for assessors to grade."""

    title = models.CharField(_("titel"), max_length=200)
    description = models.TextField(_("toelichting"), blank=True)
    published = models.BooleanField(_("gepubliceerd"), default=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("kalibratieset")
        verbose_name_plural = _("kalibratiesets")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class CalibrationItem(models.Model):
    """One attempt of a set with its agreed grade: score (0–100) and rubric levels (competence
    area slug → level 1–4)."""

    calibration_set = models.ForeignKey(
        CalibrationSet, on_delete=models.CASCADE, related_name="items", verbose_name=_("set")
    )
    attempt = models.ForeignKey(
        "cases.Attempt", on_delete=models.PROTECT, related_name="+", verbose_name=_("poging")
    )
    position = models.PositiveSmallIntegerField(_("volgorde"), default=0)
    agreed_score = models.DecimalField(
        _("vastgestelde score"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    agreed_rubric = models.JSONField(_("vastgestelde rubricniveaus"), default=dict)

    class Meta:
        verbose_name = _("kalibratie-item")
        verbose_name_plural = _("kalibratie-items")
        ordering = ["calibration_set", "position", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["calibration_set", "attempt"], name="assessment_calibration_item_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.calibration_set} #{self.position}"


class CalibrationRating(models.Model):
    """An assessor's grade of one calibration item, in the period it was given."""

    item = models.ForeignKey(
        CalibrationItem, on_delete=models.CASCADE, related_name="ratings", verbose_name=_("item")
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calibration_ratings",
        verbose_name=_("beoordelaar"),
    )
    period = models.ForeignKey(
        ExamPeriod, on_delete=models.PROTECT, related_name="+", verbose_name=_("examenperiode")
    )
    score = models.DecimalField(
        _("score"),
        max_digits=4,
        decimal_places=1,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    rubric = models.JSONField(_("rubricniveaus"), default=dict)
    comment = models.TextField(_("toelichting"), blank=True)
    rated_at = models.DateTimeField(_("beoordeeld op"), auto_now=True)

    class Meta:
        verbose_name = _("kalibratiebeoordeling")
        verbose_name_plural = _("kalibratiebeoordelingen")
        ordering = ["item", "assessor"]
        constraints = [
            models.UniqueConstraint(
                fields=["item", "assessor", "period"], name="assessment_calibration_rating_once"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.item} – {self.assessor}"


class CalibrationResult(models.Model):
    """An assessor's agreement with the agreed grades of a set in a period: ICC on the scores,
    quadratic weighted kappa on the rubric levels, and whether that calibrates them."""

    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="calibration_results",
        verbose_name=_("beoordelaar"),
    )
    calibration_set = models.ForeignKey(
        CalibrationSet, on_delete=models.CASCADE, related_name="results", verbose_name=_("set")
    )
    period = models.ForeignKey(
        ExamPeriod, on_delete=models.CASCADE, related_name="results", verbose_name=_("periode")
    )
    items = models.PositiveSmallIntegerField(_("aantal items"))
    icc = models.FloatField(_("ICC"), null=True, blank=True)
    kappa_quadratic = models.FloatField(_("kwadratisch gewogen kappa"), null=True, blank=True)
    calibrated = models.BooleanField(_("gekalibreerd"))
    details = models.JSONField(_("details"), default=dict, blank=True)
    computed_at = models.DateTimeField(_("berekend op"), auto_now=True)

    class Meta:
        verbose_name = _("kalibratieresultaat")
        verbose_name_plural = _("kalibratieresultaten")
        ordering = ["-computed_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["assessor", "calibration_set", "period"],
                name="assessment_calibration_result_once",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.assessor} – {self.calibration_set} ({self.period})"
