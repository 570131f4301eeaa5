from django.urls import path

from . import views

# Included from cases/urls.py (namespace "cases").
urlpatterns = [
    path("lakoefening/", views.drill_list, name="paint-drill-list"),
    path("lakoefening/<int:pk>/", views.drill_detail, name="paint-drill"),
    path("lakoefening/antwoorden/<int:pk>/", views.answer_detail, name="paint-drill-answer"),
]
