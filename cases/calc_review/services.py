"""Writes of the calculation review: making an exercise (document and key, by the injection),
and a trainee's save and submit (scored, with the explanation per line)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

from django.db import transaction
from django.utils import timezone

from calcengine.catalogue import rate_sets
from calcengine.schema import PART_SOURCES

from .. import payer
from ..models import CalcReviewAnswer, CalcReviewExercise, CaseVersion
from . import selectors
from .answers import problems, read, stored
from .injection import CaseFacts, ErrorSpec, build_review
from .scoring import LineVerdict, MissingEntry, score_review


class NotATrainee(Exception):
    """Only trainees review (their answer is their own); views answer 404."""


class ReviewInvalid(Exception):
    """The review cannot be saved or submitted as typed: `errors` as `answers.problems`."""

    def __init__(self, errors: list[tuple[str, int | str, str, str]]):
        super().__init__(errors)
        self.errors = errors


def case_facts(version: CaseVersion) -> CaseFacts:
    """What the injection reads of a case version: its reference pre-calculation, the part
    sources its paying party forbids on this vehicle at the case's date (`payer.rules_for`,
    `payer.vehicle_age_years`, as the paying party decides), the parts the reference declares
    undamaged, and the catalogue's other rate sets."""
    reference = version.reference_precalc or {}
    on: date = version.start_date or version.tariff_date
    age = payer.vehicle_age_years((version.vehicle_snapshot or {}).get("first_registration"), on)
    rules = payer.rules_for(version)
    return CaseFacts(
        reference=reference,
        vehicle_id=version.vehicle_id,
        rate_set_id=version.rate_set_id,
        forbidden_sources=tuple(s for s in PART_SOURCES if not rules.part_source_allowed(s, age)),
        undamaged=tuple((reference.get("assess") or {}).get("undamaged") or ()),
        other_rate_set_ids=tuple(sorted(r.id for r in rate_sets() if r.id != version.rate_set_id)),
    )


def calc_review_exercise_make(
    *,
    slug: str,
    title: str,
    instructions: str,
    case_version: CaseVersion,
    specs: Sequence[ErrorSpec],
    seed: int | None,
    published: bool = True,
) -> tuple[CalcReviewExercise, str]:
    """Make (or bring up to date) the exercise `slug`: the reviewed document and its key from
    `specs` on `case_version`'s reference. Raises `injection.InjectionError` (Dutch) for specs
    the case cannot hold. Returns the exercise and "aangemaakt" / "bijgewerkt" / "al actueel";
    a changed document deletes the answers made to the old one (they no longer fit it)."""
    review = build_review(case_facts(case_version), specs, seed)
    fields = {
        "title": title,
        "instructions": instructions,
        "case_version": case_version,
        "error_specs": [spec.as_dict() for spec in specs],
        "seed": seed,
        "document": review.document,
        "answer_key": [error.as_dict() for error in review.errors],
        "published": published,
    }
    with transaction.atomic():
        exercise = CalcReviewExercise.objects.select_for_update().filter(slug=slug).first()
        if exercise is None:
            return CalcReviewExercise.objects.create(slug=slug, **fields), "aangemaakt"
        if all(getattr(exercise, name) == value for name, value in fields.items()):
            return exercise, "al actueel"
        if exercise.document != review.document or exercise.answer_key != fields["answer_key"]:
            exercise.answers.all().delete()
        for name, value in fields.items():
            setattr(exercise, name, value)
        exercise.save()
    return exercise, "bijgewerkt"


def _check(
    exercise: CalcReviewExercise,
    trainee: Any,
    verdicts: Mapping[str, LineVerdict],
    missing: Sequence[MissingEntry],
    *,
    submitting: bool,
) -> list[tuple[str, str]]:
    if not getattr(trainee, "is_trainee", False):
        raise NotATrainee
    anchors = selectors.anchors(exercise)
    found = problems([a for a, _w in anchors], verdicts, missing, submitting=submitting)
    if found:
        raise ReviewInvalid(found)
    return anchors


def _open(exercise: CalcReviewExercise, trainee: Any) -> CalcReviewAnswer:
    answer = (
        CalcReviewAnswer.objects.select_for_update()
        .filter(exercise=exercise, trainee=trainee, submitted_at__isnull=True)
        .first()
    )
    if answer is None:
        answer = CalcReviewAnswer.objects.create(exercise=exercise, trainee=trainee)
    return answer


def calc_review_save(
    *,
    exercise: CalcReviewExercise,
    trainee: Any,
    verdicts: Mapping[str, LineVerdict],
    missing: Sequence[MissingEntry],
) -> CalcReviewAnswer:
    """Keep the review as typed so far (any row may still be open)."""
    _check(exercise, trainee, verdicts, missing, submitting=False)
    with transaction.atomic():
        answer = _open(exercise, trainee)
        answer.answers = stored(verdicts, missing)
        answer.save(update_fields=["answers", "updated_at"])
    return answer


def calc_review_submit(
    *,
    exercise: CalcReviewExercise,
    trainee: Any,
    verdicts: Mapping[str, LineVerdict],
    missing: Sequence[MissingEntry],
) -> CalcReviewAnswer:
    """Score the review against the key and close it, with the explanation per line."""
    anchors = _check(exercise, trainee, verdicts, missing, submitting=True)
    scored = score_review(exercise.answer_key, anchors, verdicts, missing)
    with transaction.atomic():
        # Lock the open review: two tabs may submit at once.
        answer = _open(exercise, trainee)
        answer.answers = stored(verdicts, missing)
        answer.result = scored.as_dict()
        answer.score = scored.score
        answer.submitted_at = timezone.now()
        answer.save()
    return answer


def saved(answer: CalcReviewAnswer) -> tuple[dict[str, LineVerdict], list[MissingEntry]]:
    return read(answer.answers)
