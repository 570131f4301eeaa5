"""The paint drill (lakoefening): authored panels of a damaged catalogue vehicle, each with a
hidden model answer, and the trainee's own practice answers.

A drill is practice only: an answer belongs to its trainee alone (never filed in a cohort, never
in an assessor's queue). The model answers stay on the server until the trainee has submitted
(`cases.paint_drill.selectors`). Scoring rules: `cases.paint_drill.scoring`.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import Orderable

from calcengine.schema import PAINT_MODE_TABLE

from ..paint_drill.scoring import LEVEL_NONE

__all__ = [
    "LEVEL_NONE",
    "PAINT_LEVEL_CHOICES",
    "PaintDrill",
    "PaintDrillAnswer",
    "PaintDrillOverlap",
    "PaintDrillPanel",
]

# The engine's paint modes (AZT levels I–IV and blending), then "none" (scoring.LEVEL_NONE).
PAINT_LEVEL_CHOICES = [(choice.code, _(choice.label)) for choice in PAINT_MODE_TABLE] + [
    (LEVEL_NONE, _("Geen spuitwerk"))
]


class PaintDrill(ClusterableModel):
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    briefing = models.TextField(_("opdracht"), help_text=_("Wat de cursist over de schade leest."))
    vehicle_id = models.CharField(
        _("voertuig (catalogus)"),
        max_length=80,
        help_text=_("Id uit de voertuigcatalogus, bijv. kia-niro-phev; bepaalt de laksoort."),
    )
    rate_set_id = models.CharField(
        _("tarievenset (catalogus)"),
        max_length=80,
        help_text=_(
            "Id van de tarievenset waarvan de lakfactoren gelden, bijv. verzekeraar-netwerk."
        ),
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
        related_name="paint_drills",
        verbose_name=_("vakkennis"),
    )
    published = models.BooleanField(_("gepubliceerd"), default=False)

    class Meta:
        verbose_name = _("lakoefening")
        verbose_name_plural = _("lakoefeningen")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title

    def clean(self) -> None:
        """The vehicle and the rate set must be catalogue entries (the engine reads them)."""
        from django.core.exceptions import ValidationError

        from calcengine.catalogue import CatalogueError, get_rate_set, get_vehicle

        errors = {}
        for field, lookup in (("vehicle_id", get_vehicle), ("rate_set_id", get_rate_set)):
            try:
                lookup(getattr(self, field))
            except CatalogueError as refused:
                errors[field] = str(refused)
        if errors:
            raise ValidationError(errors)


class PaintDrillPanel(Orderable):
    """One panel: the damage as the trainee reads it and the hidden model answer."""

    drill = ParentalKey(PaintDrill, on_delete=models.CASCADE, related_name="panels")
    part_code = models.CharField(_("onderdeelcode (catalogus)"), max_length=40)
    name = models.CharField(_("paneel"), max_length=120)
    damage = models.TextField(_("schade"))
    photo_ref = models.CharField(_("foto (verwijzing)"), max_length=200, blank=True)
    model_level = models.CharField(
        _("modelantwoord: lakniveau"), max_length=20, choices=PAINT_LEVEL_CHOICES
    )
    model_units = models.DecimalField(
        _("modelantwoord: basis-lakeenheden"), max_digits=8, decimal_places=2, default=0
    )
    explanation = models.TextField(_("modeluitleg"))

    class Meta(Orderable.Meta):
        verbose_name = _("paneel")
        verbose_name_plural = _("panelen")

    def __str__(self) -> str:
        return self.name


class PaintDrillOverlap(Orderable):
    """Two adjacent panels both painted: the shared edge is prepared once, so the calculation
    takes an authored number of base paint units off (the trainee must state it)."""

    drill = ParentalKey(PaintDrill, on_delete=models.CASCADE, related_name="overlaps")
    first_part_code = models.CharField(_("eerste paneel (onderdeelcode)"), max_length=40)
    second_part_code = models.CharField(_("tweede paneel (onderdeelcode)"), max_length=40)
    model_deduction = models.DecimalField(
        _("modelantwoord: aftrek in basis-lakeenheden"), max_digits=8, decimal_places=2
    )
    explanation = models.TextField(_("modeluitleg"))

    class Meta(Orderable.Meta):
        verbose_name = _("overlap")
        verbose_name_plural = _("overlappen")


class PaintDrillAnswer(models.Model):
    """A trainee's submitted answer with its score, stored as computed at submission."""

    drill = models.ForeignKey(PaintDrill, on_delete=models.CASCADE, related_name="answers")
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="paint_drill_answers"
    )
    answers = models.JSONField(_("antwoorden"))
    result = models.JSONField(_("uitslag"))
    score = models.PositiveSmallIntegerField(_("score"))
    submitted_at = models.DateTimeField(_("ingeleverd"), auto_now_add=True)

    class Meta:
        verbose_name = _("antwoord lakoefening")
        verbose_name_plural = _("antwoorden lakoefening")
        ordering = ["-submitted_at", "-pk"]

    def __str__(self) -> str:
        return f"{self.drill} ({self.score})"
