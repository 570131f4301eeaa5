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

from calcengine.catalogue import ZONE_NAMES
from calcengine.formatting import format_money, to_decimal
from schadeplatform.templatetags.dutch import nl_date

from . import selectors, services
from . import workflow as wf
from .models import Attempt, AttemptStatus, CalculationKind
from .ownership import NotYourAttempt
from .ownership import is_owner as is_owner_of
from .timeline import EventKind
from .workflow.forms import MoveForm, ReplacementTransportForm

# The stages of the profile, for the progress bar: (label, statuses within it).
STAGES = (
    ("1.1 Intake", (AttemptStatus.INTAKE,)),
    (
        "1.2 Werkvoorbereiding",
        (AttemptStatus.PREPARATION, AttemptStatus.AWAITING_EXPERTISE, AttemptStatus.APPROVED),
    ),
    ("1.3 Bewaken schadedossier", (AttemptStatus.IN_REPAIR, AttemptStatus.SUPPLEMENT_PENDING)),
    ("1.4 Afleveren", (AttemptStatus.FINAL_SUBMITTED, AttemptStatus.DELIVERED)),
)


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


def _stage_index(status: str) -> int:
    for index, (_label, statuses) in enumerate(STAGES):
        if status in statuses:
            return index
    return 1  # total loss ends in intake/preparation


def _forms_for(attempt: Attempt, bound: tuple[str, MoveForm] | None) -> list[dict[str, Any]]:
    forms = []
    for move in wf.available_moves(attempt):
        declared = wf.get_move(move)
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
            }
        )
    return forms


def _status_label(status: str) -> str:
    try:
        return str(AttemptStatus(status).label)
    except ValueError:
        return status


def _event_rows(attempt: Attempt) -> list[dict[str, Any]]:
    rows = []
    for event in selectors.timeline(attempt):
        rows.append(
            {
                "event": event,
                "transition": (
                    f"{_status_label(event.old_status)} → {_status_label(event.new_status)}"
                    if event.old_status != event.new_status
                    else ""
                ),
                "actor": (
                    event.actor.get_full_name() or event.actor.username
                    if event.actor
                    else _("gesimuleerd (betalende partij, expert of werkplaats)")
                ),
                "summary": describe_event(event.kind, event.data),
            }
        )
    return rows


# Event data holds machine values ("3500.00", "2026-03-18", "front", "precalc"); the timeline
# shows them as the rest of the platform does.
_MONEY_KEYS = frozenset({"amount", "total", "day_price", "quote_amount"})
_DATE_KEYS = frozenset({"planned_date", "start_date", "end_date", "expected_date"})


def _kind_label(value: Any) -> str:
    labels = {
        **dict(CalculationKind.choices),
        **dict(ReplacementTransportForm.base_fields["kind"].choices),
    }
    return str(labels.get(value, value))


def _dutch_value(key: str, value: Any) -> Any:
    if key == "zones" and isinstance(value, list):
        return [ZONE_NAMES.get(str(zone), zone) for zone in value]
    if key in _MONEY_KEYS and to_decimal(value) is not None:
        return format_money(value)
    if key in _DATE_KEYS and isinstance(value, str):
        return nl_date(value)
    if key == "kind":
        return _kind_label(value)
    return value


def describe_event(kind: str, data: dict[str, Any]) -> list[tuple[str, str]]:
    """Label/value pairs of an event's data, for the timeline. Trainee-safe: events hold only
    what happened in the dossier, never a reference."""
    labels = {
        "zones": _("zones"),
        "description": _("omschrijving"),
        "wishes": _("wensen"),
        "question": _("vraag"),
        "answer": _("antwoord"),
        "advice": _("advies"),
        "judgement": _("oordeel"),
        "reasons": _("onderbouwing"),
        "amount": _("bedrag"),
        "repair_days": _("werkdagen"),
        "planned_date": _("gepland op"),
        "kind": _("soort"),
        "version_number": _("versie"),
        "total": _("totaal incl. btw"),
        "outcome": _("uitkomst"),
        "sent_by": _("expert van"),
        "expected_date": _("verwacht op"),
        "report": _("rapport"),
        "day_price": _("dagprijs"),
        "start_date": _("van"),
        "end_date": _("tot"),
        "supplier": _("leverancier"),
        "quote_amount": _("offerte"),
        "instructions": _("instructies"),
        "lead_days": _("levertijd (dagen)"),
        "odometer": _("kilometerstand"),
        "odometer_out": _("km-stand uit"),
        "replacement_odometer_in": _("km-stand in"),
        "new_damage_found": _("nieuwe schade"),
        "notes": _("notities"),
        "topic": _("onderwerp"),
        "message": _("bericht"),
        "explanation": _("toelichting"),
        "complete": _("volledig"),
        "charged_to": _("in rekening bij"),
        "reason": _("reden"),
        "move": _("stap"),
    }
    pairs = []
    for key, label in labels.items():
        if key not in data or data[key] in (None, "", []):
            continue
        value = _dutch_value(key, data[key])
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        elif isinstance(value, bool):
            value = _("ja") if value else _("nee")
        if key == "move":
            value = str(wf.MOVE_LABELS.get(str(value), value))
        pairs.append((label, str(value)))
    if kind == EventKind.PAYER_DECISION:
        for finding in [*data.get("reasons", []), *data.get("corrections", [])]:
            pairs.append((_("bevinding"), finding.get("message", "")))
    if kind == EventKind.PARTS_ORDERED:
        for part in data.get("parts", []):
            pairs.append(
                (
                    _("onderdeel"),
                    f"{part.get('code')} {part.get('description', '')} × {part.get('quantity')}",
                )
            )
    return pairs


def _render_dossier(
    request: HttpRequest,
    attempt: Attempt,
    *,
    bound: tuple[str, MoveForm] | None = None,
    refusal: str = "",
    status: int = 200,
) -> HttpResponse:
    is_owner = is_owner_of(attempt, request.user)
    context = {
        "attempt": attempt,
        "brief": selectors.trainee_brief(attempt),
        "case_photos": selectors.case_photos_for(attempt),
        "photos": attempt.photos.all(),
        "events": _event_rows(attempt),
        "stages": [label for label, _statuses in STAGES],
        "stage_index": _stage_index(attempt.status),
        "move_forms": _forms_for(attempt, bound) if is_owner else [],
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
    messages.success(request, _("%(move)s: vastgelegd.") % {"move": wf.get_move(move).label})
    return redirect(f"{reverse('cases:attempt-detail', kwargs={'pk': attempt.pk})}#tijdlijn")
