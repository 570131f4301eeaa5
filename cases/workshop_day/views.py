"""Pages of the workshop day under the trainee's area (/casussen/werkplaatsdag/).

As the paint drill: every logged-in user may open a published day (the task shows no reference);
only a trainee submits a plan, for themselves (others: 404). The result page is the trainee's
own: anyone else gets 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from ..models import WorkshopDay, WorkshopDayAnswer
from . import selectors, services
from .forms import WorkshopPlanForm


@login_required
def day_list(request: HttpRequest) -> HttpResponse:
    days = list(selectors.days_open_to(request.user))
    answers = list(selectors.own_answers(request.user).defer("result", "plan")[:50])
    return render(
        request,
        "cases/workshop_day/list.html",
        {"days": days, "answers": answers, "can_answer": request.user.is_trainee},
    )


@login_required
def day_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        day = selectors.day_for(request.user, pk)
    except WorkshopDay.DoesNotExist:
        raise Http404 from None
    task = selectors.task_of(day)
    status = 200
    if request.method == "POST":
        if not request.user.is_trainee:
            raise Http404
        form = WorkshopPlanForm(request.POST, dossiers=task["dossiers"])
        if form.is_valid():
            answer = services.workshop_day_submit(day=day, trainee=request.user, plan=form.plan())
            return redirect("cases:workshop-day-answer", pk=answer.pk)
        status = 400
    else:
        form = WorkshopPlanForm(dossiers=task["dossiers"])
    return render(
        request,
        "cases/workshop_day/form.html",
        {"day": day, "task": task, "form": form, "can_answer": request.user.is_trainee},
        status=status,
    )


@login_required
def answer_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        answer = selectors.answer_for(request.user, pk)
    except WorkshopDayAnswer.DoesNotExist:
        raise Http404 from None
    return render(
        request,
        "cases/workshop_day/result.html",
        {"answer": answer, "day": answer.day, "result": answer.result},
    )
