"""The verbal bands in which an agreement statistic is read.

Two published conventions, each one function; the codes are stable (they appear in the
`agreement_stats` JSON), the labels are Dutch and translatable.

- **ICC: Koo & Li (2016).** Koo, T. K. & Li, M. Y. (2016), "A guideline of selecting and
  reporting intraclass correlation coefficients for reliability research", *Journal of
  Chiropractic Medicine* 15(2), 155–163: "values less than 0.5, between 0.5 and 0.75, between
  0.75 and 0.9, and greater than 0.90 are indicative of poor, moderate, good, and excellent
  reliability, respectively". The paper leaves the boundaries themselves open; here 0.50 and
  0.75 open the band above them (so the issue's calibration threshold "ICC ≥ 0.75" is exactly
  "good") and 0.90 is still "good" ("greater than 0.90" is excellent). Koo & Li read the band
  against the 95 % confidence interval as well; the band given here is that of the estimate,
  the interval is reported beside it.
- **Kappa: Landis & Koch (1977).** Landis, J. R. & Koch, G. G. (1977), "The measurement of
  observer agreement for categorical data", *Biometrics* 33(1), 159–174: < 0 poor,
  0.00–0.20 slight, 0.21–0.40 fair, 0.41–0.60 moderate, 0.61–0.80 substantial, 0.81–1.00
  almost perfect. The published bands are written to two decimals; for an unrounded kappa each
  upper bound is inclusive (0.20 is slight, 0.2001 fair), so the bands leave no gaps.
"""

from django.db import models
from django.utils.translation import gettext_lazy as _


class IccBand(models.TextChoices):
    """Koo & Li (2016) reliability bands for an intraclass correlation."""

    POOR = "poor", _("slecht")
    MODERATE = "moderate", _("matig")
    GOOD = "good", _("goed")
    EXCELLENT = "excellent", _("uitstekend")


class KappaBand(models.TextChoices):
    """Landis & Koch (1977) strength-of-agreement bands for a kappa."""

    POOR = "poor", _("slecht")
    SLIGHT = "slight", _("gering")
    FAIR = "fair", _("redelijk")
    MODERATE = "moderate", _("matig")
    SUBSTANTIAL = "substantial", _("aanzienlijk")
    ALMOST_PERFECT = "almost_perfect", _("bijna perfect")


def icc_band(value: float) -> IccBand:
    """The Koo & Li band of an ICC: < 0.50 poor, 0.50–< 0.75 moderate, 0.75–0.90 good,
    > 0.90 excellent."""
    if value < 0.50:
        return IccBand.POOR
    if value < 0.75:
        return IccBand.MODERATE
    if value <= 0.90:
        return IccBand.GOOD
    return IccBand.EXCELLENT


def kappa_band(value: float) -> KappaBand:
    """The Landis & Koch band of a kappa: < 0 poor, ≤ 0.20 slight, ≤ 0.40 fair,
    ≤ 0.60 moderate, ≤ 0.80 substantial, above that almost perfect."""
    if value < 0:
        return KappaBand.POOR
    if value <= 0.20:
        return KappaBand.SLIGHT
    if value <= 0.40:
        return KappaBand.FAIR
    if value <= 0.60:
        return KappaBand.MODERATE
    if value <= 0.80:
        return KappaBand.SUBSTANTIAL
    return KappaBand.ALMOST_PERFECT


class BiasFlag(models.TextChoices):
    """A rater whose mean difference from the agreed grades is beyond two standard deviations
    of the raters' mean differences (`stats.rater_bias`)."""

    HARSH = "streng", _("streng")
    LENIENT = "mild", _("mild")
