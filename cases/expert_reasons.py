"""Why a case needs an expert (profile 1.2 "Indien nodig vraagt hij een expertise aan"), and the
reason a trainee gives when asking for one.

A case states its own reasons (`expert_reasons`: total loss, structural damage, disputed
liability); the amount reason is never written in a case: it is derived from the paying party's
rules (`cases.payer.rules_for`, the rate set's `expert_required_above`) over the engine's total
of the case's reference pre-calculation, and so is the policy's own demand
(`payer_rules.expert_required`): the rate set stays the one owner of the limit.

When a case authors reasons, those are the reasons: the trainee must give one of them (a
borderline total loss is not recognised by answering "the policy demands one"). The derived
reasons count only for a case that authors none. A contra-expertise is not a reason for an
expert but its own move (`request_contra_expertise`, cases.workflow.liability_claim).
"""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext_lazy as _

AMOUNT_OVER_LIMIT = "amount_over_limit"
POLICY_REQUIRES = "policy_requires"
DERIVED_REASONS = (AMOUNT_OVER_LIMIT, POLICY_REQUIRES)

EXPERT_REASONS = {
    AMOUNT_OVER_LIMIT: _("bedrag boven de expertisegrens van de betalende partij"),
    POLICY_REQUIRES: _("de betalende partij eist bij deze schade altijd een expertise"),
    "total_loss": _("(mogelijk) economisch total loss"),
    "structural_damage": _("constructieve schade"),
    "liability_disputed": _("aansprakelijkheid betwist"),
}
# The reasons a case author writes; the amount and the policy's demand are derived.
AUTHORED_REASONS = tuple(key for key in EXPERT_REASONS if key not in DERIVED_REASONS)


def reason_label(key: str) -> str:
    return str(EXPERT_REASONS.get(key, key))


def derived_reasons(version: Any) -> tuple[str, ...]:
    """The paying party's own reasons: its policy wants an expert whatever the amount
    (`payer_rules.expert_required`), or the engine's total of the reference pre-calculation is
    above the rate set's threshold (`cases.payer.rules_for`, `limit_amount`)."""
    import calcengine
    from cases import payer

    reasons = []
    if (version.payer_rules or {}).get("expert_required"):
        reasons.append(POLICY_REQUIRES)
    if version.reference_precalc:
        output = calcengine.estimate(version.reference_precalc)
        rules = payer.rules_for(version)
        if rules.needs_expert(payer.limit_amount(output, rules)):
            reasons.append(AMOUNT_OVER_LIMIT)
    return tuple(reasons)


def authored_reasons(version: Any) -> tuple[str, ...]:
    """The reasons the case writes (`expert_reasons`), in the catalogue's order."""
    authored = [str(key) for key in (getattr(version, "expert_reasons", None) or [])]
    return tuple(key for key in AUTHORED_REASONS if key in authored)


def case_expert_reasons(version: Any) -> tuple[str, ...]:
    """The case's reasons for an expert: the authored ones; the derived ones only when the case
    authors none."""
    return authored_reasons(version) or derived_reasons(version)


def expert_reason_errors(version: Any) -> list[dict[str, str]]:
    """A case's `expert_reasons` read strictly, and in line with `expected_decisions`."""
    errors = []
    authored = list(getattr(version, "expert_reasons", None) or [])
    for index, key in enumerate(authored):
        if key not in AUTHORED_REASONS:
            errors.append(
                {
                    "path": f"expert_reasons.{index}",
                    "message": str(
                        _(
                            "Onbekende reden '%(key)s' (bedrag en polis worden afgeleid, niet geschreven)."
                        )
                        % {"key": key}
                    ),
                }
            )
    decisions = version.expected_decisions or {}
    if "expert_required" in decisions:
        try:
            needed = bool(case_expert_reasons(version))
        except Exception:  # an unreadable reference is reported by its own check
            return errors
        if bool(decisions["expert_required"]) != needed:
            errors.append(
                {
                    "path": "expected_decisions.expert_required",
                    "message": str(
                        _(
                            "Een expertise is nodig precies als de casus een reden heeft (expert_reasons of het bedrag)."
                        )
                    ),
                }
            )
    return errors
