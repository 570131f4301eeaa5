"""diff between two versions of one calculation (calculation-spec §7)."""

from __future__ import annotations

from decimal import Decimal

import pytest

from calcengine import InputError, diff
from tests.calcengine.inputs import golden_input, line


def test_identical_versions_change_nothing():
    result = diff(golden_input(), golden_input())
    assert result["lines"] == {"added": [], "removed": [], "changed": []}
    assert all(total["change"] == "0.00" for total in result["totals"].values())
    assert result["totals"]["total_incl_vat"] == {
        "old": "3449.61",
        "new": "3449.61",
        "change": "0.00",
    }


def test_supplement_shows_lines_added_removed_and_changed_and_every_total():
    # given a supplement: the grille costs more, the clips are dropped, hidden damage is added
    old, new = golden_input(), golden_input()
    new["lines"][1]["unit_price"] = "170.00"
    new["lines"][1]["labour_units"] = "35.0"  # the same number written differently
    del new["lines"][7]
    new["lines"].append(line(id="9", code="5H0805588", description="Slotplaat", labour_units="120"))

    # when
    result = diff(old, new)

    # then
    assert result["lines"]["changed"] == [
        {"id": "2", "changes": {"unit_price": {"old": "162.35", "new": "170.00"}}}
    ]
    assert [added["id"] for added in result["lines"]["added"]] == ["9"]
    assert result["lines"]["added"][0]["labour_units"] == "120"
    assert [removed["id"] for removed in result["lines"]["removed"]] == ["8"]
    assert result["lines"]["removed"][0]["amount"] == "18.40"
    assert result["totals"]["sundries"] == {"old": "18.40", "new": "0.00", "change": "-18.40"}
    assert result["totals"]["parts.gross"]["change"] == "7.65"
    totals = result["totals"]
    assert list(totals)[-3:] == ["subtotal_excl_vat", "vat", "total_incl_vat"]
    for name in totals:
        assert Decimal(totals[name]["new"]) - Decimal(totals[name]["old"]) == Decimal(
            totals[name]["change"]
        )


def test_change_of_paint_shows_mode_and_units():
    old, new = golden_input(), golden_input()
    new["lines"][3]["paint"] = {"mode": "repair_major", "units": "250"}
    assert diff(old, new)["lines"]["changed"] == [
        {
            "id": "4",
            "changes": {
                "paint": {
                    "old": {"mode": "repair_minor", "units": "250"},
                    "new": {"mode": "repair_major", "units": "250"},
                }
            },
        }
    ]


def test_refused_version_raises_with_paths_naming_the_version():
    old, new = golden_input(), golden_input()
    new["lines"][0]["unit_price"] = "-1"
    with pytest.raises(InputError) as caught:
        diff(old, new)
    assert caught.value.errors == [
        {"path": "new.lines[0].unit_price", "message": "Mag niet negatief zijn."}
    ]
