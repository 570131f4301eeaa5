"""The three components L, T and D (scoring spec §3–§5) and the score made of them (§7)."""

from collections.abc import Mapping, Sequence
from decimal import Decimal

from .result import round_score
from .rules import (
    COMPONENT_WEIGHTS,
    DECISION_KEYS,
    HUNDRED,
    ONE,
    TOTAL_FULL_CREDIT_DEVIATION,
    TOTAL_LOSS_DECISION,
    TOTAL_ZERO_CREDIT_DEVIATION,
    ZERO,
)


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


def total_deviation(trainee_subtotal: Decimal, reference_subtotal: Decimal) -> Decimal:
    """`dev = |trainee − reference| / reference` over subtotal_excl_vat (§4); against a
    reference subtotal of 0, 0 when the trainee's is 0 too, else 1 (as §3 treats a figure)."""
    if reference_subtotal == ZERO:
        return ZERO if trainee_subtotal == ZERO else ONE
    return abs(trainee_subtotal - reference_subtotal) / reference_subtotal


def total_component(deviation: Decimal) -> Decimal:
    """T (§4): 1 when `dev ≤ 2 %`, 0 when `dev ≥ 20 %`, linear in between."""
    if deviation <= TOTAL_FULL_CREDIT_DEVIATION:
        return ONE
    if deviation >= TOTAL_ZERO_CREDIT_DEVIATION:
        return ZERO
    return (TOTAL_ZERO_CREDIT_DEVIATION - deviation) / (
        TOTAL_ZERO_CREDIT_DEVIATION - TOTAL_FULL_CREDIT_DEVIATION
    )


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
