"""Django admin: a read-mostly view for platform administrators. Editors author in Wagtail."""

from django import forms
from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from . import services
from .forms import ReferenceAssessCheck
from .models import Attempt, AttemptPhoto, Case, CasePhoto, CaseVersion, DossierEvent


class CasePhotoInline(admin.TabularInline):
    """Shown, not edited: editors manage a version's photos in Wagtail, where every upload is
    checked and stripped of EXIF (`cases.photo_checks`). One way of changing them."""

    model = CasePhoto
    extra = 0
    # The file lies in private storage, which has no URL: the link is the authors' serving view.
    fields = ["photo", "caption", "zone", "stage", "sort_order"]
    readonly_fields = fields

    @admin.display(description=_("foto"))
    def photo(self, obj: CasePhoto):
        from django.utils.html import format_html

        from .photo_views import case_photo_url

        if not obj.pk:
            return "-"
        return format_html('<a href="{}">{}</a>', case_photo_url(obj), _("Foto openen"))

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


class CaseVersionForm(ReferenceAssessCheck, forms.ModelForm):
    """The references' grading annotations are checked as in the Wagtail editor. (No Meta:
    the admin builds the form for its model and fields from this base.)"""

    def clean(self):
        cleaned = super().clean()
        self.check_reference_assess(cleaned)
        return cleaned


@admin.register(CaseVersion)
class CaseVersionAdmin(admin.ModelAdmin):
    form = CaseVersionForm
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


@admin.register(AttemptPhoto)
class AttemptPhotoAdmin(admin.ModelAdmin):
    """A trainee's photo lies in private storage, which has no URL: the admin links to the
    serving view, which checks who may see the attempt (cases/photo_views.py). Uploads go
    through the trainee's dossier, where each file is checked, never through the admin."""

    list_display = ["pk", "attempt", "stage", "zone", "uploaded_at"]
    exclude = ["image", "thumbnail"]
    readonly_fields = ["attempt", "photo"]

    @admin.display(description=_("foto"))
    def photo(self, obj: AttemptPhoto):
        from django.utils.html import format_html

        from .photo_views import photo_url

        return format_html('<a href="{}">{}</a>', photo_url(obj), _("Foto openen"))

    def has_add_permission(self, request):
        return False
