"""The vehicle catalogue: enough realistic models, the golden cases' figures, and prefilled lines."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from calcengine import estimate, parse
from calcengine.catalogue import (
    ZONES,
    CatalogueError,
    Part,
    calibration_for,
    find_vehicles,
    get_rate_set,
    get_vehicle,
    get_work_code,
    prefill_line,
    rate_sets,
    vehicle_block,
    vehicles,
    work_codes,
    work_units,
)
from calcengine.catalogue._data import DATA_DIR, read_json
from calcengine.catalogue.vehicles import _vehicle
from calcengine.catalogue.work_codes import is_work_code
from tests.shared import GOLDEN_DIR

GOLDEN_INPUTS = sorted(GOLDEN_DIR.glob("*.input.json"))
HIGH_VOLTAGE = {"HEV", "PHEV", "BEV", "FCEV"}
STRUCTURAL_WORDS = ("stijl", "bumperbalk", "langsligger")


def _golden(path: Path) -> dict[str, Any]:
    return json.loads(path.read_text(encoding="utf-8"))


def _golden_id(path: Path) -> str:
    return path.name.removesuffix(".input.json")


def _vehicle_of(golden: dict[str, Any]):
    v = golden["vehicle"]
    found = find_vehicles(f"{v['make']} {v['model']} {v['variant']}")
    exact = [
        m for m in found if (m.make, m.model, m.variant) == (v["make"], v["model"], v["variant"])
    ]
    assert len(exact) == 1, f"{v['make']} {v['model']} {v['variant']} not in the catalogue"
    return exact[0]


def _rate_set_of(golden: dict[str, Any]):
    matching = [r for r in rate_sets() if r.rates == golden["rates"]]
    assert matching, "the golden rates are no rate set of the catalogue"
    return matching[0]


def _prefill_like(vehicle_id: str, line: dict[str, Any]) -> dict[str, Any]:
    """The catalogue's line for what the golden line asks: same code, operation and choices."""
    kwargs: dict[str, Any] = {}
    if "paint" in line:
        kwargs["paint_mode"] = line["paint"]["mode"]
    if line["operation"] == "repair":
        kwargs["repair_units"] = line["labour_units"]
    if line.get("part_source", "oem") != "oem":
        kwargs["part_source"] = line["part_source"]
        kwargs["unit_price"] = line["unit_price"]
    if "quantity" in line:
        kwargs["quantity"] = int(line["quantity"])
    return prefill_line(vehicle_id, line["code"], line["operation"], line_id=line["id"], **kwargs)


# --- the catalogue's coverage -------------------------------------------------------------


def test_catalogue_holds_at_least_eight_vehicle_models():
    assert len(vehicles()) >= 8


@pytest.mark.parametrize("vehicle", vehicles(), ids=lambda v: v.id)
def test_every_vehicle_has_forty_parts_in_all_seven_zones(vehicle):
    assert len(vehicle.parts) >= 40
    by_zone = vehicle.parts_by_zone()
    assert tuple(by_zone) == ZONES
    assert all(by_zone[zone] for zone in ZONES), {z: len(p) for z, p in by_zone.items()}
    assert sum(len(parts) for parts in by_zone.values()) == len(vehicle.parts)


@pytest.mark.parametrize("vehicle", vehicles(), ids=lambda v: v.id)
def test_part_codes_are_unique_within_a_vehicle(vehicle):
    codes = [p.code for p in vehicle.parts]
    assert len(codes) == len(set(codes))
    assert not any(is_work_code(code) for code in codes)


def test_catalogue_covers_body_types_powertrains_paints_and_labour_units():
    models = vehicles()
    assert {"hatchback", "suv", "van"} <= {v.body_type for v in models}
    assert {"ICE", "HEV", "PHEV", "BEV"} <= {v.powertrain for v in models}
    assert {"petrol", "diesel", "electric"} <= {v.fuel for v in models}
    assert {"solid", "metallic", "pearl"} == {v.paint_type for v in models}
    assert {10, 12, 100} == {v.units_per_hour for v in models}


def test_labour_units_are_counted_as_each_manufacturer_counts_them():
    for vehicle in vehicles():
        expected = {"Volkswagen": 100, "Audi": 100, "Skoda": 100, "Seat": 100, "Cupra": 100}.get(
            vehicle.make, 12 if vehicle.make in ("BMW", "Mercedes-Benz") else 10
        )
        assert vehicle.units_per_hour == expected, vehicle.id


@pytest.mark.parametrize("vehicle", vehicles(), ids=lambda v: v.id)
def test_every_vehicle_has_a_structural_part_that_must_not_be_repaired(vehicle):
    forbidden = [p for p in vehicle.parts if not p.repair_allowed]
    assert forbidden
    assert all(
        p.part_group == "body" and any(w in p.name.casefold() for w in STRUCTURAL_WORDS)
        for p in forbidden
    ), [p.name for p in forbidden]


@pytest.mark.parametrize("vehicle", vehicles(), ids=lambda v: v.id)
def test_high_voltage_parts_belong_to_high_voltage_vehicles_only(vehicle):
    hv_parts = [p for p in vehicle.parts if p.hv_zone]
    if vehicle.powertrain in HIGH_VOLTAGE:
        assert hv_parts
    else:
        assert hv_parts == []


@pytest.mark.parametrize("vehicle", vehicles(), ids=lambda v: v.id)
def test_parts_carry_plausible_figures_and_only_sensors_the_vehicle_has(vehicle):
    for part in vehicle.parts:
        assert isinstance(part.list_price, Decimal) and part.list_price > 0, part.code
        assert part.list_price == part.list_price.quantize(Decimal("0.01")), part.code
        assert Decimal(0) < part.replace_units <= 20 * vehicle.units_per_hour, part.code
        assert part.remove_refit_units <= part.replace_units, part.code
        assert part.paint_units is None or part.paint_units > 0, part.code
        assert set(part.adas_sensors) <= set(vehicle.adas), part.code
    windscreen = next(p for p in vehicle.parts if p.name.startswith("Voorruit"))
    assert ("front_camera" in windscreen.adas_sensors) == ("front_camera" in vehicle.adas)
    assert any(p.name.startswith("Dorpel") for p in vehicle.parts)
    assert any(p.name.startswith("Buitenspiegel") for p in vehicle.parts)


def test_prices_and_times_follow_the_make():
    def headlamp(vehicle_id: str) -> Part:
        return next(
            p
            for p in get_vehicle(vehicle_id).parts
            if p.name.startswith("Koplamp") and "rechts" in p.name
        )

    assert headlamp("tesla-model-3").list_price > headlamp("renault-clio-5").list_price
    assert headlamp("bmw-3-g20").list_price > headlamp("peugeot-208").list_price
    # The same job in VW time units (100 an hour) reads ten times larger than in tenths.
    golf_bumper = get_vehicle("vw-golf-8").part("5H0807221GRU")
    clio_bumper = next(p for p in get_vehicle("renault-clio-5").parts if p.name == "Voorbumper")
    assert abs(golf_bumper.replace_units / 100 - clio_bumper.replace_units / 10) <= Decimal("0.3")


def test_every_file_carries_a_tariff_date_and_version():
    for vehicle in vehicles():
        assert vehicle.tariff_date.year >= 2024 and vehicle.version
        assert vehicle.reference() == {
            "id": vehicle.id,
            "version": vehicle.version,
            "tariff_date": vehicle.tariff_date.isoformat(),
        }
    for code in work_codes():
        assert code.tariff_date and code.version


def test_catalogue_objects_are_frozen():
    vehicle = get_vehicle("vw-golf-8")
    with pytest.raises(dataclasses.FrozenInstanceError):
        vehicle.parts[0].list_price = Decimal("1.00")  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        vehicle.units_per_hour = 10  # type: ignore[misc]
    assert isinstance(vehicle.parts, tuple) and isinstance(vehicle.adas, tuple)
    vehicles().clear()
    assert len(vehicles()) >= 8


# --- looking things up ----------------------------------------------------------------------


def test_find_vehicles_matches_every_word_case_insensitively():
    assert [v.id for v in find_vehicles("golf")] == ["vw-golf-8"]
    assert [v.id for v in find_vehicles("TESLA model 3")] == ["tesla-model-3"]
    assert {v.id for v in find_vehicles("volkswagen")} == {"vw-golf-8", "vw-polo-6r"}
    assert find_vehicles("golf polo") == []
    assert len(find_vehicles("")) == len(vehicles())


def test_unknown_vehicle_part_or_code_is_refused_in_dutch():
    with pytest.raises(CatalogueError, match="staat niet in de catalogus"):
        get_vehicle("trabant-601")
    with pytest.raises(LookupError):
        get_vehicle("trabant-601")
    with pytest.raises(CatalogueError, match="Onderdeel"):
        get_vehicle("vw-golf-8").part("0000000")
    with pytest.raises(CatalogueError, match="bestaat niet"):
        get_work_code("ADAS-WARP-DRIVE")


def test_work_codes_are_found_by_code_alias_and_sensor():
    assert get_work_code("HV-SAFETY") is get_work_code("HV-SAFE")
    assert get_work_code("ADAS-PARK-SENSORS").sensor == "park_sensors"
    for sensor in ("front_camera", "front_radar", "rear_radar", "park_sensors"):
        assert calibration_for(sensor).sensor == sensor


# --- the golden cases ------------------------------------------------------------------------


@pytest.mark.parametrize("path", GOLDEN_INPUTS, ids=_golden_id)
def test_golden_vehicle_is_in_the_catalogue_with_the_same_figures(path):
    golden = _golden(path)
    vehicle = _vehicle_of(golden)
    assert vehicle.powertrain == golden["vehicle"]["powertrain"]
    assert vehicle.paint_type == golden["vehicle"]["paint_type"]
    assert vehicle.units_per_hour == golden["vehicle"]["units_per_hour"]
    assert list(vehicle.adas) == golden["vehicle"]["adas"]


# The golden files test the arithmetic and may hold a figure no estimator would take from the
# catalogue. The golden Golf with the subcontracted radar has a park-sensor teach-in of 290 VW
# time units (2.9 h); the maker's time that the catalogue, the demo Golf case and the shared
# scoring reference use is 35 (21 minutes). A trainee who prefills from the catalogue must meet
# the reference's figure, so the catalogue keeps 35 and this one golden figure is exempt.
GOLDEN_WORK_TIMES_NOT_FROM_THE_CATALOGUE = {
    ("golf-calibration-subcontracted.input.json", "4"): "ADAS-PARK at 290 units",
}

# Ultrasonic park sensors are moved to the new bumper and function-tested; Tesla, Mercedes-Benz
# and Peugeot ask for no calibration of them, so the catalogue lists no `park_sensors` on those
# bumpers (a trainee who prefills the bumper must not be knocked out for a teach-in the maker
# does not ask for). The golden Model 3 lists them on its rear bumper to exercise the
# calibration check; that line is exempt.
GOLDEN_SENSORS_NOT_FROM_THE_CATALOGUE = {
    ("model3-rear-ev.input.json", "2"): "rear bumper with park_sensors",
}


def test_the_exempt_golden_sensor_lists_are_there_and_differ_from_the_catalogue():
    for (name, line_id), _why in GOLDEN_SENSORS_NOT_FROM_THE_CATALOGUE.items():
        golden = _golden(next(p for p in GOLDEN_INPUTS if p.name == name))
        line = next(line for line in golden["lines"] if line["id"] == line_id)
        part = _vehicle_of(golden).part(line["code"])
        assert line.get("adas_sensors", []) != list(part.adas_sensors)


def test_the_exempt_golden_work_times_are_there_and_differ_from_the_catalogue():
    for (name, line_id), _why in GOLDEN_WORK_TIMES_NOT_FROM_THE_CATALOGUE.items():
        golden = _golden(next(p for p in GOLDEN_INPUTS if p.name == name))
        line = next(line for line in golden["lines"] if line["id"] == line_id)
        work = get_work_code(line["code"])
        assert Decimal(line["labour_units"]) != work_units(_vehicle_of(golden), work)


@pytest.mark.parametrize("path", GOLDEN_INPUTS, ids=_golden_id)
def test_every_golden_line_matches_the_catalogue_figures(path):
    golden = _golden(path)
    vehicle = _vehicle_of(golden)
    for line in golden["lines"]:
        where = f"{path.name} line {line['id']} ({line['code']})"
        if vehicle.has_part(line["code"]):
            part = vehicle.part(line["code"])
            if line["operation"] == "replace":
                assert line["part_group"] == part.part_group, where
                assert Decimal(line["labour_units"]) == part.replace_units, where
                if line.get("part_source", "oem") == "oem":
                    assert Decimal(line["unit_price"]) == part.list_price, where
            if line["operation"] == "remove_refit":
                assert Decimal(line["labour_units"]) == part.remove_refit_units, where
            if "paint" in line:
                assert part.paint_units is not None, where
                assert Decimal(line["paint"]["units"]) == part.paint_units, where
            if (path.name, line["id"]) not in GOLDEN_SENSORS_NOT_FROM_THE_CATALOGUE:
                assert line.get("adas_sensors", []) == list(part.adas_sensors), where
            assert line.get("hv_zone", False) == part.hv_zone, where
            assert line.get("labour_category", "body") == part.labour_category, where
        else:
            work = get_work_code(line["code"])
            assert work.operation == line["operation"], where
            if work.amount is not None:
                assert Decimal(line["amount"]) == work.amount, where
            elif (path.name, line["id"]) not in GOLDEN_WORK_TIMES_NOT_FROM_THE_CATALOGUE:
                assert Decimal(line["labour_units"]) == work_units(vehicle, work), where
            assert line.get("sensor") == work.sensor, where


@pytest.mark.parametrize("path", GOLDEN_INPUTS, ids=_golden_id)
def test_golden_input_can_be_written_from_the_catalogue_alone(path):
    # given
    golden = _golden(path)
    vehicle = _vehicle_of(golden)
    g = golden["vehicle"]
    # when
    written = {
        "spec": "schadecalc/1",
        "vehicle": vehicle_block(
            vehicle.id,
            vin=g.get("vin"),
            first_registration=g["first_registration"],
            mileage_km=g["mileage_km"],
            value_before_damage=g.get("value_before_damage"),
            new_value=g.get("new_value"),
            residual_value=g["residual_value"],
        ),
        "rates": _rate_set_of(golden).rates,
        "lines": [_prefill_like(vehicle.id, line) for line in golden["lines"]],
    }
    if "damage_date" in golden:
        written["damage_date"] = golden["damage_date"]
    for line, own in zip(written["lines"], golden["lines"], strict=True):
        if (path.name, own["id"]) in GOLDEN_WORK_TIMES_NOT_FROM_THE_CATALOGUE:
            line["labour_units"] = own["labour_units"]  # the estimator's own figure
        if (path.name, own["id"]) in GOLDEN_SENSORS_NOT_FROM_THE_CATALOGUE:
            line["adas_sensors"] = own["adas_sensors"]
    # then: all but the descriptions, which are the estimator's own words
    assert _without_descriptions(written) == _without_descriptions(golden)
    for line, own in zip(written["lines"], golden["lines"], strict=True):
        assert line["description"].split()[0] == own["description"].split()[0]


def _without_descriptions(data: dict[str, Any]) -> dict[str, Any]:
    return {
        **data,
        "lines": [{k: v for k, v in line.items() if k != "description"} for line in data["lines"]],
    }


# --- prefilled lines ----------------------------------------------------------------------------


def _input_for(vehicle_id: str, lines: list[dict[str, Any]]) -> dict[str, Any]:
    return {
        "spec": "schadecalc/1",
        "damage_date": "2026-03-14",
        "vehicle": vehicle_block(
            vehicle_id,
            first_registration="2022-05-01",
            mileage_km=48000,
            value_before_damage="24500.00",
            residual_value="7200.00",
        ),
        "rates": get_rate_set("verzekeraar-netwerk").rates,
        "lines": lines,
    }


def _first(vehicle, predicate) -> Part:
    return next(p for p in vehicle.parts if predicate(p))


def _every_operation(vehicle_id: str) -> list[dict[str, Any]]:
    vehicle = get_vehicle(vehicle_id)
    painted = _first(vehicle, lambda p: p.paint_units is not None and p.repair_allowed)
    welded = _first(vehicle, lambda p: p.remove_refit_units == 0 and p.paint_units is not None)
    bolted = _first(vehicle, lambda p: p.remove_refit_units > 0 and p.paint_units is None)
    glass = _first(vehicle, lambda p: p.zone == "glass")
    mechanical = _first(vehicle, lambda p: p.labour_category == "mechanical")
    lines = [
        prefill_line(vehicle_id, painted.code, "replace", line_id="1"),
        prefill_line(vehicle_id, welded.code, "repair", line_id="2", repair_units="12"),
        prefill_line(vehicle_id, bolted.code, "remove_refit", line_id="3"),
        prefill_line(vehicle_id, painted.code, "paint", line_id="4", paint_mode="blend"),
        prefill_line(vehicle_id, glass.code, "replace", line_id="5", part_source="aftermarket"),
        prefill_line(vehicle_id, mechanical.code, "replace", line_id="6", quantity=2),
        prefill_line(vehicle_id, "MEAS-FRAME", "remove_refit", line_id="7"),
        prefill_line(vehicle_id, "SUB-ALIGN", "subcontract", line_id="8"),
        prefill_line(vehicle_id, "SUND-CLIPS", "sundry", line_id="9"),
    ]
    for i, sensor in enumerate(vehicle.adas):
        lines.append(
            prefill_line(vehicle_id, calibration_for(sensor).code, "calibrate", line_id=f"c{i}")
        )
    if vehicle.powertrain in HIGH_VOLTAGE:
        hv_part = _first(vehicle, lambda p: p.hv_zone)
        lines.append(prefill_line(vehicle_id, hv_part.code, "replace", line_id="h1"))
        lines.append(prefill_line(vehicle_id, "HV-SAFE", "hv_safety", line_id="h2"))
    return lines


@pytest.mark.parametrize("vehicle", vehicles(), ids=lambda v: v.id)
def test_prefilled_lines_for_every_operation_are_accepted_by_the_engine(vehicle):
    # given
    data = _input_for(vehicle.id, _every_operation(vehicle.id))
    # when
    parsed = parse(data)
    output = estimate(data)
    # then
    assert len(parsed.lines) == len(data["lines"])
    codes = {w["code"] for w in output["warnings"]}
    assert "ADAS_CALIBRATION_MISSING" not in codes
    assert "HV_SAFETY_MISSING" not in codes


def test_replace_line_is_prefilled_from_the_catalogue():
    line = prefill_line("tesla-model-3", "1084168-S0-A", "replace", line_id="2")
    assert line == {
        "id": "2",
        "code": "1084168-S0-A",
        "description": "Achterbumper",
        "operation": "replace",
        "part_group": "body",
        "unit_price": "512.00",
        "labour_units": "16",
        "paint": {"mode": "new", "units": "24"},
        # A 2022 Model 3 has no radar, its rear bumper is no high-voltage zone, and its
        # ultrasonic park sensors are moved over and function-tested, not calibrated.
    }


def test_labour_of_a_work_code_is_given_in_the_makes_own_unit():
    def units(vehicle_id: str) -> str:
        return prefill_line(vehicle_id, "ADAS-FRONT-RADAR", "calibrate", line_id="1")[
            "labour_units"
        ]

    assert (units("vw-golf-8"), units("bmw-3-g20"), units("toyota-yaris-cross-hev")) == (
        "100",
        "12",
        "10",
    )


def test_repairing_a_part_the_maker_forbids_is_prefilled_and_warned_about():
    # given
    vehicle = get_vehicle("vw-golf-8")
    pillar = _first(vehicle, lambda p: not p.repair_allowed and p.paint_units is not None)
    # when
    line = prefill_line(vehicle.id, pillar.code, "repair", line_id="1", repair_units="300")
    output = estimate(_input_for(vehicle.id, [line]))
    # then
    assert line["repair_allowed"] is False
    assert [w["code"] for w in output["warnings"]] == ["REPAIR_NOT_ALLOWED"]


def test_prefilled_adas_and_hv_parts_make_the_engine_ask_for_calibration_and_hv_safety():
    bumper = prefill_line("vw-golf-8", "5H0807221GRU", "replace", line_id="1")
    charge_port = prefill_line("tesla-model-3", "1529651-00-E", "remove_refit", line_id="2")
    assert {
        (w["code"], w["line_id"]) for w in estimate(_input_for("vw-golf-8", [bumper]))["warnings"]
    } == {("ADAS_CALIBRATION_MISSING", "1")}
    assert {
        (w["code"], w["line_id"])
        for w in estimate(_input_for("tesla-model-3", [charge_port]))["warnings"]
    } == {("HV_SAFETY_MISSING", None)}


@pytest.mark.parametrize("vehicle_id", ["tesla-model-3", "mercedes-vito", "peugeot-208"])
def test_a_bumper_whose_maker_asks_no_park_sensor_calibration_prefills_none(vehicle_id):
    vehicle = get_vehicle(vehicle_id)
    assert "park_sensors" in vehicle.adas
    assert not any("park_sensors" in part.adas_sensors for part in vehicle.parts)


def test_the_tesla_model_3_has_no_radar_and_its_hv_work_is_tied_to_the_charge_port():
    tesla = get_vehicle("tesla-model-3")
    assert tesla.adas == ("front_camera", "park_sensors")
    assert not any("radar" in sensor for p in tesla.parts for sensor in p.adas_sensors)
    assert tesla.part("1529651-00-E").hv_zone is True
    assert tesla.part("1084168-S0-A").hv_zone is False
    bumper = prefill_line("tesla-model-3", "1084168-S0-A", "replace", line_id="1")
    assert "HV_SAFETY_MISSING" not in {
        w["code"] for w in estimate(_input_for("tesla-model-3", [bumper]))["warnings"]
    }


def test_a_dealers_radar_calibration_is_a_subcontract_line_that_names_its_sensor():
    # given
    line = prefill_line("vw-golf-8", "SUB-CALIB-RADAR", "subcontract", line_id="3")
    bumper = prefill_line("vw-golf-8", "5H0807221GRU", "replace", line_id="1")
    park = prefill_line("vw-golf-8", "ADAS-PARK", "calibrate", line_id="4")
    # when
    output = estimate(_input_for("vw-golf-8", [bumper, line, park]))
    # then
    assert line == {
        "id": "3",
        "code": "SUB-CALIB-RADAR",
        "description": "Frontradar kalibreren bij merkdealer (werk derden)",
        "operation": "subcontract",
        "amount": "145.00",
        "sensor": "front_radar",
    }
    assert output["warnings"] == []
    assert calibration_for("front_radar").operation == "calibrate"


def test_a_make_specific_work_time_overrides_the_standard_hours():
    park = get_work_code("ADAS-PARK")
    assert work_units(get_vehicle("vw-golf-8"), park) == Decimal("35")  # the maker's own time
    assert work_units(get_vehicle("renault-clio-5"), park) == Decimal("4")  # 0.4 h × 10
    assert prefill_line("vw-golf-8", "ADAS-PARK", "calibrate", line_id="1")["labour_units"] == (
        "35"
    )


def test_make_specific_work_times_name_labour_work_codes():
    for vehicle in vehicles():
        for code in vehicle.work_units:
            assert get_work_code(code).code == code, vehicle.id
            assert get_work_code(code).hours is not None, vehicle.id


@pytest.mark.parametrize(
    ("vehicle_id", "code", "operation", "options", "message"),
    [
        ("vw-golf-8", "0000000", "replace", {}, "geen onderdeel"),
        ("vw-golf-8", "5H0823031", "repair", {}, "hersteltijd"),
        ("vw-golf-8", "5H0823031", "repair", {"repair_units": "0"}, "groter dan 0"),
        ("vw-golf-8", "5H0823031", "paint", {}, "lakniveau"),
        ("vw-golf-8", "5H0823031", "paint", {"paint_mode": "gloss"}, "lakniveau"),
        ("vw-golf-8", "5H0853651", "paint", {"paint_mode": "new"}, "niet gespoten"),
        ("vw-golf-8", "5H0845011", "repair", {"repair_units": "10"}, "niet hersteld"),
        ("vw-golf-8", "5H0809151", "remove_refit", {}, "vastgelast"),
        ("vw-golf-8", "5H0823031", "calibrate", {}, "werkcode"),
        ("vw-golf-8", "HV-SAFE", "hv_safety", {}, "past niet"),
        ("vw-golf-8", "ADAS-FRONT-RADAR", "remove_refit", {}, "kalibreren"),
        (
            "vw-golf-8",
            "5H0823031",
            "repair",
            {"repair_units": "10", "part_source": "used"},
            "vervangen",
        ),
        ("vw-golf-8", "5H0823031", "replace", {"quantity": 0}, "Aantal"),
        ("vw-golf-8", "5H0823031", "weld", {}, "Onbekende bewerking"),
        ("trabant-601", "5H0823031", "replace", {}, "catalogus"),
    ],
)
def test_prefill_refuses_what_does_not_fit_the_part(vehicle_id, code, operation, options, message):
    with pytest.raises(CatalogueError, match=message):
        prefill_line(vehicle_id, code, operation, line_id="1", **options)


def test_vehicle_block_takes_the_model_from_the_catalogue_and_the_case_from_the_caller():
    block = vehicle_block(
        "kia-niro-phev",
        first_registration="2023-02-01",
        mileage_km=31000,
        new_value=Decimal("42995"),
        residual_value="9000",
        adas=["front_camera"],
    )
    assert block == {
        "make": "Kia",
        "model": "Niro",
        "variant": "1.6 GDi PHEV DynamicLine",
        "first_registration": "2023-02-01",
        "mileage_km": 31000,
        "powertrain": "PHEV",
        "paint_type": "pearl",
        "units_per_hour": 10,
        "new_value": "42995.00",
        "residual_value": "9000.00",
        "adas": ["front_camera"],
    }
    with pytest.raises(CatalogueError):
        vehicle_block(
            "kia-niro-phev", first_registration="2023-02-01", mileage_km=1, residual_value=0.5
        )
    with pytest.raises(CatalogueError):
        vehicle_block(
            "kia-niro-phev", first_registration="1-2-2023", mileage_km=1, residual_value="1"
        )


# --- the data files' own checks -------------------------------------------------------------


def _golf_file() -> dict[str, Any]:
    return read_json(DATA_DIR / "vehicles" / "vw-golf-8.json")


def test_a_price_written_as_a_json_fraction_is_refused():
    raw = _golf_file()
    raw["parts"][0]["list_price"] = Decimal("389.6")  # what parse_float makes of 389.6
    with pytest.raises(CatalogueError, match="als tekst"):
        _vehicle(raw, where="vw-golf-8.json")


def test_duplicate_part_codes_are_refused():
    raw = _golf_file()
    raw["parts"].append(dict(raw["parts"][0]))
    with pytest.raises(CatalogueError, match="dubbele"):
        _vehicle(raw, where="vw-golf-8.json")


def test_an_unknown_zone_is_refused():
    raw = _golf_file()
    raw["parts"][0]["zone"] = "boot"
    with pytest.raises(CatalogueError, match="zone"):
        _vehicle(raw, where="vw-golf-8.json")


def test_vehicle_block_marks_a_margin_car_only_when_it_is_one():
    def block(**extra):
        return vehicle_block(
            "vw-polo-6r",
            first_registration="2012-06-08",
            mileage_km=1,
            residual_value="950",
            value_before_damage="4650",
            **extra,
        )

    assert "margin_scheme" not in block()
    assert "margin_scheme" not in block(margin_scheme=False)
    assert block(margin_scheme=True)["margin_scheme"] is True
    assert parse(
        {**_input_for("vw-polo-6r", []), "vehicle": block(margin_scheme=True)}
    ).vehicle.margin_scheme
    with pytest.raises(CatalogueError):
        block(margin_scheme="ja")
