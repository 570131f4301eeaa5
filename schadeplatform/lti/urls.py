from django.urls import path
from lti_tool.views import jwks

from . import registration_views, views

app_name = "lti"

urlpatterns = [
    # The tool's public keys (django-lti's view: every active key).
    path("jwks/", jwks, name="jwks"),
    # OIDC third-party login initiation; the registration's UUID names the platform.
    path("aanmelden/<uuid:registration_uuid>/", views.LoginInitView.as_view(), name="login"),
    path("lancering/", views.LaunchView.as_view(), name="launch"),
    path("activiteiten-kiezen/", views.deep_linking_choice, name="deep-linking"),
    # LTI Dynamic Registration: the URL of an administrator's invitation (one use, 7 days).
    path(
        "registreren/<str:token>/",
        registration_views.DynamicRegistrationView.as_view(),
        name="dynamic-registration",
    ),
]
