"""Pages of the calibration of assessors (issue #15, item 2), Dutch.

For an assessor: the published sets, each item to grade (the attempt's calculation beside its
reference, as the grading page shows it, without the trainee's name) and their own result.
For the exam board (`assessment.exam_board.is_exam_board`): the periods, the sets (create,
publish) and per period every assessor's calibration status.

Thin: reads and writes through `assessment.calibration`; a set, item or period the user may
not see answers 404; a refused form keeps what was typed.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from content.profile_labels import profile_labels

from . import calibration, calibration_sets
from .agreement import icc_band, kappa_band
from .calibration_forms import CalibrationRatingForm, CalibrationSetForm, ExamPeriodForm
from .exam_board import is_exam_board
from .machine_result import NothingToScore, machine_result
from .models import CalibrationItem, CalibrationResult, CalibrationSet, Grade, LineVerdict
from .presenters import GradePresentation, grade_presentation
from .rubric import AREAS, LEVEL_LABELS
from .scoring import rescore


def _require_calibration_user(request: HttpRequest) -> None:
    if not (request.user.is_assessor or is_exam_board(request.user)):
        raise Http404


def _require_exam_board(request: HttpRequest) -> None:
    if not is_exam_board(request.user):
        raise Http404


def item_presentation(item: CalibrationItem) -> GradePresentation | None:
    """The item's attempt scored by the machine (lines beside the reference, L/T/D), as the
    grading page presents a grade; None when the attempt cannot be scored. Nothing is stored:
    the grade is a presentation's carrier only."""
    attempt = item.attempt
    try:
        machine = machine_result(
            attempt, list(attempt.calculation_versions.all()), list(attempt.events.order_by("pk"))
        )
    except NothingToScore:
        return None
    carrier = Grade(attempt=attempt, machine_result=machine, workflow_checks=[], rubric={})
    return grade_presentation(carrier, effective=rescore(machine, {}))


def result_view(result: CalibrationResult | None) -> dict | None:
    """A stored result as the pages show it: figures with their bands and reasons."""
    if result is None:
        return None
    details = result.details or {}
    return {
        "result": result,
        "icc": result.icc,
        "icc_ci95": details.get("icc_ci95"),
        "icc_band": icc_band(result.icc).label if result.icc is not None else "",
        "icc_reason": details.get("icc_reason", ""),
        "kappa": result.kappa_quadratic,
        "kappa_band": (
            kappa_band(result.kappa_quadratic).label if result.kappa_quadratic is not None else ""
        ),
        "kappa_reason": details.get("kappa_reason", ""),
        "icc_threshold": details.get("icc_threshold"),
        "kappa_threshold": details.get("kappa_threshold"),
        "items": details.get("items", []),
    }


@login_required
@require_GET
def calibration_index(request: HttpRequest) -> HttpResponse:
    """The published sets with the assessor's progress in the current period, and their own
    results of every period."""
    _require_calibration_user(request)
    user = request.user
    period = calibration.current_period()
    sets = list(calibration.sets_visible_to(user).prefetch_related("items"))
    results = list(calibration.own_results(user))
    current = {r.calibration_set_id: r for r in results if period and r.period_id == period.pk}
    rated = calibration.own_rating_counts(user, period)
    rows = [
        {
            "set": calibration_set,
            "items": len(calibration_set.items.all()),
            "rated": rated.get(calibration_set.pk, 0),
            "result": current.get(calibration_set.pk),
        }
        for calibration_set in sets
    ]
    context = {
        "period": period,
        "rows": rows,
        "results": results,
        "calibrated": period is not None and any(r.calibrated for r in current.values()),
        "is_assessor": user.is_assessor,
        "exam_board": is_exam_board(user),
    }
    return render(request, "assessment/calibration/index.html", context)


@login_required
@require_GET
def calibration_set(request: HttpRequest, pk: int) -> HttpResponse:
    _require_calibration_user(request)
    found = calibration.set_for(request.user, pk)
    if found is None:
        raise Http404
    period = calibration.current_period()
    ratings = calibration.own_ratings(request.user, found, period)
    items = [
        {"item": item, "rating": ratings.get(item.pk)}
        for item in found.items.select_related("attempt__case_version__case")
    ]
    result = None
    if period is not None:
        result = CalibrationResult.objects.filter(
            assessor=request.user, calibration_set=found, period=period
        ).first()
    context = {
        "set": found,
        "period": period,
        "items": items,
        "shown": result_view(result),
        "exam_board": is_exam_board(request.user),
    }
    return render(request, "assessment/calibration/set.html", context)


def _item_page(
    request: HttpRequest, item: CalibrationItem, form=None, status: int = 200
) -> HttpResponse:
    period = calibration.current_period()
    rating = calibration.own_ratings(request.user, item.calibration_set, period).get(item.pk)
    rated_earlier = (
        calibration.set_rated_earlier(request.user, item.calibration_set, period)
        if period is not None and rating is None
        else None
    )
    shown = item_presentation(item)
    labels = profile_labels()
    context = {
        "item": item,
        "set": item.calibration_set,
        "period": period,
        "rating": rating,
        # The agreed grade only after the assessor's own rating (or for the exam board).
        "show_agreed": rating is not None or is_exam_board(request.user),
        # A set rated in an earlier period is not rated again (`calibration.set_rated_earlier`).
        "rated_earlier": rated_earlier,
        "can_rate": (
            request.user.is_assessor
            and period is not None
            and rating is None
            and rated_earlier is None
        ),
        "form": form or CalibrationRatingForm(),
        "shown": shown,
        "rows": shown.rows if shown else [],
        "effective": shown.effective if shown else None,
        "components": shown.components if shown else [],
        "verdict_labels": dict(LineVerdict.choices),
        "areas": [
            {
                "slug": area.slug,
                "name": labels.area(area.slug),
                "agreed": item.agreed_rubric.get(area.slug),
                "own": (rating.rubric or {}).get(area.slug) if rating else None,
            }
            for area in AREAS
        ],
        "level_labels": LEVEL_LABELS,
    }
    return render(request, "assessment/calibration/item.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def calibration_item(request: HttpRequest, pk: int) -> HttpResponse:
    _require_calibration_user(request)
    item = calibration.item_for(request.user, pk)
    if item is None:
        raise Http404
    if request.method == "GET":
        return _item_page(request, item)
    form = CalibrationRatingForm(request.POST)
    if not form.is_valid():
        return _item_page(request, item, form=form, status=400)
    try:
        calibration.rating_give(
            item=item,
            by=request.user,
            score=form.cleaned_data["score"],
            rubric=form.rubric(),
            comment=form.cleaned_data["comment"],
        )
    except calibration.CalibrationNotAllowed as exc:
        raise Http404 from exc
    except calibration.CalibrationError as exc:
        form.add_service_errors(exc.errors)
        return _item_page(request, item, form=form, status=400)
    messages.success(request, _("Beoordeling opgeslagen; het vastgestelde cijfer staat erbij."))
    return redirect("assessment:calibration_item", pk=item.pk)


# ---------------------------------------------------------------------------------------------
# The exam board


def _manage_page(request: HttpRequest, form=None, status: int = 200) -> HttpResponse:
    context = {
        "periods": list(calibration.periods_for(request.user)),
        "current": calibration.current_period(),
        "sets": list(CalibrationSet.objects.prefetch_related("items")),
        "form": form or ExamPeriodForm(),
    }
    return render(request, "assessment/calibration/manage.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def calibration_manage(request: HttpRequest) -> HttpResponse:
    """The exam board's overview: periods (and a new one), sets (new, publish)."""
    _require_exam_board(request)
    if request.method == "GET":
        return _manage_page(request)
    form = ExamPeriodForm(request.POST)
    if not form.is_valid():
        return _manage_page(request, form=form, status=400)
    try:
        period = calibration.period_create(by=request.user, **form.cleaned_data)
    except calibration.CalibrationError as exc:
        form.add_service_errors(exc.errors)
        return _manage_page(request, form=form, status=400)
    messages.success(request, _("Examenperiode %(name)s aangemaakt.") % {"name": period.name})
    return redirect("assessment:calibration_manage")


@login_required
@require_GET
def calibration_period(request: HttpRequest, pk: int) -> HttpResponse:
    """Every assessor's calibration status in the period (the exam board only)."""
    _require_exam_board(request)
    period = calibration.period_for(request.user, pk)
    if period is None:
        raise Http404
    statuses = calibration.period_overview(request.user, period)
    return render(
        request,
        "assessment/calibration/period.html",
        {"period": period, "statuses": statuses},
    )


@login_required
@require_http_methods(["GET", "POST"])
def calibration_set_create(request: HttpRequest) -> HttpResponse:
    _require_exam_board(request)
    labels = [profile_labels().area(area.slug) for area in AREAS]
    if request.method == "GET":
        form = CalibrationSetForm()
    else:
        form = CalibrationSetForm(request.POST)
        if form.is_valid():
            try:
                created = calibration_sets.calibration_set_create(
                    by=request.user,
                    title=form.cleaned_data["title"],
                    description=form.cleaned_data["description"],
                    items=form.item_inputs(),
                )
            except calibration.CalibrationError as exc:
                form.add_service_errors(exc.errors)
            else:
                messages.success(request, _("Set aangemaakt; publiceer hem voor de beoordelaars."))
                return redirect("assessment:calibration_set", pk=created.pk)
    status = 400 if form.is_bound else 200
    return render(
        request,
        "assessment/calibration/set_create.html",
        {"form": form, "area_names": labels},
        status=status,
    )


@login_required
@require_POST
def calibration_set_publish(request: HttpRequest, pk: int) -> HttpResponse:
    _require_exam_board(request)
    found = calibration.set_for(request.user, pk)
    if found is None:
        raise Http404
    try:
        calibration.calibration_set_publish(calibration_set=found, by=request.user)
    except calibration.CalibrationError as exc:
        messages.error(request, str(exc))
    else:
        messages.success(request, _("Set gepubliceerd."))
    return redirect("assessment:calibration_manage")
