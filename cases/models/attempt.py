"""One trainee's attempt at a case: the simulated claim dossier, its state and its timeline.

The status changes only through `cases.workflow` (one function per move). The facts of the claim
live in the timeline (`DossierEvent`); the fields on `Attempt` hold the trainee's intake record
and a few derived dates that the dossier page shows.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from cases.timeline import EventKind
from schadeplatform.private_files import private_storage, unguessable_name

from .case import CaseVersion, HvJudgement

__all__ = [
    "Attempt",
    "AttemptPhoto",
    "AttemptPhotoStage",
    "AttemptStatus",
    "DossierEvent",
]


class AttemptStatus(models.TextChoices):
    INTAKE = "intake", _("1.1 Intake")
    PREPARATION = "preparation", _("1.2 Werkvoorbereiding: calculatie en goedkeuring")
    AWAITING_EXPERTISE = "awaiting_expertise", _("1.2 Wacht op expertise")
    APPROVED = "approved", _("1.2 Werkvoorbereiding na goedkeuring")
    IN_REPAIR = "in_repair", _("1.3 In herstel")
    SUPPLEMENT_PENDING = "supplement_pending", _("1.3 Suppletie nodig")
    FINAL_SUBMITTED = "final_submitted", _("1.4 Eindcalculatie ingediend, afleveren")
    DELIVERED = "delivered", _("Afgeleverd")
    TOTAL_LOSS = "total_loss", _("Total loss geadviseerd")


class Attempt(models.Model):
    trainee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.CASCADE,
        related_name="case_attempts",
        verbose_name=_("cursist"),
    )
    case_version = models.ForeignKey(
        CaseVersion,
        on_delete=models.PROTECT,
        related_name="attempts",
        verbose_name=_("casusversie"),
    )
    cohort = models.ForeignKey(
        "accounts.Cohort",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="case_attempts",
        verbose_name=_("groep"),
    )
    status = models.CharField(
        _("fase"), max_length=32, choices=AttemptStatus.choices, default=AttemptStatus.INTAKE
    )
    simulated_date = models.DateField(_("gesimuleerde datum"))
    started_at = models.DateTimeField(_("gestart"), auto_now_add=True)
    updated_at = models.DateTimeField(_("bijgewerkt"), auto_now=True)
    # Set when the attempt reaches an end state (delivered or total loss advised): from then on
    # it is ready for assessment and takes no more moves.
    submitted_at = models.DateTimeField(_("ingeleverd"), null=True, blank=True)

    # The trainee's intake record (1.1), kept on the attempt for display; the events hold history.
    customer_name = models.CharField(_("naam klant"), max_length=200, blank=True)
    license_plate = models.CharField(_("kenteken"), max_length=16, blank=True)
    insurer = models.CharField(_("verzekeraar"), max_length=200, blank=True)
    policy_number = models.CharField(_("polisnummer"), max_length=64, blank=True)
    cover = models.CharField(_("dekking"), max_length=8, blank=True)
    damage_zones = models.JSONField(_("schadezones"), default=list, blank=True)
    damage_description = models.TextField(_("omschrijving schade"), blank=True)
    customer_wishes = models.TextField(_("wensen klant"), blank=True)
    upsell_note = models.TextField(_("meerwerk"), blank=True)
    advice = models.TextField(_("advies"), blank=True)
    hv_judgement = models.CharField(
        _("HV-oordeel"), max_length=16, choices=HvJudgement.choices, blank=True
    )
    hv_reasons = models.TextField(_("onderbouwing HV-oordeel"), blank=True)
    estimate_amount = models.DecimalField(
        _("inschatting kosten"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    estimate_days = models.PositiveSmallIntegerField(
        _("inschatting reparatieduur (dagen)"), null=True, blank=True
    )
    planned_date = models.DateField(_("ingepland op"), null=True, blank=True)
    expertise_due_date = models.DateField(_("expertise verwacht op"), null=True, blank=True)
    parts_expected_date = models.DateField(_("onderdelen verwacht op"), null=True, blank=True)

    class Meta:
        verbose_name = _("poging")
        verbose_name_plural = _("pogingen")
        ordering = ["-started_at"]
        indexes = [
            models.Index(fields=["trainee", "status"]),
            models.Index(fields=["submitted_at"]),
        ]

    def __str__(self) -> str:
        return f"{self.case_version.case} — {self.trainee} ({self.get_status_display()})"

    @property
    def is_finished(self) -> bool:
        return self.submitted_at is not None


class DossierEvent(models.Model):
    """One line of the dossier's timeline: a move made, a simulated party's answer, or a refusal."""

    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="events", verbose_name=_("poging")
    )
    kind = models.CharField(_("soort"), max_length=48, choices=EventKind.choices)
    old_status = models.CharField(_("oude fase"), max_length=32, blank=True)
    new_status = models.CharField(_("nieuwe fase"), max_length=32, blank=True)
    # Null for the simulated parties (payer, workshop, expert).
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    occurred_at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    simulated_date = models.DateField(_("gesimuleerde datum"))
    data = models.JSONField(_("gegevens"), default=dict, blank=True)
    refused = models.BooleanField(_("geweigerd"), default=False)
    message = models.TextField(_("melding"), blank=True)

    class Meta:
        verbose_name = _("dossiergebeurtenis")
        verbose_name_plural = _("dossiergebeurtenissen")
        ordering = ["attempt", "pk"]
        indexes = [models.Index(fields=["attempt", "kind"])]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} ({self.simulated_date})"


class AttemptPhotoStage(models.TextChoices):
    INTAKE = "intake", _("intake")
    SUPPLEMENT = "supplement", _("suppletie")
    RECEPTION = "reception", _("ontvangstcontrole")
    DELIVERY = "delivery", _("aflevering")


def attempt_photo_path(instance: AttemptPhoto, filename: str) -> str:
    # A random folder whatever name the caller gives: no photo's name leads to another's.
    return unguessable_name(f"attempts/{instance.attempt_id}", filename)


def attempt_thumbnail_path(instance: AttemptPhoto, filename: str) -> str:
    return unguessable_name(f"attempts/{instance.attempt_id}/thumbs", filename)


class AttemptPhoto(models.Model):
    attempt = models.ForeignKey(
        Attempt, on_delete=models.CASCADE, related_name="photos", verbose_name=_("poging")
    )
    # Private storage, served only by `cases.photo_views` to who may see the attempt; the file
    # names are random (uuid4, `cases.photo_checks.clean_photo`).
    image = models.ImageField(_("foto"), upload_to=attempt_photo_path, storage=private_storage)
    thumbnail = models.ImageField(
        _("miniatuur"), upload_to=attempt_thumbnail_path, storage=private_storage, blank=True
    )
    annotation = models.TextField(_("toelichting"), blank=True)
    zone = models.CharField(_("zone"), max_length=32, blank=True)
    stage = models.CharField(
        _("moment"),
        max_length=16,
        choices=AttemptPhotoStage.choices,
        default=AttemptPhotoStage.INTAKE,
    )
    uploaded_at = models.DateTimeField(_("geüpload"), auto_now_add=True)

    class Meta:
        verbose_name = _("foto van de cursist")
        verbose_name_plural = _("foto's van de cursist")
        ordering = ["attempt", "uploaded_at", "pk"]

    def __str__(self) -> str:
        return f"{self.get_stage_display()} {self.zone}".strip()
