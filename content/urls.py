"""Django views under /leren/; every other path below /leren/ is a Wagtail page."""

from django.urls import path

from . import views

app_name = "content"

urlpatterns = [
    path("zoeken/", views.search, name="search"),
]
