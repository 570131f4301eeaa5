"""The calibration pages and API (issue #15, items 2 and 7): an assessor rates and sees their
own result, never another's; the agreed grade only after their own rating; the exam board
manages periods and sets and sees every result; trainees see nothing."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse
from django.utils import timezone

from assessment.models import CalibrationRating, CalibrationResult, CalibrationSet, ExamPeriod

from .calibration_helpers import calibration_set, exam_board_member, period, rate_all, rubric

pytestmark = pytest.mark.django_db


@pytest.fixture
def current():
    today = timezone.localdate()
    return period("Huidige periode", today - dt.timedelta(days=10), today + dt.timedelta(days=30))


@pytest.fixture
def board(organisation):
    return exam_board_member(organisation)


@pytest.fixture
def published(trainee):
    return calibration_set(trainee)


def _form(score="72,5", levels=(3, 3, 2, 3), comment=""):
    data = {"score": score, "comment": comment}
    data.update({f"rubric_{slug}": str(level) for slug, level in rubric(levels).items()})
    return data


# -- pages ------------------------------------------------------------------------------------


def test_an_assessor_rates_an_item_and_then_sees_the_agreed_grade(
    current, published, assessor, client_for
):
    client = client_for(assessor)
    item = published.items.order_by("position").first()
    index = client.get(reverse("assessment:calibration"))
    assert index.status_code == 200 and "Set A" in index.content.decode()
    page = client.get(reverse("assessment:calibration_item", args=[item.pk]))
    html = page.content.decode()
    assert page.status_code == 200
    assert 'id="calibration-rating-form"' in html and "side-by-side" in html
    assert 'id="agreed-score"' not in html  # not before the own rating
    assert item.attempt.trainee.username not in html  # the trainee stays anonymous
    answer = client.post(reverse("assessment:calibration_item", args=[item.pk]), _form())
    assert answer.status_code == 302
    after = client.get(reverse("assessment:calibration_item", args=[item.pk])).content.decode()
    assert 'id="agreed-score"' in after and "72,5" in after and "50,0" in after
    assert 'id="calibration-rating-form"' not in after


def test_a_refused_rating_keeps_what_was_typed(current, published, assessor, client_for):
    item = published.items.first()
    levels = _form(score="101", comment="Mijn toelichting")
    levels["rubric_analyseren-en-interpreteren"] = ""
    answer = client_for(assessor).post(
        reverse("assessment:calibration_item", args=[item.pk]), levels
    )
    html = answer.content.decode()
    assert answer.status_code == 400
    assert "Een score ligt tussen 0 en 100." in html
    assert "Kies een niveau van 1 tot en met 4." in html
    assert 'value="101"' in html and "Mijn toelichting" in html
    assert 'value="2" selected' in html  # ondersteunen-en-samenwerken as typed
    assert not CalibrationRating.objects.exists()


def test_the_set_page_shows_the_own_result_with_bands(current, published, assessor, client_for):
    rate_all(assessor, published, points=5)
    html = (
        client_for(assessor)
        .get(reverse("assessment:calibration_set", args=[published.pk]))
        .content.decode()
    )
    assert 'id="calibration-result"' in html
    assert "0,95" in html and "uitstekend" in html  # ICC(A,1) 500/525, Koo & Li
    assert "Gekalibreerd" in html and "geldig tot en met" in html


def test_trainees_and_editors_see_no_calibration_page(
    current, published, trainee, editor, client_for
):
    item = published.items.first()
    for user in (trainee, editor):
        client = client_for(user)
        assert client.get(reverse("assessment:calibration")).status_code == 404
        assert (
            client.get(reverse("assessment:calibration_set", args=[published.pk])).status_code
            == 404
        )
        assert client.get(reverse("assessment:calibration_item", args=[item.pk])).status_code == 404


def test_an_unpublished_set_is_for_the_exam_board_only(
    current, trainee, assessor, board, client_for
):
    hidden = calibration_set(trainee, published=False)
    url = reverse("assessment:calibration_set", args=[hidden.pk])
    assert client_for(assessor).get(url).status_code == 404
    assert client_for(board).get(url).status_code == 200


def test_the_management_pages_are_for_the_exam_board(current, assessor, board, client_for):
    for name, args in (
        ("assessment:calibration_manage", []),
        ("assessment:calibration_period", [current.pk]),
        ("assessment:calibration_set_create", []),
    ):
        assert client_for(assessor).get(reverse(name, args=args)).status_code == 404
        assert client_for(board).get(reverse(name, args=args)).status_code == 200


def test_the_exam_board_sees_every_assessors_status_in_a_period(
    current, published, assessor, outsider_assessor, board, client_for
):
    rate_all(assessor, published)
    rate_all(outsider_assessor, published, points=[30, -30, 25, -25, 5], level_step=-3)
    page = client_for(board).get(reverse("assessment:calibration_period", args=[current.pk]))
    statuses = {s.assessor.username: s for s in page.context["statuses"]}
    assert statuses["beoordelaar_a"].calibrated and statuses["beoordelaar_a"].rated == 5
    assert not statuses["beoordelaar_b"].calibrated and statuses["beoordelaar_b"].results


def test_the_exam_board_creates_a_period_and_a_set_and_publishes_it(
    current, board, trainee, client_for
):
    from tests.factories.assessment import finished_attempt

    client = client_for(board)
    refused = client.post(
        reverse("assessment:calibration_manage"),
        {"name": "Overlappend", "starts_on": "2020-01-01", "ends_on": "2099-01-01"},
    )
    assert refused.status_code == 400 and "overlapt" in refused.content.decode()
    assert 'value="Overlappend"' in refused.content.decode()
    made = client.post(
        reverse("assessment:calibration_manage"),
        {"name": "Voorjaar 2100", "starts_on": "2100-03-01", "ends_on": "2100-05-31"},
    )
    assert made.status_code == 302 and ExamPeriod.objects.filter(name="Voorjaar 2100").exists()
    attempts = [finished_attempt(trainee=trainee) for _ in range(3)]
    lines = "\n".join(f"{a.pk}; 7{n},5; 3 3 2 {n + 1}" for n, a in enumerate(attempts))
    bad = client.post(
        reverse("assessment:calibration_set_create"),
        {"title": "Nieuw", "items": lines + "\n999999; 50; 3 3 3"},
    )
    assert bad.status_code == 400
    assert "Regel 4" in bad.content.decode() and "999999; 50; 3 3 3" in bad.content.decode()
    good = client.post(
        reverse("assessment:calibration_set_create"), {"title": "Nieuw", "items": lines}
    )
    assert good.status_code == 302
    created = CalibrationSet.objects.get(title="Nieuw")
    assert not created.published and created.items.count() == 3
    client.post(reverse("assessment:calibration_set_publish", args=[created.pk]))
    created.refresh_from_db()
    assert created.published


# -- API --------------------------------------------------------------------------------------


def test_the_api_shows_the_agreed_grade_only_after_the_own_rating(
    current, published, assessor, client_for
):
    client = client_for(assessor)
    url = reverse("api:assessment_api:calibration-set-detail", args=[published.pk])
    entries = client.get(url).json()["entries"]
    assert all(entry["agreed_score"] is None for entry in entries)
    item = published.items.order_by("position").first()
    answer = client.post(
        reverse("api:assessment_api:calibration-rate", args=[item.pk]),
        {"score": "51.5", "rubric": rubric((1, 2, 2, 1))},
        content_type="application/json",
    )
    assert answer.status_code == 201, answer.content
    assert answer.json()["agreed_score"] == "50.0" and answer.json()["result"] is None
    entries = client.get(url).json()["entries"]
    assert entries[0]["agreed_score"] == "50.0" and entries[1]["agreed_score"] is None


def test_the_api_names_field_paths(current, published, assessor, client_for):
    item = published.items.first()
    answer = client_for(assessor).post(
        reverse("api:assessment_api:calibration-rate", args=[item.pk]),
        {"score": "70.25", "rubric": {"analyseren-en-interpreteren": 9}},
        content_type="application/json",
    )
    assert answer.status_code == 400
    paths = {error["path"] for error in answer.json()["errors"]}
    assert "score" in paths and "rubric.analyseren-en-interpreteren" in paths
    assert "rubric.organiseren-en-uitvoeren" in paths


def test_an_assessor_sees_only_their_own_results(
    current, published, assessor, outsider_assessor, board, client_for
):
    rate_all(assessor, published)
    rate_all(outsider_assessor, published, points=3)
    own = client_for(assessor).get(reverse("api:assessment_api:calibration-results-own")).json()
    assert [r["assessor"] for r in own] == ["beoordelaar_a"]
    period_url = reverse("api:assessment_api:calibration-results-period", args=[current.pk])
    assert client_for(assessor).get(period_url).status_code == 404
    every = client_for(board).get(period_url).json()
    assert {r["assessor"] for r in every} == {"beoordelaar_a", "beoordelaar_b"}
    assert CalibrationResult.objects.count() == 2


def test_trainees_get_nothing_from_the_api(current, published, trainee, client_for):
    client = client_for(trainee)
    item = published.items.first()
    assert client.get(reverse("api:assessment_api:calibration-set-list")).status_code == 404
    assert (
        client.get(
            reverse("api:assessment_api:calibration-set-detail", args=[published.pk])
        ).status_code
        == 404
    )
    answer = client.post(
        reverse("api:assessment_api:calibration-rate", args=[item.pk]),
        {"score": "50", "rubric": rubric((1, 2, 2, 1))},
        content_type="application/json",
    )
    assert answer.status_code == 404
    assert client.get(reverse("api:assessment_api:calibration-results-own")).status_code == 404


def test_the_exam_board_creates_and_publishes_a_set_through_the_api(
    current, board, assessor, trainee, client_for
):
    from tests.factories.assessment import finished_attempt

    attempts = [finished_attempt(trainee=trainee) for _ in range(3)]
    body = {
        "title": "API-set",
        "items": [
            {
                "attempt": a.pk,
                "agreed_score": f"6{n}.5",
                "agreed_rubric": rubric((2, 3, 3, 2)),
            }
            for n, a in enumerate(attempts)
        ],
    }
    create = reverse("api:assessment_api:calibration-set-create")
    refused = client_for(assessor).post(create, body, content_type="application/json")
    assert refused.status_code == 403
    wrong = {**body, "items": [*body["items"], {"attempt": 0, "agreed_score": "x"}]}
    bad = client_for(board).post(create, wrong, content_type="application/json")
    assert bad.status_code == 400
    paths = {error["path"] for error in bad.json()["errors"]}
    assert {"items[3].attempt", "items[3].agreed_score", "items[3].agreed_rubric"} <= paths
    made = client_for(board).post(create, body, content_type="application/json")
    assert made.status_code == 201 and made.json()["items"] == 3
    pk = made.json()["id"]
    publish = reverse("api:assessment_api:calibration-set-publish", args=[pk])
    assert client_for(assessor).post(publish).status_code == 404  # unpublished: not seen
    assert client_for(board).post(publish).json()["published"] is True
    assert client_for(assessor).post(publish).status_code == 403
