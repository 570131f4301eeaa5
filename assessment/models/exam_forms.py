"""Exam forms (issue #15, items 4 and 5): the foundation's blueprints (toetsmatrijzen), an
exam form (a case version used in an exam cohort) with its blueprint and adopted cut score, and
the modified-Angoff studies that set it.

The computations are `assessment.exam_quality`; rules and writes `assessment.exam_forms`.
"""

from __future__ import annotations

from decimal import Decimal

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _


class Blueprint(models.Model):
    """A toetsmatrijs: per profile dimension ("work_processes", "knowledge",
    "competence_areas") the keys an exam must cover and their weights
    (`assessment.exam_quality.blueprint` validates and compares)."""

    title = models.CharField(_("titel"), max_length=200, unique=True)
    description = models.TextField(_("toelichting"), blank=True)
    weights = models.JSONField(_("gewichten"), default=dict)
    published = models.BooleanField(_("vastgesteld"), default=False)
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
        verbose_name = _("toetsmatrijs")
        verbose_name_plural = _("toetsmatrijzen")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class ExamForm(models.Model):
    """A case version used in an exam cohort, with the blueprint it must cover and, once the
    exam board adopts one, its cut score (replacing the default pass mark for grades given
    after the adoption)."""

    cohort = models.ForeignKey(
        "accounts.Cohort",
        on_delete=models.CASCADE,
        related_name="exam_forms",
        verbose_name=_("groep"),
    )
    case_version = models.ForeignKey(
        "cases.CaseVersion",
        on_delete=models.PROTECT,
        related_name="exam_forms",
        verbose_name=_("casusversie"),
    )
    blueprint = models.ForeignKey(
        Blueprint,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="forms",
        verbose_name=_("toetsmatrijs"),
    )
    cut_score = models.DecimalField(
        _("vastgestelde cesuur"),
        max_digits=4,
        decimal_places=1,
        null=True,
        blank=True,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("100"))],
    )
    cut_score_study = models.ForeignKey(
        "assessment.AngoffStudy",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("Angoff-sessie"),
    )
    cut_score_adopted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cesuur vastgesteld door"),
    )
    cut_score_adopted_at = models.DateTimeField(_("cesuur vastgesteld op"), null=True, blank=True)

    class Meta:
        verbose_name = _("examenvorm")
        verbose_name_plural = _("examenvormen")
        # The foundation's exam board (examencommissie): sets marking policies, blueprints,
        # calibration sets and cut scores, and sees every statistic of its forms
        # (`assessment.exam_board.is_exam_board`, the one place that asks).
        permissions = [("exam_board", _("Lid van de examencommissie"))]
        ordering = ["cohort", "case_version"]
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "case_version"], name="assessment_exam_form_once"
            ),
            models.CheckConstraint(
                condition=Q(cut_score__isnull=True) | Q(cut_score_adopted_at__isnull=False),
                name="assessment_exam_form_cut_score_adopted",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.cohort} – {self.case_version}"


class AngoffStatus(models.TextChoices):
    OPEN = "open", _("open")
    CLOSED = "closed", _("gesloten")


class AngoffStudy(models.Model):
    """A modified-Angoff session for a form: the judges, their estimates, and (once closed)
    the computed cut score (`result`, `AngoffCutScore.to_json()`)."""

    form = models.ForeignKey(
        ExamForm,
        on_delete=models.CASCADE,
        related_name="angoff_studies",
        verbose_name=_("examenvorm"),
    )
    judges = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="angoff_studies", verbose_name=_("beoordelaars")
    )
    status = models.CharField(
        _("status"), max_length=16, choices=AngoffStatus.choices, default=AngoffStatus.OPEN
    )
    result = models.JSONField(_("uitkomst"), default=dict, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("gemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    closed_at = models.DateTimeField(_("gesloten op"), null=True, blank=True)

    class Meta:
        verbose_name = _("Angoff-sessie")
        verbose_name_plural = _("Angoff-sessies")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.form} ({self.get_status_display()})"


class AngoffJudgement(models.Model):
    """A judge's estimate that a minimally competent candidate gets an item right (0–1)."""

    study = models.ForeignKey(
        AngoffStudy,
        on_delete=models.CASCADE,
        related_name="judgements",
        verbose_name=_("sessie"),
    )
    judge = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("beoordelaar"),
    )
    item_key = models.CharField(_("item"), max_length=120)
    probability = models.DecimalField(
        _("kans"),
        max_digits=4,
        decimal_places=3,
        validators=[MinValueValidator(Decimal("0")), MaxValueValidator(Decimal("1"))],
    )
    at = models.DateTimeField(_("tijdstip"), auto_now=True)

    class Meta:
        verbose_name = _("Angoff-schatting")
        verbose_name_plural = _("Angoff-schattingen")
        ordering = ["study", "judge", "item_key"]
        constraints = [
            models.UniqueConstraint(
                fields=["study", "judge", "item_key"], name="assessment_angoff_once"
            ),
            models.CheckConstraint(
                condition=Q(probability__gte=0, probability__lte=1),
                name="assessment_angoff_probability_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.study_id} {self.judge_id} {self.item_key}"
