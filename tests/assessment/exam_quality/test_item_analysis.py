"""Item analysis of a form: facility, corrected item-total discrimination, flags, degenerate
items and Cronbach's alpha, against a worked example computed by hand.

The worked example: five candidates, three dichotomous items A, B, C.

    candidate  A B C  total
    c1         1 1 1    3
    c2         1 1 0    2
    c3         1 0 1    2
    c4         0 1 0    1
    c5         0 0 0    0

Facility (share with full credit): A 3/5 = 0.6, B 0.6, C 0.4.

Cronbach's alpha, k/(k − 1) × (1 − Σ item variances / total variance), sample variances:
each item p(1 − p) × n/(n − 1) = 0.24 × 5/4 = 0.3, sum 0.9; totals 3, 2, 2, 1, 0 with mean 1.6,
squared deviations 1.96 + 0.16 + 0.16 + 0.36 + 2.56 = 5.2, variance 5.2/4 = 1.3;
alpha = 3/2 × (1 − 0.9/1.3) = 0.6/1.3 = 6/13 = 0.461538….

Corrected item-total correlation (item against the sum of the other two):
- A: 1,1,1,0,0 against rest 2,1,1,1,0; deviations 0.4,0.4,0.4,−0.6,−0.6 and 1,0,0,0,−1;
  cross products 1.0, SS 1.2 and 2; r = 1/√2.4 = √(5/12) = 0.645497…
- B: 1,1,0,1,0 against rest 2,1,2,0,0; cross products 0.4 + 0 − 0.6 − 0.4 + 0.6 = 0: r = 0,
  below 0.20, flagged;
- C: 1,0,1,0,0 against rest 2,2,1,1,0; cross products 0.6, SS 1.2 and 2.8;
  r = 0.6/√3.36 = √(3/28) = 0.327327….

A fourth item D that everyone gets right has no spread: its discrimination is undefined; it
adds a constant to every total, so the others' correlations stay as above, and alpha becomes
4/3 × (1 − 0.9/1.3) = 16/39 = 0.410256….
"""

import json
import math

import numpy as np
import pytest
from django.utils import translation
from scipy.stats import f, pointbiserialr

from assessment.exam_quality import (
    LOW_DISCRIMINATION,
    ExamQualityInputError,
    Item,
    ItemFlag,
    cronbach,
    item_analysis,
    response_matrix,
)

WORKED = [
    [1, 1, 1],
    [1, 1, 0],
    [1, 0, 1],
    [0, 1, 0],
    [0, 0, 0],
]


def by_key(analysis):
    return {item.key: item for item in analysis.items}


def test_worked_example_facility_discrimination_and_alpha_match_the_hand_computation():
    # given
    matrix = response_matrix(WORKED, items=["A", "B", "C"])

    # when
    analysis = item_analysis(matrix)

    # then
    items = by_key(analysis)
    assert [items[key].facility for key in "ABC"] == pytest.approx([0.6, 0.6, 0.4])
    assert items["A"].discrimination == pytest.approx(math.sqrt(5 / 12))
    assert items["B"].discrimination == pytest.approx(0, abs=1e-12)
    assert items["C"].discrimination == pytest.approx(math.sqrt(3 / 28))
    assert analysis.alpha.value == pytest.approx(6 / 13)
    assert analysis.candidates == 5


def test_alpha_interval_is_feldts_from_the_f_distribution():
    # Feldt et al. (1987): 1 − (1 − alpha) × F(0.025 upper / lower; n − 1, (n − 1)(k − 1))
    alpha = cronbach(response_matrix(WORKED))
    low = 1 - (1 - 6 / 13) * f.isf(0.025, 4, 8)
    high = 1 - (1 - 6 / 13) * f.isf(0.975, 4, 8)

    assert alpha.ci95 == pytest.approx((round(low, 3), round(high, 3)))
    assert alpha.ci95[0] < alpha.value < alpha.ci95[1]


def test_only_items_below_the_ebel_threshold_are_flagged():
    analysis = item_analysis(response_matrix(WORKED, items=["A", "B", "C"]))

    assert LOW_DISCRIMINATION == 0.20
    assert [item.key for item in analysis.flagged] == ["B"]
    assert by_key(analysis)["B"].flags == (ItemFlag.LOW_DISCRIMINATION,)
    assert by_key(analysis)["C"].flags == ()  # 0.327 is marginal, not below 0.20


def test_item_everyone_gets_right_has_no_discrimination_and_is_flagged_no_spread():
    # given
    rows = [[*row, 1] for row in WORKED]

    # when
    analysis = item_analysis(response_matrix(rows, items=["A", "B", "C", "D"]))

    # then
    items = by_key(analysis)
    assert items["D"].discrimination is None
    assert items["D"].reason.startswith("geen spreiding")
    assert items["D"].flags == (ItemFlag.NO_SPREAD,)
    assert items["D"].facility == 1
    assert items["A"].discrimination == pytest.approx(math.sqrt(5 / 12))
    assert analysis.alpha.value == pytest.approx(16 / 39)
    with translation.override("nl"):
        assert str(ItemFlag.NO_SPREAD.label) == "geen spreiding"


def test_item_nobody_gets_right_is_flagged_no_spread_too():
    rows = [[*row, 0] for row in WORKED]

    item = by_key(item_analysis(response_matrix(rows, items=["A", "B", "C", "D"])))["D"]

    assert (item.facility, item.discrimination, item.flags) == (0, None, (ItemFlag.NO_SPREAD,))


def test_discrimination_of_a_dichotomous_item_is_its_point_biserial_correlation():
    rng = np.random.default_rng(15)
    ability = rng.normal(size=(300, 1))
    rows = (rng.normal(size=(300, 8)) + ability > 0).astype(float)

    analysis = item_analysis(response_matrix(rows.tolist()))

    for column, item in enumerate(analysis.items):
        rest = rows.sum(axis=1) - rows[:, column]
        assert item.discrimination == pytest.approx(pointbiserialr(rows[:, column], rest).statistic)


def test_facility_counts_only_full_credit_on_items_worth_points():
    # given: item P worth 2 points, partial credit 1 is not full credit
    items = [Item("P", "P", maximum=2), Item("Q", "Q")]
    rows = [[2, 1], [1, 1], [1.5, 0], [0, 0]]

    # when
    item = by_key(item_analysis(response_matrix(rows, items=items)))["P"]

    # then
    assert item.facility == 0.25
    assert item.mean_credit == pytest.approx(4.5 / 4 / 2)


def test_empty_cells_count_for_nothing():
    # given: C did not apply to c4 and c5
    rows = [row[:] for row in WORKED]
    rows[3][2] = None
    rows[4][2] = None

    # when
    items = by_key(item_analysis(response_matrix(rows, items=["A", "B", "C"])))

    # then
    assert items["C"].attempts == 3
    assert items["C"].facility == pytest.approx(2 / 3)
    assert items["A"].attempts == 5
    # A's rest score for c4 and c5 is B alone: 1 and 0.
    a = np.array([1, 1, 1, 0, 0])
    rest = np.array([2, 1, 1, 1, 0])
    assert items["A"].discrimination == pytest.approx(np.corrcoef(a, rest)[0, 1])


def test_all_totals_equal_leave_alpha_undefined_with_a_reason():
    analysis = item_analysis(response_matrix([[1, 1], [1, 1], [1, 1]]))

    assert analysis.alpha.value is None
    assert "niet gedefinieerd" in analysis.alpha.reason
    assert "NaN" not in json.dumps(analysis.to_json(), allow_nan=False)


def test_cells_outside_the_items_range_are_refused_in_dutch_all_at_once():
    with pytest.raises(ExamQualityInputError) as refused:
        response_matrix([[1.5, 0], [0, "x"]], items=["A", "B"], candidates=["c1", "c2"])

    assert refused.value.errors == [
        "kandidaat 'c1', item 'A': 1.5 ligt buiten 0 tot en met 1",
        "kandidaat 'c2', item 'B': geen getal: 'x'",
    ]


def test_fewer_than_two_candidates_or_items_are_refused():
    with pytest.raises(ExamQualityInputError) as refused:
        item_analysis(response_matrix([[1]]))

    assert refused.value.errors == [
        "minstens 2 kandidaten nodig, gevonden: 1",
        "minstens 2 items nodig, gevonden: 1",
    ]


def test_report_is_json_with_flag_codes():
    report = item_analysis(response_matrix(WORKED, items=["A", "B", "C"])).to_json()

    assert report["items"][1]["flags"] == ["low_discrimination"]
    assert report["alpha"]["value"] == pytest.approx(6 / 13)
    json.dumps(report, allow_nan=False)


def test_almost_full_credit_is_not_full_credit():
    # a line's exact credit of 0.99996 shows as "1.0000" but is not full credit
    rows = [[0.99996, 1], [1, 0], [0, 1]]

    item = by_key(item_analysis(response_matrix(rows, items=["A", "B"])))["A"]

    assert item.facility == pytest.approx(1 / 3)
