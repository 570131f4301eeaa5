from django.urls import path

from . import apis

urlpatterns = [
    path("auth/login/", apis.AuthLoginApi.as_view(), name="auth-login"),
    path("auth/logout/", apis.AuthLogoutApi.as_view(), name="auth-logout"),
]
