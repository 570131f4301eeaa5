"""Exam forms (issue #15, items 4, 5 and 7): the one owner of their rules, reads and writes.

An exam form is a case version used in an exam cohort (`ExamForm`). Here:

- **who sees what**: the foundation's exam board (`exam_board.is_exam_board`) sees and manages
  every form, blueprint and Angoff study; an assessor of the form's cohort sees the form's
  coverage and item analysis (read-only); a judge of an Angoff study enters their own
  estimates; trainees and everyone else see nothing (`forms_visible_to`, `form_for`, …);
- **the form's items** (`form_items`): before use, the case version's final reference lines and
  the workflow checks that apply to the case; after use, those the grades' results hold
  (`exam_quality.extract.matrix_from_results`). Each carries a human label: the reference
  line's description, the check's title (`item_labels`);
- **coverage** of the blueprint (`form_coverage`): every item weighs 1 (an item is one
  question of the form, as the item analysis counts it), with the profile keys extract gives
  it; computed by `exam_quality.blueprint.coverage`;
- **item analysis** (`form_item_analysis`): from each attempt's final grade
  (`selectors.final_grade`), its result after the overrides (`selectors.effective_result`), by
  `exam_quality.items.item_analysis`;
- **Angoff** (`angoff_study_open`, `angoff_judgements_save`, `angoff_study_close`,
  `cut_score_adopt`): the cut score by `exam_quality.angoff.angoff_cut_score` over the form's
  items (maximum 1 each), adopted on the form by the exam board; every adoption is recorded in
  the study's `result["adoptions"]` (who, when, which figure).

The cut score's effect on grades is `assessment.cut_score`.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, replace
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import Count, Prefetch, Q, QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cases.models import Attempt, CaseVersion, CaseVersionStatus
from cases.timeline import EventKind
from content.profile_labels import GROUP_TITLES
from schadeplatform.accounts.models import Cohort, User

from .errors import Forbidden, Refused
from .exam_board import is_exam_board
from .exam_quality import (
    DIMENSIONS,
    Coverage,
    ExamQualityInputError,
    FormItem,
    Item,
    ItemAnalysis,
    ResponseMatrix,
    angoff_cut_score,
    angoff_errors,
    coverage,
    coverage_errors,
    item_analysis,
)
from .exam_quality.extract import CHECK_PREFIX, LINE_PREFIX, matrix_from_results
from .models import (
    AngoffJudgement,
    AngoffStatus,
    AngoffStudy,
    Blueprint,
    ExamForm,
    Grade,
    GradeStatus,
)
from .scoring.competence import AREA_KEYS, KNOWLEDGE, WORK_PROCESSES
from .selectors import cohorts_for_assessor, effective_result, final_grade
from .workflow_checks import CHECKS, run_checks


class ExamFormError(Refused):
    """A refused write; `errors` in the API's {"path", "message"} shape."""


class NotAllowed(ExamFormError, Forbidden):
    """The user may not do this (shown as 404 on pages, 403/404 in the API)."""


# ---------------------------------------------------------------------------------------------
# Who sees what


def may_manage(user: User) -> bool:
    """Blueprints, forms, Angoff studies and adoption: the exam board alone."""
    return is_exam_board(user)


def may_read_forms(user: User) -> bool:
    """Whether the user has a list of exam forms at all: the exam board and assessors."""
    return may_manage(user) or bool(getattr(user, "is_assessor", False))


def forms_visible_to(user: User) -> QuerySet[ExamForm]:
    forms = ExamForm.objects.select_related(
        "cohort", "cohort__organisation", "case_version", "case_version__case", "blueprint"
    )
    if not user.is_authenticated:
        return forms.none()
    if is_exam_board(user):
        return forms.all()
    # an assessor: the forms of the cohorts they assess (`selectors.cohorts_for_assessor`)
    return forms.filter(cohort__in=cohorts_for_assessor(user))


def form_for(user: User, pk: int) -> ExamForm | None:
    return forms_visible_to(user).filter(pk=pk).first()


def studies_visible_to(user: User) -> QuerySet[AngoffStudy]:
    """The board: every study; anyone else: the studies they judge."""
    studies = AngoffStudy.objects.select_related(
        "form", "form__case_version", "form__case_version__case", "form__cohort"
    )
    if not user.is_authenticated:
        return studies.none()
    if is_exam_board(user):
        return studies.all()
    return studies.filter(judges=user).distinct()


def study_for(user: User, pk: int) -> AngoffStudy | None:
    return studies_visible_to(user).filter(pk=pk).first()


def is_judge(study: AngoffStudy, user: User) -> bool:
    return user.is_authenticated and study.judges.filter(pk=user.pk).exists()


def blueprints_for(user: User) -> QuerySet[Blueprint]:
    if not is_exam_board(user):
        return Blueprint.objects.none()
    return Blueprint.objects.annotate(form_count=Count("forms"))


def blueprint_for(user: User, pk: int) -> Blueprint | None:
    return blueprints_for(user).filter(pk=pk).first()


def exam_cohorts() -> QuerySet[Cohort]:
    return Cohort.objects.filter(exam_mode=True).select_related("organisation")


def form_case_versions() -> QuerySet[CaseVersion]:
    return CaseVersion.objects.filter(status=CaseVersionStatus.PUBLISHED).select_related("case")


def judge_candidates() -> QuerySet[User]:
    """Who may judge: assessors (the exam board's members are assessors or administrators)."""
    return (
        User.objects.filter(is_active=True)
        .filter(Q(role="assessor") | Q(is_superuser=True))
        .order_by("username")
    )


# ---------------------------------------------------------------------------------------------
# Items and their labels


def _line_label(line: dict[str, Any]) -> str:
    description = str(line.get("description") or "").strip()
    code = str(line.get("code") or "").strip()
    if description and code:
        return f"{description} ({code})"
    return description or code or str(line.get("id"))


def item_labels(case_version: CaseVersion) -> dict[str, str]:
    """Item key → human label: a reference line's description (and part code), a check's
    title. The final reference first, the pre-calculation's lines where only it has them."""
    labels: dict[str, str] = {}
    for document in (case_version.reference_precalc, case_version.reference_final):
        for line in (document or {}).get("lines") or ():
            if line.get("id") is not None:
                labels[f"{LINE_PREFIX}{line['id']}"] = _line_label(line)
    for key, (title, *_rest) in CHECKS.items():
        labels[f"{CHECK_PREFIX}{key}"] = title
    return labels


def label_of(labels: dict[str, str], key: str) -> str:
    return labels.get(key, key)


@dataclass(frozen=True)
class _Event:
    kind: str
    data: dict
    refused: bool = False


def _walked_through(case_version: CaseVersion) -> list[_Event]:
    """The milestones of a dossier walked through to the end, as far as they decide whether a
    check applies: the vehicle received and repaired (not for a total loss), the hidden damage
    found where the case has some, the vehicle delivered."""
    if getattr(case_version, "is_total_loss", False):
        return []
    events = [_Event(EventKind.VEHICLE_RECEIVED, {}), _Event(EventKind.REPAIR_STARTED, {})]
    if (case_version.hidden_damage or {}).get("lines"):
        events.append(_Event(EventKind.HIDDEN_DAMAGE_REVEALED, {}))
    events.append(_Event(EventKind.VEHICLE_DELIVERED, {}))
    return events


def form_items(form: ExamForm) -> list[Item]:
    """The form's items before use: the final reference's lines, then the workflow checks
    that apply to the case when its dossier is walked through to the end (`_walked_through`:
    what the case itself decides, before anyone takes it)."""
    from .exam_quality.extract import items_from_reference

    case_version = form.case_version
    reference = case_version.reference_final or case_version.reference_precalc or {}
    applicable = [
        result.key
        for result in run_checks(case_version, _walked_through(case_version))
        if result.applicable
    ]
    labels = item_labels(case_version)
    items = items_from_reference(reference, applicable)
    return [replace(item, label=label_of(labels, item.key)) for item in items]


# ---------------------------------------------------------------------------------------------
# Coverage


@dataclass(frozen=True)
class FormCoverage:
    coverage: Coverage | None
    errors: tuple[str, ...]
    items: tuple[Item, ...]


def coverage_items(items: list[Item]) -> list[FormItem]:
    """Each item weighs 1 (module docstring)."""
    return [FormItem(item.key, 1, item.profile) for item in items]


def form_coverage(form: ExamForm, items: list[Item] | None = None) -> FormCoverage:
    items = form_items(form) if items is None else items
    if form.blueprint is None:
        return FormCoverage(None, (_("Deze examenvorm heeft geen toetsmatrijs."),), tuple(items))
    try:
        found = coverage(form.blueprint.weights or {}, coverage_items(items))
    except ExamQualityInputError as refused:
        return FormCoverage(None, tuple(refused.errors), tuple(items))
    return FormCoverage(found, (), tuple(items))


def key_label(dimension: str, key: str, profile: Any) -> str:
    """A blueprint key as a page names it (`content.profile_labels` for processes and areas)."""
    if dimension == "work_processes":
        return profile.work_process_with_code(key)
    if dimension == "competence_areas":
        return profile.area(key)
    if dimension == "knowledge":
        return profile.knowledge_item(key)
    return key


def dimension_keys() -> dict[str, list[str]]:
    """Per blueprint dimension its keys in the profile's order."""
    return {
        "work_processes": list(WORK_PROCESSES),
        "knowledge": list(KNOWLEDGE),
        "competence_areas": list(AREA_KEYS.values()),
    }


def dimension_label(dimension: str) -> str:
    """A blueprint dimension titled as the profile's coverage view titles its group (the
    blueprint calls the knowledge items' dimension "knowledge")."""
    group = "knowledge_items" if dimension == "knowledge" else dimension
    return str(GROUP_TITLES.get(group, dimension))


# ---------------------------------------------------------------------------------------------
# Item analysis


def form_attempts(form: ExamForm) -> QuerySet[Attempt]:
    return Attempt.objects.filter(
        cohort_id=form.cohort_id, case_version_id=form.case_version_id, submitted_at__isnull=False
    ).order_by("pk")


def final_grades(form: ExamForm) -> list[Grade]:
    """The final grade of each attempt of the form (`selectors.final_grade`), where it has one."""
    attempts = list(
        form_attempts(form)
        .select_related("cohort", "case_version")
        .prefetch_related(
            Prefetch(
                "grades",
                queryset=Grade.objects.filter(status=GradeStatus.SIGNED).prefetch_related(
                    "overrides"
                ),
            )
        )
    )
    finals = []
    for attempt in attempts:
        grade = final_grade(attempt, list(attempt.grades.all()))
        if grade is not None:
            finals.append(grade)
    return finals


def form_matrix(form: ExamForm, grades: list[Grade] | None = None) -> ResponseMatrix:
    """The response matrix of the form's final grades, items labelled for people."""
    grades = final_grades(form) if grades is None else grades
    results = [
        {
            "machine_result": effective_result(grade),
            "workflow_checks": grade.workflow_checks,
            "candidate": str(grade.attempt_id),
        }
        for grade in grades
    ]
    references = Counter(
        ((r["machine_result"].get("scored") or {}).get("reference")) for r in results
    )
    reference = references.most_common(1)[0][0] if len(references) > 1 else None
    matrix = matrix_from_results(results, reference=reference)
    labels = item_labels(form.case_version)
    items = tuple(replace(item, label=label_of(labels, item.key)) for item in matrix.items)
    return ResponseMatrix(matrix.candidates, items, matrix.values)


@dataclass(frozen=True)
class FormAnalysis:
    analysis: ItemAnalysis | None
    errors: tuple[str, ...]
    graded: int


def form_item_analysis(form: ExamForm) -> FormAnalysis:
    grades = final_grades(form)
    try:
        matrix = form_matrix(form, grades)
        return FormAnalysis(item_analysis(matrix), (), len(grades))
    except ExamQualityInputError as refused:
        return FormAnalysis(None, tuple(refused.errors), len(grades))


# ---------------------------------------------------------------------------------------------
# Blueprints


def _weights_errors(weights: Any) -> list[dict[str, str]]:
    if not isinstance(weights, dict) or not all(isinstance(v, dict) for v in weights.values()):
        return [
            {
                "path": "weights",
                "message": _("Geef per dimensie een lijst van sleutels met hun gewicht."),
            }
        ]
    # The blueprint's own rules (`coverage_errors`), checked against one neutral item so that
    # only the blueprint's refusals are left.
    refusals = coverage_errors(weights, [FormItem("-", 1, {})])
    errors = []
    for message in refusals:
        path = "weights"
        for dimension in DIMENSIONS:
            if f" {dimension}" in message or f"'{dimension}'" in message:
                path = f"weights.{dimension}"
        errors.append({"path": path, "message": message})
    if not any(weights.values()) and not errors:
        errors.append({"path": "weights", "message": _("Geef minstens één gewicht.")})
    return errors


def _clean_weights(weights: dict[str, dict[str, Any]]) -> dict[str, dict[str, str]]:
    """Weights as strings of exact decimals, zero weights left out."""
    cleaned: dict[str, dict[str, str]] = {}
    for dimension, keys in weights.items():
        row = {}
        for key, weight in keys.items():
            number = Decimal(str(weight).replace(",", "."))
            if number != 0:
                row[key] = (
                    str(number.normalize()) if number == number.to_integral() else str(number)
                )
        if row:
            cleaned[dimension] = row
    return cleaned


def blueprint_save(
    *,
    by: User,
    title: str,
    weights: dict[str, dict[str, Any]],
    description: str = "",
    published: bool = False,
    blueprint: Blueprint | None = None,
) -> Blueprint:
    """Create or change a blueprint (the exam board); refusals name their field."""
    if not may_manage(by):
        raise NotAllowed(_("Alleen de examencommissie beheert toetsmatrijzen."))
    title = (title or "").strip()
    errors = []
    if not title:
        errors.append({"path": "title", "message": _("Geef een titel.")})
    errors += _weights_errors(weights)
    if errors:
        raise ExamFormError(errors[0]["message"], errors=errors)
    with transaction.atomic():
        if blueprint is None:
            blueprint = Blueprint(title=title)
        else:
            blueprint = Blueprint.objects.select_for_update().get(pk=blueprint.pk)
        blueprint.title = title
        blueprint.description = description or ""
        blueprint.weights = _clean_weights(weights)
        blueprint.published = bool(published)
        blueprint.updated_by = by
        try:
            with transaction.atomic():
                blueprint.save()
        except IntegrityError as exc:
            raise ExamFormError(
                _("Er is al een toetsmatrijs met deze titel."), path="title"
            ) from exc
    return blueprint


def blueprint_delete(*, blueprint: Blueprint, by: User) -> None:
    """Delete a blueprint that no exam form uses (the exam board)."""
    if not may_manage(by):
        raise NotAllowed(_("Alleen de examencommissie beheert toetsmatrijzen."))
    if blueprint.forms.exists():
        raise ExamFormError(
            _("Deze toetsmatrijs hoort bij een examenvorm en blijft bewaard."), path="blueprint"
        )
    blueprint.delete()


# ---------------------------------------------------------------------------------------------
# Exam forms


def exam_form_create(
    *, by: User, cohort: Cohort, case_version: CaseVersion, blueprint: Blueprint | None
) -> ExamForm:
    if not may_manage(by):
        raise NotAllowed(_("Alleen de examencommissie maakt examenvormen."))
    errors = []
    if not cohort.exam_mode:
        errors.append({"path": "cohort", "message": _("Kies een groep in examenmodus.")})
    if case_version.status != CaseVersionStatus.PUBLISHED:
        errors.append({"path": "case_version", "message": _("Kies een gepubliceerde casusversie.")})
    if blueprint is not None and not blueprint.published:
        errors.append({"path": "blueprint", "message": _("Kies een vastgestelde toetsmatrijs.")})
    if errors:
        raise ExamFormError(errors[0]["message"], errors=errors)
    try:
        with transaction.atomic():
            return ExamForm.objects.create(
                cohort=cohort, case_version=case_version, blueprint=blueprint
            )
    except IntegrityError as exc:
        raise ExamFormError(
            _("Deze casusversie is al een examenvorm van deze groep."), path="case_version"
        ) from exc


# ---------------------------------------------------------------------------------------------
# Angoff


def angoff_study_open(*, form: ExamForm, judges: list[User], by: User) -> AngoffStudy:
    """Open a study for the form with at least two judges (assessors or the exam board)."""
    if not may_manage(by):
        raise NotAllowed(_("Alleen de examencommissie opent een Angoff-sessie."))
    allowed = set(judge_candidates().values_list("pk", flat=True))
    chosen = {judge.pk: judge for judge in judges}
    errors = []
    if len(chosen) < 2:
        errors.append({"path": "judges", "message": _("Kies minstens twee beoordelaars.")})
    if any(pk not in allowed for pk in chosen):
        errors.append(
            {"path": "judges", "message": _("Alleen beoordelaars kunnen een kans schatten.")}
        )
    if errors:
        raise ExamFormError(errors[0]["message"], errors=errors)
    with transaction.atomic():
        ExamForm.objects.select_for_update().get(pk=form.pk)
        if form.angoff_studies.filter(status=AngoffStatus.OPEN).exists():
            raise ExamFormError(_("Deze examenvorm heeft al een open Angoff-sessie."), path="form")
        study = AngoffStudy.objects.create(form=form, created_by=by)
        study.judges.set(chosen.values())
    return study


PROBABILITY_QUANTUM = Decimal("0.001")


def parse_probability(value: Any) -> Decimal | None:
    """A probability as typed: "0,65", "0.65", 0.65; None when it is no number."""
    if value is None or isinstance(value, bool):
        return None
    text = str(value).strip().replace(",", ".")
    if not text:
        return None
    try:
        number = Decimal(text)
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def judgement_errors(
    items: list[str], probabilities: dict[str, Any]
) -> tuple[dict[str, Decimal], list[dict[str, str]]]:
    """The judge's estimates as decimals (blank: not given) and the refusals, each with its
    path `probabilities.<item key>`; the rule is `angoff_errors`'s, asked per item."""
    known = set(items)
    cleaned: dict[str, Decimal] = {}
    errors: list[dict[str, str]] = []
    for key, value in probabilities.items():
        path = f"probabilities.{key}"
        if key not in known:
            errors.append({"path": path, "message": _("Onbekend item.")})
            continue
        if value is None or str(value).strip() == "":
            continue
        number = parse_probability(value)
        refusals = angoff_errors(
            {"a": {key: number if number is not None else value}, "b": {key: 0}}, [key], {}
        )
        if number is None or refusals:
            errors.append({"path": path, "message": _("Geef een kans van 0 tot en met 1.")})
            continue
        if number != number.quantize(PROBABILITY_QUANTUM):
            errors.append({"path": path, "message": _("Geef de kans in hoogstens 3 decimalen.")})
            continue
        cleaned[key] = number
    return cleaned, errors


def angoff_judgements_save(
    *, study: AngoffStudy, judge: User, probabilities: dict[str, Any]
) -> list[AngoffJudgement]:
    """Store a judge's estimates (all or some of the items; blank leaves one out)."""
    if not is_judge(study, judge):
        raise NotAllowed(_("U bent geen beoordelaar in deze Angoff-sessie."))
    items = [item.key for item in form_items(study.form)]
    cleaned, errors = judgement_errors(items, probabilities)
    if errors:
        raise ExamFormError(errors[0]["message"], errors=errors)
    with transaction.atomic():
        study = AngoffStudy.objects.select_for_update().get(pk=study.pk)
        if study.status != AngoffStatus.OPEN:
            raise ExamFormError(_("Deze Angoff-sessie is gesloten."), path="status")
        saved = []
        for key, number in cleaned.items():
            judgement, _created = AngoffJudgement.objects.update_or_create(
                study=study, judge=judge, item_key=key, defaults={"probability": number}
            )
            saved.append(judgement)
    return saved


def judgements_of(study: AngoffStudy, judge: User) -> dict[str, Decimal]:
    return dict(study.judgements.filter(judge=judge).values_list("item_key", "probability"))


def angoff_table(study: AngoffStudy) -> dict[str, dict[str, Decimal]]:
    """judge username → item key → probability, every judge of the study included."""
    table: dict[str, dict[str, Decimal]] = {
        judge.username: {} for judge in study.judges.order_by("username")
    }
    for judgement in study.judgements.select_related("judge"):
        table.setdefault(judgement.judge.username, {})[judgement.item_key] = judgement.probability
    return table


def angoff_study_close(*, study: AngoffStudy, by: User) -> AngoffStudy:
    """Close the study and compute its cut score; refused while the table is incomplete."""
    if not may_manage(by):
        raise NotAllowed(_("Alleen de examencommissie sluit een Angoff-sessie."))
    with transaction.atomic():
        study = AngoffStudy.objects.select_for_update().select_related("form").get(pk=study.pk)
        if study.status != AngoffStatus.OPEN:
            raise ExamFormError(_("Deze Angoff-sessie is al gesloten."), path="status")
        items = [item.key for item in form_items(study.form)]
        table = angoff_table(study)
        try:
            found = angoff_cut_score(table, items=items, maxima=dict.fromkeys(items, 1))
        except ExamQualityInputError as refused:
            raise ExamFormError(
                refused.errors[0],
                errors=[{"path": "judgements", "message": message} for message in refused.errors],
            ) from refused
        study.status = AngoffStatus.CLOSED
        study.closed_at = timezone.now()
        study.result = {**found.to_json(), "adoptions": []}
        study.save(update_fields=["status", "closed_at", "result"])
    return study


def cut_score_adopt(*, study: AngoffStudy, by: User) -> ExamForm:
    """Adopt a closed study's cut score on its form (the exam board). Grades given from now on
    are judged against it; grades given before keep theirs. Every adoption is recorded."""
    if not may_manage(by):
        raise NotAllowed(_("Alleen de examencommissie stelt een cesuur vast."))
    with transaction.atomic():
        study = AngoffStudy.objects.select_for_update().get(pk=study.pk)
        if study.status != AngoffStatus.CLOSED or "cut_score_percent" not in study.result:
            raise ExamFormError(
                _("Sluit de Angoff-sessie eerst; dan is er een cesuur."), path="status"
            )
        form = ExamForm.objects.select_for_update().get(pk=study.form_id)
        now = timezone.now()
        cut_score = Decimal(study.result["cut_score_percent"]).quantize(
            Decimal("0.1"), ROUND_HALF_UP
        )
        form.cut_score = cut_score
        form.cut_score_study = study
        form.cut_score_adopted_by = by
        form.cut_score_adopted_at = now
        form.save(
            update_fields=[
                "cut_score",
                "cut_score_study",
                "cut_score_adopted_by",
                "cut_score_adopted_at",
            ]
        )
        adoptions = list(study.result.get("adoptions") or [])
        adoptions.append({"by": by.username, "at": now.isoformat(), "cut_score": str(cut_score)})
        study.result = {**study.result, "adoptions": adoptions}
        study.save(update_fields=["result"])
    return form
