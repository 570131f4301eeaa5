"""Refusals and undefined values of the agreement statistics, and the report's shape."""

import json
import math
import os
import subprocess
import sys

import pytest

from assessment.agreement import (
    AgreementInputError,
    Rating,
    agreement_report,
    cohen_kappas,
    design_errors,
    fleiss_kappa,
    icc,
)
from tests.shared import REPO_ROOT

from .published import FLEISS_1971, SHROUT_FLEISS, ratings_from_matrix


def test_complete_design_has_no_errors():
    assert design_errors(ratings_from_matrix(SHROUT_FLEISS)) == []


def test_incomplete_design_names_the_subject_and_the_missing_rater():
    ratings = [
        r for r in ratings_from_matrix(SHROUT_FLEISS) if (r.subject, r.rater) != ("S03", "R2")
    ]

    assert design_errors(ratings) == [
        "onvolledig ontwerp: subject 'S03' is niet beoordeeld door rater 'R2'"
    ]
    with pytest.raises(AgreementInputError):
        icc(ratings)


def test_duplicate_pair_fewer_than_two_subjects_and_raters_are_refused():
    ratings = [Rating("A", "X", 1), Rating("A", "X", 2)]

    assert design_errors(ratings) == [
        "subject 'A' is 2 keer beoordeeld door rater 'X'",
        "minstens 2 subjects nodig, gevonden: 1",
        "minstens 2 raters nodig, gevonden: 1",
    ]


def test_all_equal_ratings_are_refused_because_no_statistic_is_defined():
    ratings = ratings_from_matrix([[3, 3], [3, 3], [3, 3]])

    for statistic in (icc, cohen_kappas, fleiss_kappa):
        with pytest.raises(AgreementInputError) as refused:
            statistic(ratings)
        assert refused.value.errors == [
            "alle beoordelingen zijn gelijk (3): dan is geen overeenstemmingsmaat gedefinieerd"
        ]


def test_perfect_agreement_has_icc_one_and_no_interval_with_a_reason():
    estimates = icc(ratings_from_matrix([[1, 1], [2, 2], [3, 3]]))

    assert estimates["ICC2"].value == pytest.approx(1.0)
    assert estimates["ICC2"].ci95 is None
    assert "foutvariantie is nul" in estimates["ICC2"].reason


def test_undefined_icc_is_none_with_a_reason_not_nan():
    # given every subject gets the same pair of scores: the subjects do not differ
    estimates = icc(ratings_from_matrix([[5, 6], [5, 6], [5, 6]]))

    assert estimates["ICC3"].value is None
    assert estimates["ICC3"].band is None
    assert "noemer" in estimates["ICC3"].reason


def test_cohen_kappa_needs_exactly_two_raters_and_integer_levels():
    with pytest.raises(AgreementInputError, match="precies 2 raters"):
        cohen_kappas(ratings_from_matrix([[1, 2, 3], [2, 2, 3]]))
    with pytest.raises(AgreementInputError, match="geheel getal"):
        cohen_kappas(ratings_from_matrix([[1, 2.5], [2, 2]]))


def test_score_report_has_the_issues_shape_with_a_band_per_form():
    report = agreement_report("score", ratings_from_matrix(SHROUT_FLEISS))

    assert report["subjects"] == 6
    assert report["raters"] == 4
    assert set(report["icc"]) == {"ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k"}
    assert report["icc"]["ICC3k"]["band"] == "excellent"
    assert report["icc"]["ICC1"]["band"] == "poor"
    for entry in report["icc"].values():
        assert set(entry) == {"value", "ci95", "band"}
        assert isinstance(entry["value"], float)
        assert all(isinstance(bound, float) for bound in entry["ci95"])


def test_level_report_of_two_raters_has_three_kappas_and_their_bands():
    report = agreement_report("level", ratings_from_matrix([[1, 1], [2, 2], [3, 2], [4, 4]]))

    assert set(report) == {
        "subjects",
        "raters",
        "kappa",
        "kappa_linear",
        "kappa_quadratic",
        "bands",
    }
    assert report["raters"] == 2
    assert set(report["bands"]) == {"kappa", "kappa_linear", "kappa_quadratic"}


def test_level_report_of_more_raters_has_fleiss_kappa():
    report = agreement_report("level", ratings_from_matrix(FLEISS_1971))

    assert set(report) == {"subjects", "raters", "fleiss_kappa", "bands"}
    assert (report["subjects"], report["raters"]) == (30, 6)
    assert report["bands"] == {"fleiss_kappa": "moderate"}


def test_report_with_an_undefined_value_serialises_without_nan():
    report = agreement_report("score", ratings_from_matrix([[5, 6], [5, 6], [5, 6]]))

    text = json.dumps(report, allow_nan=False)
    assert '"value": null' in text
    assert all(
        entry["value"] is None or math.isfinite(entry["value"]) for entry in report["icc"].values()
    )


def test_importing_the_package_leaves_the_statistics_libraries_unloaded():
    # pingouin and statsmodels cost about two seconds to import; every process importing the
    # assessment app must not pay that.
    code = (
        "import sys, django; django.setup(); import assessment.agreement; "
        "print(sorted({'pingouin', 'statsmodels', 'pandas'} & set(sys.modules)))"
    )
    completed = subprocess.run(
        [sys.executable, "-c", code],
        cwd=REPO_ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "schadeplatform.settings.test"},
        capture_output=True,
        text=True,
        check=True,
    )

    assert completed.stdout.strip() == "[]"


def test_two_subjects_by_two_raters_are_too_few_for_the_icc():
    # pingouin's ANOVA asserts five ratings; the refusal says so instead of an AssertionError
    ratings = ratings_from_matrix([[1, 2], [3, 5]])

    with pytest.raises(AgreementInputError) as refused:
        icc(ratings)

    assert refused.value.errors == ["minstens 5 beoordelingen nodig voor de ICC, gevonden: 4"]
