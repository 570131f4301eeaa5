"""Pages of the assessment (Dutch): the assessor's queue and grading page, the trainee's
results, progress pages, the cohort page with its CSV, and report downloads.

Thin: reads through `selectors` (already filtered to what the user may see; 404 otherwise),
writes through `services`, whose refusals are shown with what was typed kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from content.profile_labels import ProfileLabels, profile_labels
from schadeplatform.accounts.models import User

from . import exports, override_preview, selectors, services
from .apis import pdf_response
from .charts import line_chart
from .forms import CorrectionForm, GradeForm, OverrideForm, RescoreForm
from .marking import STEP_MOVES, allowed_moves, may_make
from .marking import grades_release as grades_release_service
from .models import Grade, LineVerdict, ReportKind, ReportStatus
from .presenters import grade_presentation
from .rubric import AREAS, LEVEL_LABELS, level_scale
from .scoring import SPEC, allowed_verdicts
from .scoring.competence import COMPETENCE_AREAS, WORK_PROCESSES

# The service's error paths → the override form's fields (a credit error belongs to the
# percentage the assessor typed).
OVERRIDE_FIELDS = {"reason": "reason", "new_verdict": "new_verdict", "credit": "credit_percent"}

# Rows per queue page: an exam day fills a queue with thousands of attempts, and rendering a
# row (not reading it) is most of the page's cost.
QUEUE_PAGE_SIZE = 50


def _require_assessor(request: HttpRequest) -> None:
    if not request.user.is_assessor:
        raise Http404


@login_required
@require_GET
def queue(request: HttpRequest) -> HttpResponse:
    if request.user.is_trainee:
        return redirect("assessment:my_results")
    _require_assessor(request)
    # Paged after the sort, so that the rows that need the assessor stay on the first pages.
    page_obj = Paginator(selectors.assessment_queue(request.user), QUEUE_PAGE_SIZE).get_page(
        request.GET.get("pagina")
    )
    rows = page_obj.object_list
    cohorts = selectors.cohorts_for_assessor(request.user)
    # Marker allocation (Moodle's): for a user with the permission, per row the cohort's markers.
    can_allocate = services.may_allocate(request.user)
    if can_allocate:
        selectors.queue_allocation_markers(rows)
    return render(
        request,
        "assessment/queue.html",
        {"rows": rows, "page_obj": page_obj, "cohorts": cohorts, "can_allocate": can_allocate},
    )


@login_required
@require_POST
def allocate(request: HttpRequest) -> HttpResponse:
    """Marker allocation from the queue: each selected attempt (`attempt`) gets the marker of
    its own select (`marker_<attempt id>`, empty: niet toegewezen), each checked on its own."""
    if not services.may_allocate(request.user):
        raise PermissionDenied
    allocations: dict[int, int | None] = {}
    for value in request.POST.getlist("attempt"):
        if not (value.isdigit() and len(value) < 10):
            continue
        marker = request.POST.get(f"marker_{value}", "").strip()
        # A marker value that is no id is no user: refused by the service as any stranger is.
        allocations[int(value)] = (
            None if marker == "" else int(marker) if marker.isdigit() and len(marker) < 10 else 0
        )
    if not allocations:
        messages.error(request, _("Kies eerst de pogingen die u wilt toewijzen."))
        return redirect("assessment:queue")
    outcome = services.allocations_set(allocations=allocations.items(), by=request.user)
    if outcome.allocated:
        messages.success(
            request,
            ngettext(
                "%(count)s toewijzing opgeslagen.",
                "%(count)s toewijzingen opgeslagen.",
                len(outcome.allocated),
            )
            % {"count": len(outcome.allocated)},
        )
    for attempt_id, message in outcome.refused:
        messages.error(
            request,
            _("Poging %(id)s niet toegewezen: %(reason)s") % {"id": attempt_id, "reason": message},
        )
    return redirect("assessment:queue")


@login_required
@require_POST
def grade_start(request: HttpRequest, attempt_id: int) -> HttpResponse:
    _require_assessor(request)
    attempt = selectors.attempt_for_assessor(request.user, attempt_id)
    if attempt is None:
        raise Http404
    try:
        grade = services.grade_start(attempt=attempt, by=request.user)
    except services.NotAllowed as exc:
        raise Http404 from exc
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:queue")
    return redirect("assessment:grade", pk=grade.pk)


def _grade_or_404(request: HttpRequest, pk: int) -> Grade:
    _require_assessor(request)
    grade = selectors.grade_for_assessor(request.user, pk)
    if grade is None:
        raise Http404
    return grade


def _grade_form_initial(grade: Grade) -> dict:
    initial = {"revision": grade.revision, "comment": grade.comment}
    for area in AREAS:
        level = grade.rubric.get(area.slug)
        initial[f"rubric_{area.slug}"] = str(level) if level else ""
        initial[f"remark_{area.slug}"] = grade.rubric_remarks.get(area.slug, "")
    return initial


def _grade_page(
    request: HttpRequest,
    grade: Grade,
    *,
    form: GradeForm | None = None,
    override_form: OverrideForm | None = None,
    correction_form: CorrectionForm | None = None,
    rescore_form: RescoreForm | None = None,
    status: int = 200,
) -> HttpResponse:
    shown = grade_presentation(grade)
    effective = shown.effective
    editable = grade.assessor_id == request.user.pk and not grade.is_signed
    rows = shown.rows
    # What each verdict would do, shown before saving (only where the assessor may override).
    effects = override_preview.verdict_effects(grade, effective) if editable else {}
    bound = override_form if override_form is not None and override_form.is_bound else None
    for row in rows:
        row["choices"] = [(v, LineVerdict(v).label) for v in allowed_verdicts(row)]
        row["effects"] = effects.get(row["key"], [])
        # A refused override keeps what was typed, in the form of its own line.
        row["override_form"] = (
            bound if bound is not None and bound.data.get("line_key") == row["key"] else None
        )
    other_grades = [
        g
        for g in selectors.visible_grades_of_attempt(request.user, grade.attempt)
        if g.pk != grade.pk
    ]
    context = {
        "grade": grade,
        "attempt": grade.attempt,
        # The candidate code instead of the name in exam mode until release (double_marking).
        "trainee_name": selectors.trainee_label_of(grade.attempt),
        "editable": editable,
        "effective": effective,
        "rows": rows,
        "verdict_labels": shown.verdict_labels,
        "form": form or GradeForm(initial=_grade_form_initial(grade)),
        "override_form": override_form or OverrideForm(),
        "correction_form": correction_form or CorrectionForm(),
        "rescore_form": rescore_form or RescoreForm(),
        # The re-score under the current scoring spec: only where the service would take it.
        "can_rescore": services.may_rescore(grade, request.user),
        "current_spec": SPEC,
        "checks": shown.checks,
        "history": shown.history,
        "other_grades": other_grades,
        "competence_areas": shown.competence_areas,
        "level_labels": LEVEL_LABELS,
        "can_correct": grade.is_signed and not Grade.objects.filter(supersedes=grade).exists(),
        "exam": services.is_exam(grade.attempt),
        # The marking workflow (assessment.marking): the marker's steps, release, allocation.
        "step_moves": [m for m in allowed_moves(grade) if m.name in STEP_MOVES] if editable else [],
        "can_release": may_make(grade, "release", request.user),
        "allocation": selectors.allocation_of(grade.attempt),
        "marking_history": selectors.marking_history(grade),
        # Evidence at hand (item 7): the whole dossier, the customer's questions with the
        # trainee's and the model answers (for the assessor only), the rejected submissions.
        "dossier_url": reverse("cases:attempt-detail", args=[grade.attempt_id]),
        "evidence": selectors.assessor_evidence(grade),
        "components": shown.components,
        "level_scale": level_scale(),
    }
    return render(request, "assessment/grade.html", context, status=status)


@login_required
@require_http_methods(["GET", "POST"])
def grade(request: HttpRequest, pk: int) -> HttpResponse:
    """The grading page; its form is the no-script path of the autosave (grading.js)."""
    grade = _grade_or_404(request, pk)
    if request.method == "GET":
        return _grade_page(request, grade)
    form = GradeForm(request.POST)
    if not form.is_valid():
        return _grade_page(request, grade, form=form, status=400)
    try:
        services.grade_autosave(
            grade=grade,
            by=request.user,
            revision=form.cleaned_data["revision"],
            rubric=form.rubric(),
            comment=form.cleaned_data["comment"],
            remarks=form.remarks(),
        )
    except services.StaleGrade as exc:
        # Keep what was typed in the form, and say so; the stored version is shown beside it.
        form.add_error(None, str(exc))
        grade.refresh_from_db()
        return _grade_page(request, grade, form=form, status=409)
    except services.NotAllowed as exc:
        raise Http404 from exc
    except services.AssessmentError as exc:
        form.add_error(None, str(exc))
        return _grade_page(request, grade, form=form, status=400)
    messages.success(request, _("Opgeslagen."))
    return redirect("assessment:grade", pk=grade.pk)


@login_required
@require_POST
def grade_override(request: HttpRequest, pk: int) -> HttpResponse:
    grade = _grade_or_404(request, pk)
    form = OverrideForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _grade_page(request, grade, override_form=form, status=400)
    try:
        services.line_override_create(grade=grade, by=request.user, **form.override_arguments())
    except services.NotAllowed as exc:
        raise Http404 from exc
    except services.AssessmentError as exc:
        for error in exc.errors:
            field = OVERRIDE_FIELDS.get(error.get("path", ""))
            form.add_error(field, error["message"])
        messages.error(request, str(exc))
        return _grade_page(request, grade, override_form=form, status=400)
    messages.success(request, _("Oordeel aangepast; de score is opnieuw berekend."))
    return redirect("assessment:grade", pk=grade.pk)


@login_required
@require_POST
def grade_sign(request: HttpRequest, pk: int) -> HttpResponse:
    grade = _grade_or_404(request, pk)
    try:
        services.grade_sign(grade=grade, by=request.user)
    except services.NotAllowed as exc:
        raise Http404 from exc
    except services.AssessmentError as exc:
        for error in exc.errors:
            messages.error(request, error["message"])
        return redirect("assessment:grade", pk=grade.pk)
    messages.success(request, _("Beoordeling ondertekend."))
    return redirect("assessment:grade", pk=grade.pk)


@login_required
@require_POST
def grade_mark(request: HttpRequest, pk: int) -> HttpResponse:
    """A marker's step in the marking workflow (complete, review, reopen)."""
    grade = _grade_or_404(request, pk)
    try:
        services.grade_mark(grade=grade, by=request.user, move=request.POST.get("move", ""))
    except services.NotAllowed as exc:
        raise Http404 from exc
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:grade", pk=grade.pk)
    grade.refresh_from_db()
    messages.success(
        request,
        _("Fase: %(state)s.") % {"state": grade.get_marking_state_display()},
    )
    return redirect("assessment:grade", pk=grade.pk)


@login_required
@require_POST
def grade_release(request: HttpRequest, pk: int) -> HttpResponse:
    grade = _grade_or_404(request, pk)
    try:
        services.grade_release(grade=grade, by=request.user)
    except services.AssessmentError as exc:
        messages.error(request, str(exc))
        return redirect("assessment:grade", pk=grade.pk)
    messages.success(request, _("Beoordeling vrijgegeven: de cursist ziet het resultaat nu."))
    return redirect("assessment:grade", pk=grade.pk)


@login_required
@require_POST
def grades_release(request: HttpRequest) -> HttpResponse:
    """Bulk release from the queue: every selected grade is checked on its own."""
    _require_assessor(request)
    ids = []
    for value in request.POST.getlist("grade"):
        if value.isdigit() and len(value) < 10:
            ids.append(int(value))
    if not ids:
        messages.error(request, _("Kies eerst de beoordelingen die u wilt vrijgeven."))
        return redirect("assessment:queue")
    outcome = grades_release_service(grade_ids=ids, by=request.user)
    if outcome.released:
        messages.success(
            request,
            ngettext(
                "%(count)s beoordeling vrijgegeven.",
                "%(count)s beoordelingen vrijgegeven.",
                len(outcome.released),
            )
            % {"count": len(outcome.released)},
        )
    for grade_id, message in outcome.refused:
        messages.error(
            request,
            _("Beoordeling %(id)s niet vrijgegeven: %(reason)s")
            % {"id": grade_id, "reason": message},
        )
    return redirect("assessment:queue")


@login_required
@require_POST
def grade_correct(request: HttpRequest, pk: int) -> HttpResponse:
    grade = _grade_or_404(request, pk)
    form = CorrectionForm(request.POST)
    if not form.is_valid():
        return _grade_page(request, grade, correction_form=form, status=400)
    try:
        correction = services.grade_correct(
            grade=grade, by=request.user, reason=form.cleaned_data["reason"]
        )
    except services.NotAllowed as exc:
        raise Http404 from exc
    except services.AssessmentError as exc:
        form.add_error(None, str(exc))
        return _grade_page(request, grade, correction_form=form, status=400)
    messages.success(request, _("Correctie gestart als versie %(v)s.") % {"v": correction.version})
    return redirect("assessment:grade", pk=correction.pk)


@login_required
@require_POST
def grade_rescore(request: HttpRequest, pk: int) -> HttpResponse:
    """Score the grade again under the current scoring spec, as a new draft beside it."""
    grade = _grade_or_404(request, pk)
    form = RescoreForm(request.POST)
    if not form.is_valid():
        return _grade_page(request, grade, rescore_form=form, status=400)
    try:
        rescored = services.grade_rescore(
            grade=grade, by=request.user, reason=form.cleaned_data["reason"]
        )
    except services.NotAllowed as exc:
        raise Http404 from exc
    except services.AssessmentError as exc:
        form.add_error(None, str(exc))
        return _grade_page(request, grade, rescore_form=form, status=400)
    messages.success(
        request,
        _("Opnieuw berekend volgens %(spec)s als versie %(v)s.")
        % {"spec": rescored.spec, "v": rescored.version},
    )
    return redirect("assessment:grade", pk=rescored.pk)


@login_required
@require_GET
def result(request: HttpRequest, attempt_id: int) -> HttpResponse:
    """A trainee's (or the assessor's view of a) final result; for the trainee only once
    released (`selectors.result_for`)."""
    found = selectors.result_for(request.user, attempt_id)
    if found is None:
        raise Http404
    shown = grade_presentation(
        found.grade,
        effective=found.effective,
        subscores=found.subscores,
        details=found.show_details,
    )
    return render(
        request,
        "assessment/result.html",
        {
            "result": found,
            "grade": found.grade,
            "attempt": found.attempt,
            "trainee_name": selectors.trainee_label_of(found.attempt),
            "rows": shown.rows,
            "verdict_labels": shown.verdict_labels,
            "competence_areas": shown.competence_areas,
            "work_processes": shown.work_processes,
            "checks": shown.applicable_checks,
            "mistakes": shown.mistakes,
            "components": shown.components,
            "level_labels": LEVEL_LABELS,
            "level_scale": level_scale(),
        },
    )


@login_required
@require_GET
def my_results(request: HttpRequest) -> HttpResponse:
    if not request.user.is_trainee:
        raise Http404
    results = selectors.results_of_trainee(request.user)
    return render(
        request,
        "assessment/my_results.html",
        {
            "results": results,
            "awaiting": selectors.awaiting_result_of_trainee(request.user, results),
        },
    )


@login_required
@require_GET
def my_results_csv(request: HttpRequest) -> HttpResponse:
    """The trainee's own results as CSV; nobody else's, so no parameter names a trainee."""
    if not request.user.is_trainee:
        raise Http404
    return exports.trainee_results_response(request.user)


def _charts(progress: selectors.Progress, labels: ProfileLabels) -> dict:
    return {
        "work_process_chart": mark_safe(
            line_chart(
                {
                    f"{code} {labels.work_process(code)}": points
                    for code, points in progress.series("work_processes").items()
                },
                title=_("Scores per werkproces"),
            )
        ),
        "area_chart": mark_safe(
            line_chart(
                {
                    labels.area(name): points
                    for name, points in progress.series("competence_areas").items()
                },
                title=_("Scores per competentiegebied"),
            )
        ),
        "latest_processes": [
            (code, labels.work_process(code), value)
            for code, value in progress.latest("work_processes").items()
        ],
        "latest_areas": [
            (labels.area(name), value)
            for name, value in progress.latest("competence_areas").items()
        ],
        "level_labels": LEVEL_LABELS,
        "level_scale": level_scale(),
    }


@login_required
@require_GET
def progress(request: HttpRequest, trainee_id: int | None = None) -> HttpResponse:
    trainee = request.user if trainee_id is None else User.objects.filter(pk=trainee_id).first()
    if trainee is None:
        raise Http404
    found = selectors.progress_of_trainee(request.user, trainee)
    if found is None:
        raise Http404
    return render(
        request,
        "assessment/progress.html",
        {
            "trainee": trainee,
            "progress": found,
            "own": trainee == request.user,
            **_charts(found, profile_labels()),
        },
    )


@login_required
@require_GET
def cohort(request: HttpRequest, cohort_id: int) -> HttpResponse:
    _require_assessor(request)
    found = selectors.cohort_for_assessor(request.user, cohort_id)
    if found is None:
        raise Http404
    progress, per_trainee = selectors.cohort_progress(request.user, found)
    labels = profile_labels()
    trainees = list(found.trainees.order_by("last_name", "username"))
    table = []
    for trainee in trainees:
        own = per_trainee.get(trainee.pk, selectors.Progress(points=[]))
        table.append(
            {
                "trainee": trainee,
                "count": len(own.points),
                "areas": [own.latest("competence_areas")[a] for a in COMPETENCE_AREAS],
                "processes": [own.latest("work_processes")[c] for c in WORK_PROCESSES],
            }
        )
    return render(
        request,
        "assessment/cohort.html",
        {
            "cohort": found,
            "progress": progress,
            "table": table,
            "area_names": [labels.area(name) for name in COMPETENCE_AREAS],
            "process_codes": list(WORK_PROCESSES),
            **_charts(progress, labels),
        },
    )


@login_required
@require_GET
def cohort_csv(request: HttpRequest, cohort_id: int) -> HttpResponse:
    _require_assessor(request)
    found = selectors.cohort_for_assessor(request.user, cohort_id)
    if found is None:
        raise Http404
    return exports.cohort_grades_response(request.user, found)


@login_required
@require_POST
def report_assessment(request: HttpRequest, grade_id: int) -> HttpResponse:
    subject = selectors.grade_for_report(request.user, grade_id)
    if subject is None:
        raise Http404
    return _request_report(request, ReportKind.ASSESSMENT, subject)


@login_required
@require_POST
def report_calculation(request: HttpRequest, version_id: int) -> HttpResponse:
    subject = selectors.calculation_version_for(request.user, version_id)
    if subject is None:
        raise Http404
    return _request_report(request, ReportKind.CALCULATION, subject)


def _request_report(request: HttpRequest, kind: str, subject) -> HttpResponse:
    try:
        report = services.report_request(kind=kind, subject=subject, by=request.user)
    except services.AssessmentError as exc:
        # An abuse limit (renders per hour: 429) or a document too long to print (400).
        code = 429 if isinstance(exc, services.RateLimited) else 400
        return render(request, "assessment/report_refused.html", {"message": str(exc)}, status=code)
    return redirect("assessment:report", pk=report.pk)


@login_required
@require_GET
def report(request: HttpRequest, pk: int) -> HttpResponse:
    found = selectors.report_for(request.user, pk)
    if found is None:
        raise Http404
    if found.status == ReportStatus.RENDERED:
        return pdf_response(found)
    return render(request, "assessment/report_pending.html", {"report": found}, status=202)
