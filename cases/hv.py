"""High-voltage safety at intake: which judgement the facts of a damaged HV vehicle call for.

Dutch practice (and the branch's HV guidance): a damaged HV vehicle with fired airbags, a damaged
battery housing, heat or smell goes to quarantine and the battery specialist; without those it is
parked in a safe spot, apart from other vehicles, and observed before work starts. Warning lights
alone do not quarantine a vehicle but are a reason to observe it and read out the fault memory.
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


def expected_judgement(facts: dict[str, Any] | None) -> str | None:
    """`quarantine` when any quarantine fact is present, `safe` otherwise; None for a non-HV car."""
    if facts is None:
        return None
    if any(facts.get(fact) for fact in QUARANTINE_FACTS):
        return HvJudgement.QUARANTINE
    return HvJudgement.SAFE
