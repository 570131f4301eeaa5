from django.urls import path

from . import views

# Included from cases/urls.py (namespace "cases").
urlpatterns = [
    path("werkplaatsdag/", views.day_list, name="workshop-day-list"),
    path("werkplaatsdag/<int:pk>/", views.day_detail, name="workshop-day"),
    path("werkplaatsdag/planningen/<int:pk>/", views.answer_detail, name="workshop-day-answer"),
]
