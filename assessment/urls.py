from django.urls import path

from . import views

app_name = "assessment"

urlpatterns = [
    path("", views.queue, name="queue"),
    path("poging/<int:attempt_id>/beoordelen/", views.grade_start, name="grade_start"),
    path("poging/<int:attempt_id>/resultaat/", views.result, name="result"),
    path("cijfer/<int:pk>/", views.grade, name="grade"),
    path("cijfer/<int:pk>/regel/", views.grade_override, name="grade_override"),
    path("cijfer/<int:pk>/ondertekenen/", views.grade_sign, name="grade_sign"),
    path("cijfer/<int:pk>/correctie/", views.grade_correct, name="grade_correct"),
    path("cijfer/<int:pk>/fase/", views.grade_mark, name="grade_mark"),
    path("cijfer/<int:pk>/vrijgeven/", views.grade_release, name="grade_release"),
    path("vrijgeven/", views.grades_release, name="grades_release"),
    path("toewijzen/", views.allocate, name="allocate"),
    path("cijfer/<int:pk>/herberekenen/", views.grade_rescore, name="grade_rescore"),
    path("mijn-resultaten/", views.my_results, name="my_results"),
    path("mijn-resultaten/resultaten.csv", views.my_results_csv, name="my_results_csv"),
    path("voortgang/", views.progress, name="progress"),
    path("voortgang/cursist/<int:trainee_id>/", views.progress, name="trainee_progress"),
    path("groep/<int:cohort_id>/", views.cohort, name="cohort"),
    path("groep/<int:cohort_id>/cijfers.csv", views.cohort_csv, name="cohort_csv"),
    path("rapport/beoordeling/<int:grade_id>/", views.report_assessment, name="report_assessment"),
    path(
        "rapport/calculatie/<int:version_id>/", views.report_calculation, name="report_calculation"
    ),
    path("rapport/<int:pk>/", views.report, name="report"),
]
