"""The workshop day (werkplaatsdag): a Monday in the shop with several dossiers to plan, its
hidden reference plan, and the trainee's submitted plans.

A day is practice only, like the paint drill: a plan belongs to its trainee alone (never filed in
a cohort, never in an assessor's queue). The reference plan stays on the server until the trainee
has submitted (`cases.workshop_day.selectors`). Rules and scoring: `cases.workshop_day.scoring`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["WorkshopDay", "WorkshopDayAnswer"]


class WorkshopDay(models.Model):
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    briefing = models.TextField(_("opdracht"))
    setup = models.JSONField(
        _("de dag"),
        help_text=_("Rooster, capaciteit, vervangende auto's, berichten en dossiers."),
    )
    reference = models.JSONField(
        _("referentieplanning"),
        help_text=_("Verborgen tot de cursist heeft ingeleverd: planning, uitleg, belnotities."),
    )
    lesson = models.ForeignKey(
        "content.LessonPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        verbose_name=_("les"),
    )
    knowledge_items = models.ManyToManyField(
        "content.KnowledgeItem",
        blank=True,
        related_name="workshop_days",
        verbose_name=_("vakkennis"),
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)

    class Meta:
        verbose_name = _("werkplaatsdag")
        verbose_name_plural = _("werkplaatsdagen")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class WorkshopDayAnswer(models.Model):
    """A trainee's submitted plan with its verdict, stored as computed at submission."""

    day = models.ForeignKey(WorkshopDay, on_delete=models.CASCADE, related_name="answers")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="workshop_day_answers"
    )
    plan = models.JSONField(_("planning"))
    result = models.JSONField(_("uitslag"))
    score = models.PositiveSmallIntegerField(_("score"))
    passed = models.BooleanField(_("voldoende"))
    submitted_at = models.DateTimeField(_("ingeleverd"), auto_now_add=True)

    class Meta:
        verbose_name = _("planning werkplaatsdag")
        verbose_name_plural = _("planningen werkplaatsdag")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.day} ({self.score})"
