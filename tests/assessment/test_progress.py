"""Progress per competence area and work process: selectors, the SVG chart, pages, the
cohort's CSV export, and who may see them."""

import csv
import io
from decimal import Decimal

import pytest
from django.urls import reverse

from assessment import selectors
from assessment.charts import line_chart
from assessment.profile_scores import grade_subscores, level_of
from tests.factories.assessment import finished_attempt, released_grade, signed_grade

pytestmark = pytest.mark.django_db


def test_subscores_combine_machine_checks_and_rubric():
    effective = {"components": {"L": "1", "T": "1", "D": "1"}, "critical_errors": []}
    checks = [
        {
            "applicable": True,
            "passed": False,
            "work_process": "1.3",
            "competence_area": "Interacteren, beïnvloeden en presenteren",
        },
        {
            "applicable": False,
            "passed": True,
            "work_process": "1.4",
            "competence_area": "Organiseren en uitvoeren",
        },
    ]
    result = grade_subscores(effective, checks, {"interacteren-beinvloeden-en-presenteren": 4})

    assert result["work_processes"]["1.2"] == Decimal("100.0")
    assert result["work_processes"]["1.3"] == Decimal("0.0")
    assert result["work_processes"]["1.4"] is None
    # check 0 and rubric 100 → 50
    assert result["competence_areas"]["Interacteren, beïnvloeden en presenteren"] == Decimal("50.0")
    assert result["competence_areas"]["Ondersteunen en samenwerken"] is None


@pytest.mark.parametrize(
    ("score", "level"),
    [
        (Decimal("54.9"), 1),
        (Decimal("55"), 2),
        (Decimal("70"), 3),
        (Decimal("85"), 4),
        (None, None),
    ],
)
def test_levels_follow_the_bands(score, level):
    assert level_of(score) == level


def test_svg_chart_draws_a_line_per_series_and_escapes_names():
    svg = line_chart(
        {"1.2 <werk>": [(1, Decimal("50")), (2, Decimal("80"))], "leeg": []},
        title="Voortgang & meer",
    )
    assert svg.startswith("<svg") and svg.endswith("</svg>")
    assert svg.count("<polyline") == 1
    assert "&lt;werk&gt;" in svg and "Voortgang &amp; meer" in svg
    assert "<script" not in svg and "href" not in svg


def test_svg_chart_without_data_says_so():
    assert "Nog geen beoordelingen" in line_chart({"a": []}, title="x")


def test_progress_is_a_time_series_of_final_grades(trainee, cohort, assessor):
    first = finished_attempt(trainee=trainee, cohort=cohort, submission="bonnet-replaced")
    second = finished_attempt(trainee=trainee, cohort=cohort, submission="identical")
    released_grade(first, assessor)
    released_grade(second, assessor)

    progress = selectors.progress_of_trainee(trainee, trainee)

    series = progress.series("work_processes")["1.2"]
    assert len(series) == 2 and series[0][1] < series[1][1]
    assert progress.latest("work_processes")["1.2"]["level"] == 4


def test_trainee_progress_page_shows_charts(attempt, assessor, trainee, client_for):
    signed_grade(attempt, assessor)
    response = client_for(trainee).get(reverse("assessment:progress"))
    assert response.status_code == 200
    body = response.content.decode()
    assert body.count("<svg") == 2 and "Analyseren en interpreteren" in body


def test_progress_api_for_own_and_for_assessor(attempt, assessor, trainee, client_for):
    released_grade(attempt, assessor)
    own = client_for(trainee).get(reverse("api:assessment_api:progress-own"))
    theirs = client_for(assessor).get(
        reverse("api:assessment_api:progress-trainee", args=[trainee.pk])
    )
    assert own.status_code == theirs.status_code == 200
    assert own.json() == theirs.json()
    assert own.json()["work_processes"]["1.2"]["latest"] == "100.0"


def test_nobody_else_sees_a_trainees_progress(
    attempt, assessor, trainee, other_trainee, outsider_assessor, other_cohort, client_for
):
    signed_grade(attempt, assessor)
    for user in (other_trainee, outsider_assessor):
        client = client_for(user)
        assert (
            client.get(reverse("assessment:trainee_progress", args=[trainee.pk])).status_code == 404
        )
        assert (
            client.get(
                reverse("api:assessment_api:progress-trainee", args=[trainee.pk])
            ).status_code
            == 404
        )


def test_cohort_page_and_csv_for_its_assessor(attempt, assessor, cohort, client_for):
    signed_grade(attempt, assessor)
    client = client_for(assessor)

    page = client.get(reverse("assessment:cohort", args=[cohort.pk]))
    export = client.get(reverse("assessment:cohort_csv", args=[cohort.pk]))
    api = client.get(reverse("api:assessment_api:cohort-grades-csv", args=[cohort.pk]))

    assert page.status_code == 200 and page.content.decode().count("<svg") == 2
    assert export.status_code == 200 and export["Content-Disposition"].startswith("attachment")
    rows = list(csv.reader(io.StringIO(export.content.decode("utf-8-sig")), delimiter=";"))
    assert rows[0][0] == "cursist" and rows[1][0] == attempt.trainee.username
    assert rows[1][9] == "100,0" and rows[1][10] == "voldoende"
    assert api.status_code == 200 and api.content == export.content


def test_cohort_csv_defuses_spreadsheet_formulas(attempt, assessor, cohort, client_for):
    signed_grade(attempt, assessor, comment='=HYPERLINK("http://x")')
    export = client_for(assessor).get(reverse("assessment:cohort_csv", args=[cohort.pk]))
    assert "'=HYPERLINK" in export.content.decode("utf-8-sig")


@pytest.mark.parametrize("who", ["outsider_assessor", "trainee"])
def test_cohort_page_and_csv_are_hidden_from_others(
    who, attempt, assessor, cohort, other_cohort, request, client_for
):
    signed_grade(attempt, assessor)
    client = client_for(request.getfixturevalue(who))
    assert client.get(reverse("assessment:cohort", args=[cohort.pk])).status_code == 404
    assert client.get(reverse("assessment:cohort_csv", args=[cohort.pk])).status_code == 404
    assert (
        client.get(reverse("api:assessment_api:cohort-grades-csv", args=[cohort.pk])).status_code
        == 404
    )
