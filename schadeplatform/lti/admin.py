"""Django admin: registering a platform is django-lti's admin (LTI registrations with their
deployments) or an invitation for dynamic registration; here also the registrations'
organisations, the course↔cohort links with the roster sync, and the scores sent."""

from django.contrib import admin, messages
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from .dynamic_registration import invitation_new
from .models import (
    ActivityLink,
    CohortLink,
    PlatformOrganisation,
    RegistrationInvitation,
    ScoreSend,
)
from .roster import sync_roster


@admin.register(RegistrationInvitation)
class RegistrationInvitationAdmin(admin.ModelAdmin):
    """An invitation's URL is shown once, when it is made; the registration it makes is
    inactive until activated under LTI registrations."""

    list_display = ["name", "created_at", "expires_at", "used_at", "registration"]
    readonly_fields = ["created_by", "created_at", "expires_at", "used_at", "registration"]
    fields = ["name", *readonly_fields]

    def has_change_permission(self, request, obj=None):
        return False

    def save_model(self, request, obj, form, change):
        invitation, token = invitation_new(name=obj.name, by=request.user)
        obj.pk = invitation.pk
        url = request.build_absolute_uri(reverse("lti:dynamic-registration", args=[token]))
        self.message_user(
            request,
            _(
                "Registratie-URL voor de leeromgeving (wordt niet opnieuw getoond, één keer "
                "bruikbaar, 7 dagen geldig): %(url)s"
            )
            % {"url": url},
            messages.WARNING,
        )


@admin.register(PlatformOrganisation)
class PlatformOrganisationAdmin(admin.ModelAdmin):
    list_display = ["registration", "organisation"]
    raw_id_fields = ["registration", "organisation"]


@admin.register(CohortLink)
class CohortLinkAdmin(admin.ModelAdmin):
    list_display = ["context", "cohort", "created_at", "roster_synced_at"]
    list_select_related = ["context", "cohort__organisation"]
    raw_id_fields = ["context", "cohort"]
    actions = ["sync_rosters"]

    @admin.action(description=_("Deelnemers synchroniseren uit de leeromgeving (NRPS)"))
    def sync_rosters(self, request, queryset):
        for link in queryset.select_related("context__deployment__registration", "cohort"):
            try:
                outcome = sync_roster(link)
            except Exception as exc:  # the LMS answered badly: say so, per course
                self.message_user(
                    request, _("%(link)s: %(error)s") % {"link": link, "error": exc}, messages.ERROR
                )
                continue
            self.message_user(
                request,
                _("%(link)s: %(added)s in de groep, %(removed)s verwijderd.")
                % {"link": link, "added": len(outcome.added), "removed": len(outcome.removed)},
            )


@admin.register(ActivityLink)
class ActivityLinkAdmin(admin.ModelAdmin):
    list_display = ["resource_link", "kind", "slug"]
    raw_id_fields = ["resource_link"]


@admin.register(ScoreSend)
class ScoreSendAdmin(admin.ModelAdmin):
    list_display = ["grade", "line_item", "user_sub", "score_given", "status", "timestamp"]
    list_filter = ["status"]
    raw_id_fields = ["grade", "line_item"]
