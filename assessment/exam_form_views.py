"""Pages of the exam board (examencommissie) under /beoordeling/examencommissie/ (issue #15,
items 4, 5 and 7): blueprints, exam forms with coverage and item analysis, Angoff studies, the
quality report PDF.

Thin: reads through `exam_forms` (filtered to what the user may see; 404 otherwise), writes
through its services, whose refusals are shown with what was typed kept. The exam board
manages; an assessor of a form's cohort reads the form; a judge enters their own estimates;
a trainee gets 404 everywhere.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from content.profile_labels import profile_labels

from . import exam_forms
from .exam_form_forms import (
    PROBABILITY_PREFIX,
    AngoffOpenForm,
    BlueprintForm,
    ExamFormForm,
    probabilities_from,
)
from .exam_form_presenters import form_quality, study_summary
from .models import AngoffStatus
from .reports.exam_form_quality import quality_pdf_response


def _require_board(request: HttpRequest) -> None:
    if not exam_forms.may_manage(request.user):
        raise Http404


def _require_reader(request: HttpRequest) -> None:
    if not exam_forms.may_read_forms(request.user):
        raise Http404


def _add_errors(form, errors: list[dict[str, str]]) -> None:
    for error in errors:
        field = error["path"].split(".")[0]
        form.add_error(field if field in form.fields else None, error["message"])


@login_required
@require_GET
def exam_form_list(request: HttpRequest) -> HttpResponse:
    _require_reader(request)
    forms = exam_forms.forms_visible_to(request.user).order_by("cohort__name", "pk")
    return render(
        request,
        "assessment/exam_forms/list.html",
        {"forms": forms, "board": exam_forms.may_manage(request.user)},
    )


@login_required
@require_GET
def blueprint_list(request: HttpRequest) -> HttpResponse:
    _require_board(request)
    return render(
        request,
        "assessment/exam_forms/blueprints.html",
        {"blueprints": exam_forms.blueprints_for(request.user)},
    )


@login_required
@require_http_methods(["GET", "POST"])
def blueprint_edit(request: HttpRequest, pk: int | None = None) -> HttpResponse:
    _require_board(request)
    blueprint = None
    if pk is not None:
        blueprint = exam_forms.blueprint_for(request.user, pk)
        if blueprint is None:
            raise Http404
    profile = profile_labels()
    if request.method == "GET":
        initial = BlueprintForm.initial_for(blueprint) if blueprint else {}
        form = BlueprintForm(initial=initial, profile=profile)
        return _blueprint_page(request, form, blueprint)
    form = BlueprintForm(request.POST, profile=profile)
    if form.is_valid():
        try:
            saved = exam_forms.blueprint_save(
                by=request.user,
                blueprint=blueprint,
                title=form.cleaned_data["title"],
                description=form.cleaned_data["description"],
                published=form.cleaned_data["published"],
                weights=form.weights(),
            )
        except exam_forms.NotAllowed as exc:
            raise Http404 from exc
        except exam_forms.ExamFormError as exc:
            _add_errors(form, exc.errors)
        else:
            messages.success(request, _("Toetsmatrijs opgeslagen."))
            return redirect("assessment:blueprint_edit", pk=saved.pk)
    return _blueprint_page(request, form, blueprint, status=400)


def _blueprint_page(request, form, blueprint, status: int = 200) -> HttpResponse:
    return render(
        request,
        "assessment/exam_forms/blueprint.html",
        {"form": form, "blueprint": blueprint},
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def exam_form_create(request: HttpRequest) -> HttpResponse:
    _require_board(request)
    form = ExamFormForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            created = exam_forms.exam_form_create(by=request.user, **form.cleaned_data)
        except exam_forms.NotAllowed as exc:
            raise Http404 from exc
        except exam_forms.ExamFormError as exc:
            _add_errors(form, exc.errors)
        else:
            messages.success(request, _("Examenvorm aangemaakt."))
            return redirect("assessment:exam_form", pk=created.pk)
    status = 400 if request.method == "POST" else 200
    return render(request, "assessment/exam_forms/create.html", {"form": form}, status=status)


def _form_or_404(request: HttpRequest, pk: int):
    if request.user.is_trainee:
        raise Http404
    found = exam_forms.form_for(request.user, pk)
    if found is None:
        raise Http404
    return found


def _form_page(request, exam_form, *, open_form=None, status: int = 200) -> HttpResponse:
    board = exam_forms.may_manage(request.user)
    studies = exam_form.angoff_studies.prefetch_related("judges").order_by("-created_at")
    if not board:
        studies = studies.filter(judges=request.user)
    return render(
        request,
        "assessment/exam_forms/detail.html",
        {
            "exam_form": exam_form,
            "quality": form_quality(exam_form),
            "board": board,
            "studies": [study_summary(study) for study in studies],
            "open_form": open_form or (AngoffOpenForm() if board else None),
            "has_open_study": any(s.status == AngoffStatus.OPEN for s in studies),
        },
        status=status,
    )


@login_required
@require_GET
def exam_form(request: HttpRequest, pk: int) -> HttpResponse:
    return _form_page(request, _form_or_404(request, pk))


@login_required
@require_GET
def exam_form_pdf(request: HttpRequest, pk: int) -> HttpResponse:
    """The form's quality report, rendered now (no `Report` row: its kinds name a grade or a
    calculation, and a new kind would need a migration)."""
    found = _form_or_404(request, pk)
    return quality_pdf_response(request, found)


@login_required
@require_POST
def angoff_open(request: HttpRequest, pk: int) -> HttpResponse:
    _require_board(request)
    found = _form_or_404(request, pk)
    form = AngoffOpenForm(request.POST)
    if form.is_valid():
        try:
            study = exam_forms.angoff_study_open(
                form=found, judges=list(form.cleaned_data["judges"]), by=request.user
            )
        except exam_forms.ExamFormError as exc:
            _add_errors(form, exc.errors)
        else:
            messages.success(request, _("Angoff-sessie geopend."))
            return redirect("assessment:angoff_study", pk=study.pk)
    return _form_page(request, found, open_form=form, status=400)


def _study_or_404(request: HttpRequest, pk: int):
    if request.user.is_trainee:
        raise Http404
    study = exam_forms.study_for(request.user, pk)
    if study is None:
        raise Http404
    return study


def _study_page(request, study, *, values=None, errors=None, status: int = 200) -> HttpResponse:
    judge = exam_forms.is_judge(study, request.user)
    own = exam_forms.judgements_of(study, request.user) if judge else {}
    typed = values or {}
    by_path = {}
    for error in errors or []:
        by_path.setdefault(error["path"].removeprefix("probabilities."), []).append(
            error["message"]
        )
    items = [
        {
            "number": number,
            "key": item.key,
            "label": item.label,
            "kind": item.kind,
            "name": f"{PROBABILITY_PREFIX}{item.key}",
            "value": typed.get(
                item.key, str(own[item.key]).replace(".", ",") if item.key in own else ""
            ),
            "errors": by_path.get(item.key, []),
        }
        for number, item in enumerate(exam_forms.form_items(study.form), start=1)
    ]
    board = exam_forms.may_manage(request.user)
    progress = []
    if board:
        table = exam_forms.angoff_table(study)
        progress = [
            {"judge": judge_name, "given": len(row), "of": len(items)}
            for judge_name, row in table.items()
        ]
    return render(
        request,
        "assessment/exam_forms/angoff.html",
        {
            "study": study,
            "summary": study_summary(study),
            "exam_form": study.form,
            "items": items,
            "judge": judge,
            "board": board,
            "progress": progress,
            "errors": [e["message"] for e in errors or [] if not e["path"].startswith("prob")],
        },
        status=status,
    )


@login_required
@require_http_methods(["GET", "POST"])
def angoff_study(request: HttpRequest, pk: int) -> HttpResponse:
    """The study: a judge's entry of their estimates (while open), its result (once closed)."""
    study = _study_or_404(request, pk)
    if request.method == "GET":
        return _study_page(request, study)
    keys = [item.key for item in exam_forms.form_items(study.form)]
    typed = probabilities_from(request.POST, keys)
    try:
        exam_forms.angoff_judgements_save(study=study, judge=request.user, probabilities=typed)
    except exam_forms.NotAllowed as exc:
        raise Http404 from exc
    except exam_forms.ExamFormError as exc:
        return _study_page(request, study, values=typed, errors=exc.errors, status=400)
    messages.success(request, _("Uw schattingen zijn opgeslagen."))
    return redirect("assessment:angoff_study", pk=study.pk)


@login_required
@require_POST
def angoff_close(request: HttpRequest, pk: int) -> HttpResponse:
    _require_board(request)
    study = _study_or_404(request, pk)
    try:
        exam_forms.angoff_study_close(study=study, by=request.user)
    except exam_forms.ExamFormError as exc:
        return _study_page(request, study, errors=exc.errors, status=400)
    messages.success(request, _("Angoff-sessie gesloten; de cesuur is berekend."))
    return redirect("assessment:angoff_study", pk=study.pk)


@login_required
@require_POST
def angoff_adopt(request: HttpRequest, pk: int) -> HttpResponse:
    _require_board(request)
    study = _study_or_404(request, pk)
    try:
        found = exam_forms.cut_score_adopt(study=study, by=request.user)
    except exam_forms.ExamFormError as exc:
        return _study_page(request, study, errors=exc.errors, status=400)
    messages.success(
        request,
        _("Cesuur %(value)s vastgesteld voor deze examenvorm.")
        % {"value": str(found.cut_score).replace(".", ",")},
    )
    return redirect("assessment:exam_form", pk=found.pk)
