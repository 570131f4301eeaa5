"""The modified-Angoff cut score, its standard error and the judges' ICC2k, against an
example worked by hand.

Three judges, four items (one point each), the probability that a minimally competent
candidate gets the item right:

    item  J1   J2   J3   mean
    i1    0.6  0.7  0.5  0.6
    i2    0.8  0.8  0.9  0.8333…
    i3    0.5  0.6  0.4  0.5
    i4    0.9  0.9  0.8  0.8667…
    sum   2.8  3.0  2.6  2.8

Cut score: the sum of the item means, 2.8 of 4 points = 70.0 %. The judges' own cut scores
2.8, 3.0 and 2.6 have mean 2.8 (the same) and sample SD √((0² + 0.2² + 0.2²)/2) = 0.2; the
standard error is 0.2/√3 = 0.11547 points, 2.88675 % of the maximum.

ICC2k (Shrout & Fleiss ICC(2,k)), items as subjects (n = 4), judges as raters (k = 3), from the
two-way ANOVA: grand mean 0.7; item means' deviations −1/10, 2/15, −1/5, 1/6, so
SS items = 3 × 86/900 = 43/150 and MS items = 43/450; judge means 0.70, 0.75, 0.65, so
SS judges = 4 × 0.005 = 1/50, MS judges = 1/100; SS total 0.34, so SS error = 1/30 and
MS error = 1/180. ICC(2,k) = (MSR − MSE) / (MSR + (MSC − MSE)/n): numerator
43/450 − 1/180 = 81/900, denominator 43/450 + (1/100 − 1/180)/4 = 86/900 + 1/900 = 87/900;
ICC2k = 81/87 = 27/29 = 0.931034….
"""

from decimal import Decimal

import pytest

from assessment.exam_quality import ExamQualityInputError, angoff_cut_score

TABLE = {
    "J1": {"i1": 0.6, "i2": 0.8, "i3": 0.5, "i4": 0.9},
    "J2": {"i1": 0.7, "i2": 0.8, "i3": 0.6, "i4": 0.9},
    "J3": {"i1": 0.5, "i2": 0.9, "i3": 0.4, "i4": 0.8},
}


def test_cut_score_and_standard_error_match_the_hand_computation():
    result = angoff_cut_score(TABLE)

    assert result.judges == 3 and result.items == 4 and result.maximum == 4
    assert result.cut_score == pytest.approx(2.8)
    assert result.cut_score_percent == Decimal("70.0")
    assert result.judge_cut_scores == pytest.approx({"J1": 2.8, "J2": 3.0, "J3": 2.6})
    assert result.standard_error == pytest.approx(0.2 / 3**0.5)
    assert result.standard_error_percent == pytest.approx(100 * 0.2 / 3**0.5 / 4)
    assert result.default_pass_mark == Decimal("70")


def test_judges_agreement_is_icc2k_of_items_by_judges():
    result = angoff_cut_score(TABLE)

    assert result.agreement.form == "ICC2k"
    assert result.agreement.value == pytest.approx(27 / 29)
    assert result.agreement.band.value == "excellent"
    low, high = result.agreement.ci95
    assert low < 27 / 29 < high


def test_items_worth_more_points_weigh_more():
    # i4 worth 2 points: mean 0.8667 × 2; maximum 5; cut (2.8 + 0.8667) / 5 = 73.3 %
    result = angoff_cut_score(TABLE, maxima={"i4": 2})

    assert result.maximum == 5
    assert result.cut_score == pytest.approx(2.8 + 2.6 / 3)
    assert result.cut_score_percent == Decimal("73.3")


def test_percentage_is_rounded_half_up_like_a_grade():
    # 2 items, every judge 0.7 and 0.775 → 1.475 of 2 = 73.75 % → 73.8
    table = {judge: {"x": 0.7, "y": 0.775} for judge in ("A", "B", "C")}

    assert angoff_cut_score(table).cut_score_percent == Decimal("73.8")
    # 0.7 + 0.745 = 1.445 of 2 = 72.25 % → 72.3 (72.24999… in binary floating point)
    table = {judge: {"x": 0.7, "y": 0.745} for judge in ("A", "B", "C")}
    assert angoff_cut_score(table).cut_score_percent == Decimal("72.3")


def test_identical_estimates_give_no_icc_but_still_a_cut_score():
    table = {judge: {"x": 0.5, "y": 0.5, "z": 0.5} for judge in ("A", "B")}

    result = angoff_cut_score(table)

    assert result.cut_score_percent == Decimal("50.0")
    assert result.standard_error == 0
    assert result.agreement is None
    assert "alle beoordelingen zijn gelijk" in result.agreement_reason
    assert result.to_json()["agreement"] is None


def test_too_small_a_table_for_the_icc_says_so():
    table = {"A": {"x": 0.4, "y": 0.6}, "B": {"x": 0.5, "y": 0.9}}

    result = angoff_cut_score(table)

    assert result.cut_score == pytest.approx(1.2)
    assert result.agreement is None
    assert result.agreement_reason == "minstens 5 beoordelingen nodig voor de ICC, gevonden: 4"


def test_bad_tables_are_refused_with_dutch_errors_all_at_once():
    table = {
        "J1": {"i1": 1.2, "i2": -0.1},
        "J2": {"i1": "veel", "i2": 0.5, "i9": 0.5},
        "J3": {"i1": 0.5},
    }

    with pytest.raises(ExamQualityInputError) as refused:
        angoff_cut_score(table, items=["i1", "i2"])

    assert refused.value.errors == [
        "beoordelaar 'J1', item 'i1': kans 1.2 ligt buiten 0 tot en met 1",
        "beoordelaar 'J1', item 'i2': kans -0.1 ligt buiten 0 tot en met 1",
        "beoordelaar 'J2', item 'i1': geen getal: 'veel'",
        "beoordelaar 'J2': onbekend item 'i9'",
        "onvolledige tabel: beoordelaar 'J3' mist item 'i2'",
    ]


def test_one_judge_is_refused():
    with pytest.raises(ExamQualityInputError) as refused:
        angoff_cut_score({"J1": {"i1": 0.5}})

    assert refused.value.errors == ["minstens 2 beoordelaars (judges) nodig, gevonden: 1"]


def test_missing_item_of_the_form_is_refused():
    with pytest.raises(ExamQualityInputError) as refused:
        angoff_cut_score(TABLE, items=["i1", "i2", "i3", "i4", "i5"])

    assert refused.value.errors == [
        f"onvolledige tabel: beoordelaar '{judge}' mist item 'i5'" for judge in TABLE
    ]
