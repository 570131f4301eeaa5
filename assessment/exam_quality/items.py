"""Item analysis of an exam form (issue #15, item 4): per item its facility and its
discrimination, the items that discriminate too little flagged, and Cronbach's alpha of the
form. Pure: a `ResponseMatrix` in, plain results out; the statistics are the libraries':

- **Facility** is the share of the attempts the item applied to that earned its full credit
  (issue #15); `mean_credit` beside it is the classical p-value of a partial-credit item.
- **Discrimination** is the corrected item-total correlation: Pearson's r (`scipy.stats.pearsonr`)
  between the credit on the item and the rest score, the total of the candidate's credit on the
  *other* items (the item itself left out, so it does not correlate with itself). For a
  dichotomous item (0 or full credit) Pearson's r is the point-biserial correlation
  (`scipy.stats.pointbiserialr` is the same computation; the tests check they agree).
- **Cronbach's alpha** (Cronbach 1951) with its 95 % interval (Feldt, Woodruff & Salih 1987):
  `pingouin.cronbach_alpha`, tested by pingouin against R's `psych::alpha`. pingouin rounds
  the interval to three decimals itself (not an option, unlike its ICC table).

Items count with their points as given (a reference line 0..1, a check 0 or 1), unweighted by
the line's weight in the grade: the classical total of item scores. To weigh items, give them
their points and `Item.maximum`.

An empty cell (the item did not apply to that attempt) counts for nothing: the item's facility
and correlation are taken over the attempts it applied to, the rest score sums the other items
that applied, and alpha uses pingouin's pairwise covariances (`nan_policy="pairwise"`, R's
`use="pairwise"`).
"""

from __future__ import annotations

import math
import warnings
from dataclasses import dataclass
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _

from .matrix import ExamQualityInputError, ResponseMatrix

#: Items whose corrected item-total correlation lies below this are flagged for review.
#:
#: Ebel's rule of thumb, from Ebel, R. L. (1965), *Measuring Educational Achievement*,
#: Prentice-Hall, restated in Ebel, R. L. & Frisbie, D. A. (1991), *Essentials of Educational
#: Measurement*, 5th ed., Prentice-Hall: a discrimination of 0.40 and up is very good, 0.30–0.39
#: reasonably good, 0.20–0.29 marginal (revise), below 0.20 poor (reject or revise). Ebel wrote
#: the bands for the upper-lower index D; item-analysis practice reads the point-biserial and
#: the corrected item-total correlation against the same bands (so do the item-analysis
#: guides that cite Ebel & Frisbie 1991), and issue #15 asks for "items below 0.20 flagged".
#: A negative correlation (the stronger candidates do worse on the item: check its key) is
#: below it too.
LOW_DISCRIMINATION = 0.20

#: Fewer attempts than this leave a correlation meaningless (two points always lie on a line).
MIN_ATTEMPTS = 3


class ItemFlag(models.TextChoices):
    """Why an item needs the exam board's attention."""

    LOW_DISCRIMINATION = "low_discrimination", _("lage discriminatie")
    NO_SPREAD = "no_spread", _("geen spreiding")


_NO_SPREAD = "geen spreiding: elke kandidaat behaalde op dit item hetzelfde"
_NO_REST_SPREAD = "geen spreiding in de score op de overige items"
_TOO_FEW = f"minder dan {MIN_ATTEMPTS} pogingen waarop het item van toepassing was"


@dataclass(frozen=True)
class ItemStatistics:
    """One item: `attempts` it applied to, `facility` (share of those with full credit),
    `mean_credit` (mean credit as a share of the maximum), `discrimination` (corrected
    item-total correlation; `None` with `reason` where undefined) and its `flags`."""

    key: str
    label: str
    attempts: int
    facility: float | None
    mean_credit: float | None
    discrimination: float | None
    reason: str | None
    flags: tuple[ItemFlag, ...]


@dataclass(frozen=True)
class Alpha:
    """Cronbach's alpha of the form with its 95 % interval; `None` with `reason` where
    undefined."""

    value: float | None
    ci95: tuple[float, float] | None
    reason: str | None = None


@dataclass(frozen=True)
class ItemAnalysis:
    candidates: int
    items: tuple[ItemStatistics, ...]
    alpha: Alpha

    @property
    def flagged(self) -> tuple[ItemStatistics, ...]:
        return tuple(item for item in self.items if item.flags)

    def to_json(self) -> dict[str, Any]:
        """JSON-ready: floats, `null` where undefined (never NaN), flags as codes."""
        return {
            "candidates": self.candidates,
            "alpha": {
                "value": self.alpha.value,
                "ci95": list(self.alpha.ci95) if self.alpha.ci95 else None,
                **({"reason": self.alpha.reason} if self.alpha.reason else {}),
            },
            "items": [
                {
                    "key": item.key,
                    "label": item.label,
                    "attempts": item.attempts,
                    "facility": item.facility,
                    "mean_credit": item.mean_credit,
                    "discrimination": item.discrimination,
                    **({"reason": item.reason} if item.reason else {}),
                    "flags": [flag.value for flag in item.flags],
                }
                for item in self.items
            ],
        }


def item_analysis(matrix: ResponseMatrix) -> ItemAnalysis:
    """Facility, discrimination and flags per item, and Cronbach's alpha, of a form taken by
    at least two candidates with at least two items."""
    import numpy as np
    from scipy.stats import pearsonr

    candidates, width = matrix.shape
    errors = []
    if candidates < 2:
        errors.append(f"minstens 2 kandidaten nodig, gevonden: {candidates}")
    if width < 2:
        errors.append(f"minstens 2 items nodig, gevonden: {width}")
    if errors:
        raise ExamQualityInputError(errors)
    values = np.asarray(matrix.values, dtype=float)
    present = ~np.isnan(values)
    total = np.nansum(values, axis=1)
    statistics = []
    for column, item in enumerate(matrix.items):
        rows = present[:, column]
        scores = values[rows, column]
        rest = total[rows] - scores
        attempts = int(rows.sum())
        if attempts == 0:
            statistics.append(
                ItemStatistics(item.key, item.label, 0, None, None, None, _TOO_FEW, ())
            )
            continue
        # Exactly the maximum: a line's exact credit of 0.99996 is not full credit.
        facility = float(np.mean(scores >= item.maximum))
        mean_credit = float(np.mean(scores) / item.maximum)
        discrimination, reason, flags = None, None, ()
        if np.ptp(scores) == 0:
            reason, flags = _NO_SPREAD, (ItemFlag.NO_SPREAD,)
        elif attempts < MIN_ATTEMPTS:
            reason = _TOO_FEW
        elif np.ptp(rest) == 0:
            reason = _NO_REST_SPREAD
        else:
            discrimination = float(pearsonr(scores, rest).statistic)
            if discrimination < LOW_DISCRIMINATION:
                flags = (ItemFlag.LOW_DISCRIMINATION,)
        statistics.append(
            ItemStatistics(
                item.key,
                item.label,
                attempts,
                facility,
                mean_credit,
                discrimination,
                reason,
                flags,
            )
        )
    return ItemAnalysis(candidates, tuple(statistics), cronbach(matrix))


_ALPHA_UNDEFINED = "niet gedefinieerd: de totaalscores van de kandidaten verschillen niet"


def cronbach(matrix: ResponseMatrix) -> Alpha:
    """Cronbach's alpha of the form and its 95 % interval (`pingouin.cronbach_alpha`)."""
    import numpy as np
    import pandas as pd
    import pingouin

    frame = pd.DataFrame(
        np.asarray(matrix.values, dtype=float), columns=[item.key for item in matrix.items]
    )
    with np.errstate(all="ignore"), warnings.catch_warnings():
        warnings.filterwarnings("ignore", category=RuntimeWarning)
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"pingouin\.")
        value, interval = pingouin.cronbach_alpha(data=frame, nan_policy="pairwise")
    value = float(value)
    if not math.isfinite(value):
        return Alpha(None, None, _ALPHA_UNDEFINED)
    low, high = (float(bound) for bound in interval)
    if not (math.isfinite(low) and math.isfinite(high)):
        return Alpha(value, None, "geen 95%-interval")
    return Alpha(value, (low, high))
