"""Pages of the calculation review under the trainee's area (/casussen/rekencontrole/).

As the paint drill: every logged-in user may open a published exercise (the case brief, the
intake photos and the calculation under review, never the key); only a trainee saves and
submits one, for themselves (others: 404). The result page is the trainee's own: anyone else
gets 404, and there is none before submitting.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from schadeplatform import private_files

from ..models import CalcReviewAnswer, CalcReviewExercise, CasePhoto
from . import selectors, services
from .error_kinds import ERROR_KIND
from .forms import SUBMIT, CalcReviewForm, initial_from


@login_required
def exercise_list(request: HttpRequest) -> HttpResponse:
    exercises = list(selectors.exercises_open_to(request.user))
    answers = list(selectors.own_answers(request.user).filter(submitted_at__isnull=False)[:50])
    return render(
        request,
        "cases/calc_review/list.html",
        {"exercises": exercises, "answers": answers, "can_answer": request.user.is_trainee},
    )


def _exercise(request: HttpRequest, pk: int) -> CalcReviewExercise:
    try:
        return selectors.exercise_for(request.user, pk)
    except CalcReviewExercise.DoesNotExist:
        raise Http404 from None


@login_required
def exercise_detail(request: HttpRequest, pk: int) -> HttpResponse:
    exercise = _exercise(request, pk)
    rows = selectors.rows(exercise)
    status, saved = 200, False
    if request.method == "POST":
        if not request.user.is_trainee:
            raise Http404
        submitting = request.POST.get("action") == SUBMIT
        form = CalcReviewForm(request.POST, rows=rows, submitting=submitting)
        if form.is_valid():
            try:
                service = services.calc_review_submit if submitting else services.calc_review_save
                answer = service(
                    exercise=exercise,
                    trainee=request.user,
                    verdicts=form.verdicts(),
                    missing=form.missing(),
                )
            except services.ReviewInvalid as invalid:
                for _where, _which, _field, message in invalid.errors:
                    form.add_error(None, _(message))
                status = 400
            else:
                if submitting:
                    return redirect("cases:calc-review-answer", pk=answer.pk)
                saved = True
        else:
            status = 400
    else:
        verdicts, missing = selectors.typed(request.user, exercise)
        form = CalcReviewForm(initial=initial_from(verdicts, missing), rows=rows)
    return render(
        request,
        "cases/calc_review/form.html",
        {
            "exercise": exercise,
            "form": form,
            "saved": saved,
            "can_answer": request.user.is_trainee,
            "brief": selectors.brief(exercise),
            "photos": list(selectors.photos(exercise)),
            "totals": selectors.totals(exercise),
        },
        status=status,
    )


@login_required
def answer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        answer = selectors.answer_for(request.user, pk)
    except CalcReviewAnswer.DoesNotExist:
        raise Http404 from None
    lessons = selectors.lessons_by_kind(answer)
    kinds = [
        {"code": code, "label": _(ERROR_KIND[code].label), "lessons": lessons.get(code, [])}
        for code in (answer.result or {}).get("error_kinds", [])
    ]
    return render(
        request,
        "cases/calc_review/result.html",
        {"answer": answer, "exercise": answer.exercise, "result": answer.result, "kinds": kinds},
    )


@login_required
@require_GET
def exercise_photo(request: HttpRequest, pk: int, photo_id: int) -> HttpResponse:
    try:
        photo = selectors.photo_for(request.user, pk, photo_id)
    except (CalcReviewExercise.DoesNotExist, CasePhoto.DoesNotExist):
        raise Http404 from None
    return private_files.serve(photo.image, as_attachment=False)
