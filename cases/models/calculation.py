"""The trainee's damage calculation of an attempt: one editable draft and its frozen versions.

The draft holds only the `schadecalc/1` lines; the vehicle and the rates come from the attempt's
case version (the case's vehicle, the paying party's rates), so a trainee cannot change them.
`version` is an optimistic lock: every save adds one, and a save that names an older version is
refused (`cases.calculations.services.draft_save`), so a stale tab never overwrites newer work.

A `CalculationVersion` is what was submitted (pre-calculation, supplement, final): the full
input, the engine's output and the diff against the previous version, frozen at creation.
Two unique constraints make a double submit impossible even where row locks are not (SQLite):
(attempt, number) stops two racing submits from both becoming "version n", and (attempt, kind,
draft_version) stops the same draft being submitted twice as the same kind one after the other.
The services translate either collision into a clear error.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

__all__ = [
    "CalculationDraft",
    "CalculationKind",
    "CalculationVersion",
    "FrozenCalculationVersion",
]


class FrozenCalculationVersion(Exception):
    """Raised when a submitted (frozen) calculation version would be changed or deleted."""


class CalculationKind(models.TextChoices):
    PRECALC = "precalc", _("voorcalculatie")
    SUPPLEMENT = "supplement", _("suppletie")
    FINAL = "final", _("eindcalculatie")


class CalculationDraft(models.Model):
    attempt = models.OneToOneField(
        "cases.Attempt",
        on_delete=models.CASCADE,
        related_name="calculation_draft",
        verbose_name=_("poging"),
    )
    # A list of schadecalc/1 lines, possibly incomplete: a draft is saved whatever it holds.
    lines = models.JSONField(_("regels"), default=list, blank=True)
    version = models.PositiveIntegerField(_("versie"), default=0)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("bijgewerkt door"),
    )

    class Meta:
        verbose_name = _("conceptcalculatie")
        verbose_name_plural = _("conceptcalculaties")

    def __str__(self) -> str:
        return f"{self.attempt_id} v{self.version}"


class CalculationVersion(models.Model):
    attempt = models.ForeignKey(
        "cases.Attempt",
        on_delete=models.CASCADE,
        related_name="calculation_versions",
        verbose_name=_("poging"),
    )
    kind = models.CharField(_("soort"), max_length=16, choices=CalculationKind.choices)
    number = models.PositiveIntegerField(_("versienummer"))
    # The draft version this was submitted from: the same draft submitted twice as the same
    # kind is a double submit (double click, second tab), refused by the constraint below.
    draft_version = models.PositiveIntegerField(_("conceptversie"))
    # The full schadecalc/1 input as submitted (spec, damage_date?, vehicle, rates, lines).
    input = models.JSONField(_("invoer"))
    # calcengine.to_json of the input: what the paying party saw.
    output = models.JSONField(_("uitkomst"))
    # calcengine.diff against the previous version; null for the first.
    diff = models.JSONField(_("verschil met vorige versie"), null=True, blank=True)
    # Set by `calculation_submit` to the time the exam window was checked at (never a second
    # reading: cases.exam_window).
    submitted_at = models.DateTimeField(_("ingediend op"), default=timezone.now)
    submitted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("ingediend door"),
    )

    class Meta:
        verbose_name = _("ingediende calculatie")
        verbose_name_plural = _("ingediende calculaties")
        ordering = ["attempt", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "number"], name="cases_calculationversion_unique_number"
            ),
            models.UniqueConstraint(
                fields=["attempt", "kind", "draft_version"],
                name="cases_calculationversion_unique_kind_draft",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.number}"

    def save(self, *args, **kwargs) -> None:
        # Data integrity as a last line, not a business rule: whatever path writes, a submitted
        # version stays what the paying party saw. The services only ever create.
        if self.pk is not None and type(self).objects.filter(pk=self.pk).exists():
            raise FrozenCalculationVersion(
                f"Calculatieversie {self.number} is ingediend en kan niet meer worden gewijzigd."
            )
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise FrozenCalculationVersion(
            f"Calculatieversie {self.number} is ingediend en kan niet worden verwijderd."
        )

    @property
    def total_incl_vat(self) -> str | None:
        return (self.output or {}).get("total_incl_vat")
