"""High-voltage safety at intake: which judgement the facts of a damaged HV vehicle call for.

Dutch practice (and the branch's HV guidance): a damaged HV vehicle with fired airbags, a damaged
battery housing, heat or smell goes to quarantine and the battery specialist; without those it is
parked in a safe spot, apart from other vehicles, and observed before work starts. Warning lights
alone do not quarantine a vehicle but are a reason to observe it and read out the fault memory.

A car with a 48 V mild-hybrid system is no HV vehicle (voltage class B starts above 60 V DC:
UNECE Regulation No. 100, DGUV Information 200-005). Its case has no HV facts but expects the
judgement `not_hv`, so the intake asks the trainee to tell 48 V from HV: quarantine or "safe
parking as an HV vehicle" there is a mistake (`asks_judgement`).
"""

from __future__ import annotations

from typing import Any

from .models.case import HvJudgement

QUARANTINE_FACTS = ("airbags_fired", "battery_housing_damaged", "smell_or_heat")
HV_FACTS = (*QUARANTINE_FACTS, "warning_lights")

HV_FACT_LABELS = {
    "airbags_fired": "airbags afgegaan",
    "battery_housing_damaged": "accubehuizing beschadigd",
    "warning_lights": "waarschuwingslampjes branden",
    "smell_or_heat": "geur of warmteontwikkeling",
}


def asks_judgement(version: Any) -> bool:
    """The intake asks for an HV judgement: an HV vehicle (`hv_facts`), or a car whose case
    expects `not_hv` (a 48 V mild hybrid the trainee must tell from HV)."""
    return (
        getattr(version, "hv_facts", None) is not None
        or getattr(version, "expected_hv_judgement", None) == HvJudgement.NOT_HV
    )


def expected_judgement(facts: dict[str, Any] | None) -> str | None:
    """`quarantine` when any quarantine fact is present, `safe` otherwise; None for a non-HV car."""
    if facts is None:
        return None
    if any(facts.get(fact) for fact in QUARANTINE_FACTS):
        return HvJudgement.QUARANTINE
    return HvJudgement.SAFE
