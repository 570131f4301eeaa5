"""Agreement statistics over a table of ratings (issue #15, item 3).

Pure functions: a sequence of `Rating` (subject, rater, value) in, plain results out. The
statistics come from maintained libraries, none is written out here:

- **ICC**: `pingouin.intraclass_corr` gives the six forms of Shrout & Fleiss (1979) with their
  95 % confidence intervals (pingouin names the two-way forms after McGraw & Wong: ICC(A,1) is
  Shrout & Fleiss's ICC(2,1), ICC(C,1) their ICC(3,1)). Shrout, P. E. & Fleiss, J. L. (1979),
  "Intraclass correlations: uses in assessing rater reliability", *Psychological Bulletin*
  86(2), 420–428.
- **Kappa**: `statsmodels.stats.inter_rater`: `cohens_kappa` for two raters (Cohen 1960; with
  `wt="linear"` the Cicchetti-Allison weights, with `wt="quadratic"` the Fleiss-Cohen weights,
  Cohen 1968), `fleiss_kappa` on `aggregate_raters` for more (Fleiss 1971, "Measuring nominal
  scale agreement among many raters", *Psychological Bulletin* 76(5), 378–382).

The weighted kappas weigh a disagreement by the distance between the **levels' values** (the
rubric level numbers), as SAS does with its default column scores: two raters giving 1 and 4
disagree by three steps even when nobody used 2 or 3. (R's `irr::kappa2` and scikit-learn count
steps between the levels that occur instead; with every level in use both agree.)

pingouin and statsmodels are imported when first used: together they take about two seconds to
import, which every other `manage.py` command and web process would otherwise pay.
"""

from __future__ import annotations

import math
import warnings
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Literal

from .bands import BiasFlag, IccBand, KappaBand, icc_band, kappa_band

Kind = Literal["score", "level"]

#: The six Shrout & Fleiss forms, in the order the issue lists them.
ICC_FORMS = ("ICC1", "ICC2", "ICC3", "ICC1k", "ICC2k", "ICC3k")

# pingouin's row labels for the same forms.
_PINGOUIN_FORMS = {
    "ICC(1,1)": "ICC1",
    "ICC(A,1)": "ICC2",
    "ICC(C,1)": "ICC3",
    "ICC(1,k)": "ICC1k",
    "ICC(A,k)": "ICC2k",
    "ICC(C,k)": "ICC3k",
}

#: pingouin's two-way ANOVA behind `intraclass_corr` asserts at least five ratings (a 2 × 2
#: design has four); fewer are refused here rather than left to its AssertionError.
MIN_ICC_RATINGS = 5

#: How many standard deviations a rater's mean difference may lie from the raters' mean.
BIAS_SD_LIMIT = 2
#: The fewest raters with whom `rater_bias` can flag anybody at all: with the sample SD no |z|
#: exceeds (n − 1)/√n (Shiffler 1988), which first passes `BIAS_SD_LIMIT` at n = 6.
BIAS_MIN_RATERS = next(n for n in range(3, 1000) if (n - 1) / math.sqrt(n) > BIAS_SD_LIMIT)


@dataclass(frozen=True)
class Rating:
    """One rater's rating of one subject: a score, or a rubric level (an `int`)."""

    subject: str
    rater: str
    value: float | int | Decimal


class AgreementInputError(ValueError):
    """Ratings on which the statistics are not defined; `errors` says why, one readable
    message each."""

    def __init__(self, errors: Sequence[str]) -> None:
        super().__init__("; ".join(errors))
        self.errors = list(errors)


def subjects_of(ratings: Sequence[Rating]) -> list[str]:
    return sorted({rating.subject for rating in ratings})


def raters_of(ratings: Sequence[Rating]) -> list[str]:
    return sorted({rating.rater for rating in ratings})


def design_errors(ratings: Sequence[Rating]) -> list[str]:
    """Why the ratings are not a complete subjects × raters design, if they are not.

    Every statistic here assumes that every rater rated every subject exactly once, and that
    there are at least two of each.
    """
    errors: list[str] = []
    pairs = Counter((rating.subject, rating.rater) for rating in ratings)
    for (subject, rater), count in sorted(pairs.items()):
        if count > 1:
            errors.append(f"subject '{subject}' is {count} keer beoordeeld door rater '{rater}'")
    subjects, raters = subjects_of(ratings), raters_of(ratings)
    if len(subjects) < 2:
        errors.append(f"minstens 2 subjects nodig, gevonden: {len(subjects)}")
    if len(raters) < 2:
        errors.append(f"minstens 2 raters nodig, gevonden: {len(raters)}")
    for subject in subjects:
        missing = [rater for rater in raters if (subject, rater) not in pairs]
        if missing:
            names = ", ".join(f"'{rater}'" for rater in missing)
            errors.append(
                f"onvolledig ontwerp: subject '{subject}' is niet beoordeeld door rater {names}"
            )
    return errors


def _require_design(ratings: Sequence[Rating]) -> None:
    errors = design_errors(ratings)
    if errors:
        raise AgreementInputError(errors)
    values = {float(rating.value) for rating in ratings}
    if len(values) == 1:
        raise AgreementInputError(
            [
                f"alle beoordelingen zijn gelijk ({_plain(next(iter(values)))}): dan is geen "
                "overeenstemmingsmaat gedefinieerd"
            ]
        )


def _plain(number: float) -> str:
    return str(int(number)) if number.is_integer() else str(number)


def _matrix(ratings: Sequence[Rating]) -> list[list[float]]:
    """Subjects in rows, raters in columns, both sorted (a complete design)."""
    value = {(r.subject, r.rater): float(r.value) for r in ratings}
    raters = raters_of(ratings)  # once: per subject it made the table quadratic in size
    return [[value[s, r] for r in raters] for s in subjects_of(ratings)]


# -- ICC ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class IccEstimate:
    """One ICC form: its value and 95 % confidence interval, `None` where the data leave it
    undefined, with `reason` saying why."""

    form: str
    value: float | None
    ci95: tuple[float, float] | None
    reason: str | None = None

    @property
    def band(self) -> IccBand | None:
        return None if self.value is None else icc_band(self.value)


_ICC_UNDEFINED = (
    "niet gedefinieerd: een noemer in de variantieanalyse is nul "
    "(de subjects verschillen gemiddeld niet van elkaar)"
)
_CI_UNDEFINED = (
    "geen 95%-interval: de foutvariantie is nul (de raters verschillen op geen enkel subject "
    "van elkaar, of overal evenveel)"
)


@contextmanager
def _unrounded_ci(pingouin: Any) -> Iterator[None]:
    # pingouin rounds its CI95 column to two decimals by default; the statistics are reported
    # unrounded and rounded only for display.
    options = pingouin.options
    saved = options.get("round.column.CI95")
    options["round.column.CI95"] = None
    try:
        yield
    finally:
        options["round.column.CI95"] = saved


def icc(ratings: Sequence[Rating]) -> dict[str, IccEstimate]:
    """The six Shrout & Fleiss ICC forms of a complete design of scores, keyed by
    `ICC_FORMS`; raises `AgreementInputError` on an incomplete design, all-equal scores or
    fewer than `MIN_ICC_RATINGS` ratings."""
    _require_design(ratings)
    if len(ratings) < MIN_ICC_RATINGS:
        raise AgreementInputError(
            [
                f"minstens {MIN_ICC_RATINGS} beoordelingen nodig voor de ICC, gevonden: {len(ratings)}"
            ]
        )
    import numpy as np
    import pandas as pd
    import pingouin

    frame = pd.DataFrame(
        [(r.subject, r.rater, float(r.value)) for r in ratings],
        columns=["subject", "rater", "score"],
    )
    with _unrounded_ci(pingouin), np.errstate(all="ignore"), warnings.catch_warnings():
        # pingouin 0.7 still calls pandas APIs that pandas 3.1 deprecates; not ours to fix.
        warnings.filterwarnings("ignore", category=DeprecationWarning, module=r"pingouin\.")
        table = pingouin.intraclass_corr(
            data=frame, targets="subject", raters="rater", ratings="score"
        )
    estimates: dict[str, IccEstimate] = {}
    for row in table.to_dict("records"):
        form = _PINGOUIN_FORMS[row["Type"]]
        value = float(row["ICC"])
        low, high = (float(bound) for bound in row["CI95"])
        if not math.isfinite(value):
            estimates[form] = IccEstimate(form, None, None, _ICC_UNDEFINED)
        elif not (math.isfinite(low) and math.isfinite(high)):
            estimates[form] = IccEstimate(form, value, None, _CI_UNDEFINED)
        else:
            estimates[form] = IccEstimate(form, value, (low, high))
    return {form: estimates[form] for form in ICC_FORMS}


# -- kappa -------------------------------------------------------------------------------------


@dataclass(frozen=True)
class CohenKappas:
    """Cohen's kappa of two raters, unweighted and with linear and quadratic weights."""

    kappa: float
    kappa_linear: float
    kappa_quadratic: float

    @property
    def bands(self) -> dict[str, KappaBand]:
        return {
            "kappa": kappa_band(self.kappa),
            "kappa_linear": kappa_band(self.kappa_linear),
            "kappa_quadratic": kappa_band(self.kappa_quadratic),
        }


def _require_levels(ratings: Sequence[Rating]) -> None:
    not_integer = sorted(
        {str(r.value) for r in ratings if not float(r.value).is_integer()}, key=str
    )
    if not_integer:
        raise AgreementInputError(
            [f"een niveau is een geheel getal, niet {value}" for value in not_integer]
        )


def cohen_kappas(ratings: Sequence[Rating]) -> CohenKappas:
    """Cohen's kappa, linear and quadratic weighted, of exactly two raters' rubric levels."""
    _require_design(ratings)
    _require_levels(ratings)
    raters = raters_of(ratings)
    if len(raters) != 2:
        raise AgreementInputError(
            [f"Cohen's kappa is voor precies 2 raters, gevonden: {len(raters)}"]
        )
    import numpy as np
    from statsmodels.stats.inter_rater import cohens_kappa, to_table

    matrix = np.asarray(_matrix(ratings))
    # Rows and columns are the levels in use, in order; their values are the weights' scores.
    table, _ = to_table(matrix)
    levels = np.unique(matrix)
    return CohenKappas(
        kappa=float(cohens_kappa(table, return_results=False)),
        kappa_linear=float(cohens_kappa(table, weights=levels, wt="linear", return_results=False)),
        kappa_quadratic=float(
            cohens_kappa(table, weights=levels, wt="quadratic", return_results=False)
        ),
    )


def fleiss_kappa(ratings: Sequence[Rating]) -> float:
    """Fleiss' kappa (1971) of the rubric levels of any number (≥ 2) of raters."""
    _require_design(ratings)
    _require_levels(ratings)
    import numpy as np
    from statsmodels.stats.inter_rater import aggregate_raters
    from statsmodels.stats.inter_rater import fleiss_kappa as statsmodels_fleiss_kappa

    counts, _ = aggregate_raters(np.asarray(_matrix(ratings)))
    return float(statsmodels_fleiss_kappa(counts, method="fleiss"))


# -- bias per rater ----------------------------------------------------------------------------


@dataclass(frozen=True)
class RaterBias:
    """How far one rater's ratings lie from the agreed grades on average.

    `mean_difference` is the mean of (rating − agreed grade) over the rater's `subjects`:
    negative is harsher than the agreed grade, positive more lenient. `z` is its distance from
    the raters' mean of those differences in their standard deviations; `flag` says whether
    that is beyond `BIAS_SD_LIMIT`.
    """

    rater: str
    subjects: int
    mean_difference: float
    z: float | None
    flag: BiasFlag | None


def rater_bias(
    ratings: Sequence[Rating], agreed: Mapping[str, float | int | Decimal]
) -> list[RaterBias]:
    """Each rater's mean difference from the agreed grade per subject, flagged `streng`
    (harsh) or `mild` (lenient) when it lies beyond two standard deviations from the mean of
    all raters' mean differences.

    The standard deviation is the **sample** standard deviation (n − 1 in the denominator) of
    the raters' mean differences, one number per rater, centred on their mean; a rater is
    flagged when |z| > 2, `streng` below, `mild` above. With fewer than three raters, or when
    all raters' mean differences are equal, nobody is flagged (z is `None`). Note that with
    the sample SD no |z| can exceed (n − 1)/√n (Shiffler 1988): a flag needs at least six
    raters, and fewer make the rule mute rather than noisy.

    Raters need not have rated the same subjects; every rated subject needs an agreed grade.
    """
    import numpy as np

    unagreed = sorted({r.subject for r in ratings if r.subject not in agreed})
    if unagreed:
        raise AgreementInputError(
            [f"subject '{subject}' heeft geen vastgesteld cijfer" for subject in unagreed]
        )
    differences: dict[str, list[float]] = {}
    for rating in ratings:
        differences.setdefault(rating.rater, []).append(
            float(rating.value) - float(agreed[rating.subject])
        )
    from scipy.stats import zscore

    raters = sorted(differences)
    means = np.array([np.mean(differences[rater]) for rater in raters])
    spread = len(raters) >= 3 and bool(np.ptp(means) > 0)
    scores = zscore(means, ddof=1) if spread else np.full(len(raters), np.nan)
    result = []
    for rater, mean, score in zip(raters, means, scores, strict=True):
        z = float(score) if math.isfinite(score) else None
        flag = None
        if z is not None and z < -BIAS_SD_LIMIT:
            flag = BiasFlag.HARSH
        elif z is not None and z > BIAS_SD_LIMIT:
            flag = BiasFlag.LENIENT
        result.append(RaterBias(rater, len(differences[rater]), float(mean), z, flag))
    return result
