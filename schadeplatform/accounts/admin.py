from django.contrib import admin
from django.contrib.auth.admin import UserAdmin
from django.utils.translation import gettext_lazy as _

from .models import Cohort, Organisation, User


@admin.register(User)
class PlatformUserAdmin(UserAdmin):
    list_display = ("username", "first_name", "last_name", "role", "organisation", "is_active")
    list_filter = ("role", "organisation", "is_active")
    list_select_related = ("organisation",)
    fieldsets = (
        *UserAdmin.fieldsets,
        (_("Rol"), {"fields": ("role", "organisation")}),
    )


@admin.register(Organisation)
class OrganisationAdmin(admin.ModelAdmin):
    list_display = ("name", "kind")
    search_fields = ("name",)


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    list_display = ("name", "organisation", "exam_mode")
    list_filter = ("organisation", "exam_mode")
    list_select_related = ("organisation",)
    filter_horizontal = ("trainees", "assessors")
