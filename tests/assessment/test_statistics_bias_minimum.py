"""The harsh/lenient flag needs six raters (issue #15, item 3; review): with fewer, |z| > 2 of
the raters' mean differences cannot happen, and the page says so instead of a silent "–"."""

from __future__ import annotations

import math

import pytest

from assessment.agreement.stats import BIAS_MIN_RATERS, BIAS_SD_LIMIT
from tests.assessment.statistics_builders import exam_board_user
from tests.assessment.test_statistics import (  # noqa: F401 (fixtures)
    marked_cohort,
    rated_set,
)

pytestmark = pytest.mark.django_db

NOTE = "Te weinig beoordelaars om te markeren"


def test_six_raters_is_the_first_number_with_which_a_flag_is_possible():
    # the largest |z| of n values with the sample SD is (n - 1)/sqrt(n) (Shiffler 1988)
    assert BIAS_MIN_RATERS == 6
    assert (5 - 1) / math.sqrt(5) < BIAS_SD_LIMIT < (6 - 1) / math.sqrt(6)


def test_a_set_rated_by_three_says_there_are_too_few_to_flag(rated_set, client_for):  # noqa: F811
    created, _period, _others = rated_set
    page = client_for(exam_board_user()).get(
        f"/beoordeling/kalibratie/set/{created.pk}/overeenstemming/"
    )
    assert page.status_code == 200
    text = page.content.decode()
    assert f"{NOTE}: 3 beoordelaars" in text and "pas vanaf 6" in text


def test_a_cohort_of_seven_markers_has_no_such_note(marked_cohort, cohort, client_for):  # noqa: F811
    client = client_for(exam_board_user(organisation=cohort.organisation))
    page = client.get(f"/beoordeling/groep/{cohort.pk}/overeenstemming/").content.decode()
    assert NOTE not in page and "bias-flag" in page
