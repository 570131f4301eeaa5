from django.urls import include, path

from . import views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/starten/", views.attempt_start, name="attempt-start"),
    path("pogingen/<int:pk>/", views.attempt_detail, name="attempt-detail"),
    path("pogingen/<int:pk>/stap/<slug:move>/", views.attempt_move, name="attempt-move"),
    # The calculation editor (pages under pogingen/<pk>/calculatie/).
    path("", include("cases.calculations.urls")),
]
