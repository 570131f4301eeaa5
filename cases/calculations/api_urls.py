"""API routes of the calculation editor, included from `cases.api_urls` (namespace api:cases_api)."""

from django.urls import path

from . import apis

urlpatterns = [
    path(
        "attempts/<int:pk>/calculation/",
        apis.CalculationDraftApi.as_view(),
        name="calc-draft",
    ),
    path(
        "attempts/<int:pk>/calculation/estimate/",
        apis.CalculationEstimateApi.as_view(),
        name="calc-estimate",
    ),
    path(
        "attempts/<int:pk>/calculation/versions/",
        apis.CalculationVersionListApi.as_view(),
        name="calc-version-list",
    ),
    path(
        "attempts/<int:pk>/calculation/versions/<int:number>/",
        apis.CalculationVersionDetailApi.as_view(),
        name="calc-version-detail",
    ),
    path(
        "attempts/<int:pk>/calculation/catalogue/",
        apis.CalculationCatalogueApi.as_view(),
        name="calc-case-catalogue",
    ),
    path(
        "attempts/<int:pk>/calculation/catalogue/search/",
        apis.CalculationPartSearchApi.as_view(),
        name="calc-part-search",
    ),
    path(
        "catalogue/vehicles/",
        apis.CatalogueVehicleListApi.as_view(),
        name="calc-catalogue-vehicles",
    ),
    path(
        "catalogue/vehicles/<str:vehicle_id>/parts/",
        apis.CatalogueVehiclePartsApi.as_view(),
        name="calc-catalogue-parts",
    ),
    path(
        "catalogue/vehicles/<str:vehicle_id>/prefill/",
        apis.CatalogueLinePrefillApi.as_view(),
        name="calc-catalogue-prefill",
    ),
]
