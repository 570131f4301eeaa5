from django.urls import include, path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.utils.urlpatterns import decorate_urlpatterns

from . import apis

app_name = "content_api"

# Detail links inside the pages API are reversed through this namespace, so it spells out the
# namespaces that schadeplatform/api.py and this module put around the endpoint.
pages_router = WagtailAPIRouter("api:content_api:wagtailapi")
pages_router.register_endpoint("pages", apis.PublishedPagesApiViewSet)

# The router's own patterns are regexes ("^pages/"); a plain path keeps /api/v1/pages/ readable
# for the URL inventory. The views are wrapped as the router does, so they find the router.
pages_patterns = decorate_urlpatterns(
    apis.PublishedPagesApiViewSet.get_urlpatterns(), pages_router.wrap_view
)

urlpatterns = [
    path(
        "competence-profile/",
        apis.CompetenceProfileGetApi.as_view(),
        name="competence-profile",
    ),
    path("content/coverage/", apis.CoverageGetApi.as_view(), name="coverage"),
    # The profile as CASE 1.1 (issue #18): /api/v1/case/ims/case/v1p1/…
    path("case/", include("content.case_framework.urls")),
    path(
        "",
        include(
            ([path("pages/", include((pages_patterns, "pages"), namespace="pages"))], "wagtailapi"),
        ),
    ),
]
