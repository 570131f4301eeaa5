"""What goes into each PDF, and rendering a `Report` row.

The assessment report: trainee, case, date, score and pass/fail, the components, the
sub-scores per work process and competence area, the workflow checks, each line's verdict and
explanation, the rubric, the assessor's comment and sign-off, and the lessons for the mistakes.
The calculation printout: vehicle block, lines grouped by labour / paint / parts /
subcontract and sundries, totals, VAT and the total-loss block, as a body shop prints one.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from calcengine import InputError, line_amounts, parse
from calcengine.output import hours as shown_hours
from calcengine.schema import AMOUNT_OPERATIONS, PART_BUYING_OPERATIONS
from cases.calculations.labels import (
    LABOUR_LABELS,
    OPERATION_LABELS,
    PAINT_MODE_LABELS,
    PART_SOURCE_LABELS,
)
from cases.models import CalculationKind

from ..models import ReportKind
from ..presenters import grade_presentation
from ..rubric import LEVEL_LABELS
from ..selectors import trainee_label_of
from .render import RenderedPdf, render_pdf


def organisation_name(attempt) -> str:
    if attempt.cohort_id and attempt.cohort:
        return attempt.cohort.organisation.name
    if attempt.trainee.organisation_id:
        return attempt.trainee.organisation.name
    return settings.WAGTAIL_SITE_NAME


def calculation_sheet(document: dict, output: dict) -> dict[str, Any]:
    """A schadecalc/1 input and its output, arranged as a printed calculation.

    Every printed amount is the engine's: a line's parts and subcontract/sundry money from
    `calcengine.line_amounts`, labour, paint, small materials, disposal and the totals from the
    §5 output. Labour and paint are priced per calculation (calculation-spec §2.1–§2.3), so a
    labour line shows its units and hours and its category's rate, and the money is in the
    totals. Nothing here computes or rounds money."""
    try:
        calc = parse(document)
    except InputError:
        calc = None
    vehicle = (document or {}).get("vehicle") or {}
    labour, paint, parts, other = [], [], [], []
    if calc is not None:
        for line, amounts in zip(calc.lines, line_amounts(calc), strict=True):
            row = {
                "id": line.id,
                "code": line.code,
                "description": line.description,
                "operation": OPERATION_LABELS.get(line.operation, line.operation),
            }
            if amounts.labour_category is not None:
                labour.append(
                    {
                        **row,
                        "category": LABOUR_LABELS.get(
                            amounts.labour_category, amounts.labour_category
                        ),
                        "units": amounts.labour_units,
                        "hours": shown_hours(amounts.labour_hours),
                        "rate": calc.rates.labour[amounts.labour_category],
                    }
                )
            if line.paint is not None:
                paint.append(
                    {
                        **row,
                        "mode": PAINT_MODE_LABELS.get(line.paint.mode, line.paint.mode),
                        "units": line.paint.units,
                        "computed_units": amounts.paint_units,
                    }
                )
            if line.operation in PART_BUYING_OPERATIONS:
                parts.append(
                    {
                        **row,
                        "quantity": line.quantity,
                        "unit_price": line.unit_price,
                        "gross": amounts.parts_gross,
                        "discount": amounts.parts_discount,
                        "net": amounts.parts_net,
                        "source": PART_SOURCE_LABELS.get(line.part_source, line.part_source),
                    }
                )
            if line.operation in AMOUNT_OPERATIONS:
                other.append({**row, "given": line.amount, "amount": amounts.amount})
    return {
        "vehicle": vehicle,
        "labour": labour,
        "paint": paint,
        "parts": parts,
        "other": other,
        "totals": output or {},
        "labour_totals": [
            {"category": LABOUR_LABELS.get(key, key), **value}
            for key, value in ((output or {}).get("labour") or {}).items()
        ],
        "total_loss": (output or {}).get("total_loss") or {},
        "warnings": (output or {}).get("warnings") or [],
        "vat_percent": ((document or {}).get("rates") or {}).get("vat_percent"),
    }


def _scored_label(scored: dict) -> str:
    kind = scored.get("calculation_kind")
    if not kind:
        return "–"
    try:
        label = str(CalculationKind(kind).label)
    except ValueError:
        label = kind
    return f"{label} {scored.get('calculation_number', '')}".strip()


def assessment_context(grade) -> dict[str, Any]:
    """The assessment report: the grade as `grade_presentation` shows it on every page, with
    what only the printout adds (organisation, the scored calculation, the print date)."""
    shown = grade_presentation(grade)
    attempt = shown.attempt
    return {
        "grade": grade,
        "attempt": attempt,
        # The candidate code in exam mode until release (a marker's report says no name).
        "trainee_name": trainee_label_of(attempt),
        "case": attempt.case_version.case,
        "organisation": organisation_name(attempt),
        "effective": shown.effective,
        "components": shown.components,
        "level_labels": LEVEL_LABELS,
        "lines": shown.rows,
        "override_history": shown.history,
        "verdict_labels": shown.verdict_labels,
        "work_processes": shown.work_processes,
        "competence_areas": shown.competence_areas,
        "checks": shown.applicable_checks,
        "mistakes": shown.mistakes,
        "scored_label": _scored_label(grade.machine_result.get("scored") or {}),
        "printed_at": timezone.now(),
    }


def render_assessment(grade) -> RenderedPdf:
    html = render_to_string("assessment/reports/assessment.html", assessment_context(grade))
    return render_pdf(html)


def calculation_context(version) -> dict[str, Any]:
    attempt = version.attempt
    return {
        "version": version,
        "attempt": attempt,
        # Shared by trainee and markers: an exam attempt's printout names the candidate code
        # until release, as markers see the trainee everywhere (`trainee_label_of`).
        "trainee_name": trainee_label_of(attempt),
        "case": attempt.case_version.case,
        "organisation": organisation_name(attempt),
        "sheet": calculation_sheet(version.input, version.output),
        "printed_at": timezone.now(),
    }


def render_calculation(version) -> RenderedPdf:
    html = render_to_string("assessment/reports/calculation.html", calculation_context(version))
    return render_pdf(html)


def render_report_pdf(report) -> tuple[RenderedPdf, str]:
    if report.kind == ReportKind.ASSESSMENT:
        grade = report.grade
        return render_assessment(grade), (
            f"beoordeling-{grade.attempt_id}-{grade.role}-v{grade.version}.pdf"
        )
    version = report.calculation_version
    return render_calculation(version), (
        f"calculatie-{version.attempt_id}-{version.kind}-{version.number}.pdf"
    )
