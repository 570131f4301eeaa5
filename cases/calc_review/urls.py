from django.urls import path

from . import views

# Included from cases/urls.py (namespace "cases").
urlpatterns = [
    path("rekencontrole/", views.exercise_list, name="calc-review-list"),
    path("rekencontrole/<int:pk>/", views.exercise_detail, name="calc-review"),
    path(
        "rekencontrole/<int:pk>/fotos/<int:photo_id>/",
        views.exercise_photo,
        name="calc-review-photo",
    ),
    path("rekencontrole/antwoorden/<int:pk>/", views.answer_detail, name="calc-review-answer"),
]
