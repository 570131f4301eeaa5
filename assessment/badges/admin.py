"""The badges in the Django admin: the exam board sets the rules; issued credentials are read
only (revoking is the page `badges:revoke`, with a reason); keys are rotated by an action and
never deleted (old credentials must stay verifiable); a private key is never shown."""

from __future__ import annotations

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from assessment.exam_board import is_exam_board
from assessment.models import BadgeRule, IssuedCredential, SigningKey


class ExamBoardAdmin(admin.ModelAdmin):
    def has_module_permission(self, request):
        return is_exam_board(request.user)

    def has_view_permission(self, request, obj=None):
        return is_exam_board(request.user)


@admin.register(BadgeRule)
class BadgeRuleAdmin(ExamBoardAdmin):
    list_display = ("name", "kind", "exam_form", "min_level", "valid_months", "active")
    list_filter = ("kind", "active")
    prepopulated_fields = {"slug": ("name",)}

    def has_add_permission(self, request):
        return is_exam_board(request.user)

    def has_change_permission(self, request, obj=None):
        return is_exam_board(request.user)

    def has_delete_permission(self, request, obj=None):
        # A rule with credentials stays (they name it); an unused one may go.
        return is_exam_board(request.user) and (obj is None or not obj.credentials.exists())


@admin.register(IssuedCredential)
class IssuedCredentialAdmin(ExamBoardAdmin):
    list_display = ("rule", "trainee", "issued_at", "revoked_at", "revoke_link")
    list_filter = ("rule", "revoked_at")
    readonly_fields = [f.name for f in IssuedCredential._meta.fields]

    @admin.display(description=_("intrekken"))
    def revoke_link(self, obj):
        if obj.revoked_at:
            return _("ingetrokken")
        return format_html(
            '<a href="{}">{}</a>', reverse("badges:revoke", args=[obj.uuid]), _("intrekken…")
        )

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):
    list_display = ("kid", "created_at", "retired_at")
    fields = ("kid", "public_jwk", "created_at", "retired_at")
    readonly_fields = fields
    actions = ["rotate"]

    @admin.action(description=_("Nieuwe sleutel maken (de oude blijft gepubliceerd)"))
    def rotate(self, request, queryset):
        from .keys import rotate

        key = rotate()
        self.message_user(request, _("Nieuwe sleutel %s.") % key.kid, messages.SUCCESS)

    def has_module_permission(self, request):
        return request.user.is_superuser

    def has_view_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return request.user.is_superuser

    def has_delete_permission(self, request, obj=None):
        return False
