"""Scoring a trainee's calculation against the reference (`schadescore/1`, scoring-spec.md).

Pure: plain data in, plain data out, no database and no Django. The reference's side (its
estimate, annotations, line costs and weights) is prepared once in `PreparedReference`, so that
one reference can score many submissions.
"""

from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from calcengine import InputError, calculate, loads, parse
from calcengine.model import CalculationInput, Estimate, Line

from .annotations import DEFAULT_ASSESS, Assess, read_assess, read_decisions
from .components import (
    compared_decisions,
    decisions_component,
    extra_reduction,
    final_score,
    lines_before_extra,
    lines_component,
    total_component,
    total_deviation,
)
from .credit import (
    Costing,
    compared_figures,
    costing,
    is_alternative,
    line_cost,
    line_credit,
    line_weight,
    operation_credit,
    units_credit,
)
from .critical import (
    WarningKey,
    critical_line_errors,
    repair_not_allowed_errors,
    total_loss_errors,
    warning_errors,
    warning_keys,
)
from .explain import explain_correct, explain_extra, explain_matched, explain_missing
from .matching import match_lines
from .result import Components, LineScore, ScoreResult, Verdict
from .rules import COMPONENT_WEIGHTS, HUNDRED, ONE, PASS_MARK, ZERO
from .subscores import subscores

# Points of the 100 that L carries: a line's lost credit costs this share of its weight.
LINE_POINTS = HUNDRED * COMPONENT_WEIGHTS["L"]


@dataclass(slots=True)
class ReferenceLine:
    """A reference line with what scoring needs of it, whatever the submission.

    `weight_sum` is `Σw` over the reference's lines. Not frozen only so that what depends on
    the reference alone but only some lines need is worked out on first use and kept: the
    points a line costs, which a line done right never does, and its two sentences, of which
    most lines of most submissions need one and few need both.
    """

    line: Line
    assess: Assess
    cost: Decimal
    weight: Decimal
    weight_sum: Decimal
    _points_per_credit: Decimal | None = field(default=None, repr=False, compare=False)
    _correct: str | None = field(default=None, repr=False, compare=False)
    _missing: str | None = field(default=None, repr=False, compare=False)

    @property
    def points_per_credit(self) -> Decimal:
        """`100 × 0.60 × w_i / Σw`: the points the line costs per unit of credit it lacks
        (§7)."""
        if self._points_per_credit is None:
            self._points_per_credit = LINE_POINTS * self.weight / self.weight_sum
        return self._points_per_credit

    @property
    def correct_explanation(self) -> str:
        if self._correct is None:
            self._correct = explain_correct(self.line)
        return self._correct

    @property
    def missing_explanation(self) -> str:
        if self._missing is None:
            self._missing = explain_missing(self.line)
        return self._missing


@dataclass(frozen=True, slots=True)
class PreparedReference:
    """Everything about the reference that does not depend on the submission."""

    calculation: CalculationInput
    estimate: Estimate
    lines: tuple[ReferenceLine, ...]
    weight_sum: Decimal
    stated_decisions: Mapping[str, bool]
    warning_keys: frozenset[WarningKey]
    forbidden_repair_codes: frozenset[str]
    # The reference's rates as a line's cost needs them, for the extra lines of a submission.
    costing: Costing

    @property
    def subtotal(self) -> Decimal:
        return self.estimate.subtotal_excl_vat


def prepare_reference(
    reference: CalculationInput, estimate: Estimate | None = None
) -> PreparedReference:
    """Read the reference's `assess` and `decisions` (§1) and weigh its lines (§3).

    Raises `InputError` (paths as in the reference document) for annotations it cannot read.
    """
    errors: list[dict[str, str]] = []
    assess: list[Assess] = []
    for index, line in enumerate(reference.lines):
        if line.assess is None:  # most lines carry no annotations
            assess.append(DEFAULT_ASSESS)
            continue
        line_assess, line_errors = read_assess(line.assess, f"lines[{index}].assess")
        assess.append(line_assess)
        errors.extend(line_errors)
    stated, decision_errors = read_decisions(reference.decisions, "decisions")
    errors.extend(decision_errors)
    if errors:
        raise InputError(errors)

    if estimate is None:
        estimate = calculate(reference)
    at = costing(reference.vehicle, reference.rates)
    subtotal = estimate.subtotal_excl_vat
    costs = [line_cost(line, at) for line in reference.lines]
    weights = [line_weight(cost, subtotal) for cost in costs]
    weight_sum = sum(weights, ZERO)
    lines = tuple(
        ReferenceLine(line, line_assess, cost, weight, weight_sum)
        for line, line_assess, cost, weight in zip(
            reference.lines, assess, costs, weights, strict=True
        )
    )
    return PreparedReference(
        calculation=reference,
        estimate=estimate,
        lines=lines,
        weight_sum=weight_sum,
        stated_decisions=stated,
        warning_keys=warning_keys(estimate),
        forbidden_repair_codes=frozenset(
            line.code for line in reference.lines if not line.repair_allowed
        ),
        costing=at,
    )


def _same_figures(reference: Line, trainee: Line) -> bool:
    """The trainee line is the reference line's operation, part source and figures exactly:
    correct with full credit, without comparing figure by figure (the common case)."""
    return (
        trainee.operation == reference.operation
        and trainee.labour_units == reference.labour_units
        # Equal paints are mostly the same object (the engine reuses them): `is` is cheap.
        and (trainee.paint is reference.paint or trainee.paint == reference.paint)
        and trainee.amount == reference.amount
        and trainee.part_source == reference.part_source
    )


def _verdict(reference: Line, trainee: Line, assess: Assess, op: Decimal, u: Decimal) -> Verdict:
    """The verdict of a matched line: `wrong_operation` when op = 0; `alternative` when op comes
    from the alternative rule, whatever its units (the explanation names the units); otherwise
    `correct` when u = 1, else `units_off`."""
    if op <= ZERO:
        return Verdict.WRONG_OPERATION
    if is_alternative(reference, trainee, assess):
        return Verdict.ALTERNATIVE
    return Verdict.CORRECT if u == ONE else Verdict.UNITS_OFF


def score_prepared(
    reference: PreparedReference,
    submission: CalculationInput,
    *,
    decisions: Mapping[str, bool] | None = None,
    submission_estimate: Estimate | None = None,
) -> ScoreResult:
    """Score `submission` against a prepared reference; see `score`."""
    if decisions is not None:
        decisions, decision_errors = read_decisions(decisions, "decisions")
        if decision_errors:
            raise InputError(decision_errors)
    if submission_estimate is None:
        submission_estimate = calculate(submission)
    ref_calc = reference.calculation
    subtotal = reference.subtotal

    matching = match_lines(ref_calc.lines, submission.lines)
    line_scores: list[LineScore] = []
    credits: list[Decimal] = []
    critical_pairs: list[tuple[Line, Line | None, Assess, Decimal | None]] = []
    matched_id_by_code: dict[str, str] = {}
    for item, trainee_line in zip(reference.lines, matching.chosen, strict=True):
        ref_line, assess = item.line, item.assess
        if trainee_line is None:
            credit = ZERO
            if assess.critical:
                critical_pairs.append((ref_line, None, assess, None))
            line_score = LineScore(
                code=ref_line.code,
                reference_line_id=ref_line.id,
                trainee_line_id=None,
                verdict=Verdict.MISSING,
                op=None,
                u=None,
                credit=credit,
                weight=item.weight,
                points_lost=item.points_per_credit,
                explanation=item.missing_explanation,
            )
        elif _same_figures(ref_line, trainee_line):
            matched_id_by_code.setdefault(ref_line.code, trainee_line.id)
            credit = ONE
            line_score = LineScore(
                code=ref_line.code,
                reference_line_id=ref_line.id,
                trainee_line_id=trainee_line.id,
                verdict=Verdict.CORRECT,
                op=ONE,
                u=ONE,
                credit=credit,
                weight=item.weight,
                points_lost=ZERO,
                explanation=item.correct_explanation,
            )
        else:
            matched_id_by_code.setdefault(ref_line.code, trainee_line.id)
            op = operation_credit(ref_line, trainee_line, assess)
            figures = compared_figures(ref_line, trainee_line, assess.unit_tolerance)
            u = units_credit(figures)
            credit = line_credit(op, u)
            verdict = _verdict(ref_line, trainee_line, assess, op, u)
            if assess.critical:
                critical_pairs.append((ref_line, trainee_line, assess, op))
            line_score = LineScore(
                code=ref_line.code,
                reference_line_id=ref_line.id,
                trainee_line_id=trainee_line.id,
                verdict=verdict,
                op=op,
                u=u,
                credit=credit,
                weight=item.weight,
                points_lost=item.points_per_credit * (ONE - credit),
                explanation=explain_matched(verdict, ref_line, trainee_line, op, figures, assess),
            )
        line_scores.append(line_score)
        credits.append(credit)

    before_extra = lines_before_extra([item.weight for item in reference.lines], credits)
    extra_costs = [line_cost(line, reference.costing) for line in matching.extra]
    extra_cost = sum(extra_costs, ZERO)
    reduction = extra_reduction(extra_cost, subtotal)
    lines = lines_component(before_extra, reduction)
    for line, cost in zip(matching.extra, extra_costs, strict=True):
        # The reduction is shared among the extra lines in proportion to their cost.
        share = reduction * cost / extra_cost if extra_cost > ZERO else ZERO
        line_scores.append(
            LineScore(
                code=line.code,
                reference_line_id=None,
                trainee_line_id=line.id,
                verdict=Verdict.EXTRA,
                op=None,
                u=None,
                credit=None,
                weight=share,
                points_lost=LINE_POINTS * before_extra * share,
                explanation=explain_extra(line, cost, matched_id_by_code.get(line.code)),
            )
        )

    trainee_subtotal = submission_estimate.subtotal_excl_vat
    deviation = total_deviation(trainee_subtotal, subtotal)
    total = total_component(deviation)
    compared = compared_decisions(
        reference.stated_decisions,
        reference.estimate.total_loss.economic_total_loss,
        submission_estimate.total_loss.economic_total_loss,
        decisions,
    )
    decided = decisions_component(compared)

    missing_critical, wrong_critical = critical_line_errors(critical_pairs)
    critical_errors = (
        *missing_critical,
        *wrong_critical,
        *repair_not_allowed_errors(submission.lines, reference.forbidden_repair_codes),
        *warning_errors(submission_estimate, reference.warning_keys),
        *total_loss_errors(compared),
    )

    score_value = final_score(lines, total, decided)
    return ScoreResult(
        score=score_value,
        passed=score_value >= PASS_MARK and not critical_errors,
        components=Components(L=lines, T=total, D=decided),
        critical_errors=critical_errors,
        lines=tuple(line_scores),
        subscores=subscores({"L": lines, "T": total, "D": decided}, bool(critical_errors)),
        reference_subtotal=subtotal,
        trainee_subtotal=trainee_subtotal,
        total_deviation=deviation,
        lines_before_extra=before_extra,
        extra_cost=extra_cost,
        extra_reduction=reduction,
        decisions=compared,
    )


def score(
    reference: CalculationInput,
    submission: CalculationInput,
    *,
    decisions: Mapping[str, bool] | None = None,
) -> ScoreResult:
    """Score a trainee's calculation against the reference (scoring spec §2–§7).

    `decisions` are the trainee's answers stated in the claim workflow; without them this is a
    bare calculation exercise, which asks only `economic_total_loss`, answered by the trainee
    calculation's own output (§5). The submission's own `assess` and `decisions` are not read.
    Raises `InputError` for reference annotations (or stated decisions) it cannot read.
    """
    return score_prepared(prepare_reference(reference), submission, decisions=decisions)


def _prefixed(errors: list[dict[str, str]], prefix: str) -> list[dict[str, str]]:
    return [
        {
            "path": f"{prefix}.{error['path']}" if error["path"] else prefix,
            "message": error["message"],
        }
        for error in errors
    ]


def _parsed(document: Any, prefix: str) -> tuple[CalculationInput | None, list[dict[str, str]]]:
    try:
        if isinstance(document, str | bytes | bytearray):
            document = loads(document)
        return parse(document), []
    except InputError as exc:
        return None, _prefixed(exc.errors, prefix)


def score_documents(reference_json: Any, submission_json: Any) -> dict[str, Any]:
    """Score two `schadecalc/1` documents (parsed JSON, or JSON text) as a bare calculation
    exercise, and give the result's JSON (§7, §8).

    Refuses them with one `InputError` listing every error of both, the reference's first,
    paths prefixed "reference." and "submission." ("reference" alone for the whole document).
    """
    errors: list[dict[str, str]] = []
    prepared: PreparedReference | None = None
    submission_estimate: Estimate | None = None
    reference, reference_errors = _parsed(reference_json, "reference")
    errors.extend(reference_errors)
    if reference is not None:
        try:
            prepared = prepare_reference(reference)
        except InputError as exc:
            errors.extend(_prefixed(exc.errors, "reference"))
    submission, submission_errors = _parsed(submission_json, "submission")
    errors.extend(submission_errors)
    if submission is not None:
        try:
            submission_estimate = calculate(submission)
        except InputError as exc:
            errors.extend(_prefixed(exc.errors, "submission"))
    if errors:
        raise InputError(errors)
    assert prepared is not None and submission is not None
    return score_prepared(prepared, submission, submission_estimate=submission_estimate).to_json()
