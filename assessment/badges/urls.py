from django.urls import path

from . import views

app_name = "badges"

urlpatterns = [
    # Public: anyone checks a credential; the issuer, its keys and the status list are open.
    path("uitgever/", views.issuer, name="issuer"),
    path("sleutels/", views.jwks, name="jwks"),
    path("status/<int:list_id>/", views.status_list, name="status_list"),
    path("prestatie/<slug:slug>/", views.achievement, name="achievement"),
    path("controle/", views.verify_submitted, name="verify_submitted"),
    path("controle/json/", views.verify_submitted_json, name="verify_submitted_json"),
    path("controle/<uuid:credential_uuid>/", views.verify_page, name="verify_page"),
    path("controle/<uuid:credential_uuid>.json", views.verify_json, name="verify_json"),
    # The trainee's own badges.
    path("mijn/", views.mine, name="mine"),
    path("<uuid:credential_uuid>/badge.json", views.download_json, name="download_json"),
    path("<uuid:credential_uuid>/badge.jwt", views.download_jwt, name="download_jwt"),
    path("<uuid:credential_uuid>/badge.png", views.download_png, name="download_png"),
    # The exam board's.
    path("<uuid:credential_uuid>/intrekken/", views.revoke_page, name="revoke"),
]
