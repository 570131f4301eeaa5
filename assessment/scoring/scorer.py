"""Scoring a trainee's calculation against the reference (`schadescore/2`, scoring-spec.md).

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

from .annotations import (
    DEFAULT_ASSESS,
    Assess,
    ReferenceAssess,
    read_assess,
    read_decisions,
    read_reference_assess,
)
from .components import (
    LINE_POINTS,
    adjusted_reference_total,
    compared_decisions,
    decisions_component,
    extra_points_lost,
    extra_shares,
    final_score,
    is_passed,
    lines_before_extra,
    lines_component,
    total_component,
    total_deviation,
)
from .credit import (
    Costing,
    compared_figures,
    costing,
    line_cost,
    line_credit,
    line_weight,
    operation_credit,
    units_credit,
)
from .critical import (
    critical_line_errors,
    part_source_errors,
    rates_errors,
    repair_not_allowed_errors,
    total_loss_errors,
    undamaged_work_errors,
    warning_codes,
    warning_errors,
)
from .explain import (
    explain_correct,
    explain_extra,
    explain_matched,
    explain_missing,
    explain_other_code,
)
from .matching import ANY_OPERATION, OTHER_CODE, match_lines
from .result import Components, LineScore, ScoreResult, Verdict
from .rules import ONE, PART_BUYING_OPERATIONS, ZERO
from .subscores import subscores


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
    warning_codes: frozenset[str]
    forbidden_repair_codes: frozenset[str]
    assess: ReferenceAssess
    # The reference's rates as a line's cost needs them, for the extra lines of a submission.
    costing: Costing

    @property
    def subtotal(self) -> Decimal:
        return self.estimate.subtotal_excl_vat


def prepare_reference(
    reference: CalculationInput, estimate: Estimate | None = None
) -> PreparedReference:
    """Read the reference's `assess` objects and `decisions` (§1) and weigh its lines (§3).

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
    # calcengine keeps the top-level `assess` raw, as it keeps `decisions` (calculation spec §4).
    reference_assess, assess_errors = read_reference_assess(reference.assess, "assess")
    errors.extend(assess_errors)
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
        warning_codes=warning_codes(estimate),
        forbidden_repair_codes=frozenset(
            line.code for line in reference.lines if not line.repair_allowed
        ),
        assess=reference_assess,
        costing=at,
    )


def _same_figures(reference: Line, trainee: Line) -> bool:
    """The trainee line is the reference line's operation, part source, sensor and figures
    exactly: correct with full credit, without comparing figure by figure (the common case;
    the caller makes sure the reference's own part source earns full credit)."""
    return (
        trainee.operation == reference.operation
        and trainee.labour_units == reference.labour_units
        # Equal paints are mostly the same object (the engine reuses them): `is` is cheap.
        and (trainee.paint is reference.paint or trainee.paint == reference.paint)
        and trainee.amount == reference.amount
        and trainee.part_source == reference.part_source
        and trainee.sensor == reference.sensor
    )


def _verdict(op: Decimal, alternative: bool, u: Decimal) -> Verdict:
    """The verdict of a matched line: `wrong_operation` when op = 0; `alternative` when op comes
    from the alternative rule, whatever its units (the explanation names the units); otherwise
    `correct` when u = 1, else `units_off`."""
    if op <= ZERO:
        return Verdict.WRONG_OPERATION
    if alternative:
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
    at = reference.costing

    matching = match_lines(
        ref_calc.lines, [item.assess for item in reference.lines], submission.lines
    )
    line_scores: list[LineScore] = []
    credits: list[Decimal] = []
    critical_pairs: list[tuple[Line, Line | None, Decimal | None]] = []
    other_code_costs: list[tuple[Decimal, Decimal]] = []
    matched_id_by_code: dict[str, str] = {}
    for item, trainee_line, match_pass, other_op in zip(
        reference.lines,
        matching.chosen,
        matching.passes,
        matching.other_code_op,
        strict=True,
    ):
        ref_line, assess = item.line, item.assess
        if trainee_line is None:
            credit = ZERO
            if assess.critical:
                critical_pairs.append((ref_line, None, None))
            line_score = LineScore(
                ref_line.code,
                ref_line.id,
                None,
                Verdict.MISSING,
                None,
                None,
                credit,
                item.weight,
                item.points_per_credit,
                item.missing_explanation,
                assess.critical,
                assess.alternative_credit,
            )
        elif match_pass == OTHER_CODE:
            # §3: every pass-2 match has u = 1, the figures measure different work; §4 then
            # compares the total with the reference done this way.
            assert other_op is not None
            other_code_costs.append((item.cost, line_cost(trainee_line, at)))
            credit = line_credit(other_op, ONE)
            if assess.critical:
                critical_pairs.append((ref_line, trainee_line, other_op))
            line_score = LineScore(
                ref_line.code,
                ref_line.id,
                trainee_line.id,
                Verdict.ALTERNATIVE if other_op > ZERO else Verdict.WRONG_OPERATION,
                other_op,
                ONE,
                credit,
                item.weight,
                item.points_per_credit * (ONE - credit),
                explain_other_code(ref_line, trainee_line, other_op),
                assess.critical,
                assess.alternative_credit,
            )
        elif (
            match_pass != ANY_OPERATION
            and _same_figures(ref_line, trainee_line)
            and (
                assess.part_sources is None
                or ref_line.operation not in PART_BUYING_OPERATIONS
                or ref_line.part_source in assess.part_sources
            )
        ):
            matched_id_by_code.setdefault(ref_line.code, trainee_line.id)
            credit = ONE
            line_score = LineScore(
                ref_line.code,
                ref_line.id,
                trainee_line.id,
                Verdict.CORRECT,
                ONE,
                ONE,
                credit,
                item.weight,
                ZERO,
                item.correct_explanation,
                assess.critical,
                assess.alternative_credit,
            )
        else:
            matched_id_by_code.setdefault(ref_line.code, trainee_line.id)
            if match_pass == ANY_OPERATION:
                op, alternative = ZERO, False  # §2 pass 3: an operation nothing accepts
            else:
                op, alternative = operation_credit(ref_line, trainee_line, assess)
            figures = compared_figures(ref_line, trainee_line, assess.unit_tolerance)
            u = units_credit(figures)
            credit = line_credit(op, u)
            verdict = _verdict(op, alternative, u)
            if assess.critical:
                critical_pairs.append((ref_line, trainee_line, op))
            line_score = LineScore(
                ref_line.code,
                ref_line.id,
                trainee_line.id,
                verdict,
                op,
                u,
                credit,
                item.weight,
                item.points_per_credit * (ONE - credit),
                explain_matched(verdict, ref_line, trainee_line, op, figures, assess),
                assess.critical,
                assess.alternative_credit,
            )
        line_scores.append(line_score)
        credits.append(credit)

    before_extra = lines_before_extra([item.weight for item in reference.lines], credits)
    extra_costs = [line_cost(line, at) for line in matching.extra]
    extra_cost, reduction, shares = extra_shares(extra_costs, subtotal)
    lines = lines_component(before_extra, reduction)
    for line, cost, share in zip(matching.extra, extra_costs, shares, strict=True):
        line_scores.append(
            LineScore(
                line.code,
                None,
                line.id,
                Verdict.EXTRA,
                None,
                None,
                None,
                share,
                extra_points_lost(before_extra, share),
                explain_extra(line, cost, matched_id_by_code.get(line.code)),
                False,
                None,
                cost,
            )
        )

    trainee_subtotal = submission_estimate.subtotal_excl_vat
    reference_total = adjusted_reference_total(subtotal, other_code_costs)
    deviation = total_deviation(trainee_subtotal, reference_total)
    total = total_component(deviation, reference.assess.total_band)
    compared = compared_decisions(
        reference.stated_decisions,
        reference.estimate.total_loss.economic_total_loss,
        submission_estimate.total_loss.economic_total_loss,
        decisions,
    )
    decided = decisions_component(compared)

    missing_critical, wrong_critical = critical_line_errors(critical_pairs)
    warnings = (
        warning_errors(
            submission_estimate,
            reference.warning_codes,
            {line.id: position for position, line in enumerate(submission.lines)},
        )
        if submission_estimate.warnings
        else []
    )
    critical_errors = (
        *missing_critical,
        *wrong_critical,
        *repair_not_allowed_errors(submission.lines, reference.forbidden_repair_codes),
        *warnings,
        *total_loss_errors(compared),
        *rates_errors(ref_calc.rates, submission.rates),
        *part_source_errors(submission.lines, reference.assess.part_sources_allowed),
        *undamaged_work_errors(matching.extra, reference.assess.undamaged),
    )

    score_value = final_score(lines, total, decided)
    return ScoreResult(
        score=score_value,
        passed=is_passed(score_value, bool(critical_errors)),
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
        reference_total=reference_total,
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
