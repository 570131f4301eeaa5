"""Pages of practice mode under /casussen/oefenvarianten/: the trainee's own variants only.

Anyone logged in opens the list (a non-trainee sees an empty one and no button); only a trainee
asks for a new variant or submits, each for themselves; another user's attempt answers 404.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from assessment.models import LineVerdict

from ..models import PracticeVariantAttempt
from . import practice
from .forms import PracticeVariantForm
from .generate import StaleTemplate
from .templates import TEMPLATES


@login_required
def practice_list(request: HttpRequest) -> HttpResponse:
    attempts = list(practice.own_attempts(request.user)[: practice.RECENT])
    return render(
        request,
        "cases/variants/list.html",
        {
            "attempts": attempts,
            "templates": [(t.key, t.title) for t in TEMPLATES.values()],
            "can_practise": request.user.is_trainee,
        },
    )


@login_required
@require_POST
def practice_new(request: HttpRequest) -> HttpResponse:
    try:
        attempt = practice.practice_new(
            trainee=request.user, template_key=request.POST.get("template") or None
        )
    except practice.NotATrainee:
        raise Http404 from None
    return redirect("cases:practice-variant", pk=attempt.pk)


@login_required
def practice_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        attempt = practice.attempt_for(request.user, pk)
    except PracticeVariantAttempt.DoesNotExist:
        raise Http404 from None
    try:
        variant = practice.variant_of(attempt)
    except StaleTemplate:
        # The template's rules changed since: the stored result is still shown, no new answer.
        variant = None
    status = 200
    form = None
    if variant is not None and attempt.submitted_at is None:
        if request.method == "POST":
            form = PracticeVariantForm(request.POST, variant=variant)
            if form.is_valid():
                try:
                    practice.practice_submit(
                        attempt=attempt, trainee=request.user, answer=form.answer()
                    )
                    return redirect("cases:practice-variant", pk=attempt.pk)
                except practice.AnswerRefused as refused:
                    form.add_refusal(refused.errors)
                except practice.AlreadySubmitted:
                    return redirect("cases:practice-variant", pk=attempt.pk)
            status = 400
        else:
            form = PracticeVariantForm(variant=variant)
    elif request.method == "POST":
        return redirect("cases:practice-variant", pk=attempt.pk)
    labels = dict(LineVerdict.choices)
    lines = [
        {**line, "label": labels.get(line["verdict"], line["verdict"])}
        for line in (attempt.result or {}).get("lines", [])
    ]
    return render(
        request,
        "cases/variants/detail.html",
        {
            "attempt": attempt,
            "variant": variant,
            "form": form,
            "result": attempt.result,
            "lines": lines,
        },
        status=status,
    )
