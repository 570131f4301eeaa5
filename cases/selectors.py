"""Reads of the case library and the dossiers, already filtered to what the user may see.

Who sees which trainee is decided in `schadeplatform.accounts.selectors`; everything here goes
through `trainees_visible_to`. What a trainee may read of a case is decided once, in
`trainee_brief`: the reference calculations, the expected decisions, the hidden damage before it
is revealed and the customer's "good answer" hints never leave it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, Max, OuterRef, Q, QuerySet

from calcengine.schema import VEHICLE_FIELDS
from schadeplatform.accounts.models import Cohort
from schadeplatform.accounts.selectors import trainees_visible_to

from .hv import HV_FACT_LABELS
from .models import (
    Attempt,
    Case,
    CaseVersion,
    CaseVersionStatus,
    DossierEvent,
    PhotoStage,
)
from .timeline import EventKind


def _exam_allowed(user: Any) -> bool:
    return Cohort.objects.filter(trainees=user, exam_mode=True).exists()


def cases_open_to(user: Any) -> QuerySet[Case]:
    """Cases with a published version the user may start; exam-only cases only in exam cohorts."""
    published = CaseVersion.objects.filter(case=OuterRef("pk"), status=CaseVersionStatus.PUBLISHED)
    if not (user.is_authenticated and _exam_allowed(user)):
        published = published.filter(exam_only=False)
    return (
        Case.objects.filter(Exists(published))
        .annotate(
            latest_published_number=Max(
                "versions__number", filter=Q(versions__status=CaseVersionStatus.PUBLISHED)
            )
        )
        .order_by("title")
    )


def latest_published_version(case: Case) -> CaseVersion | None:
    return case.versions.filter(status=CaseVersionStatus.PUBLISHED).order_by("-number").first()


def startable_version(*, user: Any, case: Case) -> CaseVersion | None:
    if not cases_open_to(user).filter(pk=case.pk).exists():
        return None
    return latest_published_version(case)


def attempts_visible_to(user: Any) -> QuerySet[Attempt]:
    """Attempts whose dossier `user` may read: their own, or their cohorts' for an assessor."""
    return Attempt.objects.filter(trainee__in=trainees_visible_to(user)).select_related(
        "case_version", "case_version__case", "trainee", "cohort"
    )


def attempt_for(user: Any, pk: int) -> Attempt:
    """Raises `Attempt.DoesNotExist` for an attempt the user may not know exists (views: 404)."""
    return attempts_visible_to(user).get(pk=pk)


def own_attempts(user: Any) -> QuerySet[Attempt]:
    return attempts_visible_to(user).filter(trainee=user).order_by("-started_at")


def attempts_ready_for_assessment(user: Any) -> QuerySet[Attempt]:
    """Finished attempts (delivered or total loss advised) the user may see, oldest first."""
    return attempts_visible_to(user).filter(submitted_at__isnull=False).order_by("submitted_at")


def timeline(attempt: Attempt) -> QuerySet[DossierEvent]:
    return attempt.events.select_related("actor").order_by("pk")


def hidden_damage_revealed(attempt: Attempt) -> bool:
    return attempt.events.filter(kind=EventKind.HIDDEN_DAMAGE_REVEALED).exists()


def expertise_done(attempt: Attempt) -> bool:
    return attempt.events.filter(kind=EventKind.EXPERTISE_DONE).exists()


def vsi_consulted(attempt: Attempt) -> bool:
    return attempt.events.filter(kind=EventKind.VSI_CONSULTED, refused=False).exists()


def case_photos_for(attempt: Attempt):
    stages = [PhotoStage.VISIBLE]
    if hidden_damage_revealed(attempt):
        stages.append(PhotoStage.HIDDEN)
    return attempt.case_version.photos.filter(stage__in=stages)


# Payer rules a body shop knows from its agreements with the paying party.
_PAYER_FIELDS = (
    "name",
    "cover",
    "steered",
    "approval_limit",
    "expert_required_above",
    "limit_basis",
    "used_parts_allowed",
    "used_parts_min_vehicle_age_years",
    "used_parts_max_vehicle_age_years",
    "aftermarket_parts_allowed",
    "calibration_required_after_adas_work",
    "check_parts_invoice",
    "expertise_days",
    "estimating_costs",
    "notes",
)


def trainee_brief(attempt: Attempt) -> dict[str, Any]:
    """The case as the trainee meets it at this point of the dossier. Never any reference."""
    version = attempt.case_version
    customer = version.customer or {}
    rules = version.payer_rules or {}
    revealed = hidden_damage_revealed(attempt)
    hidden = version.hidden_damage or {}
    brief: dict[str, Any] = {
        "case": {"slug": version.case.slug, "title": version.case.title},
        "version": version.number,
        "tariff_date": version.tariff_date.isoformat(),
        "briefing": version.briefing,
        "arrival": version.arrival,
        "arrival_label": str(version.get_arrival_display()),
        # The contract's vehicle fields, as a calculation program shows them.
        "vehicle": {
            k: v for k, v in (version.vehicle_snapshot or {}).items() if k in VEHICLE_FIELDS
        },
        "customer": {
            "name": customer.get("name", ""),
            "kind": customer.get("kind", ""),
            "deducts_vat": bool(customer.get("deducts_vat", False)),
            "wishes": customer.get("wishes", ""),
            "needs_replacement_car": bool(customer.get("needs_replacement_car", False)),
            "insurer": customer.get("insurer", ""),
            "policy_number": customer.get("policy_number", ""),
            "questions": [
                {"index": i, "question": (q or {}).get("question", "")}
                for i, q in enumerate(customer.get("questions") or [])
            ],
            "last_questions": [
                (q.get("question", "") if isinstance(q, dict) else str(q))
                for q in customer.get("last_questions") or []
            ],
        },
        "payer": {
            "name": version.payer_name or rules.get("name", ""),
            **{k: rules[k] for k in _PAYER_FIELDS if k in rules and k != "name"},
        },
        "hv": None,
        "subcontract_options": list(version.subcontract_options or []),
        "delivery_checklist": list(version.delivery_checklist or []),
        "parts_lead_times": version.parts_lead_times or {},
        "vsi_notes": list(version.vsi_notes or []) if vsi_consulted(attempt) else [],
        "hidden_damage": (
            {"description": hidden.get("description", ""), "photos": hidden.get("photos") or []}
            if revealed
            else None
        ),
    }
    if version.hv_facts is not None:
        brief["hv"] = {
            "facts": [
                {"key": key, "label": label, "present": bool(version.hv_facts.get(key))}
                for key, label in HV_FACT_LABELS.items()
            ]
        }
    return brief
