"""Read-mostly admin: grades are written through the services, so the admin shows them only."""

from django.contrib import admin

from .models import Grade, GradeEvent, LineOverride, Moderation, Report


class ReadOnlyInline(admin.TabularInline):
    extra = 0
    can_delete = False

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


class LineOverrideInline(ReadOnlyInline):
    model = LineOverride
    fields = ("line_key", "original_verdict", "new_verdict", "reason", "by", "at")
    readonly_fields = fields


class GradeEventInline(ReadOnlyInline):
    model = GradeEvent
    fields = ("kind", "old_status", "new_status", "actor", "at", "data")
    readonly_fields = fields


@admin.register(Grade)
class GradeAdmin(admin.ModelAdmin):
    list_display = (
        "attempt",
        "role",
        "version",
        "assessor",
        "score",
        "passed",
        "status",
        "signed_at",
    )
    list_filter = ("status", "role", "passed")
    search_fields = ("attempt__trainee__username", "assessor__username")
    inlines = [LineOverrideInline, GradeEventInline]

    def has_change_permission(self, request, obj=None):
        return False

    def has_add_permission(self, request):
        return False


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
    readonly_fields = (
        "key",
        "kind",
        "grade",
        "calculation_version",
        "file",
        "pages",
        "render_count",
        "error",
    )
