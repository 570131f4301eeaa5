"""An attempt is filed in the cohort through which its case is offered (issue #12, item 2).

A trainee in one cohort need not name it; a trainee in several chooses explicitly (the start
form and the API ask for the cohort and answer a Dutch error without one, or with one that is
not theirs); an exam-only case starts only in an exam cohort. The platform never picks "the
first cohort by id" for them: that filed an exam attempt under practice.
"""

import pytest
from django.urls import reverse

from cases import selectors, services
from cases.models import Attempt
from tests.factories.accounts import CohortFactory
from tests.factories.cases import PublishedCaseVersionFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def practice_case(db):
    return PublishedCaseVersionFactory().case


@pytest.fixture
def exam_case(db):
    return PublishedCaseVersionFactory(exam_only=True).case


def start_page(case):
    return reverse("cases:attempt-start", kwargs={"slug": case.slug})


def start_api(case):
    return reverse("api:cases_api:attempt-start", kwargs={"slug": case.slug})


def test_a_trainee_in_one_cohort_starts_in_that_cohort(trainee, cohort, practice_case):
    attempt = services.attempt_start(trainee=trainee, case=practice_case)
    assert attempt.cohort == cohort


def test_a_trainee_in_two_cohorts_must_choose(multi_cohort_trainee, practice_case):
    with pytest.raises(services.CohortChoiceNeeded) as refused:
        services.attempt_start(trainee=multi_cohort_trainee, case=practice_case)
    assert "kies de groep" in refused.value.message
    assert not Attempt.objects.exists()


def test_the_chosen_cohort_is_the_attempts_cohort(
    multi_cohort_trainee, cohort, exam_group, practice_case
):
    in_exam = services.attempt_start(
        trainee=multi_cohort_trainee, case=practice_case, cohort=exam_group
    )
    in_practice = services.attempt_start(
        trainee=multi_cohort_trainee, case=practice_case, cohort=cohort.pk
    )
    assert (in_exam.cohort, in_practice.cohort) == (exam_group, cohort)
    # one open attempt per case and cohort: starting again returns it
    again = services.attempt_start(
        trainee=multi_cohort_trainee, case=practice_case, cohort=exam_group
    )
    assert again.pk == in_exam.pk


def test_an_exam_case_lands_in_the_exam_cohort_not_the_practice_one_of_lower_id(
    multi_cohort_trainee, cohort, exam_group, exam_case
):
    # The bug: the attempt went to the trainee's first cohort by id (practice), exam mode off.
    assert cohort.pk < exam_group.pk
    attempt = services.attempt_start(trainee=multi_cohort_trainee, case=exam_case)
    assert attempt.cohort == exam_group


def test_an_exam_case_never_starts_in_a_practice_cohort(multi_cohort_trainee, cohort, exam_case):
    with pytest.raises(services.CohortChoiceNeeded) as refused:
        services.attempt_start(trainee=multi_cohort_trainee, case=exam_case, cohort=cohort)
    assert "examengroep" in refused.value.message
    assert not Attempt.objects.exists()


def test_a_cohort_that_is_not_the_trainees_is_refused(
    multi_cohort_trainee, other_cohort, practice_case
):
    with pytest.raises(services.CohortChoiceNeeded) as refused:
        services.attempt_start(
            trainee=multi_cohort_trainee, case=practice_case, cohort=other_cohort
        )
    assert "niet de uwe" in refused.value.message
    assert not Attempt.objects.exists()


def test_two_exam_cohorts_also_ask_for_a_choice(
    multi_cohort_trainee, organisation, exam_group, exam_case
):
    second = CohortFactory(organisation=organisation, name="Examengroep A2", exam_mode=True)
    second.trainees.add(multi_cohort_trainee)
    assert selectors.cohorts_offering(multi_cohort_trainee, exam_case.versions.get()) == [
        exam_group,
        second,
    ]
    with pytest.raises(services.CohortChoiceNeeded):
        services.attempt_start(trainee=multi_cohort_trainee, case=exam_case)


def test_the_start_form_asks_for_the_cohort(
    multi_cohort_trainee, cohort, practice_case, client_for
):
    client = client_for(multi_cohort_trainee)
    html = client.get(reverse("cases:index")).content.decode()
    assert 'name="cohort"' in html
    assert "Examengroep A" in html
    # without a choice: the page again, with the reason, and nothing started
    response = client.post(start_page(practice_case))
    assert response.status_code == 400
    assert "kies de groep waarin u deze casus maakt" in response.content.decode()
    assert not Attempt.objects.exists()
    # a cohort that is not theirs
    response = client.post(start_page(practice_case), {"cohort": "999999"})
    assert response.status_code == 400
    assert not Attempt.objects.exists()
    # with the choice
    response = client.post(start_page(practice_case), {"cohort": str(cohort.pk)})
    assert response.status_code == 302
    assert Attempt.objects.get().cohort == cohort


def test_a_trainee_in_one_cohort_gets_no_choice_on_the_form(
    trainee, cohort, practice_case, client_for
):
    client = client_for(trainee)
    assert 'name="cohort"' not in client.get(reverse("cases:index")).content.decode()
    assert client.post(start_page(practice_case)).status_code == 302
    assert Attempt.objects.get().cohort == cohort


def test_the_api_asks_for_the_cohort(
    multi_cohort_trainee, cohort, exam_group, other_cohort, practice_case, exam_case, client_for
):
    client = client_for(multi_cohort_trainee)
    response = client.post(start_api(practice_case), {}, content_type="application/json")
    assert response.status_code == 400
    assert response.json()["errors"][0]["path"] == "cohort"
    assert "kies de groep" in response.json()["errors"][0]["message"]
    response = client.post(
        start_api(practice_case), {"cohort": other_cohort.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    response = client.post(
        start_api(exam_case), {"cohort": cohort.pk}, content_type="application/json"
    )
    assert response.status_code == 400
    assert "examengroep" in response.json()["errors"][0]["message"]
    response = client.post(
        start_api(practice_case), {"cohort": "geen getal"}, content_type="application/json"
    )
    assert response.status_code == 400
    assert not Attempt.objects.exists()
    response = client.post(
        start_api(exam_case), {"cohort": exam_group.pk}, content_type="application/json"
    )
    assert response.status_code == 201
    assert Attempt.objects.get(pk=response.json()["id"]).cohort == exam_group


def test_a_trainee_in_no_cohort_practises_alone(organisation, practice_case, client_for):
    from schadeplatform.accounts.models import Role
    from tests.factories.accounts import UserFactory

    loner = UserFactory(username="cursist_zonder_groep", role=Role.TRAINEE)
    attempt = services.attempt_start(trainee=loner, case=practice_case)
    assert attempt.cohort is None
