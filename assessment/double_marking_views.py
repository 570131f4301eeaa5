"""Pages of double and triple marking (issue #15, items 1 and 7): the exam board's marking
policy per exam cohort, and an exam attempt's marking history with its agreed grade.

Thin: reads through `double_marking` (filtered to what the user may see; 404 otherwise),
writes through `double_marking.policy_save`, whose refusals stay on the page with what was
typed kept.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_http_methods

from . import double_marking, selectors
from .double_marking_forms import MarkingPolicyForm
from .exam import candidate_code
from .exam_board import is_exam_board


@login_required
@require_GET
def policy_list(request: HttpRequest) -> HttpResponse:
    if not is_exam_board(request.user):
        raise Http404
    rows = [
        {"cohort": cohort, "policy": double_marking.policy_for(cohort)}
        for cohort in double_marking.policy_cohorts(request.user)
    ]
    return render(request, "assessment/double_marking/policies.html", {"rows": rows})


def _attempt_rows(cohort) -> list[dict]:
    rows = []
    for attempt in double_marking.cohort_attempts(cohort):
        rows.append(
            {
                "attempt": attempt,
                "code": candidate_code(attempt),
                "agreed": double_marking.agreed_of(attempt),
                "moderation": selectors._moderation_of(attempt),
            }
        )
    return rows


@login_required
@require_http_methods(["GET", "POST"])
def policy_edit(request: HttpRequest, cohort_id: int) -> HttpResponse:
    cohort = double_marking.policy_cohort_for(request.user, cohort_id)
    if cohort is None:
        raise Http404
    policy = double_marking.policy_for(cohort)
    status = 200
    if request.method == "POST":
        form = MarkingPolicyForm(request.POST)
        if form.is_valid():
            data = form.cleaned_data
            try:
                double_marking.policy_save(
                    cohort=cohort,
                    by=request.user,
                    markers=data["markers"],
                    agreement_rule=data["agreement_rule"],
                    escalation_points=data["escalation_points"],
                    escalate_on_pass_fail=data["escalate_on_pass_fail"],
                    moderation_sample_percent=data["moderation_sample_percent"],
                )
            except double_marking.PolicyRefused as exc:
                for error in exc.errors:
                    field = error["path"] if error["path"] in form.fields else None
                    form.add_error(field, error["message"])
            else:
                messages.success(request, _("Beoordelingsbeleid opgeslagen."))
                return redirect("assessment:marking_policy", cohort_id=cohort.pk)
        status = 400
    else:
        form = MarkingPolicyForm(initial=MarkingPolicyForm.initial_for(policy))
    return render(
        request,
        "assessment/double_marking/policy.html",
        {
            "cohort": cohort,
            "policy": policy,
            "form": form,
            "attempts": _attempt_rows(cohort),
        },
        status=status,
    )


@login_required
@require_GET
def attempt_history(request: HttpRequest, attempt_id: int) -> HttpResponse:
    attempt = double_marking.attempt_for_history(request.user, attempt_id)
    if attempt is None:
        raise Http404
    agreed = double_marking.agreed_of(attempt)
    return render(
        request,
        "assessment/double_marking/history.html",
        {
            "attempt": attempt,
            "trainee_name": selectors.trainee_label_of(attempt),
            "policy": double_marking.policy_of_attempt(attempt),
            "events": double_marking.history(attempt, request.user),
            "agreed": agreed,
            "board": is_exam_board(request.user),
        },
    )
