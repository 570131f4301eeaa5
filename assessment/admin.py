"""Read-mostly admin: grades are written through the services, so the admin shows them only.

The blind rule holds here too (issue #12, item 8): in exam mode a grade is its own assessor's
alone until both blind grades are signed (`selectors.grade_visible_to_assessor`, the one place of
that rule). For anyone else, superusers included, the admin shows such a grade's attempt, role,
assessor and status, but not its judgement: score, pass, rubric, comment, machine result,
checks, signature time, overrides and events are left out of the list, the detail page and the
filters, and a query string cannot filter on them either. A report is a link to its serving
view, which applies the same rule. Decision: the rule is applied, not merely logged; a
superuser who must see a blind grade (a dispute) reads it after release like everyone else.
"""

from django import forms
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from . import services
from .exam import is_exam
from .models import Grade, GradeEvent, LineOverride, MarkerAllocation, Moderation, Report
from .selectors import grade_visible_to_assessor

# What a blind grade keeps to itself; status, role, assessor and attempt stay visible.
BLIND_FIELDS = (
    "machine_result",
    "workflow_checks",
    "score",
    "passed",
    "rubric",
    "rubric_remarks",
    "comment",
    "correction_reason",
    "signed_at",
    "released_at",
)
HIDDEN = "–"


def blind_to(user, grade: Grade) -> bool:
    """The grade is still blind to `user` (expects `attempt__grades` prefetched)."""
    grades = list(grade.attempt.grades.all())
    return not grade_visible_to_assessor(grade, user, grades, is_exam(grade.attempt))


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LineOverrideInline(ReadOnlyInline):
    model = LineOverride
    fields = ("line_key", "original_verdict", "new_verdict", "credit", "reason", "by", "at")
    readonly_fields = fields


class GradeEventInline(ReadOnlyInline):
    model = GradeEvent
    fields = ("kind", "old_status", "new_status", "actor", "at", "data")
    readonly_fields = fields


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = ("attempt", "role", "version", "assessor", "status")
    # No filter on "passed": it would sort blind grades into pass and fail.
    list_filter = ("status", "role")
    search_fields = ("attempt__trainee__username", "assessor__username")
    inlines = [LineOverrideInline, GradeEventInline]

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("attempt__cohort", "attempt__case_version", "assessor")
            .prefetch_related("attempt__grades")
        )

    def lookup_allowed(self, lookup, value, request=None):
        # `?score__gte=5.5` or `?comment__contains=…` would count blind grades by their content.
        if lookup.split("__", 1)[0] in BLIND_FIELDS:
            return False
        return super().lookup_allowed(lookup, value, request)

    def get_exclude(self, request, obj=None):
        if obj is not None and blind_to(request.user, obj):
            return BLIND_FIELDS
        return super().get_exclude(request, obj)

    def get_inlines(self, request, obj):
        if obj is not None and blind_to(request.user, obj):
            return []  # the overrides' verdicts and reasons, the events' data
        return super().get_inlines(request, obj)

    def get_list_display(self, request):
        # Columns bound to this request's user: the admin object is shared by all requests.
        user = request.user

        def shown(name, label, value_of):
            def column(grade: Grade):
                return HIDDEN if blind_to(user, grade) else value_of(grade)

            column.__name__ = name
            return admin.display(description=label)(column)

        return (
            "attempt",
            "role",
            "version",
            "assessor",
            shown("score", _("score"), lambda g: g.score),
            shown("passed", _("voldoende"), lambda g: _("ja") if g.passed else _("nee")),
            "status",
            shown("signed_at", _("ondertekend op"), lambda g: g.signed_at or HIDDEN),
        )

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


class MarkerAllocationForm(forms.ModelForm):
    class Meta:
        model = MarkerAllocation
        fields = ("attempt", "marker")

    def clean(self):
        cleaned = super().clean()
        attempt, marker = cleaned.get("attempt"), cleaned.get("marker")
        if attempt is not None and marker is not None:
            refusal = services.allocation_refusal(attempt, marker)
            if refusal:
                raise forms.ValidationError(refusal)
        return cleaned


@admin.register(MarkerAllocation)
class MarkerAllocationAdmin(admin.ModelAdmin):
    """Moodle's marker allocation: who marks an attempt (assessment/README.md). Needs the
    permission `assessment.change_markerallocation`; the marker must assess the cohort."""

    form = MarkerAllocationForm
    list_display = ("attempt", "marker", "allocated_by", "allocated_at")
    search_fields = ("attempt__trainee__username", "marker__username")
    raw_id_fields = ("attempt",)

    def save_model(self, request, obj, form, change):
        services.allocation_set(attempt=obj.attempt, marker=obj.marker, by=request.user)


@admin.register(Moderation)
class ModerationAdmin(admin.ModelAdmin):
    list_display = ("attempt", "status", "moderator", "created_at", "resolved_at")
    list_filter = ("status",)

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


@admin.register(Report)
class ReportAdmin(admin.ModelAdmin):
    list_display = ("key", "kind", "status", "pages", "render_count", "requested_at", "rendered_at")
    list_filter = ("kind", "status")
    # No "file": its storage has no URL; the link goes to the serving view, which decides
    # who may have the PDF (the blind rule included).
    exclude = ("file",)
    readonly_fields = (
        "key",
        "kind",
        "grade",
        "calculation_version",
        "download",
        "pages",
        "render_count",
        "error",
    )

    @admin.display(description=_("bestand"))
    def download(self, report: Report):
        if not report.file:
            return HIDDEN
        url = reverse("assessment:report", kwargs={"pk": report.pk})
        return format_html('<a href="{}">{}</a>', url, _("PDF openen"))


# Open Badges 3.0 (issue #18): rules, issued credentials, signing keys.
from .badges import admin as badges_admin  # noqa: E402, F401
