"""Pages of the paint drill under the trainee's area (/casussen/lakoefening/).

Every logged-in user may open a published drill (the task shows no model answer); only a trainee
submits one, for themselves (others: 404, as starting a case). The result page is the trainee's
own: anyone else gets 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..models import PaintDrill, PaintDrillAnswer
from . import selectors, services
from .forms import PaintDrillForm


@login_required
def drill_list(request: HttpRequest) -> HttpResponse:
    drills = list(selectors.drills_open_to(request.user).prefetch_related("panels"))
    answers = list(selectors.own_answers(request.user)[:50])
    return render(
        request,
        "cases/paint_drill/list.html",
        {"drills": drills, "answers": answers, "can_answer": request.user.is_trainee},
    )


@login_required
def drill_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        drill = selectors.drill_for(request.user, pk)
    except PaintDrill.DoesNotExist:
        raise Http404 from None
    panels, overlaps = selectors.drill_panels(drill), selectors.drill_overlaps(drill)
    status = 200
    if request.method == "POST":
        if not request.user.is_trainee:
            raise Http404
        form = PaintDrillForm(request.POST, panels=panels, overlaps=overlaps)
        if form.is_valid():
            answer = services.paint_drill_submit(
                drill=drill,
                trainee=request.user,
                answers=form.answers(),
                deductions=form.deductions(),
            )
            return redirect("cases:paint-drill-answer", pk=answer.pk)
        status = 400
    else:
        form = PaintDrillForm(panels=panels, overlaps=overlaps)
    return render(
        request,
        "cases/paint_drill/form.html",
        {
            "drill": drill,
            "form": form,
            "can_answer": request.user.is_trainee,
            "vehicle": selectors.catalogue_extract(drill),
        },
        status=status,
    )


@login_required
def answer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        answer = selectors.answer_for(request.user, pk)
    except PaintDrillAnswer.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "cases/paint_drill/result.html",
        {"answer": answer, "drill": answer.drill, "result": answer.result},
    )
