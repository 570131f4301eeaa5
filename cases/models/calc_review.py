"""The calculation review exercise (rekencontrole): a case version's reference pre-calculation
with errors in it (authored or injected from a seed), its answer key, and the trainees' answers.

The document and the key are computed once, when the exercise is made
(`cases.calc_review.services.calc_review_exercise_make`), and stored: a later engine or
catalogue change never moves an answer's score. The key stays on the server until the trainee
has submitted (`cases.calc_review.selectors`). Like the paint drill, an answer is practice: its
trainee's own, never filed in a cohort.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

__all__ = ["CalcReviewAnswer", "CalcReviewExercise"]


class CalcReviewExercise(models.Model):
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    instructions = models.TextField(_("opdracht"), blank=True)
    case_version = models.ForeignKey(
        "cases.CaseVersion",
        on_delete=models.PROTECT,
        related_name="calc_review_exercises",
        verbose_name=_("casusversie"),
    )
    # The errors as asked: [{"kind", "line", "value"}]; what a spec leaves open comes from seed.
    error_specs = models.JSONField(_("fouten (opgave)"), default=list)
    seed = models.PositiveIntegerField(_("seed"), null=True, blank=True)
    document = models.JSONField(_("te controleren calculatie"))
    answer_key = models.JSONField(_("antwoordsleutel"))
    published = models.BooleanField(_("gepubliceerd"), default=False)
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("rekencontrole")
        verbose_name_plural = _("rekencontroles")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


class CalcReviewAnswer(models.Model):
    """A trainee's review: saved while open, scored once submitted (`submitted_at`)."""

    exercise = models.ForeignKey(
        CalcReviewExercise, on_delete=models.CASCADE, related_name="answers"
    )
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="calc_review_answers"
    )
    # {"lines": {id: {"verdict", "kind", "correction"}}, "missing": [{"kind", "correction"}]}
    answers = models.JSONField(_("antwoorden"), default=dict)
    submitted_at = models.DateTimeField(_("ingeleverd"), null=True, blank=True)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1, null=True, blank=True)
    result = models.JSONField(_("uitslag"), null=True, blank=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)

    class Meta:
        verbose_name = _("antwoord rekencontrole")
        verbose_name_plural = _("antwoorden rekencontrole")
        ordering = ["-updated_at", "-pk"]
        constraints = [
            # One open review per trainee and exercise; submitted ones are kept.
            models.UniqueConstraint(
                fields=["exercise", "trainee"],
                condition=models.Q(submitted_at__isnull=True),
                name="calc_review_one_open_answer",
            )
        ]

    def __str__(self) -> str:
        return f"{self.exercise} ({self.trainee})"
