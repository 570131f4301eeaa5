"""Django admin: a read-mostly view for platform administrators. Editors author in Wagtail."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .models import Attempt, AttemptPhoto, Case, CasePhoto, CaseVersion, DossierEvent


class CasePhotoInline(admin.TabularInline):
    """Shown, not edited: editors manage a version's photos in Wagtail, where every upload is
    checked and stripped of EXIF (`cases.photos`). One way of changing them."""

    model = CasePhoto
    extra = 0
    fields = ["image", "caption", "zone", "stage", "sort_order"]
    readonly_fields = fields

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Case)
class CaseAdmin(admin.ModelAdmin):
    list_display = ["title", "slug", "created"]
    search_fields = ["title", "slug"]
    actions = ["new_draft"]

    @admin.action(description=_("Nieuwe conceptversie maken (kopie van de laatste versie)"))
    def new_draft(self, request, queryset):
        for case in queryset:
            draft = services.case_version_new_draft(case=case, by=request.user)
            self.message_user(request, f"{case}: v{draft.number}", messages.SUCCESS)


@admin.register(CaseVersion)
class CaseVersionAdmin(admin.ModelAdmin):
    list_display = ["case", "number", "status", "tariff_date", "published_at"]
    list_filter = ["status"]
    inlines = [CasePhotoInline]
    readonly_fields = ["status", "published_at", "created_by", "created_at", "updated_at"]


class DossierEventInline(admin.TabularInline):
    model = DossierEvent
    extra = 0
    can_delete = False
    readonly_fields = [f.name for f in DossierEvent._meta.fields]

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Attempt)
class AttemptAdmin(admin.ModelAdmin):
    list_display = ["pk", "trainee", "case_version", "status", "simulated_date", "submitted_at"]
    list_filter = ["status"]
    inlines = [DossierEventInline]
    readonly_fields = ["status", "submitted_at", "simulated_date"]


admin.site.register(AttemptPhoto)
