"""Double and triple marking in exam mode (issue #15, item 1): the one owner of its rules.

- **Policy** (`policy_for`, `policy_of_attempt`): a cohort's `MarkingPolicy` row, or the
  default: in exam mode two blind markers, "a third decides", escalation past 10 points or on
  a different pass/fail, no moderation sample; outside exam mode one marker (a row of a
  cohort not in exam mode is ignored there: double marking is an exam procedure).
- **Blind markers**: the roles primary, second and (with three markers) third, each blind to
  the others' grade, score and comment until the agreed grade is determined
  (`others_visible`).
- **Escalation** (`escalation_reasons`): once every blind marker has signed, any two marks
  further apart than the policy's points, or (when the policy says so) on different sides of
  their cut score, open a `Moderation` of kind "escalation": a further assessor of the cohort
  (not one of the markers) marks as moderator. In "a third decides" the moderator is blind to
  the first marks (the third mark is independent); under mean/median too.
- **Sample** (`in_moderation_sample`): of the attempts that did not escalate, a fixed share
  (`moderation_sample_percent`) goes to moderation of kind "sample". The choice is a keyed hash
  (HMAC-SHA256 with SECRET_KEY) of the attempt id, read as a number 0–99: the same attempt is
  always in or out, whatever request asks, and about the set percentage of attempts is in. The
  sample's moderator sees the signed marks (moderating is reviewing them).
- **Agreed grade** (`agreement`): one marker → that grade; no escalation → the mean (rule mean
  or "a third decides") or the median of the blind marks, rounded half up to one decimal as a
  grade's score is; escalation → "a third decides": the moderator's grade; mean/median: over
  the blind marks and the moderator's; a sample → the moderator's grade. The pass/fail of a
  computed score: score ≥ the cut score (that of the grade with the details, `basis`: the
  moderator's, else the first marker's) and no knock-out, where a knock-out stands when at
  least half of the counted grades have one (so one of two markers finding one fails it).
- **History**: a `MarkingEvent` for each step, written by the services in their transaction.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from itertools import combinations
from statistics import median
from typing import TYPE_CHECKING, Any

from django.conf import settings
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from calcengine.formatting import format_number

from .cut_score import passed_at
from .errors import Refused
from .exam import candidate_code, is_exam
from .exam_board import is_exam_board
from .models import (
    AgreedGrade,
    AgreedMethod,
    AgreementRule,
    Grade,
    GradeRole,
    MarkingEvent,
    MarkingPolicy,
    Moderation,
    ModerationKind,
    ModerationStatus,
)
from .scoring.result import round_score

if TYPE_CHECKING:
    from schadeplatform.accounts.models import User

KnockedOut = Callable[[Grade], bool]

DEFAULT_ESCALATION_POINTS = Decimal("10")
BLIND_ROLES = (GradeRole.PRIMARY, GradeRole.SECOND, GradeRole.THIRD)

EVENT_LABELS = {
    "marker_started": gettext_lazy("beoordelaar begonnen"),
    "marker_signed": gettext_lazy("beoordeling ondertekend"),
    "correction": gettext_lazy("correctie gestart"),
    "escalated": gettext_lazy("geëscaleerd naar een derde beoordelaar"),
    "sampled": gettext_lazy("in de steekproef voor moderatie"),
    "moderator_assigned": gettext_lazy("derde beoordelaar of moderator begonnen"),
    "agreed": gettext_lazy("cijfer vastgesteld"),
    "released": gettext_lazy("vrijgegeven aan de cursist"),
}


# Steps a blind marker does not see before the agreed grade: they would tell that the marks
# differ (an escalation) or that someone else reviews them.
_HIDDEN_FROM_MARKERS = frozenset({"escalated", "sampled", "moderator_assigned"})


# ---------------------------------------------------------------------------------------------
# Policy


def _default_policy(cohort, *, exam: bool) -> MarkingPolicy:
    return MarkingPolicy(
        cohort=cohort,
        markers=2 if exam else 1,
        agreement_rule=AgreementRule.THIRD_DECIDES,
        escalation_points=DEFAULT_ESCALATION_POINTS,
        escalate_on_pass_fail=True,
        moderation_sample_percent=0,
    )


def policy_for(cohort) -> MarkingPolicy:
    """The cohort's marking policy: its row, or the default (exam mode: two markers, a third
    decides, 10 points, escalation on pass/fail, no sample; otherwise one marker). Unsaved
    when it is the default."""
    if cohort is not None and cohort.pk is not None:
        row = MarkingPolicy.objects.filter(cohort=cohort).first()
        if row is not None:
            return row
    return _default_policy(cohort, exam=bool(cohort is not None and cohort.exam_mode))


def policy_of_attempt(attempt) -> MarkingPolicy:
    """The policy an attempt is marked under: outside exam mode always one marker; in exam
    mode (`exam.is_exam`, also an exam-only case in a practice cohort) the cohort's row or the
    exam default."""
    if not is_exam(attempt):
        return _default_policy(attempt.cohort, exam=False)
    if attempt.cohort_id is not None:
        row = MarkingPolicy.objects.filter(cohort_id=attempt.cohort_id).first()
        if row is not None:
            return row
    return _default_policy(attempt.cohort, exam=True)


def markers_of(attempt) -> int:
    """The number of blind markers of an exam attempt's policy, read from a select_related
    `cohort__marking_policy` where loaded (the queue), the default (2) without a row."""
    cohort = attempt.cohort
    if cohort is not None:
        try:
            return cohort.marking_policy.markers
        except MarkingPolicy.DoesNotExist:
            pass
    return 2


def _roles_for(markers: int) -> tuple[str, ...]:
    return tuple(BLIND_ROLES[: max(1, min(3, markers))])


def blind_roles(policy: MarkingPolicy) -> tuple[str, ...]:
    return _roles_for(policy.markers)


def marker_roles(attempt) -> tuple[str, ...]:
    """The blind marker roles of an exam attempt's policy, in order (`markers_of`: no query
    where the queue loaded the policy)."""
    return _roles_for(markers_of(attempt))


def policy_refusals(
    *, markers: int, agreement_rule: str, escalation_points: Any, sample_percent: int
) -> list[dict[str, str]]:
    """The errors of a policy as typed ({"path", "message"}), for the form and the API alike."""
    errors = []
    if markers not in (1, 2, 3):
        errors.append({"path": "markers", "message": _("Kies 1, 2 of 3 beoordelaars.")})
    if agreement_rule not in AgreementRule.values:
        errors.append({"path": "agreement_rule", "message": _("Kies een geldige regel.")})
    elif agreement_rule == AgreementRule.THIRD_DECIDES and markers != 2:
        errors.append(
            {
                "path": "agreement_rule",
                "message": _("'Derde beoordelaar beslist' kan alleen bij twee beoordelaars."),
            }
        )
    if escalation_points is None or not (0 <= Decimal(escalation_points) <= 100):
        errors.append(
            {"path": "escalation_points", "message": _("Kies een aantal punten van 0 tot 100.")}
        )
    elif Decimal(escalation_points) != Decimal(escalation_points).quantize(Decimal("0.1")):
        errors.append({"path": "escalation_points", "message": _("Hoogstens één decimaal.")})
    if not (0 <= sample_percent <= 100):
        errors.append(
            {
                "path": "moderation_sample_percent",
                "message": _("Kies een percentage van 0 tot 100."),
            }
        )
    return errors


def policy_save(
    *,
    cohort,
    by: User,
    markers: int,
    agreement_rule: str,
    escalation_points: Decimal,
    escalate_on_pass_fail: bool,
    moderation_sample_percent: int,
) -> MarkingPolicy:
    """Store the cohort's policy (the exam board only; the caller checks who). Raises
    `PolicyRefused` with the errors; applies to attempts whose marks are signed from now on."""
    errors = policy_refusals(
        markers=markers,
        agreement_rule=agreement_rule,
        escalation_points=escalation_points,
        sample_percent=moderation_sample_percent,
    )
    if errors:
        raise PolicyRefused(errors)
    policy, _created = MarkingPolicy.objects.update_or_create(
        cohort=cohort,
        defaults={
            "markers": markers,
            "agreement_rule": agreement_rule,
            "escalation_points": Decimal(escalation_points),
            "escalate_on_pass_fail": escalate_on_pass_fail,
            "moderation_sample_percent": moderation_sample_percent,
            "updated_by": by,
        },
    )
    return policy


class PolicyRefused(Refused):
    """A refused policy (its field errors)."""

    def __init__(self, errors: list[dict[str, str]]):
        super().__init__(errors=errors)


# ---------------------------------------------------------------------------------------------
# Escalation and the sample (pure)


def _n(value: Decimal) -> str:
    return format_number(value, 1)


def escalation_reasons(grades: list[Grade], policy: MarkingPolicy) -> list[str]:
    """Why the signed blind marks escalate (empty: they do not): any two further apart than
    `escalation_points` (strictly more: at the threshold they agree), or with a different
    pass/fail when `escalate_on_pass_fail`."""
    reasons: list[str] = []
    for first, second in combinations(grades, 2):
        difference = abs(first.score - second.score)
        if difference > policy.escalation_points:
            reasons.append(
                _("verschil van %(points)s punten (meer dan %(limit)s)")
                % {"points": _n(difference), "limit": _n(policy.escalation_points)}
            )
        if policy.escalate_on_pass_fail and first.passed != second.passed:
            reasons.append(_("verschillend oordeel voldoende/onvoldoende"))
    return list(dict.fromkeys(reasons))


def largest_difference(grades: list[Grade]) -> Decimal:
    return max((abs(a.score - b.score) for a, b in combinations(grades, 2)), default=Decimal(0))


def sample_bucket(attempt_id: int) -> int:
    """0–99, fixed per attempt: HMAC-SHA256 of the attempt id keyed with SECRET_KEY."""
    digest = hmac.new(
        settings.SECRET_KEY.encode(),
        f"assessment.moderation-sample:{attempt_id}".encode(),
        hashlib.sha256,
    ).digest()
    return int.from_bytes(digest[:8], "big") % 100


def in_moderation_sample(attempt_id: int, percent: int) -> bool:
    """Whether a non-escalated attempt is in the policy's moderation sample (reproducible)."""
    return sample_bucket(attempt_id) < percent


# ---------------------------------------------------------------------------------------------
# The agreed grade


@dataclass(frozen=True)
class Agreement:
    score: Decimal
    passed: bool
    cut_score: Decimal
    method: str
    explanation: str
    grades: tuple[Grade, ...]
    basis: Grade


def _computed(grades: list[Grade], rule: str) -> Decimal:
    scores = [grade.score for grade in grades]
    if rule == AgreementRule.MEDIAN:
        return round_score(Decimal(median(scores)))
    return round_score(sum(scores, Decimal(0)) / len(scores))


def _listed(grades: list[Grade]) -> str:
    scores = [_n(grade.score) for grade in grades]
    if len(scores) == 1:
        return scores[0]
    return _("%(first)s en %(last)s") % {"first": ", ".join(scores[:-1]), "last": scores[-1]}


def _passed_computed(
    score: Decimal, cut: Decimal, grades: list[Grade], knocked_out: KnockedOut
) -> tuple[bool, str]:
    knockouts = sum(1 for grade in grades if knocked_out(grade))
    knocked = knockouts * 2 >= len(grades) and knockouts > 0
    note = ""
    if knocked:
        note = _("; knock-out bij %(n)s van %(total)s beoordelingen: onvoldoende") % {
            "n": knockouts,
            "total": len(grades),
        }
    return passed_at(score, knocked, cut), note


def agreement(
    policy: MarkingPolicy,
    blind: list[Grade],
    *,
    knocked_out: KnockedOut,
    decider: Grade | None = None,
    moderation_kind: str = "",
    reasons: list[str] | None = None,
) -> Agreement:
    """The agreed grade of the signed blind marks (`blind`, in role order) and, after an
    escalation or in the sample, the moderator's signed grade (`decider`). `knocked_out`
    says whether a grade has a knock-out (the services pass the effective result's)."""
    basis = decider or blind[0]
    cut = basis.cut_score
    rule = policy.agreement_rule
    if decider is not None and moderation_kind == ModerationKind.SAMPLE:
        explanation = _(
            "In de steekproef voor moderatie (%(percent)s %%); beoordelingen %(marks)s; "
            "de moderator stelde %(score)s vast."
        ) % {
            "percent": policy.moderation_sample_percent,
            "marks": _listed(blind),
            "score": _n(decider.score),
        }
        return Agreement(
            decider.score,
            decider.passed,
            cut,
            AgreedMethod.MODERATOR,
            explanation,
            (*blind, decider),
            decider,
        )
    if decider is not None:
        why = "; ".join(reasons or []) or _("escalatie")
        if rule == AgreementRule.THIRD_DECIDES:
            explanation = _(
                "Escalatie (%(why)s) tussen %(marks)s; de derde beoordelaar beslist: %(score)s."
            ) % {"why": why, "marks": _listed(blind), "score": _n(decider.score)}
            return Agreement(
                decider.score,
                decider.passed,
                cut,
                AgreedMethod.THIRD_MARKER,
                explanation,
                (*blind, decider),
                decider,
            )
        counted = [*blind, decider]
        score = _computed(counted, rule)
        passed, note = _passed_computed(score, cut, counted, knocked_out)
        label = _("Gemiddelde") if rule == AgreementRule.MEAN else _("Mediaan")
        explanation = _("Escalatie (%(why)s); %(label)s van %(marks)s = %(score)s%(note)s.") % {
            "why": why,
            "label": label.lower(),
            "marks": _listed(counted),
            "score": _n(score),
            "note": note,
        }
        method = AgreedMethod.MEAN if rule == AgreementRule.MEAN else AgreedMethod.MEDIAN
        return Agreement(score, passed, cut, method, explanation, tuple(counted), decider)
    if len(blind) == 1:
        only = blind[0]
        explanation = _("Eén beoordelaar: %(score)s.") % {"score": _n(only.score)}
        return Agreement(
            only.score, only.passed, cut, AgreedMethod.SINGLE, explanation, (only,), only
        )
    score = _computed(blind, rule)
    passed, note = _passed_computed(score, cut, blind, knocked_out)
    label = _("Mediaan") if rule == AgreementRule.MEDIAN else _("Gemiddelde")
    explanation = _(
        "%(label)s van %(marks)s = %(score)s; geen escalatie (verschil %(diff)s ≤ %(limit)s)"
        "%(note)s."
    ) % {
        "label": label,
        "marks": _listed(blind),
        "score": _n(score),
        "diff": _n(largest_difference(blind)),
        "limit": _n(policy.escalation_points),
        "note": note,
    }
    if rule == AgreementRule.THIRD_DECIDES:
        explanation += " " + _("Zonder escalatie telt bij 'derde beslist' het gemiddelde.")
    method = AgreedMethod.MEDIAN if rule == AgreementRule.MEDIAN else AgreedMethod.MEAN
    return Agreement(score, passed, cut, method, explanation, tuple(blind), blind[0])


# ---------------------------------------------------------------------------------------------
# Writes (called by `assessment.services` inside their transaction, the attempt locked)


def record(attempt, kind: str, actor: User | None, **data: Any) -> MarkingEvent:
    """One history row of the attempt's marking."""
    return MarkingEvent.objects.create(attempt=attempt, kind=kind, actor=actor, data=data)


def _latest(grades: list[Grade], role: str) -> Grade | None:
    of_role = [grade for grade in grades if grade.role == role]
    return max(of_role, key=lambda grade: grade.version) if of_role else None


def _agree(attempt, result: Agreement, by: User | None) -> AgreedGrade:
    agreed, _created = AgreedGrade.objects.update_or_create(
        attempt=attempt,
        defaults={
            "score": result.score,
            "passed": result.passed,
            "cut_score": result.cut_score,
            "method": result.method,
            "explanation": result.explanation,
            "basis": result.basis,
        },
    )
    agreed.grades.set(result.grades)
    record(
        attempt,
        "agreed",
        by,
        method=result.method,
        score=str(result.score),
        passed=result.passed,
        cut_score=str(result.cut_score),
        explanation=result.explanation,
        basis=result.basis.pk,
    )
    return agreed


def after_signature(grade: Grade, by: User, *, knocked_out: KnockedOut) -> None:
    """A grade of an exam attempt was signed: escalate, sample or agree, per the policy."""
    attempt = grade.attempt
    policy = policy_of_attempt(attempt)
    record(
        attempt,
        "marker_signed",
        by,
        role=grade.role,
        grade=grade.pk,
        version=grade.version,
        score=str(grade.score),
        passed=grade.passed,
    )
    grades = list(attempt.grades.select_for_update())
    moderation = Moderation.objects.filter(attempt=attempt).first()
    roles = blind_roles(policy)
    latest = [_latest(grades, role) for role in roles]
    if grade.role == GradeRole.MODERATOR:
        if moderation is None:
            return
        Moderation.objects.filter(pk=moderation.pk).update(
            status=ModerationStatus.RESOLVED,
            outcome=grade,
            moderator=grade.assessor,
            resolved_at=grade.signed_at,
        )
        blind = [g for g in latest if g is not None and g.is_signed]
        reasons = escalation_reasons(blind, policy)
        _agree(
            attempt,
            agreement(
                policy,
                blind,
                knocked_out=knocked_out,
                decider=grade,
                moderation_kind=moderation.kind,
                reasons=reasons,
            ),
            by,
        )
        return
    if any(g is None or not g.is_signed for g in latest):
        return
    blind = [g for g in latest if g is not None]
    reasons = escalation_reasons(blind, policy)
    if reasons:
        _escalate(attempt, blind, moderation, reasons, by)
        return
    if moderation is not None:
        decider = _latest([g for g in grades if g.is_signed], GradeRole.MODERATOR)
        if moderation.status == ModerationStatus.RESOLVED and decider is not None:
            # A corrected mark after moderation: the moderator's grade still decides.
            _agree(
                attempt,
                agreement(
                    policy,
                    blind,
                    knocked_out=knocked_out,
                    decider=decider,
                    moderation_kind=moderation.kind,
                ),
                by,
            )
        return
    if in_moderation_sample(attempt.pk, policy.moderation_sample_percent):
        Moderation.objects.create(
            attempt=attempt,
            kind=ModerationKind.SAMPLE,
            first_grade=blind[0],
            second_grade=blind[1] if len(blind) > 1 else blind[0],
            reason=_("steekproef voor moderatie (%(percent)s %%)")
            % {"percent": policy.moderation_sample_percent},
        )
        record(attempt, "sampled", by, percent=policy.moderation_sample_percent)
        return
    _agree(attempt, agreement(policy, blind, knocked_out=knocked_out), by)


def _escalate(attempt, blind: list[Grade], moderation, reasons: list[str], by: User) -> None:
    reason = "; ".join(reasons)
    if moderation is None:
        Moderation.objects.create(
            attempt=attempt,
            kind=ModerationKind.ESCALATION,
            first_grade=blind[0],
            second_grade=blind[1],
            reason=reason,
        )
    elif moderation.status == ModerationStatus.RESOLVED:
        # A correction after moderation that again differs too much opens it again.
        Moderation.objects.filter(pk=moderation.pk).update(
            kind=ModerationKind.ESCALATION,
            status=ModerationStatus.OPEN,
            first_grade=blind[0],
            second_grade=blind[1],
            reason=reason,
            outcome=None,
            resolved_at=None,
        )
    else:
        return
    AgreedGrade.objects.filter(attempt=attempt).delete()
    record(attempt, "escalated", by, reasons=reasons, difference=str(largest_difference(blind)))


def record_release(grade: Grade, by: User) -> None:
    """The attempt's final grade was released to the trainee (exam mode only)."""
    if is_exam(grade.attempt):
        record(grade.attempt, "released", by, grade=grade.pk)


# ---------------------------------------------------------------------------------------------
# Reads


def agreed_of(attempt) -> AgreedGrade | None:
    """The attempt's agreed grade (uses a select_related one when loaded)."""
    try:
        return attempt.agreed_grade
    except AgreedGrade.DoesNotExist:
        return None


def others_visible(attempt, user: User, grade: Grade) -> bool:
    """Whether `user` may see `grade`, another marker's signed grade of the exam attempt: once
    the agreed grade is determined; before that only the moderator of a sample (moderating is
    reviewing the signed marks). The third marker of an escalation stays blind."""
    if not grade.is_signed:
        return False
    if agreed_of(attempt) is not None:
        return True
    moderation = Moderation.objects.filter(attempt=attempt).first()
    return bool(
        moderation is not None
        and moderation.kind == ModerationKind.SAMPLE
        and moderation.moderator_id == user.pk
        and grade.role in BLIND_ROLES
    )


def names_hidden(attempt, released_final) -> bool:
    """Whether markers see the candidate code instead of the trainee's name: in exam mode
    until the agreed grade is released (`released_final`: the selectors' released final
    grade, None before release)."""
    return is_exam(attempt) and released_final is None


def trainee_label(attempt, released_final, *, username: bool = False) -> str:
    """The trainee's name (or `username`, as the APIs name users), or the pseudonymous
    candidate code while names are hidden."""
    if names_hidden(attempt, released_final):
        return candidate_code(attempt)
    return trainee_name(attempt, username=username)


def trainee_name(attempt, *, username: bool = False) -> str:
    """The trainee's own name (full name, else username), or `username` as the APIs name
    users: what the trainee themself always reads, and markers once names are shown."""
    trainee = attempt.trainee
    return trainee.username if username else (trainee.get_full_name() or trainee.username)


def history(attempt, viewer: User) -> list[dict[str, Any]]:
    """The attempt's marking steps, oldest first, as labels. While the agreed grade is not
    determined, an assessor sees no figures (scores, differences, reasons) and no names, only
    the role; the exam board sees everything unless it marks the attempt itself. A blind
    marker (one holding a primary, second or third grade) does not learn of an escalation or
    a moderator until then either: those steps are left out for them."""
    undecided = agreed_of(attempt) is None
    own_roles = (
        {g.role for g in attempt.grades.all() if g.assessor_id == viewer.pk} if undecided else set()
    )
    # Blind: everyone but the exam board, and the board too where it holds a grade itself.
    blind = undecided and (bool(own_roles) or not is_exam_board(viewer))
    marker = bool(own_roles & set(BLIND_ROLES))
    events = list(attempt.marking_events.select_related("actor").order_by("at", "pk"))
    rows = []
    for event in events:
        data = dict(event.data or {})
        role = data.get("role", "")
        if marker and (event.kind in _HIDDEN_FROM_MARKERS or role == GradeRole.MODERATOR.value):
            continue
        detail = ""
        if not blind:
            if event.kind == "marker_signed":
                detail = _("score %(score)s") % {"score": _n(Decimal(data.get("score", "0")))}
            elif event.kind == "escalated":
                detail = "; ".join(data.get("reasons", []))
            elif event.kind == "agreed":
                detail = data.get("explanation", "")
        if event.kind == "sampled":
            detail = _("%(percent)s %% van de pogingen") % {"percent": data.get("percent", 0)}
        rows.append(
            {
                "kind": event.kind,
                "what": str(EVENT_LABELS.get(event.kind, event.kind)),
                "at": event.at,
                "role": str(GradeRole(role).label) if role in GradeRole.values else "",
                "detail": detail,
                "actor": None if blind else event.actor,
            }
        )
    return rows


# ---------------------------------------------------------------------------------------------
# Who sees the policies and the marking history (issue #15, item 7)


def policy_cohorts(user: User):
    """The exam cohorts whose marking policy the user manages: the exam board, all of them."""
    from schadeplatform.accounts.models import Cohort

    if not is_exam_board(user):
        return Cohort.objects.none()
    return (
        Cohort.objects.filter(exam_mode=True)
        .select_related("organisation", "marking_policy")
        .order_by("name", "pk")
    )


def policy_cohort_for(user: User, cohort_id: int):
    return policy_cohorts(user).filter(pk=cohort_id).first()


def attempt_for_history(user: User, attempt_id: int):
    """A submitted exam attempt whose marking history the user may read, or None: the exam
    board any; an assessor those of their own cohorts (`cases.selectors.attempts_visible_to`,
    then blind-filtered by `history`)."""
    from cases.models import Attempt
    from cases.selectors import attempts_visible_to

    if not user.is_authenticated:
        return None
    if is_exam_board(user):
        attempts = Attempt.objects.all()
    elif user.is_assessor:
        attempts = attempts_visible_to(user)
    else:
        return None
    attempt = (
        attempts.filter(pk=attempt_id, submitted_at__isnull=False)
        .select_related("trainee", "case_version__case", "cohort", "agreed_grade")
        .first()
    )
    if attempt is None or not is_exam(attempt):
        return None
    return attempt


def cohort_attempts(cohort):
    """The cohort's submitted attempts, for the policy page's list (with their agreed grade)."""
    return (
        cohort.case_attempts.filter(submitted_at__isnull=False)
        .select_related("case_version__case", "agreed_grade", "moderation", "trainee")
        .prefetch_related("grades")
        .order_by("submitted_at", "pk")
    )
