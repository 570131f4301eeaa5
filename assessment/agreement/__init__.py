"""Agreement between assessors (issue #15, item 3): the Shrout & Fleiss ICC forms, Cohen's
(weighted) and Fleiss' kappa, each with its band, and each rater's bias against the agreed
grades. `stats` holds the pure functions over a table of ratings, `bands` the published
bands, `report` the JSON-ready report that the command and the pages share, `ratings_csv`
the reading of a ratings file."""

from .bands import BiasFlag, IccBand, KappaBand, icc_band, kappa_band
from .report import agreement_report
from .stats import (
    ICC_FORMS,
    AgreementInputError,
    CohenKappas,
    IccEstimate,
    RaterBias,
    Rating,
    cohen_kappas,
    design_errors,
    fleiss_kappa,
    icc,
    rater_bias,
)

__all__ = [
    "ICC_FORMS",
    "AgreementInputError",
    "BiasFlag",
    "CohenKappas",
    "IccBand",
    "IccEstimate",
    "KappaBand",
    "RaterBias",
    "Rating",
    "agreement_report",
    "cohen_kappas",
    "design_errors",
    "fleiss_kappa",
    "icc",
    "icc_band",
    "kappa_band",
    "rater_bias",
]
