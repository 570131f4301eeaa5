from django.urls import include, path

from . import photo_views, views

app_name = "cases"

urlpatterns = [
    path("", views.index, name="index"),
    path("<slug:slug>/starten/", views.attempt_start, name="attempt-start"),
    path("pogingen/<int:pk>/", views.attempt_detail, name="attempt-detail"),
    path("pogingen/<int:pk>/stap/<slug:move>/", views.attempt_move, name="attempt-move"),
    # The trainee's photos, from private storage (cases/photo_views.py).
    path(
        "pogingen/<int:pk>/fotos/<int:photo_id>/", photo_views.attempt_photo, name="attempt-photo"
    ),
    path(
        "pogingen/<int:pk>/fotos/<int:photo_id>/miniatuur/",
        photo_views.attempt_photo_thumbnail,
        name="attempt-photo-thumbnail",
    ),
    # The case's photos, from private storage: in a dossier (the trainee by the dossier's stage)
    # and for the editors who author the case (cases/photo_views.py).
    path(
        "pogingen/<int:pk>/casusfotos/<int:photo_id>/",
        photo_views.case_photo,
        name="case-photo",
    ),
    path(
        "casusfotos/<int:photo_id>/",
        photo_views.case_photo_for_author,
        name="case-photo-author",
    ),
    # The paint drill (lakoefening): practice only, the trainee's own (cases/paint_drill/).
    path("", include("cases.paint_drill.urls")),
    # The calculation review (rekencontrole): practice only, the trainee's own (cases/calc_review/).
    path("", include("cases.calc_review.urls")),
    # The workshop day (werkplaatsdag): practice only, the trainee's own (cases/workshop_day/).
    path("", include("cases.workshop_day.urls")),
    # Practice variants (oefenvarianten): generated cases, the trainee's own (cases/variants/).
    path("", include("cases.variants.urls")),
    # The calculation editor (pages under pogingen/<pk>/calculatie/).
    path("", include("cases.calculations.urls")),
]
