"""The case library: a realistic damage case, authored by the foundation's editors, in versions.

A published `CaseVersion` is frozen: every attempt points at the exact version it was started on,
and the version pins the catalogue vehicle and rate set it was written against (snapshots plus the
tariff date), so a later price update never changes an open attempt or invalidates a reference.
Editing a published case means starting a new draft version (`services.case_version_new_draft`).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from modelcluster.models import ClusterableModel
from wagtail.models import RevisionMixin

from schadeplatform.private_files import private_storage, unguessable_name

__all__ = [
    "Arrival",
    "Case",
    "CasePhoto",
    "CaseVersion",
    "CaseVersionStatus",
    "FrozenCaseVersion",
    "HvJudgement",
    "PhotoStage",
]


class FrozenCaseVersion(Exception):
    """Raised when a published (frozen) case version would be changed."""


class CaseVersionStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    PUBLISHED = "published", _("gepubliceerd")


class Arrival(models.TextChoices):
    COUNTER = "counter", _("voertuig aan de balie")
    DIGITAL = "digital", _("digitaal (foto's)")


class HvJudgement(models.TextChoices):
    SAFE = "safe", _("veilig stallen en observeren")
    QUARANTINE = "quarantine", _("quarantaine en batterijspecialist")
    # A car with a low-voltage hybrid system (48 V mild hybrid): the intake judges it too, and
    # the right answer is that it has no high-voltage system (cases.hv.asks_judgement).
    NOT_HV = "not_hv", _("geen hoogvoltsysteem")


class PhotoStage(models.TextChoices):
    VISIBLE = "visible", _("zichtbare schade (intake)")
    HIDDEN = "hidden", _("verborgen schade (tijdens herstel)")
    DELIVERY = "delivery", _("bevindingen bij de eindcontrole")


class Case(models.Model):
    slug = models.SlugField(_("code"), max_length=80, unique=True)
    title = models.CharField(_("titel"), max_length=200)
    summary = models.TextField(_("samenvatting"), blank=True)
    work_processes = models.ManyToManyField(
        "content.WorkProcess", blank=True, related_name="cases", verbose_name=_("werkprocessen")
    )
    knowledge_items = models.ManyToManyField(
        "content.KnowledgeItem", blank=True, related_name="cases", verbose_name=_("vakkennis")
    )
    competence_areas = models.ManyToManyField(
        "content.CompetenceArea",
        blank=True,
        related_name="cases",
        verbose_name=_("competentiegebieden"),
    )
    trade_offs = models.ManyToManyField(
        "content.TradeOff", blank=True, related_name="cases", verbose_name=_("afwegingen")
    )
    created = models.DateTimeField(_("aangemaakt"), auto_now_add=True)

    class Meta:
        verbose_name = _("casus")
        verbose_name_plural = _("casussen")
        ordering = ["title"]

    def __str__(self) -> str:
        return self.title


# Fields that together form the authored content of a version; a published version may not
# change any of them (`status`/`published_at` change only through `case_version_publish`).
FROZEN_FIELDS = (
    "tariff_date",
    "start_date",
    "briefing",
    "vehicle_id",
    "vehicle_snapshot",
    "rate_set_id",
    "rates_snapshot",
    "payer_name",
    "payer_rules",
    "customer",
    "arrival",
    "hv_facts",
    "expected_hv_judgement",
    "hv_fact_sources",
    "hv_answers",
    "expert_reasons",
    "expected_damage_zones",
    "hidden_damage",
    "parts_lead_times",
    "subcontract_options",
    "vsi_notes",
    "reference_precalc",
    "reference_final",
    "expected_decisions",
    "delivery_checklist",
    "delivery_findings",
    "structural_damage_wok",
    "is_total_loss",
    "exam_only",
)


class CaseVersion(RevisionMixin, ClusterableModel):
    """One version of a case. JSON blocks follow schadecalc/1 where they hold calculation data.

    A cluster with its photos (`CasePhoto.case_version` is a ParentalKey), so the Wagtail form
    edits the version and its photos as one unit and a revision holds both.
    """

    case = models.ForeignKey(
        Case, on_delete=models.CASCADE, related_name="versions", verbose_name=_("casus")
    )
    number = models.PositiveIntegerField(_("versienummer"))
    status = models.CharField(
        _("status"),
        max_length=16,
        choices=CaseVersionStatus.choices,
        default=CaseVersionStatus.DRAFT,
    )
    tariff_date = models.DateField(
        _("tariefdatum"),
        help_text=_("De datum van catalogus en tarieven waartegen de casus is geschreven."),
    )
    start_date = models.DateField(
        _("gesimuleerde startdatum"),
        null=True,
        blank=True,
        help_text=_("De gesimuleerde datum waarop de klant zich meldt; leeg = de tariefdatum."),
    )
    briefing = models.TextField(
        _("situatie voor de cursist"),
        blank=True,
        help_text=_("Wat er gebeurd is, zoals de klant het vertelt."),
    )
    vehicle_id = models.CharField(_("voertuig (catalogus-id)"), max_length=64)
    # The schadecalc/1 `vehicle` block: make, model, VIN, mileage, first_registration,
    # value_before_damage, residual_value, powertrain, adas, …
    vehicle_snapshot = models.JSONField(_("voertuiggegevens"), default=dict)
    rate_set_id = models.CharField(_("tariefset (id)"), max_length=64)
    rates_snapshot = models.JSONField(_("tarieven (schadecalc/1 rates)"), default=dict)
    payer_name = models.CharField(_("betalende partij"), max_length=200, blank=True)
    # The case's own payer facts: name, cover casco|wa, own_risk, expert_required,
    # check_parts_invoice, expertise_days, not_paid_codes, estimating_costs; the rules (approval
    # limit, expert threshold, part sources, …) are the rate set's, a RateRules field here only
    # overrides one (cases.payer.rules_for, README "The paying party").
    payer_rules = models.JSONField(_("regels betalende partij"), default=dict)
    # name, kind private|business, deducts_vat, wishes, questions [{question, good_answer}],
    # upsell, last_questions, needs_replacement_car, insurer, policy_number
    customer = models.JSONField(_("klant"), default=dict)
    arrival = models.CharField(
        _("aanmelding"), max_length=16, choices=Arrival.choices, default=Arrival.COUNTER
    )
    # airbags_fired, battery_housing_damaged, warning_lights, smell_or_heat; null = not an HV vehicle
    hv_facts = models.JSONField(_("HV-feiten"), null=True, blank=True)
    # Null for a vehicle without high-voltage system, as the contract with assessment pins it;
    # `not_hv` for one whose 48 V system the intake must tell from HV (cases.hv.asks_judgement).
    expected_hv_judgement = models.CharField(  # noqa: DJ001
        _("verwacht HV-oordeel"), max_length=16, choices=HvJudgement.choices, blank=True, null=True
    )
    # How the trainee finds each HV fact: {fact: {"question": key} | {"photo": file}}
    # (cases.hv_questions; cases/README.md "HV facts are found"). Never shown to the trainee.
    hv_fact_sources = models.JSONField(_("bronnen HV-feiten"), default=dict, blank=True)
    # The customer's answers to the intake questions of cases.hv_questions: {key: answer}.
    hv_answers = models.JSONField(_("antwoorden klant (HV-vragen)"), default=dict, blank=True)
    # Why the case needs an expert, besides the amount (cases.expert_reasons.AUTHORED_REASONS).
    expert_reasons = models.JSONField(_("redenen voor expertise"), default=list, blank=True)
    expected_damage_zones = models.JSONField(_("verwachte schadezones"), default=list, blank=True)
    # description, revealed_after (simulated days after repair start), lines [schadecalc/1], photos
    hidden_damage = models.JSONField(_("verborgen schade"), default=dict, blank=True)
    # {"default": days, "parts": {part_code: days}}
    parts_lead_times = models.JSONField(_("levertijden onderdelen"), default=dict, blank=True)
    # [{"supplier", "description", "quote_amount"}]: subcontracted work (werk derden) on offer
    subcontract_options = models.JSONField(_("werk derden"), default=list, blank=True)
    # [{"topic", "text"}]: the vehicle-specific information the trainee can look up
    vsi_notes = models.JSONField(_("voertuigspecifieke informatie"), default=list, blank=True)
    reference_precalc = models.JSONField(_("referentie-voorcalculatie"), default=dict, blank=True)
    reference_final = models.JSONField(_("referentie-eindcalculatie"), default=dict, blank=True)
    # {"economic_total_loss", "expert_required", "used_parts_allowed"}
    expected_decisions = models.JSONField(_("verwachte beslissingen"), default=dict, blank=True)
    # The hidden final-inspection list: [{"item", "match": [stems], "critical"}, …]
    # (cases.final_inspection; never shown to the trainee before delivery)
    delivery_checklist = models.JSONField(_("afleverchecklist"), default=list, blank=True)
    # [{"key", "observation", "photo"?, "match", "critical", "rework", "rework_match",
    #   "after_rework"}]: what the final inspection reveals (cases.final_inspection)
    delivery_findings = models.JSONField(
        _("bevindingen bij de eindcontrole"), default=list, blank=True
    )
    structural_damage_wok = models.BooleanField(
        _("WOK-melding vereist (constructieschade)"), default=False
    )
    is_total_loss = models.BooleanField(_("economisch total loss"), default=False)
    exam_only = models.BooleanField(_("alleen voor examens"), default=False)
    published_at = models.DateTimeField(_("gepubliceerd op"), null=True, blank=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("auteur"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("casusversie")
        verbose_name_plural = _("casusversies")
        ordering = ["case", "-number"]
        constraints = [
            models.UniqueConstraint(
                fields=["case", "number"], name="cases_caseversion_unique_number"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.case} v{self.number} ({self.get_status_display()})"

    def save(self, *args, **kwargs) -> None:
        # Data integrity, not a business rule: a frozen row must stay frozen whatever path writes it.
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values("status", *FROZEN_FIELDS).first()
            if stored and stored["status"] == CaseVersionStatus.PUBLISHED:
                changed = [
                    f
                    for f in FROZEN_FIELDS
                    if stored[f] != self._meta.get_field(f).to_python(getattr(self, f))
                ]
                if changed or self.status != CaseVersionStatus.PUBLISHED:
                    raise FrozenCaseVersion(
                        f"Casusversie {self.number} is gepubliceerd en kan niet meer worden gewijzigd "
                        f"({', '.join(changed) or 'status'}); maak een nieuwe conceptversie."
                    )
        super().save(*args, **kwargs)

    @property
    def is_published(self) -> bool:
        return self.status == CaseVersionStatus.PUBLISHED

    @property
    def is_hv(self) -> bool:
        return self.hv_facts is not None


def case_photo_path(instance: CasePhoto, filename: str) -> str:
    # A random folder: the hidden-damage photo's name says nothing a trainee could guess from
    # the intake photos' names (nor from the case's slug and version).
    version = instance.case_version
    return unguessable_name(f"cases/{version.case.slug}/v{version.number}", filename)


class CasePhoto(models.Model):
    case_version = ParentalKey(
        CaseVersion, on_delete=models.CASCADE, related_name="photos", verbose_name=_("casusversie")
    )
    # Private storage, served only by `cases.photo_views` (editors and administrators always; in
    # a dossier by `selectors.case_photo_for`, which keeps hidden damage from the trainee until
    # it is revealed): a /media/ link would show the hidden damage before its time.
    image = models.ImageField(_("foto"), upload_to=case_photo_path, storage=private_storage)
    caption = models.CharField(_("bijschrift"), max_length=300, blank=True)
    zone = models.CharField(_("zone"), max_length=32, blank=True)
    stage = models.CharField(
        _("moment"), max_length=16, choices=PhotoStage.choices, default=PhotoStage.VISIBLE
    )
    sort_order = models.PositiveSmallIntegerField(_("volgorde"), default=0)

    class Meta:
        verbose_name = _("casusfoto")
        verbose_name_plural = _("casusfoto's")
        ordering = ["case_version", "stage", "sort_order", "pk"]

    def __str__(self) -> str:
        return self.caption or self.image.name

    def save(self, *args, **kwargs) -> None:
        self._refuse_if_frozen()
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        self._refuse_if_frozen()
        return super().delete(*args, **kwargs)

    def _refuse_if_frozen(self) -> None:
        # Data integrity like `CaseVersion.save()`: a published version's photos stay as they are.
        # Read from the database: the in-memory parent may be stale.
        if (
            self.case_version_id is not None
            and CaseVersion.objects.filter(
                pk=self.case_version_id, status=CaseVersionStatus.PUBLISHED
            ).exists()
        ):
            raise FrozenCaseVersion(
                "De foto's van een gepubliceerde casusversie kunnen niet meer worden gewijzigd; "
                "maak een nieuwe conceptversie."
            )
