"""Django admin: registering a platform is django-lti's admin (LTI registrations with their
deployments); here the course↔cohort links with the roster sync, and the scores sent."""

from django.contrib import admin, messages
from django.utils.translation import gettext_lazy as _

from .models import ActivityLink, CohortLink, ScoreSend
from .roster import sync_roster


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
