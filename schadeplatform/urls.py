from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from . import api, views

urlpatterns = [
    path("django-admin/", admin.site.urls),
    path("cms/", include(wagtailadmin_urls)),
    path("documenten/", include(wagtaildocs_urls)),
    path("i18n/", include("django.conf.urls.i18n")),
    path("gezond/", views.health, name="health"),
    path("ping/", views.ping, name="ping"),
    *api.urlpatterns,
    path("", views.home, name="home"),
    path("account/", include("schadeplatform.accounts.urls")),
    path("casussen/", include("cases.urls")),
    path("beoordeling/", include("assessment.urls")),
    path("leren/", include("content.urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Wagtail serves the published learning pages; it comes last because it matches any path.
urlpatterns += [path("", include(wagtail_urls))]
