"""The fixed figures of the `schadescore/2` contract (docs/scoring-spec.md), in one place.

They belong to the contract, not to a case: a case tunes its lines through the reference's
`assess` annotations (see `annotations.py`), never through these.
"""

from decimal import Decimal

from calcengine.schema import (
    AMOUNT_OPERATIONS,
    DAMAGE_ONLY_OPERATIONS,
    DEFAULT_PART_SOURCE,
    LABOUR_OPERATIONS,
    MARKED_UP_OPERATIONS,
    OPERATIONS,
    PART_BUYING_OPERATIONS,
    PART_SOURCES,
    SENSOR_NAMING_OPERATIONS,
    SPECIALIST_CALIBRATION_OPERATIONS,
)

SPEC = "schadescore/2"
# The spec before it: a grade computed under it keeps it (§9), and is re-scored beside it.
PREVIOUS_SPEC = "schadescore/1"

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)

# §1: defaults of a reference line's `assess` object.
DEFAULT_ALTERNATIVE_CREDIT = Decimal("0.5")
DEFAULT_UNIT_TOLERANCE_PERCENT = Decimal("10")
# §1: a replace line without `part_source` uses an OEM part (calculation spec §1.3):
# `DEFAULT_PART_SOURCE`, the calculation contract's.

# §3: a deviation of half the reference figure or more earns no unit credit.
UNIT_ZERO_CREDIT_DEVIATION = Decimal("0.5")
# §3: credit = op × (BASE + SHARE × u) for a line with the right (or an acceptable) operation.
CREDIT_BASE = Decimal("0.5")
CREDIT_UNIT_SHARE = Decimal("0.5")
# §3: the smallest weight of a reference line, so that a cheap but necessary line still counts.
WEIGHT_FLOOR = Decimal("0.02")
# §2: a specialist's calibration of the reference's sensor is always accepted, with this credit.
SUBCONTRACTED_CALIBRATION_CREDIT = ONE

# §4: the band of the total's deviation in percent, unless the reference's top-level
# `assess.total_band_percent` sets its own: full credit at or below the first, none from the
# second, linear in between.
DEFAULT_TOTAL_BAND_PERCENT = (Decimal("5"), Decimal("25"))

# §7: the weights of the components in the score, and the pass mark.
COMPONENT_WEIGHTS = {"L": Decimal("0.60"), "T": Decimal("0.25"), "D": Decimal("0.15")}
PASS_MARK = Decimal("70")

# §7: how the result shows its figures. Components and line fractions are shown to 4 decimals
# ("for reading", as expected.json states them), the score and sub-scores to 1, points to 2.
SCORE_QUANTUM = Decimal("0.1")
FRACTION_QUANTUM = Decimal("0.0001")
POINTS_QUANTUM = Decimal("0.01")

# §5: the decision a bare calculation exercise asks, answered by the calculation itself.
TOTAL_LOSS_DECISION = "economic_total_loss"
DECISION_KEYS = ("economic_total_loss", "expert_required", "used_parts_allowed")

# The calculation contract's operations table (`calcengine.schema`), re-exported for scoring:
# the operations that carry labour units (calculation spec §2.1), those whose `amount` is
# compared (§3), and those that make work on a part the reference's `undamaged` lists a
# knock-out (§6: replace, repair, paint).
UNDAMAGED_WORK_OPERATIONS = DAMAGE_ONLY_OPERATIONS
__all__ = [
    "AMOUNT_OPERATIONS",
    "DEFAULT_PART_SOURCE",
    "LABOUR_OPERATIONS",
    "MARKED_UP_OPERATIONS",
    "OPERATIONS",
    "PART_BUYING_OPERATIONS",
    "PART_SOURCES",
    "SENSOR_NAMING_OPERATIONS",
    "SPECIALIST_CALIBRATION_OPERATIONS",
]
