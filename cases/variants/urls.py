from django.urls import path

from . import views

# Included from cases/urls.py (namespace "cases").
urlpatterns = [
    path("oefenvarianten/", views.practice_list, name="practice-variant-list"),
    path("oefenvarianten/nieuw/", views.practice_new, name="practice-variant-new"),
    path("oefenvarianten/<int:pk>/", views.practice_detail, name="practice-variant"),
]
