"""The three components L, T and D (scoring spec §3–§5) and the score made of them (§7)."""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from .result import round_score
from .rules import (
    COMPONENT_WEIGHTS,
    DECISION_KEYS,
    HUNDRED,
    ONE,
    PASS_MARK,
    TOTAL_LOSS_DECISION,
    ZERO,
)

# Points of the 100 that L carries: a line's lost credit costs this share of its weight.
LINE_POINTS = HUNDRED * COMPONENT_WEIGHTS["L"]


def lines_before_extra(weights: Sequence[Decimal], credits: Sequence[Decimal]) -> Decimal:
    """`Σ w_i × credit_i / Σ w_i` over the reference lines (§3), each line's weight and credit
    at the same index; 1 for a reference without lines, where nothing could be missed."""
    weight_sum = ZERO
    earned = ZERO
    for weight, credit in zip(weights, credits, strict=True):
        weight_sum += weight
        earned += weight * credit
    return earned / weight_sum if weight_sum else ONE


def extra_reduction(extra_cost: Decimal, reference_subtotal: Decimal) -> Decimal:
    """`min(1, extra_cost / reference_subtotal)` (§3). Against a reference subtotal of 0 any
    extra cost takes everything, none takes nothing."""
    if reference_subtotal <= ZERO:
        return ONE if extra_cost > ZERO else ZERO
    return min(ONE, extra_cost / reference_subtotal)


def lines_component(before_extra: Decimal, reduction: Decimal) -> Decimal:
    """L: the line credit reduced for over-calculation, `L × (1 − reduction)` (§3)."""
    return before_extra * (ONE - reduction)


def adjusted_reference_total(
    reference_subtotal: Decimal, other_code_costs: Sequence[tuple[Decimal, Decimal]]
) -> Decimal:
    """`R` of §4: the reference's subtotal_excl_vat, minus the cost of each reference line
    matched in pass 2 plus the cost of the trainee line that matched it (both at the
    reference's rates, unrounded): what the reference would cost done that way."""
    adjusted = reference_subtotal
    for reference_cost, trainee_cost in other_code_costs:
        adjusted += trainee_cost - reference_cost
    return adjusted


def total_deviation(trainee_subtotal: Decimal, reference_total: Decimal) -> Decimal:
    """`dev = |trainee − R| / R` (§4); against an R of 0 (or below, which only a reference of
    nothing but lines done another way could reach), 0 when the trainee's is equal, else 1
    (as §3 treats a reference figure of 0)."""
    if reference_total <= ZERO:
        return ZERO if trainee_subtotal == reference_total else ONE
    return abs(trainee_subtotal - reference_total) / reference_total


def total_component(deviation: Decimal, band: tuple[Decimal, Decimal]) -> Decimal:
    """T (§4) for the band `(a, b)` as fractions (default 5 % and 25 %): 1 when `dev ≤ a`, 0
    when `dev ≥ b`, linear in between."""
    full, zero = band
    if deviation <= full:
        return ONE
    if deviation >= zero:
        return ZERO
    return (zero - deviation) / (zero - full)


def compared_decisions(
    reference_stated: Mapping[str, bool],
    reference_total_loss: bool,
    trainee_total_loss: bool,
    trainee_stated: Mapping[str, bool] | None,
) -> dict[str, tuple[bool, bool | None]]:
    """Each decision asked (§5), as (reference, trainee).

    The reference's `decisions` state its answers; where it leaves out `economic_total_loss`,
    the reference calculation's own verdict answers it. A bare calculation exercise
    (`trainee_stated` None) asks only `economic_total_loss`, answered by the trainee
    calculation's own output. With stated answers every reference decision is asked, and the
    trainee calculation's own total-loss verdict stands in where the trainee did not state one.
    """
    reference = {TOTAL_LOSS_DECISION: reference_total_loss, **reference_stated}
    if trainee_stated is None:
        return {TOTAL_LOSS_DECISION: (reference[TOTAL_LOSS_DECISION], trainee_total_loss)}
    trainee = {TOTAL_LOSS_DECISION: trainee_total_loss, **trainee_stated}
    return {key: (reference[key], trainee.get(key)) for key in DECISION_KEYS if key in reference}


def decisions_component(compared: Mapping[str, tuple[bool, bool | None]]) -> Decimal:
    """D (§5): the share of the asked decisions that the trainee states as the reference does.
    A decision the trainee left unstated (None) counts as not the same."""
    if not compared:
        return ONE
    same = sum(1 for reference, trainee in compared.values() if reference == trainee)
    return Decimal(same) / Decimal(len(compared))


def weighted_total(lines: Decimal, total: Decimal, decisions: Decimal) -> Decimal:
    """`100 × (0.60 × L + 0.25 × T + 0.15 × D)` (§7), unrounded."""
    return HUNDRED * (
        COMPONENT_WEIGHTS["L"] * lines
        + COMPONENT_WEIGHTS["T"] * total
        + COMPONENT_WEIGHTS["D"] * decisions
    )


def final_score(lines: Decimal, total: Decimal, decisions: Decimal) -> Decimal:
    """The score of §7: the weighted total rounded half up to 1 decimal."""
    return round_score(weighted_total(lines, total, decisions))


def is_passed(
    rounded_score: Decimal, has_critical_error: bool, cut_score: Decimal = PASS_MARK
) -> bool:
    """`passed` (§7): the rounded score reaches the pass mark and no critical error. An exam
    form's adopted cut score replaces the pass mark (`assessment.cut_score`, issue #15 item 5)."""
    return rounded_score >= cut_score and not has_critical_error


def line_points_lost(weight: Decimal, weight_sum: Decimal, credit: Decimal) -> Decimal:
    """The points a reference line costs: `100 × 0.60 × w_i × (1 − credit_i) / Σw`."""
    if weight_sum <= ZERO:
        return ZERO
    return LINE_POINTS * weight * (ONE - credit) / weight_sum


def extra_shares(
    costs: Sequence[Decimal], reference_subtotal: Decimal
) -> tuple[Decimal, Decimal, list[Decimal]]:
    """The extra lines' total cost, the reduction `r = min(1, extra_cost / S)` (§3), and each
    line's share of it, `r × cost_j / extra_cost` (= `cost_j / S` unless the cap applies)."""
    extra_cost = sum(costs, ZERO)
    reduction = extra_reduction(extra_cost, reference_subtotal)
    if extra_cost <= ZERO:
        return extra_cost, reduction, [ZERO for _ in costs]
    return extra_cost, reduction, [reduction * cost / extra_cost for cost in costs]


def extra_points_lost(before_extra: Decimal, share: Decimal) -> Decimal:
    """The points an extra line costs: its share of the reduction's `100 × 0.60 × L_before × r`."""
    return LINE_POINTS * before_extra * share
