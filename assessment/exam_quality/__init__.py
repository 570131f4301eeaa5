"""Exam quality (issue #15, items 4 and 5): pure functions over an exam form's results.

`matrix` holds the response matrix (candidates × items), `extract` builds it from grades'
stored results (reference lines and workflow checks as items; imported on its own, as
`assessment.exam_quality.extract`, since it reads the workflow checks and so needs Django's
apps loaded), `items` the item analysis
(facility, corrected item-total discrimination with flags, Cronbach's alpha), `angoff` the
modified-Angoff cut score, `blueprint` the form's coverage of its toetsmatrijs. No models,
no database: the services and pages call these.
"""

from .angoff import JUDGES_ICC_FORM, AngoffCutScore, angoff_cut_score, angoff_errors
from .blueprint import (
    DIMENSIONS,
    TOLERANCE,
    Coverage,
    CoverageStatus,
    FormItem,
    KeyCoverage,
    coverage,
    coverage_errors,
)
from .items import (
    LOW_DISCRIMINATION,
    Alpha,
    ItemAnalysis,
    ItemFlag,
    ItemStatistics,
    cronbach,
    item_analysis,
)
from .matrix import ExamQualityInputError, Item, ResponseMatrix, response_matrix

__all__ = [
    "DIMENSIONS",
    "JUDGES_ICC_FORM",
    "LOW_DISCRIMINATION",
    "TOLERANCE",
    "Alpha",
    "AngoffCutScore",
    "Coverage",
    "CoverageStatus",
    "ExamQualityInputError",
    "FormItem",
    "Item",
    "ItemAnalysis",
    "ItemFlag",
    "ItemStatistics",
    "KeyCoverage",
    "ResponseMatrix",
    "angoff_cut_score",
    "angoff_errors",
    "coverage",
    "coverage_errors",
    "cronbach",
    "item_analysis",
    "response_matrix",
]
