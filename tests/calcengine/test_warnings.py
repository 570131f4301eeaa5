"""The findings of calculation-spec §3: computed anyway, each with its code and line."""

from __future__ import annotations

from typing import Any

import pytest

from calcengine import estimate
from tests.calcengine.inputs import golden_input, line


def _codes(data: dict[str, Any]) -> list[tuple[str, str | None]]:
    warnings = estimate(data)["warnings"]
    assert all(warning["message"] for warning in warnings)
    return [(warning["code"], warning["line_id"]) for warning in warnings]


def test_clean_calculation_has_no_warnings():
    assert _codes(golden_input("model3-rear-ev")) == []


def test_repair_of_a_part_that_may_not_be_repaired_is_warned_on_its_line():
    data = golden_input()
    data["lines"][3]["repair_allowed"] = False
    data["lines"][0]["repair_allowed"] = False  # a replace line: replacing is what is asked
    assert ("REPAIR_NOT_ALLOWED", "4") in _codes(data)
    assert ("REPAIR_NOT_ALLOWED", "1") not in _codes(data)


def test_missing_calibration_is_warned_once_per_sensor_on_the_first_line_listing_it():
    data = golden_input()
    data["lines"][1]["adas_sensors"] = ["front_camera", "park_sensors"]
    data["lines"][2]["adas_sensors"] = ["front_camera"]
    assert _codes(data) == [
        ("ADAS_CALIBRATION_MISSING", "1"),  # park_sensors
        ("ADAS_CALIBRATION_MISSING", "2"),  # front_camera
    ]


def test_sensor_the_vehicle_lacks_needs_no_calibration():
    data = golden_input()
    data["lines"][0]["adas_sensors"] = ["lidar", "front_radar"]
    assert _codes(data) == []


def test_sensor_listed_on_a_paint_line_needs_no_calibration():
    data = golden_input()
    data["lines"][0]["adas_sensors"] = []
    data["lines"][4]["adas_sensors"] = ["park_sensors"]
    assert _codes(data) == []


def test_high_voltage_work_without_hv_safety_is_warned_for_the_calculation():
    data = golden_input("model3-rear-ev")
    del data["lines"][0]
    assert _codes(data) == [("HV_SAFETY_MISSING", None)]


def test_hv_zone_on_a_combustion_car_needs_no_hv_safety():
    data = golden_input()
    data["lines"][0]["hv_zone"] = True
    assert ("HV_SAFETY_MISSING", None) not in _codes(data)


def test_duplicate_code_and_operation_is_warned_on_every_later_line():
    data = golden_input("clio-empty")
    data["lines"] = [
        line(id="a", code="X"),
        line(id="b", code="X", operation="repair"),
        line(id="c", code="X"),
        line(id="d", code="X"),
    ]
    assert _codes(data) == [("DUPLICATE_LINE", "c"), ("DUPLICATE_LINE", "d")]


def test_economic_total_loss_is_warned_without_a_line():
    assert _codes(golden_input("polo-total-loss")) == [("ECONOMIC_TOTAL_LOSS", None)]


def test_warnings_are_ordered_by_the_spec_table_then_by_line():
    data = golden_input("model3-rear-ev")
    data["vehicle"]["new_value"] = "4000.00"
    del data["lines"][0]  # hv_safety
    data["lines"][1]["repair_allowed"] = False
    data["lines"][0]["adas_sensors"] = ["front_camera"]
    data["lines"].append(
        line(id="dup", code="1084168-S0-A", operation="replace", part_group="body", unit_price="1")
    )
    assert _codes(data) == [
        ("REPAIR_NOT_ALLOWED", "3"),
        ("ADAS_CALIBRATION_MISSING", "2"),
        ("HV_SAFETY_MISSING", None),
        ("DUPLICATE_LINE", "dup"),
        ("ECONOMIC_TOTAL_LOSS", None),
    ]


@pytest.mark.parametrize("powertrain", ["HEV", "PHEV", "BEV", "FCEV"])
def test_every_high_voltage_powertrain_needs_hv_safety(powertrain: str):
    # §1.1: HEV, PHEV, BEV and FCEV are the high-voltage vehicles of §3's HV_SAFETY_MISSING.
    data = golden_input("model3-rear-ev")
    del data["lines"][0]  # the hv_safety line
    data["vehicle"]["powertrain"] = powertrain
    assert ("HV_SAFETY_MISSING", None) in _codes(data)


def test_high_voltage_vehicle_without_work_in_the_hv_zone_needs_no_hv_safety():
    data = golden_input("model3-rear-ev")
    del data["lines"][0]
    for raw in data["lines"]:
        raw.pop("hv_zone", None)
    assert _codes(data) == []


def test_calibrate_line_for_the_sensor_silences_its_warning():
    data = golden_input()  # line 1 lists park_sensors, which no calibrate line covers
    data["lines"].append(
        line(id="cal", code="ADAS-PARK", operation="calibrate", sensor="park_sensors")
    )
    assert _codes(data) == []


def test_a_subcontract_line_naming_the_sensor_counts_as_its_calibration():
    # golf-calibration-subcontracted: the dealer calibrates the front radar (§1.3, §3)
    data = golden_input("golf-calibration-subcontracted")
    assert _codes(data) == []
    del data["lines"][2]["sensor"]  # the same dealer's work, but no sensor named
    assert _codes(data) == [("ADAS_CALIBRATION_MISSING", "1")]


def test_a_subcontract_line_covers_only_the_sensor_it_names():
    data = golden_input("golf-calibration-subcontracted")
    data["lines"][2]["sensor"] = "front_camera"
    assert _codes(data) == [("ADAS_CALIBRATION_MISSING", "1")]  # front_radar still missing


def test_a_sensor_on_a_sundry_line_is_no_calibration():
    data = golden_input("golf-calibration-subcontracted")
    data["lines"][2]["operation"] = "sundry"
    assert _codes(data) == [("ADAS_CALIBRATION_MISSING", "1")]
