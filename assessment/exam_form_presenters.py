"""What the exam form's page, its API and its quality report PDF show (issue #15, items 4, 5
and 7): the items with their labels, coverage rows per dimension with profile names, the
item analysis rows with flags, the chart, and the Angoff studies with their results. One
presentation for the page and the PDF, so they cannot disagree."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.utils.safestring import SafeString, mark_safe

from content.profile_labels import profile_labels

from . import exam_forms
from .agreement.bands import IccBand
from .exam_form_charts import item_chart
from .exam_quality import DIMENSIONS, ItemFlag
from .models import AngoffStatus, AngoffStudy, ExamForm
from .scoring.rules import PASS_MARK


def fixed(value: Any, places: int = 2) -> Decimal | None:
    """A statistic (a float) as a Decimal rounded half up, for the Dutch number filters (which
    take no floats: money never is one)."""
    if value is None:
        return None
    return Decimal(str(value)).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)


def _alpha(analysis: Any) -> dict[str, Any] | None:
    if analysis is None:
        return None
    alpha = analysis.alpha
    return {
        "value": fixed(alpha.value),
        "ci95": [fixed(bound) for bound in alpha.ci95] if alpha.ci95 else None,
        "reason": alpha.reason,
    }


@dataclass
class FormQuality:
    form: ExamForm
    items: list[Any]
    coverage_errors: tuple[str, ...]
    coverage_sections: list[dict[str, Any]]
    gaps: int
    analysis: Any
    analysis_errors: tuple[str, ...]
    analysis_rows: list[dict[str, Any]]
    graded: int
    chart: SafeString | None
    flagged: int
    alpha: dict[str, Any] | None
    pass_mark: Decimal = PASS_MARK


def _coverage_sections(found: exam_forms.FormCoverage, profile: Any) -> list[dict[str, Any]]:
    if found.coverage is None:
        return []
    sections = []
    for dimension in DIMENSIONS:
        rows = [
            {
                "key": entry.key,
                "label": exam_forms.key_label(dimension, entry.key, profile),
                "required": entry.required,
                "covered": entry.covered,
                "status": entry.status.value,
                "status_label": entry.status.label,
                "gap": entry in found.coverage.gaps,
            }
            for entry in found.coverage.keys
            if entry.dimension == dimension
        ]
        if dimension in found.coverage.unmapped or rows:
            sections.append(
                {
                    "dimension": dimension,
                    "label": exam_forms.dimension_label(dimension),
                    "rows": rows,
                    "unmapped": found.coverage.unmapped.get(dimension, Decimal(0)),
                }
            )
    return sections


def form_quality(form: ExamForm) -> FormQuality:
    profile = profile_labels()
    items = exam_forms.form_items(form)
    found = exam_forms.form_coverage(form, items)
    analysed = exam_forms.form_item_analysis(form)
    rows: list[dict[str, Any]] = []
    chart = None
    if analysed.analysis is not None:
        kinds = {item.key: item.kind for item in items}
        kinds.update(
            {
                item.key: ("check" if item.key.startswith("check:") else "line")
                for item in analysed.analysis.items
            }
        )
        for number, item in enumerate(analysed.analysis.items, start=1):
            rows.append(
                {
                    "number": number,
                    "key": item.key,
                    "label": item.label,
                    "kind": kinds.get(item.key, "line"),
                    "attempts": item.attempts,
                    "facility": fixed(item.facility),
                    "mean_credit": fixed(item.mean_credit),
                    "discrimination": fixed(item.discrimination),
                    "reason": item.reason,
                    "flags": [ItemFlag(flag).label for flag in item.flags],
                }
            )
        chart = mark_safe(item_chart(analysed.analysis, kinds=kinds))  # escaped by item_chart
    return FormQuality(
        form=form,
        items=items,
        coverage_errors=found.errors,
        coverage_sections=_coverage_sections(found, profile),
        gaps=len(found.coverage.gaps) if found.coverage else 0,
        analysis=analysed.analysis,
        analysis_errors=analysed.errors,
        analysis_rows=rows,
        graded=analysed.graded,
        chart=chart,
        flagged=len(analysed.analysis.flagged) if analysed.analysis else 0,
        alpha=_alpha(analysed.analysis),
    )


def _band_label(value: str | None) -> str:
    try:
        return str(IccBand(value).label) if value else ""
    except ValueError:
        return value or ""


def study_summary(study: AngoffStudy, labels: dict[str, str] | None = None) -> dict[str, Any]:
    """A study's figures as pages show them (closed: cut score, SE, judges, ICC2k band)."""
    result = study.result or {}
    agreement = result.get("agreement") or None
    return {
        "study": study,
        "closed": study.status == AngoffStatus.CLOSED,
        "cut_score_percent": result.get("cut_score_percent"),
        "standard_error_percent": fixed(result.get("standard_error_percent"), 1),
        "cut_score": fixed(result.get("cut_score")),
        "maximum": fixed(result.get("maximum"), 0),
        "standard_error": fixed(result.get("standard_error")),
        "judge_cut_scores": [
            {
                "judge": judge,
                "points": fixed(points),
                "percent": fixed(100 * points / result["maximum"], 1)
                if result.get("maximum")
                else None,
            }
            for judge, points in sorted((result.get("judge_cut_scores") or {}).items())
        ],
        "agreement": agreement,
        "agreement_value": fixed((agreement or {}).get("value")),
        "agreement_ci95": [fixed(b) for b in agreement["ci95"]]
        if agreement and agreement.get("ci95")
        else None,
        "agreement_band": _band_label(agreement.get("band") if agreement else None),
        "agreement_reason": result.get("agreement_reason", ""),
        "adoptions": result.get("adoptions") or [],
        "default_pass_mark": result.get("default_pass_mark") or PASS_MARK,
    }
