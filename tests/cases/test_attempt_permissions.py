"""Who may open a dossier: its trainee, and an assessor of the trainee's cohort (read-only).
Everyone else gets 404 — pages and API alike."""

import pytest
from django.urls import reverse

from tests.factories.cases import AttemptFactory, CaseVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, cohort):
    return AttemptFactory(trainee=trainee, cohort=cohort)


def page(attempt):
    return reverse("cases:attempt-detail", kwargs={"pk": attempt.pk})


def api(name, attempt, **kwargs):
    return reverse(f"api:cases_api:{name}", kwargs={"pk": attempt.pk, **kwargs})


def test_the_trainee_opens_their_own_dossier_with_the_move_forms(attempt, trainee, client_for):
    response = client_for(trainee).get(page(attempt))
    assert response.status_code == 200
    assert "Schadedossier aanmaken" in response.content.decode()


@pytest.mark.parametrize(
    "who", ["other_trainee", "outsider_trainee", "outsider_assessor", "editor"]
)
def test_others_get_404_on_the_page(attempt, other_cohort, client_for, request, who):
    user = request.getfixturevalue(who)
    assert client_for(user).get(page(attempt)).status_code == 404


@pytest.mark.parametrize(
    "who", ["other_trainee", "outsider_trainee", "outsider_assessor", "editor"]
)
@pytest.mark.parametrize("name", ["attempt-detail", "attempt-timeline"])
def test_others_get_404_from_the_api(attempt, other_cohort, client_for, request, who, name):
    user = request.getfixturevalue(who)
    assert client_for(user).get(api(name, attempt)).status_code == 404


@pytest.mark.parametrize("who", ["other_trainee", "outsider_assessor"])
def test_others_cannot_make_moves_page_or_api(attempt, other_cohort, client_for, request, who):
    user = request.getfixturevalue(who)
    client = client_for(user)
    move_page = reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": "give_advice"})
    assert client.post(move_page, {"give_advice-advice": "x"}).status_code == 404
    move_api = api("attempt-move", attempt, move="give_advice")
    assert (
        client.post(move_api, {"advice": "x"}, content_type="application/json").status_code == 404
    )
    assert not attempt.events.exists()


def test_the_cohorts_assessor_reads_the_dossier_without_move_forms(attempt, assessor, client_for):
    response = client_for(assessor).get(page(attempt))
    assert response.status_code == 200
    html = response.content.decode()
    assert "alleen lezen" in html
    assert "Volgende stappen" not in html
    assert client_for(assessor).get(api("attempt-detail", attempt)).json()["available_moves"] == []


def test_the_cohorts_assessor_cannot_make_moves(attempt, assessor, client_for):
    client = client_for(assessor)
    move_page = reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": "give_advice"})
    assert client.post(move_page, {"give_advice-advice": "x"}).status_code == 403
    move_api = api("attempt-move", attempt, move="give_advice")
    assert (
        client.post(move_api, {"advice": "x"}, content_type="application/json").status_code == 403
    )
    assert not attempt.events.exists()


def test_an_anonymous_visitor_is_sent_to_login_or_refused(attempt, client):
    assert client.get(page(attempt)).status_code == 302
    assert client.get(api("attempt-detail", attempt)).status_code in (401, 403)


def test_the_attempt_list_shows_only_visible_attempts(
    attempt, other_trainee, outsider_assessor, other_cohort, assessor, client_for
):
    url = reverse("api:cases_api:attempt-list")
    assert client_for(other_trainee).get(url).json() == []
    assert client_for(outsider_assessor).get(url).json() == []
    assert [a["id"] for a in client_for(assessor).get(url).json()] == [attempt.pk]


def test_a_draft_case_cannot_be_started(trainee, cohort, client_for):
    draft = CaseVersionFactory()
    client = client_for(trainee)
    assert (
        client.post(reverse("cases:attempt-start", kwargs={"slug": draft.case.slug})).status_code
        == 404
    )
    api_url = reverse("api:cases_api:attempt-start", kwargs={"slug": draft.case.slug})
    assert client.post(api_url).status_code == 404
