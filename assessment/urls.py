from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.queue, name="queue"),
]
