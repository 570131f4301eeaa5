"""What goes into each PDF, and rendering a `Report` row.

The assessment report: trainee, case, date, score and pass/fail, the components, the
sub-scores per work process and competence area, the workflow checks, each line's verdict and
explanation, the rubric, the assessor's comment and sign-off, and the lessons for the mistakes.
The calculation printout: vehicle block, lines grouped by labour / paint / parts /
subcontract and sundries, totals, VAT and the total-loss block, as a body shop prints one.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from django.conf import settings
from django.template.loader import render_to_string
from django.utils import timezone

from calcengine import InputError, parse
from cases.calculations.labels import (
    LABOUR_LABELS,
    OPERATION_LABELS,
    PAINT_MODE_LABELS,
    PART_SOURCE_LABELS,
)

from ..grade_subscores import grade_subscores, level_of
from ..lessons import mistakes_with_lessons
from ..models import LineVerdict
from ..rubric import AREAS, LEVEL_LABELS
from ..scoring.competence import WORK_PROCESSES
from .render import RenderedPdf, render_pdf

CENT = Decimal("0.01")


def organisation_name(attempt) -> str:
    if attempt.cohort_id and attempt.cohort:
        return attempt.cohort.organisation.name
    if attempt.trainee.organisation_id:
        return attempt.trainee.organisation.name
    return settings.WAGTAIL_SITE_NAME


def _money(value: Decimal) -> Decimal:
    return value.quantize(CENT, rounding=ROUND_HALF_UP)


def calculation_sheet(document: dict, output: dict) -> dict[str, Any]:
    """A schadecalc/1 input and its output, arranged as a printed calculation."""
    try:
        calc = parse(document)
    except InputError:
        calc = None
    vehicle = (document or {}).get("vehicle") or {}
    out_lines = {str(line["id"]): line for line in (output or {}).get("lines") or []}
    labour, paint, parts, other = [], [], [], []
    if calc is not None:
        uph = Decimal(calc.vehicle.units_per_hour)
        for line in calc.lines:
            row = {
                "id": line.id,
                "code": line.code,
                "description": line.description,
                "operation": OPERATION_LABELS.get(line.operation, line.operation),
            }
            if line.labour_units and line.labour_category:
                rate = calc.rates.labour.get(line.labour_category, Decimal(0))
                labour.append(
                    {
                        **row,
                        "category": LABOUR_LABELS.get(line.labour_category, line.labour_category),
                        "units": line.labour_units,
                        "rate": rate,
                        "amount": _money(line.labour_units / uph * rate),
                    }
                )
            if line.paint is not None:
                computed = out_lines.get(line.id, {})
                paint.append(
                    {
                        **row,
                        "mode": PAINT_MODE_LABELS.get(line.paint.mode, line.paint.mode),
                        "units": line.paint.units,
                        "computed_units": computed.get("paint_units"),
                    }
                )
            if line.unit_price is not None:
                gross = _money(line.unit_price * line.quantity)
                net = Decimal(str(out_lines.get(line.id, {}).get("parts_net", gross)))
                parts.append(
                    {
                        **row,
                        "quantity": line.quantity,
                        "unit_price": line.unit_price,
                        "gross": gross,
                        "discount": gross - net,
                        "net": net,
                        "source": PART_SOURCE_LABELS.get(line.part_source, line.part_source),
                    }
                )
            if line.operation in ("subcontract", "sundry") and line.amount is not None:
                other.append({**row, "amount": line.amount})
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
    from cases.models import CalculationKind

    kind = scored.get("calculation_kind")
    if not kind:
        return "–"
    try:
        label = str(CalculationKind(kind).label)
    except ValueError:
        label = kind
    return f"{label} {scored.get('calculation_number', '')}".strip()


def assessment_context(grade) -> dict[str, Any]:
    from ..selectors import effective_result, side_by_side

    attempt = grade.attempt
    history = list(grade.overrides.select_related("by").order_by("at", "pk"))
    effective = effective_result(grade)
    subscores = grade_subscores(effective, grade.workflow_checks, grade.rubric)
    rows = side_by_side(grade, effective)
    return {
        "grade": grade,
        "attempt": attempt,
        "case": attempt.case_version.case,
        "organisation": organisation_name(attempt),
        "effective": effective,
        "lines": rows,
        "override_history": history,
        "verdict_labels": dict(LineVerdict.choices),
        "work_processes": [
            {
                "code": code,
                "title": title,
                "score": subscores["work_processes"][code],
                "level": level_of(subscores["work_processes"][code]),
            }
            for code, title in WORK_PROCESSES.items()
        ],
        "competence_areas": [
            {
                "name": area.name,
                "score": subscores["competence_areas"][area.name],
                "level": level_of(subscores["competence_areas"][area.name]),
                "rubric": grade.rubric.get(area.slug),
                "rubric_label": LEVEL_LABELS.get(grade.rubric.get(area.slug)),
                "descriptor": area.descriptors.get(grade.rubric.get(area.slug), ""),
            }
            for area in AREAS
        ],
        "checks": [c for c in grade.workflow_checks if c.get("applicable")],
        "mistakes": mistakes_with_lessons(effective, grade.workflow_checks),
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
        "case": attempt.case_version.case,
        "organisation": organisation_name(attempt),
        "sheet": calculation_sheet(version.input, version.output),
        "printed_at": timezone.now(),
    }


def render_calculation(version) -> RenderedPdf:
    html = render_to_string("assessment/reports/calculation.html", calculation_context(version))
    return render_pdf(html)


def render_report_pdf(report) -> tuple[RenderedPdf, str]:
    from ..models import ReportKind

    if report.kind == ReportKind.ASSESSMENT:
        grade = report.grade
        return render_assessment(grade), (
            f"beoordeling-{grade.attempt_id}-{grade.role}-v{grade.version}.pdf"
        )
    version = report.calculation_version
    return render_calculation(version), (
        f"calculatie-{version.attempt_id}-{version.kind}-{version.number}.pdf"
    )
