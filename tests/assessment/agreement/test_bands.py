"""Koo & Li (2016) bands for the ICC, Landis & Koch (1977) bands for kappa."""

import pytest
from django.utils import translation

from assessment.agreement import IccBand, KappaBand, icc_band, kappa_band


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (-0.2, IccBand.POOR),
        (0.4999, IccBand.POOR),
        (0.50, IccBand.MODERATE),
        (0.7499, IccBand.MODERATE),
        (0.75, IccBand.GOOD),
        (0.90, IccBand.GOOD),
        (0.9001, IccBand.EXCELLENT),
        (1.0, IccBand.EXCELLENT),
    ],
)
def test_icc_band_follows_koo_and_li(value, band):
    assert icc_band(value) == band


@pytest.mark.parametrize(
    ("value", "band"),
    [
        (-0.01, KappaBand.POOR),
        (0.0, KappaBand.SLIGHT),
        (0.20, KappaBand.SLIGHT),
        (0.2001, KappaBand.FAIR),
        (0.40, KappaBand.FAIR),
        (0.41, KappaBand.MODERATE),
        (0.60, KappaBand.MODERATE),
        (0.61, KappaBand.SUBSTANTIAL),
        (0.80, KappaBand.SUBSTANTIAL),
        (0.81, KappaBand.ALMOST_PERFECT),
        (1.0, KappaBand.ALMOST_PERFECT),
    ],
)
def test_kappa_band_follows_landis_and_koch(value, band):
    assert kappa_band(value) == band


def test_calibration_defaults_of_the_issue_sit_at_the_lower_edge_of_their_band():
    # ICC ≥ 0.75 and quadratic weighted kappa ≥ 0.61 (issue #15, item 2)
    assert icc_band(0.75) == IccBand.GOOD
    assert kappa_band(0.61) == KappaBand.SUBSTANTIAL


def test_band_labels_are_dutch():
    with translation.override("nl"):
        assert str(IccBand.GOOD.label) == "goed"
        assert str(KappaBand.ALMOST_PERFECT.label) == "bijna perfect"
