"""Grades of trainees' attempts: the machine's result, the assessor's overrides and rubric, the
sign-off, corrections as new versions, moderation in exam mode, and the rendered PDF reports.

Writes go through `assessment.services`; a signed grade never changes (the service refuses it
and `Grade.save` refuses it too, so no other path can slip past).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from assessment.scoring import PREVIOUS_SPEC, Verdict
from assessment.scoring.rules import PASS_MARK
from schadeplatform.private_files import keyed_name, private_storage


class SignedGradeImmutable(Exception):
    """A signed grade would be changed; a correction is a new version."""


class GradeRole(models.TextChoices):
    PRIMARY = "primary", _("eerste beoordelaar")
    SECOND = "second", _("tweede beoordelaar (blind)")
    THIRD = "third", _("derde beoordelaar (blind)")
    MODERATOR = "moderator", _("moderator")


class GradeStatus(models.TextChoices):
    DRAFT = "draft", _("concept")
    SIGNED = "signed", _("ondertekend")


class MarkingState(models.TextChoices):
    """Moodle's marking workflow (assessment/README.md, "Marking workflow"). `not_marked` is the
    state of an attempt without a grade (the queue shows it); a grade starts `in_marking`.
    Signing moves a grade to `ready_for_release`; only `released` shows it to the trainee.
    The allowed moves are declared once, in `assessment.marking.MOVES`."""

    NOT_MARKED = "not_marked", _("niet beoordeeld")
    IN_MARKING = "in_marking", _("in beoordeling")
    MARKING_COMPLETED = "marking_completed", _("beoordeling afgerond")
    IN_REVIEW = "in_review", _("in controle")
    READY_FOR_RELEASE = "ready_for_release", _("klaar voor vrijgave")
    RELEASED = "released", _("vrijgegeven")


class LineVerdict(models.TextChoices):
    """A line's verdict (scoring spec §7) with its label. The values are the pure scoring
    package's `Verdict` (a test keeps the two the same); the labels live here, at the Django
    edge, so that they are translated while `assessment.scoring` imports no Django."""

    CORRECT = Verdict.CORRECT, _("juist")
    ALTERNATIVE = Verdict.ALTERNATIVE, _("acceptabel alternatief")
    UNITS_OFF = Verdict.UNITS_OFF, _("eenheden wijken af")
    WRONG_OPERATION = Verdict.WRONG_OPERATION, _("verkeerde bewerking")
    MISSING = Verdict.MISSING, _("ontbreekt")
    EXTRA = Verdict.EXTRA, _("overbodig")


# Fields that the assessor changes while grading; everything else is fixed at creation.
GRADE_EDITABLE_FIELDS = (
    "rubric",
    "rubric_remarks",
    "comment",
    "score",
    "passed",
    "revision",
    "updated_at",
)


class Grade(models.Model):
    attempt = models.ForeignKey(
        "cases.Attempt", on_delete=models.CASCADE, related_name="grades", verbose_name=_("poging")
    )
    version = models.PositiveIntegerField(_("versie"), default=1)
    role = models.CharField(
        _("rol"), max_length=16, choices=GradeRole.choices, default=GradeRole.PRIMARY
    )
    assessor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="grades_given",
        verbose_name=_("beoordelaar"),
    )
    # The machine's result at creation, under the scoring spec of its `spec` ("schadescore/2":
    # with the exact figures, "basis", that a re-score after overrides starts from; the older
    # "schadescore/1" with "line_meta"), plus "scored" (which calculation against which
    # reference). It never changes: a re-score under a newer spec is a new grade version.
    machine_result = models.JSONField(_("automatische beoordeling"), default=dict)
    # The scoring spec the machine result was computed under (copied from it on save).
    spec = models.CharField(_("beoordelingsspecificatie"), max_length=32, blank=True)
    workflow_checks = models.JSONField(_("controles werkprocessen"), default=list)
    score = models.DecimalField(_("score"), max_digits=4, decimal_places=1)
    passed = models.BooleanField(_("voldoende"))
    # The cut score `passed` was judged against: the default pass mark, or the cut score the
    # exam board adopted for the attempt's exam form (`cut_score_form`, issue #15 item 5),
    # fixed when the grade is created so that a later adoption never changes a grade given.
    cut_score = models.DecimalField(_("cesuur"), max_digits=4, decimal_places=1, default=PASS_MARK)
    cut_score_form = models.ForeignKey(
        "assessment.ExamForm",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("cesuur van examenvorm"),
    )
    rubric = models.JSONField(_("rubric"), default=dict, blank=True)
    # The assessor's remark per rubric criterion (competence area slug → text), as Moodle's
    # rubric keeps one beside each criterion's level.
    rubric_remarks = models.JSONField(_("opmerkingen per criterium"), default=dict, blank=True)
    comment = models.TextField(_("eindoordeel"), blank=True)
    status = models.CharField(
        _("status"), max_length=16, choices=GradeStatus.choices, default=GradeStatus.DRAFT
    )
    signed_at = models.DateTimeField(_("ondertekend op"), null=True, blank=True)
    # The marking workflow; changed only by `assessment.marking` (a `GradeEvent` per step).
    # Signed grades move on (ready for release → released) by an update, never by `save`.
    marking_state = models.CharField(
        _("beoordelingsfase"),
        max_length=24,
        choices=MarkingState.choices,
        default=MarkingState.IN_MARKING,
    )
    released_at = models.DateTimeField(_("vrijgegeven op"), null=True, blank=True)
    released_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("vrijgegeven door"),
    )
    # Optimistic lock for autosave: each save sends the revision it started from.
    revision = models.PositiveIntegerField(_("revisie"), default=1)
    correction_reason = models.TextField(_("reden van correctie"), blank=True)
    supersedes = models.OneToOneField(
        "self",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="superseded_by",
        verbose_name=_("vervangt"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    updated_at = models.DateTimeField(_("gewijzigd"), auto_now=True)

    class Meta:
        verbose_name = _("beoordeling")
        verbose_name_plural = _("beoordelingen")
        ordering = ["attempt", "role", "-version"]
        constraints = [
            models.UniqueConstraint(
                fields=["attempt", "role", "version"], name="assessment_grade_unique_version"
            ),
            models.CheckConstraint(
                condition=Q(status="draft") | Q(signed_at__isnull=False),
                name="assessment_grade_signed_has_time",
            ),
            models.CheckConstraint(
                condition=~Q(marking_state="released")
                | Q(status="signed", released_at__isnull=False),
                name="assessment_grade_released_is_signed",
            ),
        ]
        indexes = [models.Index(fields=["attempt", "status"])]

    def __str__(self) -> str:
        # No score: the name shows wherever the grade is linked (admin titles, the report's
        # and moderation's rows), also to those for whom the grade is still blind.
        return f"{self.attempt_id} {self.get_role_display()} v{self.version}"

    def save(self, *args, **kwargs) -> None:
        if not self.spec:
            # The result names its spec; a result without one predates the field (/1).
            self.spec = (self.machine_result or {}).get("spec") or PREVIOUS_SPEC
        # Data integrity, not a business rule: a signed row stays as it was signed.
        if self.pk is not None:
            stored = type(self).objects.filter(pk=self.pk).values_list("status", flat=True).first()
            if stored == GradeStatus.SIGNED:
                raise SignedGradeImmutable(
                    f"Beoordeling {self.pk} is ondertekend; een correctie wordt een nieuwe versie."
                )
        super().save(*args, **kwargs)

    @property
    def is_signed(self) -> bool:
        return self.status == GradeStatus.SIGNED

    @property
    def is_released(self) -> bool:
        return self.marking_state == MarkingState.RELEASED

    @property
    def is_open_correction(self) -> bool:
        """A correction (or re-score) of a signed grade, not signed itself yet."""
        return self.supersedes_id is not None and not self.is_signed

    def overrides_in_force(self) -> dict[str, LineOverride]:
        """The assessor's override in force per line: the latest (earlier ones stay as
        history). Sorted in Python so that prefetched overrides are used as they are."""
        in_force: dict[str, LineOverride] = {}
        for override in sorted(self.overrides.all(), key=lambda o: (o.at, o.pk)):
            in_force[override.line_key] = override
        return in_force


class GradeEvent(models.Model):
    """What happened to a grade: created, override, signed, correction (old, new, actor, time)."""

    grade = models.ForeignKey(
        Grade, on_delete=models.CASCADE, related_name="events", verbose_name=_("beoordeling")
    )
    kind = models.CharField(_("soort"), max_length=32)
    old_status = models.CharField(_("oude status"), max_length=24, blank=True)
    new_status = models.CharField(_("nieuwe status"), max_length=24, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("door"),
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)
    data = models.JSONField(_("gegevens"), default=dict, blank=True)

    class Meta:
        verbose_name = _("gebeurtenis beoordeling")
        verbose_name_plural = _("gebeurtenissen beoordeling")
        ordering = ["grade", "pk"]

    def __str__(self) -> str:
        return f"{self.grade_id} {self.kind}"


class LineOverride(models.Model):
    """The assessor's verdict on one line instead of the machine's; the machine's is kept.
    `credit` (0–1), where given, is the line's credit instead of the one the verdict implies
    (`assessment.scoring.rescoring`)."""

    grade = models.ForeignKey(
        Grade, on_delete=models.CASCADE, related_name="overrides", verbose_name=_("beoordeling")
    )
    # The reference line's id, or "extra:<trainee line id>" for a line the reference lacks.
    line_key = models.CharField(_("regel"), max_length=80)
    original_verdict = models.CharField(
        _("oordeel machine"), max_length=32, choices=LineVerdict.choices
    )
    new_verdict = models.CharField(
        _("oordeel beoordelaar"), max_length=32, choices=LineVerdict.choices
    )
    credit = models.DecimalField(
        _("krediet"), max_digits=5, decimal_places=4, null=True, blank=True
    )
    reason = models.TextField(_("reden"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("door")
    )
    at = models.DateTimeField(_("tijdstip"), auto_now_add=True)

    class Meta:
        verbose_name = _("aangepast regeloordeel")
        verbose_name_plural = _("aangepaste regeloordelen")
        ordering = ["grade", "at", "pk"]
        constraints = [
            models.CheckConstraint(condition=~Q(reason=""), name="assessment_override_has_reason"),
            models.CheckConstraint(
                condition=Q(credit__isnull=True) | Q(credit__gte=0, credit__lte=1),
                name="assessment_override_credit_0_1",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.line_key}: {self.original_verdict} → {self.new_verdict}"

    def copy_for(self, grade: Grade) -> LineOverride:
        """The same override on another version of the grade (unsaved), by its own author."""
        return LineOverride(
            grade=grade,
            line_key=self.line_key,
            original_verdict=self.original_verdict,
            new_verdict=self.new_verdict,
            credit=self.credit,
            reason=self.reason,
            by=self.by,
        )


class MarkerAllocation(models.Model):
    """Moodle's marker allocation: who marks an attempt, set by a user with the permission
    `assessment.change_markerallocation` (an administrator). With an allocation only the
    allocated marker starts or changes the attempt's first grade; without one any assessor of
    the cohort may (assessment/README.md, "Marker allocation")."""

    attempt = models.OneToOneField(
        "cases.Attempt",
        on_delete=models.CASCADE,
        related_name="marker_allocation",
        verbose_name=_("poging"),
    )
    marker = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="marker_allocations",
        verbose_name=_("toegewezen beoordelaar"),
    )
    allocated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("toegewezen door"),
    )
    allocated_at = models.DateTimeField(_("toegewezen op"), auto_now=True)

    class Meta:
        verbose_name = _("toewijzing beoordelaar")
        verbose_name_plural = _("toewijzingen beoordelaars")

    def __str__(self) -> str:
        return f"{self.attempt_id} → {self.marker}"


class ModerationStatus(models.TextChoices):
    OPEN = "open", _("open")
    RESOLVED = "resolved", _("afgerond")


class ModerationKind(models.TextChoices):
    ESCALATION = "escalation", _("escalatie")
    SAMPLE = "sample", _("steekproef")


class Moderation(models.Model):
    """Exam mode: the blind grades differ too much (escalation), or the attempt fell in the
    policy's moderation sample; a further assessor decides (`assessment.double_marking`)."""

    kind = models.CharField(
        _("aanleiding soort"),
        max_length=16,
        choices=ModerationKind.choices,
        default=ModerationKind.ESCALATION,
    )

    attempt = models.OneToOneField(
        "cases.Attempt",
        on_delete=models.CASCADE,
        related_name="moderation",
        verbose_name=_("poging"),
    )
    first_grade = models.ForeignKey(
        Grade, on_delete=models.PROTECT, related_name="+", verbose_name=_("eerste beoordeling")
    )
    second_grade = models.ForeignKey(
        Grade, on_delete=models.PROTECT, related_name="+", verbose_name=_("tweede beoordeling")
    )
    reason = models.TextField(_("aanleiding"))
    status = models.CharField(
        _("status"), max_length=16, choices=ModerationStatus.choices, default=ModerationStatus.OPEN
    )
    moderator = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("moderator"),
    )
    outcome = models.ForeignKey(
        Grade,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("eindbeoordeling"),
    )
    created_at = models.DateTimeField(_("aangemaakt"), auto_now_add=True)
    resolved_at = models.DateTimeField(_("afgerond op"), null=True, blank=True)

    class Meta:
        verbose_name = _("moderatie")
        verbose_name_plural = _("moderaties")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.attempt_id}: {self.get_status_display()}"


class ReportKind(models.TextChoices):
    ASSESSMENT = "assessment", _("beoordelingsrapport")
    CALCULATION = "calculation", _("calculatie")


class ReportStatus(models.TextChoices):
    PENDING = "pending", _("wordt gemaakt")
    RENDERED = "rendered", _("klaar")
    FAILED = "failed", _("mislukt")


def report_path(instance: Report, filename: str) -> str:
    # A folder per report, keyed by the report's unique key under the secret: the name of one
    # report says nothing about any other's, and a retried render writes the same name
    # (assessment.tasks.render_report replaces what a killed render left there).
    return keyed_name(f"reports/{instance.kind}", instance.key, filename)


class Report(models.Model):
    """A PDF, rendered once per `key`: a signed grade, or a calculation version's content."""

    kind = models.CharField(_("soort"), max_length=16, choices=ReportKind.choices)
    key = models.CharField(_("sleutel"), max_length=120, unique=True)
    grade = models.ForeignKey(
        Grade,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("beoordeling"),
    )
    calculation_version = models.ForeignKey(
        "cases.CalculationVersion",
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="reports",
        verbose_name=_("calculatieversie"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=ReportStatus.choices, default=ReportStatus.PENDING
    )
    # Private storage: served only by the report views, after `selectors.report_for`.
    file = models.FileField(
        _("bestand"), upload_to=report_path, storage=private_storage, blank=True, max_length=255
    )
    pages = models.PositiveIntegerField(_("pagina's"), null=True, blank=True)
    render_count = models.PositiveIntegerField(_("aantal keer gemaakt"), default=0)
    error = models.TextField(_("foutmelding"), blank=True)
    requested_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("aangevraagd door"),
    )
    requested_at = models.DateTimeField(_("aangevraagd op"), auto_now_add=True)
    rendered_at = models.DateTimeField(_("gemaakt op"), null=True, blank=True)

    class Meta:
        verbose_name = _("rapport")
        verbose_name_plural = _("rapporten")
        ordering = ["-requested_at"]
        constraints = [
            models.CheckConstraint(
                condition=(Q(kind="assessment", grade__isnull=False))
                | Q(kind="calculation", calculation_version__isnull=False),
                name="assessment_report_has_subject",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} {self.key} ({self.get_status_display()})"
