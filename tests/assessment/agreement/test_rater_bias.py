"""Per-assessor bias against the agreed grades: streng (harsh) / mild (lenient) beyond 2 SD."""

import pytest

from assessment.agreement import AgreementInputError, BiasFlag, Rating, rater_bias

AGREED = {"A": 70, "B": 60, "C": 80}


def ratings_with_offsets(offsets):
    """Each rater rates every subject at the agreed grade plus their offset."""
    return [
        Rating(subject, rater, grade + offset)
        for rater, offset in offsets.items()
        for subject, grade in AGREED.items()
    ]


def by_rater(result):
    return {bias.rater: bias for bias in result}


def test_mean_difference_is_rating_minus_agreed_grade_averaged_over_the_raters_subjects():
    ratings = [Rating("A", "r1", 75), Rating("B", "r1", 58), Rating("A", "r2", 70)]

    result = by_rater(rater_bias(ratings, AGREED))

    assert result["r1"].mean_difference == pytest.approx(1.5)  # (+5 − 2) / 2
    assert result["r1"].subjects == 2
    assert result["r2"].mean_difference == 0


def test_an_outlying_harsh_rater_is_flagged_streng_and_a_lenient_one_mild():
    # given seven raters close to the agreed grades and one far below / above
    near = {f"r{i}": offset for i, offset in enumerate([0, 1, -1, 0, 1, -1, 0])}

    harsh = by_rater(rater_bias(ratings_with_offsets({**near, "hard": -12}), AGREED))
    lenient = by_rater(rater_bias(ratings_with_offsets({**near, "soft": 12}), AGREED))

    assert harsh["hard"].flag == BiasFlag.HARSH == "streng"
    assert harsh["hard"].z < -2
    assert lenient["soft"].flag == BiasFlag.LENIENT == "mild"
    assert all(harsh[f"r{i}"].flag is None for i in range(7))


def test_flag_uses_the_sample_sd_of_the_raters_mean_differences():
    # given six raters, five at 0 and one at −10
    offsets = {"r1": 0, "r2": 0, "r3": 0, "r4": 0, "r5": 0, "hard": -10}

    result = by_rater(rater_bias(ratings_with_offsets(offsets), AGREED))

    # mean −10/6, sample SD of (0,0,0,0,0,−10) = 4.0825: z = (−10 + 1.6667) / 4.0825 = −2.0412
    assert result["hard"].z == pytest.approx(-2.0412, abs=1e-4)
    assert result["hard"].flag == BiasFlag.HARSH


def test_five_raters_can_never_be_flagged_with_the_sample_sd():
    # (n − 1)/√n = 1.79 < 2 for n = 5, however far the outlier
    offsets = {"r1": 0, "r2": 0, "r3": 0, "r4": 0, "hard": -50}

    result = rater_bias(ratings_with_offsets(offsets), AGREED)

    assert all(bias.flag is None for bias in result)


def test_two_raters_or_equal_differences_give_no_z_and_no_flag():
    two = rater_bias(ratings_with_offsets({"r1": 0, "r2": -30}), AGREED)
    equal = rater_bias(ratings_with_offsets({"r1": 2, "r2": 2, "r3": 2}), AGREED)

    assert all(bias.z is None and bias.flag is None for bias in [*two, *equal])


def test_a_rated_subject_without_agreed_grade_is_refused():
    with pytest.raises(AgreementInputError, match="'D' heeft geen vastgesteld cijfer"):
        rater_bias([Rating("D", "r1", 50)], AGREED)
