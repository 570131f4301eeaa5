from django.conf import settings
from django.contrib import admin
from django.urls import include, path, re_path
from django.views.i18n import JavaScriptCatalog
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import api, error_views, views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path(
        "jsi18n/",
        JavaScriptCatalog.as_view(packages=["cases", "assessment"]),
        name="javascript-catalog",
    ),
    path("gezond/", views.health, name="health"),
    path("ping/", views.ping, name="ping"),
    path("favicon.ico", views.favicon, name="favicon"),
    *api.urlpatterns,
    # Under /api/ a path is an API route or an error in the API's shape, never a Wagtail page.
    re_path(r"^api/", error_views.ApiNotFoundView.as_view(), name="api-not-found"),
    path("", views.home, name="home"),
    path("account/", include("schadeplatform.accounts.urls")),
    path("casussen/", include("cases.urls")),
    path("beoordeling/", include("assessment.urls")),
    # Open Badges 3.0 (issue #18): public verification, keys, status list; own downloads.
    path("badges/", include("assessment.badges.urls")),
    path("leren/", include("content.urls")),
    # LTI 1.3 Advantage tool (issue #18, schadeplatform/lti/).
    path("lti/", include("schadeplatform.lti.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the published learning pages; it comes last because it matches any path.
urlpatterns += [path("", include(wagtail_urls))]

# JSON in the API's error shape under /api/, Django's HTML pages elsewhere.
handler404 = "schadeplatform.error_views.not_found"
handler500 = "schadeplatform.error_views.server_error"
