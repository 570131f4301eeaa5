"""Which attempts may go in a calibration set (issue #15, item 2; review P4): a published set
shows every item with its agreed grade to every assessor, so an exam attempt goes in only once
its final grade is released; and the item page never names the trainee."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment import services
from assessment.calibration import CalibrationError, ItemInput
from assessment.calibration_sets import calibration_set_create
from assessment.models import CalibrationRating
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory
from tests.factories.assessment import finished_attempt, signed_grade

from .calibration_helpers import (
    AGREED_LEVELS,
    calibration_set,
    exam_board_member,
    period,
    rate_all,
    rubric,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def board(organisation):
    return exam_board_member(organisation)


@pytest.fixture
def exam_attempt(multi_cohort_trainee, exam_group):
    return finished_attempt(trainee=multi_cohort_trainee, cohort=exam_group)


@pytest.fixture
def second_examiner(exam_group):
    user = UserFactory(username="examinator_a2", role=Role.ASSESSOR)
    exam_group.assessors.add(user)
    return user


def _inputs(*attempts):
    return [ItemInput(a.pk, "70", rubric(AGREED_LEVELS[0])) for a in attempts]


def test_an_exam_attempt_still_being_marked_is_refused_with_its_field_path(
    board, exam_attempt, examiner, trainee
):
    signed_grade(exam_attempt, examiner)  # the first marker done; the second still to come
    practice = finished_attempt(trainee=trainee)
    with pytest.raises(CalibrationError) as refused:
        calibration_set_create(by=board, title="Set", items=_inputs(practice, exam_attempt))
    assert [error["path"] for error in refused.value.errors] == ["items[1].attempt"]
    assert "nog niet is vrijgegeven" in refused.value.errors[0]["message"]


def test_an_exam_attempt_goes_in_once_its_final_grade_is_released(
    board, exam_attempt, examiner, second_examiner
):
    first = signed_grade(exam_attempt, examiner)
    signed_grade(exam_attempt, second_examiner)
    # agreed but not yet released: still refused
    with pytest.raises(CalibrationError):
        calibration_set_create(by=board, title="Set", items=_inputs(exam_attempt))
    services.grade_release(grade=first, by=examiner)
    created = calibration_set_create(by=board, title="Set", items=_inputs(exam_attempt))
    assert created.items.get().attempt == exam_attempt


def test_the_api_names_the_refused_attempt(board, exam_attempt, client_for):
    body = {
        "title": "Set",
        "items": [
            {
                "attempt": exam_attempt.pk,
                "agreed_score": "70",
                "agreed_rubric": rubric(AGREED_LEVELS[0]),
            }
        ],
    }
    answer = client_for(board).post(
        reverse("api:assessment_api:calibration-set-create"), body, content_type="application/json"
    )
    assert answer.status_code == 400
    assert answer.json()["errors"][0]["path"] == "items[0].attempt"


def test_the_item_page_and_api_never_name_the_trainee(organisation, assessor, board, client_for):
    named = UserFactory(
        username="cursist_zichtbaar",
        first_name="Zoë",
        last_name="Verborgenheim",
        role=Role.TRAINEE,
        organisation=organisation,
    )
    item = calibration_set(named).items.order_by("position").first()
    for user in (assessor, board):
        client = client_for(user)
        for url in (
            reverse("assessment:calibration_item", args=[item.pk]),
            reverse("assessment:calibration_set", args=[item.calibration_set_id]),
            reverse("api:assessment_api:calibration-set-detail", args=[item.calibration_set_id]),
        ):
            page = client.get(url)
            assert page.status_code == 200, url
            text = page.content.decode()
            assert "Verborgenheim" not in text and "cursist_zichtbaar" not in text, url


def test_the_item_page_of_a_set_rated_in_an_earlier_period_offers_no_form(
    assessor, trainee, client_for
):
    today = timezone.localdate()
    earlier = period(
        "Vorige periode", today - dt.timedelta(days=200), today - dt.timedelta(days=100)
    )
    period("Huidige periode", today - dt.timedelta(days=10), today + dt.timedelta(days=30))
    rated = calibration_set(trainee)
    rate_all(assessor, rated, on=earlier.starts_on)
    item = rated.items.order_by("position").first()
    url = reverse("assessment:calibration_item", args=[item.pk])
    client = client_for(assessor)
    page = client.get(url)
    assert page.status_code == 200
    text = page.content.decode()
    assert 'id="set-rated-earlier"' in text and "Vorige periode" in text
    assert 'id="calibration-rating-form"' not in text
    levels = {f"rubric_{slug}": str(level) for slug, level in item.agreed_rubric.items()}
    posted = client.post(url, {"score": "70", "comment": "", **levels})
    assert posted.status_code == 400
    assert "nieuwe set" in posted.content.decode()
    assert not CalibrationRating.objects.filter(
        assessor=assessor, period__name="Huidige periode"
    ).exists()
