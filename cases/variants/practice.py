"""Practice mode: a trainee asks for a fresh variant as often as they like, fills in the
pre-calculation and gets it scored at once against the variant's reference. Reads are filtered
to the trainee's own attempts; nobody else sees them (no assessor, no editor, no cohort).

The answer (`answer`: the form's values) becomes a `schadecalc/1` calculation through the
catalogue (`prefill_line`), as the calculation program fills a line: the trainee chooses the
operation, the paint level, the repair time and the part source; the catalogue gives the
times, prices and paint units. A used or aftermarket part is priced as the reference prices it
(`generate.part_price`).
"""

from __future__ import annotations

import secrets
from decimal import Decimal
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext

from calcengine import InputError, parse
from calcengine.catalogue import CatalogueError, get_vehicle, get_work_code, prefill_line
from calcengine.schema import PART_BUYING_OPERATIONS, REPAIR_OPERATION, SPEC

from ..models import PracticeVariantAttempt
from .generate import Variant, part_price, rates_of, template_keys, variant_for
from .scoring import score_submission

SEED_LIMIT = 2**31
RECENT = 50


class NotATrainee(Exception):
    """Only trainees practise (views answer 404)."""


class AlreadySubmitted(Exception):
    """A practice attempt is scored once; the trainee asks for a new variant instead."""


class AnswerRefused(Exception):
    """The answer cannot be made into a calculation: `errors` maps form field names to Dutch
    messages (the form shows them beside what was typed)."""

    def __init__(self, errors: dict[str, str]):
        super().__init__(errors)
        self.errors = errors


# --------------------------------------------------------------------------------- reads


def own_attempts(user: Any) -> QuerySet[PracticeVariantAttempt]:
    """The user's own practice attempts (none for anyone who is not a trainee)."""
    if not getattr(user, "is_authenticated", False) or not getattr(user, "is_trainee", False):
        return PracticeVariantAttempt.objects.none()
    return PracticeVariantAttempt.objects.filter(trainee=user)


def attempt_for(user: Any, pk: int) -> PracticeVariantAttempt:
    """Raises `PracticeVariantAttempt.DoesNotExist` for another's attempt (views: 404)."""
    return own_attempts(user).get(pk=pk)


def variant_of(attempt: PracticeVariantAttempt) -> Variant:
    return variant_for(attempt.template_key, attempt.seed, attempt.template_version)


# -------------------------------------------------------------------------------- writes


def practice_new(*, trainee: Any, template_key: str | None = None) -> PracticeVariantAttempt:
    """A fresh variant for the trainee: a random seed of the template (any, when not named)."""
    if not getattr(trainee, "is_trainee", False):
        raise NotATrainee
    keys = template_keys()
    key = template_key if template_key in keys else keys[secrets.randbelow(len(keys))]
    seed = secrets.randbelow(SEED_LIMIT)
    variant = variant_for(key, seed)  # generated (and accepted by the engine) before it is stored
    return PracticeVariantAttempt.objects.create(
        trainee=trainee,
        template_key=variant.template_key,
        template_version=variant.template_version,
        seed=seed,
    )


def submission_from(variant: Variant, answer: dict[str, Any]) -> dict[str, Any]:
    """The answer as a `schadecalc/1` calculation; `AnswerRefused` with the fields at fault."""
    params = variant.parameters
    vehicle = get_vehicle(params.vehicle_id)
    errors: dict[str, str] = {}
    lines: list[dict[str, Any]] = []
    for index, row in enumerate(variant.rows):
        typed = answer.get("rows", {}).get(row.code, {})
        operation = typed.get("operation") or ""
        if not operation:
            continue
        source = typed.get("part_source") or "oem"
        units = typed.get("repair_units")
        if operation == REPAIR_OPERATION and not units:
            errors[f"units_{index}"] = gettext("Vul de hersteltijd in (eenheden).")
            continue
        try:
            line = prefill_line(
                vehicle.id,
                row.code,
                operation,
                line_id=str(len(lines) + 1),
                paint_mode=typed.get("paint_mode") or None,
                repair_units=Decimal(units) if operation == REPAIR_OPERATION else None,
                part_source=source if operation in PART_BUYING_OPERATIONS else "oem",
                unit_price=(
                    part_price(vehicle.part(row.code), source)
                    if operation in PART_BUYING_OPERATIONS and source != "oem"
                    else None
                ),
            )
        except CatalogueError as refused:
            errors[f"operation_{index}"] = str(refused)
            continue
        lines.append(line)
    for code in answer.get("work", []):
        if code in variant.offered_work:
            operation = get_work_code(code).operation
            lines.append(prefill_line(vehicle.id, code, operation, line_id=str(len(lines) + 1)))
    if not lines:
        errors["__all__"] = gettext(
            "Een calculatie zonder regels: kies bij de beschadigde onderdelen een bewerking."
        )
    if answer.get("rate_set") is None:
        errors["rate_set"] = gettext("Kies de tarieven van de betaler.")
    if errors:
        raise AnswerRefused(errors)
    submission = {
        "spec": SPEC,
        "vehicle": variant.reference["vehicle"],
        "rates": rates_of(answer["rate_set"], bool(answer.get("deducts_vat"))),
        "lines": lines,
    }
    try:
        parse(submission)
    except InputError as refused:
        raise AnswerRefused(
            {"__all__": "; ".join(f"{e['path']}: {e['message']}" for e in refused.errors)}
        ) from refused
    return submission


def practice_submit(
    *, attempt: PracticeVariantAttempt, trainee: Any, answer: dict[str, Any]
) -> PracticeVariantAttempt:
    """Score the answer and store it with the result; once per attempt."""
    if attempt.trainee_id != getattr(trainee, "pk", None):
        raise PracticeVariantAttempt.DoesNotExist
    if attempt.submitted_at is not None:
        raise AlreadySubmitted
    variant = variant_of(attempt)
    submission = submission_from(variant, answer)
    result = score_submission(variant, submission)
    with transaction.atomic():
        locked = PracticeVariantAttempt.objects.select_for_update().get(pk=attempt.pk)
        if locked.submitted_at is not None:
            raise AlreadySubmitted
        locked.answer = answer
        locked.submission = submission
        locked.result = result
        locked.score = Decimal(result["score"])
        locked.passed = bool(result["passed"])
        locked.submitted_at = timezone.now()
        locked.save()
    return locked
