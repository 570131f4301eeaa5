from django.urls import path

from . import calibration_views, double_marking_views, exam_form_views, statistics_views, views
from .coverage import views as coverage_views

app_name = "assessment"

urlpatterns = [
    path("", views.queue, name="queue"),
    # Coverage of the competence profile: practised in, assessed by (issue #16, item 5).
    path("dekking/", coverage_views.coverage, name="coverage"),
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
    # Agreement statistics and cohort analytics (issue #15, items 3, 6, 7).
    path(
        "groep/<int:cohort_id>/overeenstemming/",
        statistics_views.cohort_agreement,
        name="cohort_agreement",
    ),
    path(
        "groep/<int:cohort_id>/overeenstemming/<slug:criterion>.csv",
        statistics_views.cohort_agreement_csv,
        name="cohort_agreement_csv",
    ),
    path(
        "kalibratie/set/<int:set_id>/overeenstemming/",
        statistics_views.calibration_agreement,
        name="calibration_agreement",
    ),
    path(
        "kalibratie/set/<int:set_id>/overeenstemming/<slug:criterion>.csv",
        statistics_views.calibration_agreement_csv,
        name="calibration_agreement_csv",
    ),
    path(
        "groep/<int:cohort_id>/analyse/",
        statistics_views.cohort_analytics_page,
        name="cohort_analytics",
    ),
    path(
        "groep/<int:cohort_id>/analyse/<slug:part>.csv",
        statistics_views.cohort_analytics_csv,
        name="cohort_analytics_csv",
    ),
    path("rapport/beoordeling/<int:grade_id>/", views.report_assessment, name="report_assessment"),
    path(
        "rapport/calculatie/<int:version_id>/", views.report_calculation, name="report_calculation"
    ),
    path("rapport/<int:pk>/", views.report, name="report"),
    # Calibration of assessors (issue #15, item 2): assessment.calibration_views
    path("kalibratie/", calibration_views.calibration_index, name="calibration"),
    path("kalibratie/set/<int:pk>/", calibration_views.calibration_set, name="calibration_set"),
    path("kalibratie/item/<int:pk>/", calibration_views.calibration_item, name="calibration_item"),
    path("kalibratie/beheer/", calibration_views.calibration_manage, name="calibration_manage"),
    path(
        "kalibratie/beheer/periode/<int:pk>/",
        calibration_views.calibration_period,
        name="calibration_period",
    ),
    path(
        "kalibratie/beheer/set/nieuw/",
        calibration_views.calibration_set_create,
        name="calibration_set_create",
    ),
    path(
        "kalibratie/beheer/set/<int:pk>/publiceren/",
        calibration_views.calibration_set_publish,
        name="calibration_set_publish",
    ),
    # Double and triple marking (issue #15, item 1): assessment.double_marking_views
    path(
        "examencommissie/beoordelingsbeleid/",
        double_marking_views.policy_list,
        name="marking_policies",
    ),
    path(
        "examencommissie/beoordelingsbeleid/groep/<int:cohort_id>/",
        double_marking_views.policy_edit,
        name="marking_policy",
    ),
    path(
        "poging/<int:attempt_id>/beoordelingsverloop/",
        double_marking_views.attempt_history,
        name="marking_history",
    ),
    # The exam board's exam forms, blueprints and Angoff studies (issue #15).
    path("examencommissie/", exam_form_views.exam_form_list, name="exam_form_list"),
    path("examencommissie/toetsmatrijzen/", exam_form_views.blueprint_list, name="blueprint_list"),
    path(
        "examencommissie/toetsmatrijzen/nieuw/",
        exam_form_views.blueprint_edit,
        name="blueprint_create",
    ),
    path(
        "examencommissie/toetsmatrijzen/<int:pk>/",
        exam_form_views.blueprint_edit,
        name="blueprint_edit",
    ),
    path(
        "examencommissie/examenvormen/nieuw/",
        exam_form_views.exam_form_create,
        name="exam_form_create",
    ),
    path("examencommissie/examenvormen/<int:pk>/", exam_form_views.exam_form, name="exam_form"),
    path(
        "examencommissie/examenvormen/<int:pk>/kwaliteitsrapport.pdf",
        exam_form_views.exam_form_pdf,
        name="exam_form_pdf",
    ),
    path(
        "examencommissie/examenvormen/<int:pk>/angoff/",
        exam_form_views.angoff_open,
        name="angoff_open",
    ),
    path("examencommissie/angoff/<int:pk>/", exam_form_views.angoff_study, name="angoff_study"),
    path(
        "examencommissie/angoff/<int:pk>/sluiten/",
        exam_form_views.angoff_close,
        name="angoff_close",
    ),
    path(
        "examencommissie/angoff/<int:pk>/vaststellen/",
        exam_form_views.angoff_adopt,
        name="angoff_adopt",
    ),
]
