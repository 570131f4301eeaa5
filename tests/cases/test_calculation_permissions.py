"""Who reaches an attempt's calculation: the owner edits, the cohort's assessor reads, others get 404.

The trio of tests/conftest.py: `trainee` owns the attempt, `other_trainee` is a colleague in the
same cohort, `assessor` assesses that cohort, `outsider_assessor` assesses another cohort.
"""

import json

import pytest
from django.conf import settings
from django.urls import reverse

from cases.calculations import services
from cases.models import CalculationDraft, CalculationVersion
from cases.ownership import NotYourAttempt
from tests.factories.calculations import BUMPER, CalcAttemptFactory, line

pytestmark = pytest.mark.django_db


@pytest.fixture
def attempt(trainee, cohort, other_cohort):
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="1")],
        expected_version=0,
        by=trainee,
    )
    services.calculation_submit(attempt=attempt, kind="precalc", by=trainee)
    return attempt


def read_urls(attempt):
    return [
        reverse("cases:calc-editor", kwargs={"pk": attempt.pk}),
        reverse("cases:calc-versions", kwargs={"pk": attempt.pk}),
        reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk}),
        reverse("api:cases_api:calc-version-list", kwargs={"pk": attempt.pk}),
        reverse("api:cases_api:calc-version-detail", kwargs={"pk": attempt.pk, "number": 1}),
    ]


READERS = [("trainee", 200), ("assessor", 200), ("admin_user", 200)]
STRANGERS = ["other_trainee", "outsider_assessor", "outsider_trainee", "editor"]


@pytest.mark.parametrize(("who", "status"), READERS)
def test_the_owner_the_cohorts_assessor_and_an_admin_may_read(
    request, client_for, attempt, who, status
):
    client = client_for(request.getfixturevalue(who))
    for url in read_urls(attempt):
        assert client.get(url).status_code == status, url


@pytest.mark.parametrize("who", STRANGERS)
def test_anyone_else_gets_404_on_pages_and_api(request, client_for, attempt, who):
    client = client_for(request.getfixturevalue(who))
    for url in read_urls(attempt):
        assert client.get(url).status_code == 404, url


def test_an_anonymous_visitor_is_sent_to_login_or_refused_by_the_api(client, attempt):
    for url in read_urls(attempt):
        response = client.get(url)
        if url.startswith("/api/"):
            assert response.status_code in (401, 403), url
        else:
            assert response.status_code == 302
            assert response["Location"].startswith(reverse(settings.LOGIN_URL))


def _put(client, attempt):
    return client.put(
        reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk}),
        data=json.dumps({"version": 1, "lines": []}),
        content_type="application/json",
    )


def _post(client, attempt):
    return client.post(
        reverse("cases:calc-editor", kwargs={"pk": attempt.pk}),
        {"version": "1", "lines_json": "[]", "action": "save"},
    )


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("trainee", 200),
        # may read it, may not write it: answered as an attempt they may not see
        ("assessor", 404),
        ("admin_user", 404),
        ("other_trainee", 404),
        ("outsider_assessor", 404),
        ("editor", 404),
    ],
)
def test_only_the_owner_may_save_through_the_api(request, client_for, attempt, who, status):
    response = _put(client_for(request.getfixturevalue(who)), attempt)
    assert response.status_code == status
    if status != 200:
        assert CalculationDraft.objects.get(attempt=attempt).version == 1


@pytest.mark.parametrize(
    ("who", "status"),
    [
        ("trainee", 302),
        ("assessor", 404),
        ("admin_user", 404),
        ("other_trainee", 404),
        ("outsider_assessor", 404),
        ("editor", 404),
    ],
)
def test_only_the_owner_may_save_through_the_page(request, client_for, attempt, who, status):
    response = _post(client_for(request.getfixturevalue(who)), attempt)
    assert response.status_code == status
    if status != 302:
        assert CalculationDraft.objects.get(attempt=attempt).version == 1


def test_anonymous_saves_are_refused(client, attempt):
    assert _put(client, attempt).status_code in (401, 403)
    response = _post(client, attempt)
    assert response.status_code == 302
    assert CalculationDraft.objects.get(attempt=attempt).version == 1


def test_the_assessor_sees_the_editor_read_only(client_for, assessor, attempt):
    response = client_for(assessor).get(reverse("cases:calc-editor", kwargs={"pk": attempt.pk}))
    content = response.content.decode()
    assert "alleen lezen" in content
    assert 'name="lines_json"' not in content
    assert 'name="line-0-labour_units"' not in content
    api = client_for(assessor).get(reverse("api:cases_api:calc-draft", kwargs={"pk": attempt.pk}))
    assert api.json()["editable"] is False


# -- the services check who acts, whatever the caller ------------------------------------------


@pytest.fixture
def open_attempt(trainee, cohort):
    attempt = CalcAttemptFactory(trainee=trainee, cohort=cohort)
    services.draft_save(
        attempt=attempt,
        lines=[line(BUMPER, "replace", line_id="1")],
        expected_version=0,
        by=trainee,
    )
    return attempt


@pytest.mark.parametrize(
    "who", ["assessor", "admin_user", "other_trainee", "outsider_assessor", "editor"]
)
def test_draft_save_refuses_anyone_but_the_attempts_trainee(request, open_attempt, who):
    with pytest.raises(NotYourAttempt):
        services.draft_save(
            attempt=open_attempt, lines=[], expected_version=1, by=request.getfixturevalue(who)
        )
    draft = CalculationDraft.objects.get(attempt=open_attempt)
    assert (draft.version, len(draft.lines)) == (1, 1)


@pytest.mark.parametrize(
    "who", ["assessor", "admin_user", "other_trainee", "outsider_assessor", "editor"]
)
def test_calculation_submit_refuses_anyone_but_the_attempts_trainee(request, open_attempt, who):
    with pytest.raises(NotYourAttempt):
        services.calculation_submit(
            attempt=open_attempt, kind="precalc", by=request.getfixturevalue(who)
        )
    assert not CalculationVersion.objects.filter(attempt=open_attempt).exists()


def test_the_services_refuse_no_one_acting(open_attempt):
    with pytest.raises(NotYourAttempt):
        services.draft_save(attempt=open_attempt, lines=[], expected_version=1, by=None)
    with pytest.raises(NotYourAttempt):
        services.calculation_submit(attempt=open_attempt, kind="precalc", by=None)
