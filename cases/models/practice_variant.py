"""A trainee's practice attempt on a generated case variant (issue 16, item 6).

Only what regenerates the variant is stored, the template key, its version and the seed
(`cases.variants.generate.variant_for`), with the trainee's answer and its score. Practice only:
never filed in a cohort, never in an assessor's queue nor in exam statistics (those read
`Attempt`); the trainee alone sees it (`cases.variants.practice`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["PracticeVariantAttempt"]


class PracticeVariantAttempt(models.Model):
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="practice_variant_attempts",
        verbose_name=_("cursist"),
    )
    template_key = models.CharField(_("sjabloon"), max_length=40)
    template_version = models.PositiveSmallIntegerField(_("sjabloonversie"))
    seed = models.PositiveBigIntegerField(_("seed"))
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    # The form as typed (kept when a submission is refused), then the submitted calculation
    # (schadecalc/1) and the scorer's result (schadescore/2 JSON).
    answer = models.JSONField(_("antwoord"), default=dict, blank=True)
    submission = models.JSONField(_("ingeleverde calculatie"), null=True, blank=True)
    result = models.JSONField(_("uitslag"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, null=True, blank=True)
    passed = models.BooleanField(_("voldoende"), null=True, blank=True)
    submitted_at = models.DateTimeField(_("ingeleverd"), null=True, blank=True)

    class Meta:
        verbose_name = _("oefenvariant")
        verbose_name_plural = _("oefenvarianten")
        ordering = ["-created_at", "-pk"]
        indexes = [models.Index(fields=["trainee", "-created_at"], name="practice_variant_trainee")]

    def __str__(self) -> str:
        return f"{self.template_key} #{self.seed}"
