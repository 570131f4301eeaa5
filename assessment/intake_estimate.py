"""The band the first estimate at intake is judged in (profile 1.1: "maakt een eerste
inschatting van duur en kosten").

The trainee's estimate (`FirstEstimateForm`, € incl. btw, as the customer hears it) is compared
with the engine's total incl. VAT of the case's reference pre-calculation — the visible damage
priced with the case's rates, the same damage the trainee sees at intake (hidden damage is the
supplement's, not the estimate's). Within ±15 % passes.

Why ±15 %: an estimate at the counter is made from the visible damage without disassembly and
without the calculation program; a professional is expected to be close, not exact. 15 % is the
tolerance the scoring already grants on a line's labour units (`assess.unit_tolerance_percent`
in the cases), so the estimate is held to the same measure as a calculated line. A vuistregel of
this platform, no public source prescribes a band for a first estimate.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from calcengine.arithmetic import round2
from calcengine.formatting import format_money

BAND_PERCENT = Decimal("15")


@dataclass(frozen=True)
class Verdict:
    passed: bool
    text: str


@dataclass(frozen=True)
class EstimateBand:
    reference: Decimal  # the engine's total incl. VAT of the reference pre-calculation

    @property
    def low(self) -> Decimal:
        return round2(self.reference * (100 - BAND_PERCENT) / 100)

    @property
    def high(self) -> Decimal:
        return round2(self.reference * (100 + BAND_PERCENT) / 100)

    def judge(self, amount: Any) -> Verdict:
        try:
            given = Decimal(str(amount))
        except (InvalidOperation, ValueError):
            return Verdict(False, "De eerste inschatting heeft geen leesbaar bedrag.")
        band = (
            f"de band van ±{BAND_PERCENT} % rond de referentie-voorcalculatie "
            f"({format_money(self.reference)} incl. btw: {format_money(self.low)} tot "
            f"{format_money(self.high)})"
        )
        if self.low <= given <= self.high:
            return Verdict(True, f"Eerste inschatting {format_money(given)} ligt binnen {band}.")
        side = "te laag" if given < self.low else "te hoog"
        return Verdict(False, f"Eerste inschatting {format_money(given)} is {side}: buiten {band}.")


def estimate_band(case: Any) -> EstimateBand | None:
    """The band for a case version (None without a reference pre-calculation)."""
    import calcengine

    reference = getattr(case, "reference_precalc", None)
    if not reference:
        return None
    output = calcengine.estimate(reference)
    return EstimateBand(Decimal(str(output["total_incl_vat"])))
