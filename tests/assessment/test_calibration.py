"""Calibration of assessors (issue #15, item 2): the agreement with the agreed grades, the
thresholds, expiry per exam period and the validation of a rating."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from assessment import calibration
from assessment.agreement import cohen_kappas, icc
from assessment.models import CalibrationRating, CalibrationResult
from schadeplatform.accounts.models import Role
from tests.factories.accounts import UserFactory

from .calibration_helpers import (
    AGREED_LEVELS,
    TODAY,
    calibration_set,
    past_period,
    period,
    rate_all,
    rubric,
)

pytestmark = pytest.mark.django_db

SUBJECTS = [str(n) for n in range(1, 6)]
AGREED = [50, 60, 70, 80, 90]


def _pairs(scores, levels=AGREED_LEVELS, agreed_levels=AGREED_LEVELS):
    return [
        (subject, Decimal(score), rubric(own), Decimal(agreed), rubric(standard))
        for subject, score, own, agreed, standard in zip(
            SUBJECTS, scores, levels, AGREED, agreed_levels, strict=True
        )
    ]


def _agreement(pairs):
    return calibration.agreement_of(
        pairs, icc_threshold=Decimal("0.75"), kappa_threshold=Decimal("0.61")
    )


# -- the figures ------------------------------------------------------------------------------


def test_a_five_point_shift_gives_icc_a1_500_over_525_by_hand():
    # given an assessor 5 points above every agreed score: row means deviate −20…20, so
    # MSR = 2·(400+100+0+100+400)/4 = 500, MSC = 5·(2.5²+2.5²)/1 = 62.5 and MSE = 0;
    # ICC(A,1) = MSR / (MSR + (k−1)·MSE + k/n·(MSC − MSE)) = 500 / (500 + 0.4·62.5)
    agreement = _agreement(_pairs([55, 65, 75, 85, 95]))
    assert agreement.icc_value == pytest.approx(500 / 525)
    # then the absolute-agreement form counts the shift, the consistency form would not
    ratings = calibration.score_ratings(
        [(s, Decimal(a + 5), Decimal(a)) for s, a in zip(SUBJECTS, AGREED, strict=True)]
    )
    assert icc(ratings)["ICC3"].value == pytest.approx(1.0)
    assert agreement.icc_value == icc(ratings)["ICC2"].value
    assert agreement.calibrated_by_icc


def test_a_twenty_point_shift_is_below_the_icc_threshold():
    # MSC = 5·(10² + 10²) = 1000: ICC(A,1) = 500 / (500 + 0.4·1000) = 0.5556
    shifted = _agreement(_pairs([70, 80, 90, 100, 110]))
    assert shifted.icc_value == pytest.approx(500 / 900)
    assert not shifted.calibrated_by_icc


def _hand_quadratic_kappa(own, agreed):
    # κw = 1 − Σ(a−b)² / ((1/N)·Σ_k Σ_l (a_k − b_l)²): the Fleiss-Cohen weights on level values
    n = len(own)
    observed = sum((a - b) ** 2 for a, b in zip(own, agreed, strict=True))
    expected = sum((a - b) ** 2 for a in own for b in agreed) / n
    return 1 - observed / expected


def test_the_kappa_is_the_quadratic_weighted_kappa_of_all_items_and_areas_pooled():
    own_levels = ((1, 2, 2, 2), (2, 3, 3, 2), (3, 2, 3, 3), (3, 4, 4, 3), (4, 4, 4, 2))
    agreement = _agreement(_pairs([50, 60, 70, 80, 90], levels=own_levels))
    own = [level for levels in own_levels for level in levels]
    agreed = [level for levels in AGREED_LEVELS for level in levels]
    assert agreement.kappa == pytest.approx(_hand_quadratic_kappa(own, agreed))
    pooled = calibration.level_ratings(
        [
            (s, rubric(o), rubric(a))
            for s, o, a in zip(SUBJECTS, own_levels, AGREED_LEVELS, strict=True)
        ]
    )
    assert agreement.kappa == pytest.approx(cohen_kappas(pooled).kappa_quadratic)
    # by hand: four areas one level off, Σ(a−b)² = 4; Σa = 56, Σa² = 172, Σb = 54, Σb² = 162,
    # so ΣΣ(a_k − b_l)² = 20·172 + 20·162 − 2·56·54 = 632 and κw = 1 − 4 / (632/20) = 0.8734
    assert agreement.kappa == pytest.approx(1 - 4 / 31.6)


def test_calibrated_by_the_kappa_alone_when_the_scores_are_shifted():
    shifted = _agreement(_pairs([70, 80, 90, 100, 110]))
    assert not shifted.calibrated_by_icc
    assert shifted.kappa == pytest.approx(1.0)
    assert shifted.calibrated


def test_not_calibrated_when_both_statistics_are_below_their_thresholds():
    far_levels = ((4, 4, 4, 4), (1, 1, 1, 1), (4, 4, 4, 4), (1, 1, 1, 1), (1, 1, 1, 1))
    agreement = _agreement(_pairs([90, 50, 40, 95, 60], levels=far_levels))
    assert agreement.icc_value < 0.75 and agreement.kappa < 0.61
    assert not agreement.calibrated


def test_an_undefined_statistic_is_stated_not_invented():
    # every score and every level the same: neither statistic is defined
    same = ((3, 3, 3, 3),) * 5
    pairs = [
        (s, Decimal(70), rubric(levels), Decimal(70), rubric(levels))
        for s, levels in zip(SUBJECTS, same, strict=True)
    ]
    agreement = _agreement(pairs)
    assert agreement.icc is None and "gelijk" in agreement.icc_reason
    assert agreement.kappa is None and "gelijk" in agreement.kappa_reason
    assert not agreement.calibrated


def test_the_thresholds_are_the_periods(assessor, trainee):
    # given a strict period: ICC 0.952 is not enough, and the kappa 0.86 neither
    strict = period()
    strict.icc_threshold, strict.kappa_threshold = Decimal("0.96"), Decimal("0.90")
    strict.save()
    calibration_set_ = calibration_set(trainee)
    rate_all(assessor, calibration_set_, points=5)
    result = CalibrationResult.objects.get(assessor=assessor)
    assert result.icc == pytest.approx(500 / 525)
    assert result.kappa_quadratic == pytest.approx(1.0)
    assert result.calibrated  # the kappa 1.0 ≥ 0.90


# -- results, expiry --------------------------------------------------------------------------


def test_the_result_is_computed_once_every_item_is_rated(assessor, trainee):
    current = period()
    rated = calibration_set(trainee)
    items = list(rated.items.order_by("position"))
    for item in items[:-1]:
        calibration.rating_give(
            item=item,
            by=assessor,
            score=str(item.agreed_score),
            rubric=item.agreed_rubric,
            on=TODAY,
        )
    assert not CalibrationResult.objects.exists()
    assert not calibration.is_calibrated(assessor, on=TODAY)
    calibration.rating_give(
        item=items[-1], by=assessor, score="91,5", rubric=items[-1].agreed_rubric, on=TODAY
    )
    result = CalibrationResult.objects.get(assessor=assessor, period=current)
    assert result.items == 5 and result.calibrated
    assert result.details["icc_form"] == "ICC2"
    assert result.details["items"][-1]["difference"] == "1.5"
    assert calibration.is_calibrated(assessor, on=TODAY)


def test_a_calibration_expires_with_its_period(assessor, trainee):
    # given a calibration in June
    june = past_period()
    december = period()
    rated = calibration_set(trainee)
    rate_all(assessor, rated, on=dt.date(2026, 6, 1))
    assert calibration.calibrated_in(assessor, june)
    assert calibration.is_calibrated(assessor, on=dt.date(2026, 7, 31))
    # then it does not count in December, nor between the periods
    assert not calibration.is_calibrated(assessor, on=TODAY)
    assert not calibration.is_calibrated(assessor, on=dt.date(2026, 9, 1))
    # and the assessor calibrates again in December, afresh, on the period's new set
    rate_all(assessor, calibration_set(trainee), on=TODAY)
    assert calibration.calibrated_in(assessor, december)
    assert CalibrationRating.objects.filter(assessor=assessor).count() == 10


def test_a_set_rated_in_an_earlier_period_cannot_calibrate_its_assessor_again(assessor, trainee):
    # rated in June: the assessor saw every item's agreed grade right after rating it
    june = past_period()
    period()
    rated = calibration_set(trainee)
    rate_all(assessor, rated, on=dt.date(2026, 6, 1))
    item = rated.items.order_by("position").first()
    with pytest.raises(calibration.CalibrationError) as refused:
        calibration.rating_give(
            item=item,
            by=assessor,
            score=str(item.agreed_score),
            rubric=item.agreed_rubric,
            on=TODAY,
        )
    assert refused.value.errors[0]["path"] == "calibration_set"
    assert june.name in refused.value.errors[0]["message"]
    assert "nieuwe set" in refused.value.errors[0]["message"]
    assert not CalibrationRating.objects.filter(
        assessor=assessor, period__starts_on__gt=june.ends_on
    ).exists()
    assert not calibration.calibrated_in(assessor, calibration.current_period(TODAY))
    # another assessor, who has not rated it, still calibrates on it in December
    other = UserFactory(username="beoordelaar_nieuw", role=Role.ASSESSOR)
    rate_all(other, rated, on=TODAY)
    assert calibration.is_calibrated(other, on=TODAY)


def test_a_rating_stands_once_given(assessor, trainee):
    period()
    item = calibration_set(trainee).items.first()
    calibration.rating_give(item=item, by=assessor, score="50", rubric=item.agreed_rubric, on=TODAY)
    with pytest.raises(calibration.CalibrationError) as refused:
        calibration.rating_give(
            item=item, by=assessor, score="51", rubric=item.agreed_rubric, on=TODAY
        )
    assert "al beoordeeld" in str(refused.value)
    assert CalibrationRating.objects.get().score == Decimal("50.0")


# -- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("score", "message"),
    [
        ("", "Geef een score"),
        ("abc", "Geef een score"),
        ("100.5", "tussen 0 en 100"),
        ("-1", "tussen 0 en 100"),
        ("70.25", "één decimaal"),
        ("NaN", "Geef een score"),
    ],
)
def test_a_score_is_0_to_100_with_one_decimal(score, message):
    _value, errors = calibration.validate_grade(score, rubric((3, 3, 3, 3)))
    assert [error["path"] for error in errors] == ["score"]
    assert message in errors[0]["message"]


def test_a_decimal_comma_is_read():
    value, errors = calibration.validate_grade("74,5", rubric((3, 3, 3, 3)))
    assert errors == [] and value == Decimal("74.5")


def test_every_rubric_area_needs_a_level_1_to_4_and_errors_name_the_field():
    levels = rubric((3, 3, 3, 3))
    levels["analyseren-en-interpreteren"] = 5
    levels["organiseren-en-uitvoeren"] = True
    del levels["ondersteunen-en-samenwerken"]
    levels["onbekend"] = 2
    _value, errors = calibration.validate_grade("70", levels)
    assert {error["path"] for error in errors} == {
        "rubric.onbekend",
        "rubric.analyseren-en-interpreteren",
        "rubric.organiseren-en-uitvoeren",
        "rubric.ondersteunen-en-samenwerken",
    }
    assert all(error["message"] for error in errors)


def test_rating_outside_a_period_or_an_unpublished_set_or_as_a_trainee_is_refused(
    assessor, trainee
):
    item = calibration_set(trainee).items.first()
    with pytest.raises(calibration.CalibrationError, match="geen examenperiode"):
        calibration.rating_give(
            item=item, by=assessor, score="50", rubric=item.agreed_rubric, on=TODAY
        )
    period()
    with pytest.raises(calibration.CalibrationNotAllowed):
        calibration.rating_give(
            item=item, by=trainee, score="50", rubric=item.agreed_rubric, on=TODAY
        )
    hidden = calibration_set(trainee, published=False).items.first()
    with pytest.raises(calibration.CalibrationNotAllowed):
        calibration.rating_give(
            item=hidden, by=assessor, score="50", rubric=hidden.agreed_rubric, on=TODAY
        )


def test_periods_may_not_overlap(organisation):
    from .calibration_helpers import exam_board_member

    board = exam_board_member(organisation)
    period()
    with pytest.raises(calibration.CalibrationError) as refused:
        calibration.period_create(
            by=board, name="Overlap", starts_on=dt.date(2027, 1, 1), ends_on=dt.date(2027, 3, 1)
        )
    assert refused.value.errors[0]["path"] == "starts_on"


def test_the_ratings_for_the_cross_assessor_statistics(assessor, outsider_assessor, trainee):
    current = period()
    rated = calibration_set(trainee)
    rate_all(assessor, rated, points=5)
    rate_all(outsider_assessor, rated, points=-5)
    scores, agreed = calibration.calibration_ratings(rated, current)
    assert len(scores) == 10 and {r.rater for r in scores} == {"beoordelaar_a", "beoordelaar_b"}
    assert sorted(agreed.values()) == [Decimal(s) for s in ("50.0", "60.0", "70.0", "80.0", "90.0")]
    levels, agreed_levels = calibration.calibration_ratings(
        rated, current, area="analyseren-en-interpreteren"
    )
    assert sorted(agreed_levels.values()) == [1, 2, 3, 3, 4]
    assert all(isinstance(r.value, int) for r in levels)
