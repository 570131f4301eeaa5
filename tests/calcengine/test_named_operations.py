"""The operations other modules name one by one come from `calcengine.schema`, each picked by
what only it does: the spec's code for each (§1.3), and a table in which the property no longer
picks exactly one operation fails instead of naming another."""

from __future__ import annotations

import pytest

from calcengine.schema import (
    HV_SAFETY_OPERATION,
    OPERATION,
    PAINT_OPERATION,
    REMOVE_REFIT_OPERATION,
    REPAIR_OPERATION,
    REPLACE_OPERATION,
    SUBCONTRACT_OPERATION,
    the_operation_where,
)


def test_each_named_operation_is_the_spec_s_code():
    named = {
        "replace": REPLACE_OPERATION,
        "repair": REPAIR_OPERATION,
        "remove_refit": REMOVE_REFIT_OPERATION,
        "paint": PAINT_OPERATION,
        "subcontract": SUBCONTRACT_OPERATION,
        "hv_safety": HV_SAFETY_OPERATION,
    }
    assert named == {code: code for code in OPERATION if code not in ("calibrate", "sundry")}


def test_a_named_operation_has_the_property_it_is_picked_by():
    assert OPERATION[REPLACE_OPERATION].buys_part
    assert OPERATION[REPAIR_OPERATION].judges_repair
    assert not OPERATION[REPAIR_OPERATION].buys_part
    assert OPERATION[REMOVE_REFIT_OPERATION].on_part
    assert not OPERATION[REMOVE_REFIT_OPERATION].damage_only
    assert OPERATION[PAINT_OPERATION].needs_paint
    assert OPERATION[SUBCONTRACT_OPERATION].marked_up


@pytest.mark.parametrize(
    "test",
    [
        lambda op: op.carries_labour,  # five operations
        lambda op: op.needs_paint and op.marked_up,  # none
    ],
)
def test_a_property_that_picks_no_single_operation_fails(test):
    with pytest.raises(LookupError, match="exactly one operation"):
        the_operation_where(test)
