"""Reads of the case library and the dossiers, already filtered to what the user may see.

Who sees which attempt is decided here, once, by `attempts_visible_to` (by the cohort the
attempt is filed in, never by who its trainee is): every app (dossier, timeline, photos,
calculation, assessment queue, grades, reports, progress, exports) reads attempts through it.
Which cohorts a trainee may start a case in is decided once too, in `cohorts_offering`. What a
trainee may read of a case is decided once, in
`trainee_brief`: the reference calculations, the expected decisions, the hidden damage before it
is revealed and the customer's "good answer" hints never leave it.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery

from calcengine.schema import VEHICLE_FIELDS
from schadeplatform.accounts.models import Cohort, Role

from . import payer
from .final_inspection import findings_state
from .hv import HV_FACT_LABELS
from .hv_findings import asked_questions, recorded_facts
from .hv_questions import HV_QUESTIONS, source_key
from .liability_claim import liability_claim_brief, vat_status_known
from .models import (
    Attempt,
    AttemptStatus,
    Case,
    CasePhoto,
    CaseVersion,
    CaseVersionStatus,
    DossierEvent,
    PhotoStage,
)
from .timeline import EventKind


def cases_open_to(user: Any) -> QuerySet[Case]:
    """Cases with a published version the user may start; exam-only cases only in exam cohorts."""
    published = CaseVersion.objects.filter(case=OuterRef("pk"), status=CaseVersionStatus.PUBLISHED)
    if user.is_authenticated:
        # In the same query (no round trip of its own): an exam-only case is open to a trainee
        # with an exam cohort, as `cohort_offers` says per cohort.
        in_exam_cohort = Cohort.objects.filter(trainees=user.pk, exam_mode=True)
        published = published.filter(Q(exam_only=False) | Q(Exists(in_exam_cohort)))
    else:
        published = published.filter(exam_only=False)
    latest = CaseVersion.objects.filter(
        case=OuterRef("pk"), status=CaseVersionStatus.PUBLISHED
    ).order_by("-number")
    return (
        Case.objects.filter(Exists(published))
        .annotate(
            latest_published_number=Max(
                "versions__number", filter=Q(versions__status=CaseVersionStatus.PUBLISHED)
            ),
            # What `cohorts_offering` reads of the version an attempt would start on.
            latest_published_exam_only=Subquery(latest.values("exam_only")[:1]),
        )
        .order_by("title")
    )


def start_choices(user: Any, cases: Any) -> dict[int, list[Cohort]]:
    """Per case (pk) of `cases_open_to(user)`, the cohorts the start form offers: as
    `cohorts_offering`, read with one query for all cases."""
    cohorts = _trainee_cohorts(user)
    return {
        case.pk: [
            c for c in cohorts if cohort_offers(c, exam_only=bool(case.latest_published_exam_only))
        ]
        for case in cases
    }


def latest_published_version(case: Case) -> CaseVersion | None:
    return case.versions.filter(status=CaseVersionStatus.PUBLISHED).order_by("-number").first()


def latest_published_versions(*prefetch: str) -> list[CaseVersion]:
    """The latest published version of every case that has one (its case joined, `prefetch`
    lookups prefetched), ordered by the case's title."""
    versions = (
        CaseVersion.objects.filter(status=CaseVersionStatus.PUBLISHED)
        .select_related("case")
        .prefetch_related(*prefetch)
        .order_by("case__title", "case_id", "-number")
    )
    latest: dict[int, CaseVersion] = {}
    for version in versions:
        latest.setdefault(version.case_id, version)
    return list(latest.values())


def startable_version(*, user: Any, case: Case) -> CaseVersion | None:
    if not cases_open_to(user).filter(pk=case.pk).exists():
        return None
    return latest_published_version(case)


def cohort_offers(cohort: Cohort, *, exam_only: bool) -> bool:
    """A cohort offers every published case to its trainees, and an exam-only case only when it
    is in exam mode: an exam case never starts in a practice cohort."""
    return cohort.exam_mode or not exam_only


def _trainee_cohorts(user: Any) -> list[Cohort]:
    if not (user.is_authenticated and getattr(user, "is_trainee", False)):
        return []
    return list(
        Cohort.objects.filter(trainees=user)
        .select_related("organisation")
        .order_by("organisation__name", "name", "pk")
    )


def cohorts_offering(user: Any, version: CaseVersion) -> list[Cohort]:
    """The cohorts in which `user` may start an attempt on `version`, in a stable order.

    A trainee in more than one of them chooses (`cases.services.attempt_start`); none is
    picked for them.
    """
    return [c for c in _trainee_cohorts(user) if cohort_offers(c, exam_only=version.exam_only)]


def attempts_visible_to(user: Any) -> QuerySet[Attempt]:
    """The one rule for who sees an attempt, decided by the cohort it is filed in.

    - a trainee: only their own attempts;
    - an assessor: the attempts filed in the cohorts they assess, whoever the trainee is and
      whatever other cohorts (of other organisations) the trainee is also in; an attempt filed
      in no cohort is for no assessor;
    - an administrator: all attempts;
    - an editor (and anyone else): none.
    Narrowing (finished only, own only, a grade's blind rule) happens on top of this, never
    beside it.
    """
    attempts = Attempt.objects.select_related(
        "case_version", "case_version__case", "trainee", "cohort"
    )
    if not user.is_authenticated:
        return attempts.none()
    if user.is_platform_admin:
        return attempts
    if user.role == Role.ASSESSOR:
        return attempts.filter(cohort__in=Cohort.objects.filter(assessors=user))
    if user.role == Role.TRAINEE:
        return attempts.filter(trainee=user)
    return attempts.none()


def visibility_shape(user: Any) -> tuple[bool, bool, str]:
    """What decides the form of `attempts_visible_to(user)`'s SQL (its branches above); a
    prepared query of it (schadeplatform/prepared_queries.py) is composed once per shape."""
    if not user.is_authenticated:
        return (False, False, "")
    return (True, bool(user.is_platform_admin), str(user.role))


def attempt_for(user: Any, pk: int) -> Attempt:
    """Raises `Attempt.DoesNotExist` for an attempt the user may not know exists (views: 404)."""
    return attempts_visible_to(user).get(pk=pk)


def own_attempts(user: Any) -> QuerySet[Attempt]:
    return attempts_visible_to(user).filter(trainee=user).order_by("-started_at")


def timeline(attempt: Attempt) -> QuerySet[DossierEvent]:
    return attempt.events.select_related("actor").order_by("pk")


def hidden_damage_revealed(attempt: Attempt) -> bool:
    return attempt.events.filter(kind=EventKind.HIDDEN_DAMAGE_REVEALED).exists()


def delivery_findings_revealed(attempt: Attempt) -> bool:
    """The final inspection's findings show once the final calculation is approved (the car is
    ready for the inspection), and stay in the delivered dossier."""
    return attempt.status in (AttemptStatus.FINAL_SUBMITTED, AttemptStatus.DELIVERED)


def delivery_findings_brief(attempt: Attempt) -> list[dict[str, str]]:
    """What the inspection shows the trainee, per finding: its observation, or what the
    re-inspection shows once a rework resolved it. No match terms, no verdict."""
    if not delivery_findings_revealed(attempt):
        return []
    events = list(attempt.events.filter(refused=False).order_by("pk"))
    return [
        {
            "observation": state.finding.after_rework
            if state.resolved_by and state.finding.after_rework
            else state.finding.observation
        }
        for state in findings_state(attempt.case_version.delivery_findings, events)
    ]


def expertise_done(attempt: Attempt) -> bool:
    return attempt.events.filter(kind=EventKind.EXPERTISE_DONE).exists()


def vsi_consulted(attempt: Attempt) -> bool:
    return attempt.events.filter(kind=EventKind.VSI_CONSULTED, refused=False).exists()


def case_photos_for(attempt: Attempt):
    """The case's photos as the trainee meets them at this point of the dossier: the intake
    photos, and the hidden damage once the workshop has reported it. The one stage rule."""
    stages = [PhotoStage.VISIBLE]
    if hidden_damage_revealed(attempt):
        stages.append(PhotoStage.HIDDEN)
    if delivery_findings_revealed(attempt):
        stages.append(PhotoStage.DELIVERY)
    return attempt.case_version.photos.filter(stage__in=stages)


def case_photos_visible_to(user: Any, attempt: Attempt) -> QuerySet[CasePhoto]:
    """The case photos of an attempt the user may see (`attempt_for` first): its trainee by the
    stage rule (`case_photos_for`); the assessors and the administrator who may read the attempt
    all of them, hidden damage included, since they grade the whole dossier."""
    if attempt.trainee_id == user.pk:
        return case_photos_for(attempt)
    return attempt.case_version.photos.all()


def case_photo_for(user: Any, attempt_pk: int, photo_id: int) -> CasePhoto:
    """A case photo in the dossier `attempt_pk`; raises `CasePhoto.DoesNotExist` (views: 404) for
    an attempt the user may not see or a photo they may not see yet."""
    try:
        attempt = attempt_for(user, attempt_pk)
    except Attempt.DoesNotExist:
        raise CasePhoto.DoesNotExist from None
    return case_photos_visible_to(user, attempt).get(pk=photo_id)


def case_photo_for_author(user: Any, photo_id: int) -> CasePhoto:
    """Any case photo, draft or published, for those who author cases: the editors and the
    administrator. Raises `CasePhoto.DoesNotExist` for everyone else (views: 404)."""
    if not user.is_authenticated or not (user.is_editor or user.is_platform_admin):
        raise CasePhoto.DoesNotExist
    return CasePhoto.objects.get(pk=photo_id)


# Payer rules a body shop knows from its agreements with the paying party: the rate set's
# (through `payer.rules_for`) and the case's own. The rate set's `notes` are shown only where the
# case states its own: the case's name and cover make the rate set's general notes misleading.
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


def _payer_brief(version: Any) -> dict[str, Any]:
    case_rules = version.payer_rules or {}
    stated = {**case_rules, **payer.rules_for(version).as_stored()}
    stated.pop("notes", None)
    if "notes" in case_rules:
        stated["notes"] = case_rules["notes"]
    return {
        "name": version.payer_name or case_rules.get("name", ""),
        **{k: stated[k] for k in _PAYER_FIELDS if k in stated and k != "name"},
    }


def trainee_brief(attempt: Attempt) -> dict[str, Any]:
    """The case as the trainee meets it at this point of the dossier. Never any reference."""
    version = attempt.case_version
    customer = version.customer or {}
    vat_known = vat_status_known(attempt)
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
            # Hidden until asked where the case makes the owner's VAT status a finding.
            "kind": customer.get("kind", "") if vat_known else "",
            "deducts_vat": bool(customer.get("deducts_vat", False)) if vat_known else None,
            "vat_status_known": vat_known,
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
        "payer": _payer_brief(version),
        "hv": None,
        "subcontract_options": list(version.subcontract_options or []),
        # The case's delivery checklist is hidden (the trainee writes their own list); the
        # inspection's findings show from the final inspection on.
        "delivery_findings": delivery_findings_brief(attempt),
        "parts_lead_times": version.parts_lead_times or {},
        "vsi_notes": list(version.vsi_notes or []) if vsi_consulted(attempt) else [],
        "hidden_damage": (
            {"description": hidden.get("description", ""), "photos": hidden.get("photos") or []}
            if revealed
            else None
        ),
        "liability_claim": liability_claim_brief(attempt),
    }
    if version.hv_facts is not None:
        # Never the case's HV facts: only what the trainee asked (and was answered) and what
        # they recorded themselves (cases.workflow.hv_intake); the photos are in the dossier.
        events = list(attempt.events.filter(refused=False).order_by("pk"))
        asked = asked_questions(events)
        recorded = recorded_facts(events)
        brief["hv"] = {
            "asked": [
                {"key": key, "question": str(HV_QUESTIONS[key].text), "answer": answer}
                for key, answer in asked.items()
                if key in HV_QUESTIONS and HV_QUESTIONS[key].hv
            ],
            "recorded": [
                {
                    "key": key,
                    "label": label,
                    "present": recorded[key]["present"],
                    "source": source_key(recorded[key]["source"]),
                }
                for key, label in HV_FACT_LABELS.items()
                if key in recorded
            ],
        }
    return brief
