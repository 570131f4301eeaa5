"""Page routes of the calculation editor, included from `cases.urls` (namespace "cases")."""

from django.urls import path

from . import views

urlpatterns = [
    path("pogingen/<int:pk>/calculatie/", views.calculation_editor, name="calc-editor"),
    path("pogingen/<int:pk>/calculatie/versies/", views.calculation_versions, name="calc-versions"),
]
