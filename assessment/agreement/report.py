"""The agreement report of one set of ratings as plain JSON-ready data: what
`manage.py agreement_stats` prints and what a page shows, so both show the same figures.

Shape (issue #15, item 3), with two additions that leave it intact:

- scores: `{"subjects": n, "raters": k, "icc": {"ICC1": {"value": v, "ci95": [lo, hi],
  "band": "good"}, …, "ICC3k": {…}}}`; `band` is the Koo & Li band of the value. Where the
  data leave a value or interval undefined it is `null` and the entry gets a `"reason"`.
- levels of two raters: `{"subjects": n, "raters": 2, "kappa": …, "kappa_linear": …,
  "kappa_quadratic": …, "bands": {"kappa": …, "kappa_linear": …, "kappa_quadratic": …}}`;
  of more raters: `{"subjects": n, "raters": k, "fleiss_kappa": …, "bands":
  {"fleiss_kappa": …}}`. Bands are the Landis & Koch codes (`bands.KappaBand`).

Numbers are floats, never NaN: ratings on which every statistic is undefined (all equal) are
refused with `AgreementInputError`.
"""

from collections.abc import Sequence
from typing import Any

from .bands import kappa_band
from .stats import Kind, Rating, cohen_kappas, fleiss_kappa, icc, raters_of, subjects_of


def agreement_report(kind: Kind, ratings: Sequence[Rating]) -> dict[str, Any]:
    """The report of scores (`kind="score"`) or rubric levels (`kind="level"`)."""
    report: dict[str, Any] = {
        "subjects": len(subjects_of(ratings)),
        "raters": len(raters_of(ratings)),
    }
    if kind == "score":
        report["icc"] = {}
        for form, estimate in icc(ratings).items():
            entry: dict[str, Any] = {
                "value": estimate.value,
                "ci95": list(estimate.ci95) if estimate.ci95 else None,
                "band": estimate.band.value if estimate.band else None,
            }
            if estimate.reason:
                entry["reason"] = estimate.reason
            report["icc"][form] = entry
    elif report["raters"] == 2:
        kappas = cohen_kappas(ratings)
        report["kappa"] = kappas.kappa
        report["kappa_linear"] = kappas.kappa_linear
        report["kappa_quadratic"] = kappas.kappa_quadratic
        report["bands"] = {name: band.value for name, band in kappas.bands.items()}
    else:
        value = fleiss_kappa(ratings)
        report["fleiss_kappa"] = value
        report["bands"] = {"fleiss_kappa": kappa_band(value).value}
    return report
