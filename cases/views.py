"""Pages of the claim workflow: the trainee's start page, starting a case, the dossier and its moves.

Thin: reading through `cases.selectors`, writing through `cases.services` / `cases.workflow`.
An attempt the user may not see answers 404. Only the attempt's own trainee gets the move forms
(the workflow refuses anyone else: `NotYourAttempt`, answered 404); an assessor of the cohort the
attempt is filed in reads the dossier.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from . import selectors, services
from . import workflow as wf
from .dossier_status import dossier_status, move_answer, stages
from .dossier_timeline import timeline_rows
from .models import Attempt
from .ownership import NotYourAttempt
from .ownership import is_owner as is_owner_of
from .timeline_actor import actor_namer
from .workflow.forms import MoveForm


def _attempt_or_404(request: HttpRequest, pk: int) -> Attempt:
    try:
        return selectors.attempt_for(request.user, pk)
    except Attempt.DoesNotExist:
        raise Http404 from None


def _render_index(
    request: HttpRequest, *, error: tuple[str, str] | None = None, status: int = 200
) -> HttpResponse:
    """The case list; `error` is (case slug, Dutch message) of a start that was refused."""
    attempts = list(selectors.own_attempts(request.user))
    open_by_case = {a.case_version.case_id: a for a in attempts if a.submitted_at is None}
    cases_open = list(selectors.cases_open_to(request.user))
    choices = selectors.start_choices(request.user, cases_open)
    cases = [
        {
            "case": case,
            "open_attempt": open_by_case.get(case.pk),
            # A select only when there is a choice to make (attempt_start asks for it then).
            "cohorts": choices.get(case.pk, []) if len(choices.get(case.pk, [])) > 1 else [],
            "error": error[1] if error and error[0] == case.slug else "",
        }
        for case in cases_open
    ]
    return render(
        request,
        "cases/index.html",
        {"cases": cases, "attempts": attempts, "can_start": request.user.is_trainee},
        status=status,
    )


@login_required
def index(request: HttpRequest) -> HttpResponse:
    """The trainee's start page: the cases open to them and their own dossiers."""
    return _render_index(request)


@login_required
@require_POST
def attempt_start(request: HttpRequest, slug: str) -> HttpResponse:
    case = get_object_or_404(selectors.cases_open_to(request.user), slug=slug)
    try:
        attempt = services.attempt_start(
            trainee=request.user, case=case, cohort=request.POST.get("cohort") or None
        )
    except services.CaseNotAvailable as exc:
        raise Http404 from exc
    except services.CohortChoiceNeeded as exc:
        return _render_index(request, error=(case.slug, exc.message), status=400)
    return redirect("cases:attempt-detail", pk=attempt.pk)


def _forms_for(
    attempt: Attempt, bound: tuple[str, MoveForm] | None, *, opened: str = ""
) -> list[dict[str, Any]]:
    forms = []
    for move in wf.available_moves(attempt):
        declared = wf.get_move(move)
        if not declared.applies_to(attempt) and not (bound is not None and bound[0] == move):
            continue  # not for this case (HV moves for a car without HV system, …)
        if bound is not None and bound[0] == move:
            form = bound[1]
        else:
            form = declared.form(attempt=attempt, prefix=move)
        forms.append(
            {
                "move": move,
                "label": declared.label,
                "form": form,
                "url": reverse("cases:attempt-move", kwargs={"pk": attempt.pk, "move": move}),
                "multipart": declared.upload,
                # The next required step's form is open (the panel's button leads to it).
                "open": move == opened,
            }
        )
    return forms


def _render_dossier(
    request: HttpRequest,
    attempt: Attempt,
    *,
    bound: tuple[str, MoveForm] | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    is_owner = is_owner_of(attempt, request.user)
    events = list(selectors.timeline(attempt))
    status_panel = dossier_status(attempt, events)
    next_move = status_panel.next_step.move if status_panel.next_step else ""
    context = {
        "attempt": attempt,
        "brief": selectors.trainee_brief(attempt),
        "case_photos": selectors.case_photos_for(attempt),
        "photos": attempt.photos.all(),
        "events": timeline_rows(attempt, events, actor_namer(attempt, request.user)),
        "status": status_panel,
        "stages": stages(attempt),
        "move_forms": _forms_for(attempt, bound, opened=next_move) if is_owner else [],
        "is_owner": is_owner,
        "refusal": refusal,
        "refused_move": bound[0] if bound else "",
        "calculation_url": reverse("cases:calc-editor", kwargs={"pk": attempt.pk}),
        "versions_url": reverse("cases:calc-versions", kwargs={"pk": attempt.pk}),
    }
    return render(request, "cases/attempt_detail.html", context, status=status)


@login_required
def attempt_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return _render_dossier(request, _attempt_or_404(request, pk))


@login_required
@require_POST
def attempt_move(request: HttpRequest, pk: int, move: str) -> HttpResponse:
    attempt = _attempt_or_404(request, pk)
    try:
        services.attempt_move(
            attempt=attempt,
            by=request.user,
            move=move,
            data=request.POST,
            files=request.FILES,
            prefix=move,
        )
    except (NotYourAttempt, wf.UnknownMove):
        # An assessor reads the dossier but never works in it: answered as a dossier they
        # may not see.
        raise Http404 from None
    except services.MoveInputInvalid as invalid:
        return _render_dossier(
            request,
            attempt,
            bound=(move, invalid.form),
            refusal=_("Controleer de invoer van deze stap."),
            status=400,
        )
    except wf.MoveRefused as refused:
        attempt.refresh_from_db()
        return _render_dossier(
            request, attempt, bound=(move, refused.form), refusal=refused.message, status=409
        )
    label = wf.get_move(move).label
    answer = move_answer(attempt, move)
    if answer is not None and answer.rejected:
        # Never a green "recorded" over a rejection: the panel at the top gives the reasons.
        messages.error(
            request,
            _("%(move)s: afgewezen door de betalende partij. De redenen staan bovenaan.")
            % {"move": label},
        )
    elif answer is not None:
        messages.success(
            request,
            _("%(move)s: vastgelegd. Betalende partij: %(outcome)s")
            % {"move": label, "outcome": answer.label},
        )
    else:
        messages.success(request, _("%(move)s: vastgelegd.") % {"move": label})
    # To the top: the message and the status panel say what happened and what is next.
    return redirect("cases:attempt-detail", pk=attempt.pk)
