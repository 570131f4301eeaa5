"""The agreement statistics reproduce published worked examples (issue #15, item 3)."""

import pytest

from assessment.agreement import ICC_FORMS, cohen_kappas, fleiss_kappa, icc

from .published import (
    FLEISS_1971,
    FLEISS_1971_KAPPA,
    MAPLE_EXAMPLES,
    MAPLE_RATER_A,
    SAS_KAPPA,
    SAS_KAPPA_LINEAR,
    SAS_TABLE,
    SHROUT_FLEISS,
    SHROUT_FLEISS_ICC,
    WIKIPEDIA_COUNTS,
    WIKIPEDIA_KAPPA,
    ratings_from_counts,
    ratings_from_matrix,
    ratings_from_table,
)


@pytest.mark.parametrize("form", ICC_FORMS)
def test_shrout_fleiss_table_reproduces_the_published_icc_to_two_decimals(form):
    estimates = icc(ratings_from_matrix(SHROUT_FLEISS))

    assert round(estimates[form].value, 2) == SHROUT_FLEISS_ICC[form]


def test_shrout_fleiss_icc_forms_come_in_the_issues_order_with_intervals_around_them():
    estimates = icc(ratings_from_matrix(SHROUT_FLEISS))

    assert list(estimates) == ["ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"]
    for estimate in estimates.values():
        low, high = estimate.ci95
        assert low < estimate.value < high
        assert estimate.reason is None
    # Unrounded: pingouin would otherwise round the interval to two decimals.
    assert estimates["ICC3"].ci95[0] != round(estimates["ICC3"].ci95[0], 2)


def test_sas_agreement_table_reproduces_simple_and_linear_weighted_kappa():
    kappas = cohen_kappas(ratings_from_table(SAS_TABLE))

    assert kappas.kappa == pytest.approx(SAS_KAPPA, abs=5e-5)
    assert kappas.kappa_linear == pytest.approx(SAS_KAPPA_LINEAR, abs=5e-5)


@pytest.mark.parametrize(("rater_b", "published"), MAPLE_EXAMPLES)
def test_maple_examples_reproduce_quadratic_weighted_kappa(rater_b, published):
    kappas = cohen_kappas(ratings_from_matrix(list(zip(MAPLE_RATER_A, rater_b, strict=True))))

    assert kappas.kappa_quadratic == pytest.approx(published, abs=1e-12)


def test_weighted_kappa_weighs_by_level_values_even_where_a_level_is_unused():
    # given levels 1, 2 and 4 in use (nobody gave a 3)
    pairs = [[1, 1], [2, 2], [4, 4], [1, 2], [2, 4], [2, 4], [1, 1]]
    gapped = cohen_kappas(ratings_from_matrix(pairs))
    # and the same pairs with the gap closed (4 renumbered 3)
    closed = cohen_kappas(ratings_from_matrix([[min(v, 3) for v in pair] for pair in pairs]))

    # then the unweighted kappa is the same, and the weighted ones count 2 → 4 as two steps
    assert gapped.kappa == pytest.approx(closed.kappa)
    assert gapped.kappa_linear == pytest.approx(0.4776119402985074)
    assert closed.kappa_linear == pytest.approx(0.5333333333333333)
    assert gapped.kappa_quadratic < closed.kappa_quadratic


def test_fleiss_1971_diagnoses_reproduce_the_published_kappa():
    assert round(fleiss_kappa(ratings_from_matrix(FLEISS_1971)), 3) == FLEISS_1971_KAPPA


def test_wikipedia_fleiss_example_reproduces_its_kappa():
    assert round(fleiss_kappa(ratings_from_counts(WIKIPEDIA_COUNTS)), 3) == WIKIPEDIA_KAPPA
