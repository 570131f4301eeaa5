"""Pages of the agreement statistics and the cohort analytics (Dutch; issue #15, items 3, 6
and 7), with their CSV downloads. Thin: `statistics` and `cohort_analytics` read and compute;
a cohort or set the user may not see is a 404."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.safestring import mark_safe
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from content.profile_labels import profile_labels
from schadeplatform.accounts.models import User

from . import cohort_analytics, statistics
from .analytics_charts import heat_map_chart, time_on_task_chart
from .cohort_analytics import ERROR_KINDS, check_title, verdict_label


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _cohort(request: HttpRequest, cohort_id: int):
    found = statistics.cohort_for_statistics(request.user, cohort_id)
    if found is None:
        raise Http404
    return found


def _criterion(key: str) -> statistics.Criterion:
    found = statistics.criterion(key)
    if found is None:
        raise Http404
    return found


def _assessor_param(request: HttpRequest) -> User | None:
    try:
        return statistics.ratings_assessor(request.user, _int(request.GET.get("beoordelaar")))
    except statistics.NotVisible:
        raise Http404 from None


def csv_response(text: str, filename: str) -> HttpResponse:
    response = HttpResponse(text, content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _sections(stats: statistics.AgreementStatistics) -> list[dict]:
    """Per criterion the design's figures as table rows and the assessors' rows with the figure
    each shows (`statistics.headline`)."""
    return [
        {
            "criterion": entry.criterion,
            "report": entry.agreement.report,
            "rows": statistics.report_rows(entry.agreement.report),
            "errors": entry.agreement.errors,
            "bias_errors": entry.bias_errors,
            "raters": entry.raters,
            "too_few_to_flag": entry.too_few_to_flag,
            "min_raters_to_flag": entry.min_raters_to_flag,
            "assessors": [
                {
                    "row": row,
                    "headline": statistics.headline(row.agreement.report),
                    "errors": row.agreement.errors,
                }
                for row in entry.assessors
            ],
        }
        for entry in stats.criteria
    ]


# -- cohort agreement --------------------------------------------------------------------------


@login_required
@require_GET
def cohort_agreement(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    stats = statistics.cohort_agreement(request.user, cohort)
    return render(
        request,
        "assessment/agreement.html",
        {
            "title": _("Overeenstemming – %(name)s") % {"name": cohort.name},
            "subject": cohort,
            "stats": stats,
            "sections": _sections(stats),
            "csv_url_name": "assessment:cohort_agreement_csv",
            "design_csv": statistics.may_download_design(request.user, calibration=False),
            "csv_args": cohort.pk,
            "design_note": _(
                "Beoordelaars zijn hier de posities eerste, tweede (en derde) beoordelaar; "
                "per poging de laatste ondertekende beoordeling van elke positie."
            ),
        },
    )


@login_required
@require_GET
def cohort_agreement_csv(request: HttpRequest, cohort_id: int, criterion: str) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    crit = _criterion(criterion)
    assessor = _assessor_param(request)
    if assessor is None:
        ratings = statistics.cohort_design_ratings(cohort, crit)
    else:
        ratings = statistics.cohort_assessor_ratings(cohort, crit, assessor)
    return csv_response(
        statistics.ratings_csv(crit.kind, ratings),
        f"overeenstemming-{slugify(cohort.name)}-{crit.key}.csv",
    )


# -- calibration set agreement -----------------------------------------------------------------


def _calibration(request: HttpRequest, set_id: int):
    found = statistics.calibration_set_for_statistics(request.user, set_id)
    if found is None:
        raise Http404
    try:
        periods, period = statistics.chosen_period(found, _int(request.GET.get("periode")))
    except statistics.NotVisible:
        raise Http404 from None
    return found, periods, period


@login_required
@require_GET
def calibration_agreement(request: HttpRequest, set_id: int) -> HttpResponse:
    calibration_set, periods, period = _calibration(request, set_id)
    stats = statistics.calibration_agreement(request.user, calibration_set, period)
    return render(
        request,
        "assessment/agreement.html",
        {
            "title": _("Overeenstemming – %(name)s") % {"name": calibration_set.title},
            "subject": calibration_set,
            "stats": stats,
            "sections": _sections(stats),
            "periods": periods,
            "period": period,
            "csv_url_name": "assessment:calibration_agreement_csv",
            "design_csv": statistics.may_download_design(request.user, calibration=True),
            "csv_args": calibration_set.pk,
            "design_note": _(
                "De set: de beoordelaars die elk item beoordeelden, in de gekozen examenperiode. "
                "Per beoordelaar: diens beoordelingen naast het vastgestelde cijfer."
            ),
        },
    )


@login_required
@require_GET
def calibration_agreement_csv(request: HttpRequest, set_id: int, criterion: str) -> HttpResponse:
    calibration_set, _periods, period = _calibration(request, set_id)
    crit = _criterion(criterion)
    assessor = _assessor_param(request)
    if assessor is None and not statistics.may_download_design(request.user, calibration=True):
        raise Http404
    ratings = statistics.calibration_ratings(calibration_set, period, crit, assessor)
    return csv_response(
        statistics.ratings_csv(crit.kind, ratings),
        f"kalibratie-{calibration_set.pk}-{crit.key}.csv",
    )


# -- cohort analytics --------------------------------------------------------------------------


def _case_version(request: HttpRequest, cohort):
    try:
        return cohort_analytics.chosen_case_version(cohort, _int(request.GET.get("casus")))
    except LookupError:
        raise Http404 from None


@login_required
@require_GET
def cohort_analytics_page(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = _cohort(request, cohort_id)
    versions, version = _case_version(request, cohort)
    context = {"cohort": cohort, "versions": versions, "version": version}
    if version is not None:
        labels = profile_labels()
        heat = cohort_analytics.heat_map(cohort, version, labels)
        flow = cohort_analytics.workflow(cohort, version)
        context.update(
            heat=heat,
            flow=flow,
            kinds=[(kind, verdict_label(kind)) for kind in ERROR_KINDS],
            kind_rows=[
                {
                    "label": verdict_label(kind),
                    "total": heat.kind_totals[kind],
                    "processes": sorted(heat.kind_items[kind].work_processes),
                    "areas": sorted(labels.area(a) for a in heat.kind_items[kind].competence_areas),
                }
                for kind in ERROR_KINDS
            ],
            checks=[(check_title(key), count) for key, count in heat.checks_failed.items()],
            # The charts escape every text they hold (`analytics_charts`).
            heat_chart=mark_safe(heat_map_chart(heat, title=_("Meest gemiste referentieregels"))),
            time_chart=mark_safe(
                time_on_task_chart(flow.times, title=_("Tijd per fase van het dossier"))
            ),
        )
    return render(request, "assessment/cohort_analytics.html", context)


@login_required
@require_GET
def cohort_analytics_csv(request: HttpRequest, cohort_id: int, part: str) -> HttpResponse:
    if part not in cohort_analytics.CSV_PARTS:
        raise Http404
    cohort = _cohort(request, cohort_id)
    _versions, version = _case_version(request, cohort)
    if version is None:
        raise Http404
    text = cohort_analytics.analytics_csv(cohort, version, part)
    return csv_response(text, f"analyse-{slugify(cohort.name)}-{version.pk}-{part}.csv")
