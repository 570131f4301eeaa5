"""What the platform adds to django-lti's rows: the registration's organisation, the context's
cohort, the resource link's activity, the used nonces and states, and every score sent back to
an LMS."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _


class ActivityKind(models.TextChoices):
    """What a resource link (a course activity in the LMS) opens in the platform."""

    CASE = "case", _("Casus")
    PAINT_DRILL = "paint_drill", _("Lakoefening")
    CALC_REVIEW = "calc_review", _("Rekencontrole")
    WORKSHOP_DAY = "workshop_day", _("Werkplaatsdag")
    PRACTICE_VARIANTS = "practice_variants", _("Oefenvarianten")


class PlatformOrganisation(models.Model):
    """The organisation a registration's courses become cohorts of: one per registration, never
    looked up by name (two registrations of the same name are two organisations)."""

    registration = models.OneToOneField(
        "lti_tool.LtiRegistration",
        on_delete=models.CASCADE,
        related_name="platform_organisation",
        verbose_name=_("LTI-registratie"),
    )
    organisation = models.OneToOneField(
        "accounts.Organisation",
        on_delete=models.PROTECT,
        related_name="lti_registration_link",
        verbose_name=_("organisatie"),
    )

    class Meta:
        verbose_name = _("organisatie van een LTI-registratie")
        verbose_name_plural = _("organisaties van LTI-registraties")

    def __str__(self) -> str:
        return f"{self.registration} → {self.organisation}"


class CohortLink(models.Model):
    """An LMS context (course) of one deployment, linked to the cohort its members fill."""

    context = models.OneToOneField(
        "lti_tool.LtiContext",
        on_delete=models.CASCADE,
        related_name="cohort_link",
        verbose_name=_("LMS-cursus"),
    )
    cohort = models.ForeignKey(
        "accounts.Cohort",
        on_delete=models.PROTECT,
        related_name="lti_links",
        verbose_name=_("groep"),
    )
    created_at = models.DateTimeField(_("gekoppeld op"), auto_now_add=True)
    roster_synced_at = models.DateTimeField(_("deelnemers gesynchroniseerd op"), null=True)

    class Meta:
        verbose_name = _("koppeling LMS-cursus en groep")
        verbose_name_plural = _("koppelingen LMS-cursus en groep")

    def __str__(self) -> str:
        return f"{self.context} → {self.cohort}"


class ActivityLink(models.Model):
    """A resource link of the LMS and the case or exercise it opens (from the custom
    parameters the deep-linking response put on it)."""

    resource_link = models.OneToOneField(
        "lti_tool.LtiResourceLink",
        on_delete=models.CASCADE,
        related_name="activity",
        verbose_name=_("LMS-activiteit"),
    )
    kind = models.CharField(_("soort"), max_length=32, choices=ActivityKind.choices)
    slug = models.SlugField(_("code"), max_length=80, blank=True)

    class Meta:
        verbose_name = _("LMS-activiteit")
        verbose_name_plural = _("LMS-activiteiten")

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.slug}".strip()


class UsedLaunchValue(models.Model):
    """A nonce or state that a launch has used (a second launch with it is a replay), or a
    deep-linking launch that has answered (it answers once). Rows older than the nonces'
    lifetime are deleted (`replay.use_once`)."""

    class Kind(models.TextChoices):
        NONCE = "nonce", "nonce"
        STATE = "state", "state"
        DEEP_LINK = "deep_link", "deep link"

    kind = models.CharField(max_length=16, choices=Kind.choices)
    value = models.CharField(max_length=255)
    used_at = models.DateTimeField(auto_now_add=True, db_index=True)

    class Meta:
        verbose_name = _("gebruikte nonce of state")
        verbose_name_plural = _("gebruikte nonces en states")
        constraints = [
            models.UniqueConstraint(fields=["kind", "value"], name="lti_unique_launch_value"),
        ]

    def __str__(self) -> str:
        return f"{self.kind} {self.value[:12]}…"


class ScoreSend(models.Model):
    """One score sent (or tried) to an LMS line item for a released grade."""

    class Status(models.TextChoices):
        SENT = "sent", _("verzonden")
        FAILED = "failed", _("mislukt")
        # A failed send that a newer send to the same line item and LMS user replaced: the LMS
        # keeps the latest timestamp, so it is not sent again (`grade_passback.close_superseded`).
        SUPERSEDED = "superseded", _("vervangen")

    grade = models.ForeignKey(
        "assessment.Grade", on_delete=models.CASCADE, related_name="lti_score_sends"
    )
    line_item = models.ForeignKey(
        "lti_tool.LtiLineItem", on_delete=models.CASCADE, related_name="score_sends"
    )
    user_sub = models.CharField(_("LMS-gebruiker"), max_length=255)
    score_given = models.DecimalField(_("score"), max_digits=5, decimal_places=1)
    score_maximum = models.DecimalField(_("maximum"), max_digits=5, decimal_places=1)
    timestamp = models.DateTimeField(_("tijdstempel"))
    status = models.CharField(_("status"), max_length=10, choices=Status.choices)
    error = models.TextField(_("fout"), blank=True)

    class Meta:
        verbose_name = _("verzonden score")
        verbose_name_plural = _("verzonden scores")
        ordering = ["-timestamp"]

    def __str__(self) -> str:
        return f"{self.grade_id} → {self.line_item_id}: {self.score_given} ({self.status})"


class RegistrationInvitation(models.Model):
    """An administrator's invitation for one LMS to register the tool by LTI Dynamic
    Registration: its URL carries a token (only its SHA-256 is kept), usable once, for a week.
    The registration it makes is inactive until an administrator activates it."""

    name = models.CharField(
        _("naam van de leeromgeving"),
        max_length=200,
        help_text=_("Wordt de naam van de registratie en van de organisatie van haar groepen."),
    )
    token_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_by = models.ForeignKey(
        "accounts.User",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("aangemaakt door"),
    )
    created_at = models.DateTimeField(_("aangemaakt op"), auto_now_add=True)
    expires_at = models.DateTimeField(_("geldig tot"), editable=False)
    used_at = models.DateTimeField(_("gebruikt op"), null=True, editable=False)
    registration = models.ForeignKey(
        "lti_tool.LtiRegistration",
        on_delete=models.SET_NULL,
        null=True,
        editable=False,
        related_name="+",
        verbose_name=_("registratie"),
    )

    class Meta:
        verbose_name = _("uitnodiging voor dynamische registratie")
        verbose_name_plural = _("uitnodigingen voor dynamische registratie")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name
