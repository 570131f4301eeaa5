"""The trainee's "Mijn resultaten": graded results, work awaiting a grade, and the own CSV."""

import csv
import io

import pytest
from django.urls import reverse

from tests.factories.assessment import finished_attempt, signed_grade

pytestmark = pytest.mark.django_db

CSV_URL = "assessment:my_results_csv"


def released_grade(attempt, assessor):
    """Signed and released to the trainee (the marking workflow's last step)."""
    from assessment import services

    grade = signed_grade(attempt, assessor)
    return services.grade_release(grade=grade, by=assessor)


def _rows(response) -> list[list[str]]:
    text = response.content.decode("utf-8")
    assert text.startswith("\ufeff"), "Excel needs the byte order mark to read UTF-8"
    return list(csv.reader(io.StringIO(text[1:]), delimiter=";"))


def test_submitted_work_without_a_grade_is_listed_as_awaiting(trainee, cohort, client_for):
    # given a submitted attempt that nobody has graded yet
    attempt = finished_attempt(trainee=trainee, cohort=cohort)

    # when
    response = client_for(trainee).get(reverse("assessment:my_results"))

    # then
    assert [a.pk for a in response.context["awaiting"]] == [attempt.pk]
    assert response.context["results"] == []
    assert "ingeleverd, wacht op beoordeling" in response.content.decode()


def test_a_graded_attempt_moves_from_awaiting_to_results(trainee, cohort, assessor, client_for):
    graded = finished_attempt(trainee=trainee, cohort=cohort)
    released_grade(graded, assessor)
    waiting = finished_attempt(trainee=trainee, cohort=cohort)

    response = client_for(trainee).get(reverse("assessment:my_results"))

    assert [r.attempt.pk for r in response.context["results"]] == [graded.pk]
    assert [a.pk for a in response.context["awaiting"]] == [waiting.pk]


def test_a_signed_grade_not_yet_released_still_waits(trainee, cohort, assessor, client_for):
    attempt = finished_attempt(trainee=trainee, cohort=cohort)
    signed_grade(attempt, assessor)

    response = client_for(trainee).get(reverse("assessment:my_results"))

    assert response.context["results"] == []
    assert [a.pk for a in response.context["awaiting"]] == [attempt.pk]


def test_a_colleagues_submitted_work_is_not_listed(trainee, other_trainee, cohort, client_for):
    finished_attempt(trainee=other_trainee, cohort=cohort)

    response = client_for(trainee).get(reverse("assessment:my_results"))

    assert response.context["awaiting"] == []


def test_csv_holds_own_results_in_dutch_with_bom(
    trainee, other_trainee, cohort, assessor, client_for
):
    graded = finished_attempt(trainee=trainee, cohort=cohort)
    grade = released_grade(graded, assessor)
    waiting = finished_attempt(trainee=trainee, cohort=cohort)
    colleague = finished_attempt(trainee=other_trainee, cohort=cohort)
    released_grade(colleague, assessor)

    response = client_for(trainee).get(reverse(CSV_URL))

    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert "attachment" in response["Content-Disposition"]
    header, *rows = _rows(response)
    assert header[:8] == [
        "Casus",
        "Groep",
        "Poging",
        "Ingeleverd op",
        "Status",
        "Vrijgegeven op",
        "Score",
        "Uitslag",
    ]
    assert "Competentiegebied Interacteren, beïnvloeden en presenteren" in header
    by_attempt = {row[2]: row for row in rows}
    assert set(by_attempt) == {str(graded.pk), str(waiting.pk)}
    graded_row = by_attempt[str(graded.pk)]
    assert graded_row[4] == "beoordeeld"
    # Dutch decimal comma, one decimal
    grade.refresh_from_db()
    assert graded_row[6] == f"{grade.score:.1f}".replace(".", ",")
    assert "," in graded_row[6]
    assert graded_row[7] in ("voldoende", "onvoldoende")
    assert by_attempt[str(waiting.pk)][4] == "ingeleverd, wacht op beoordeling"
    assert by_attempt[str(waiting.pk)][6] == ""


def test_csv_of_another_trainee_holds_only_their_own_results(
    trainee, other_trainee, cohort, assessor, client_for
):
    mine = finished_attempt(trainee=trainee, cohort=cohort)
    released_grade(mine, assessor)

    response = client_for(other_trainee).get(reverse(CSV_URL))

    assert response.status_code == 200
    _header, *rows = _rows(response)
    assert rows == []


def test_csv_refuses_anonymous_and_non_trainees(client, assessor, client_for):
    anonymous = client.get(reverse(CSV_URL))
    assert anonymous.status_code == 302
    assert "/account/inloggen/" in anonymous["Location"]
    assert client_for(assessor).get(reverse(CSV_URL)).status_code == 404


def test_results_page_links_the_csv(trainee, client_for):
    response = client_for(trainee).get(reverse("assessment:my_results"))
    assert reverse(CSV_URL) in response.content.decode()


def test_the_csv_follows_the_language_switch(trainee, cohort, assessor, client_for):
    from django.conf import settings

    released_grade(finished_attempt(trainee=trainee, cohort=cohort), assessor)
    client = client_for(trainee)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"

    header, *rows = _rows(client.get(reverse(CSV_URL)))

    assert header[:3] == ["Case", "Group", "Attempt"]
    assert rows[0][4] == "graded"
