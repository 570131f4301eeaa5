"""Case templates and their variants (issue 16, item 6): at least 500 distinct variants, each
accepted by the engine and its reference passing its own validity variants; reproducible from
the seed; the owner's VAT status in the reference; the validity rules in the suite's format."""

from __future__ import annotations

import json

import pytest

import calcengine
from cases.variants import generate, validity
from cases.variants.templates import BUSINESS, TEMPLATES

WANTED = 500


def _reference_key(variant: generate.Variant) -> str:
    """The reference but the mileage: two variants that differ only in it are not counted."""
    document = {key: variant.reference[key] for key in ("vehicle", "rates", "lines", "assess")}
    document["vehicle"] = {k: v for k, v in document["vehicle"].items() if k != "mileage_km"}
    return json.dumps(document, sort_keys=True)


def _distinct_library() -> list[generate.Variant]:
    """Variants across the library until WANTED distinct references are found."""
    found: dict[str, generate.Variant] = {}
    for variant in generate.library(2 * WANTED):
        found.setdefault(_reference_key(variant), variant)
        if len(found) == WANTED:
            break
    return list(found.values())


LIBRARY = _distinct_library()


def test_the_library_yields_five_hundred_distinct_variants_from_every_template():
    assert len(LIBRARY) == WANTED
    assert len({_reference_key(v) for v in LIBRARY}) == WANTED
    assert {v.template_key for v in LIBRARY} == set(TEMPLATES)
    assert len({v.parameters.vehicle_id for v in LIBRARY}) >= 8


def test_every_variant_is_accepted_by_the_engine_and_passes_its_validity_variants():
    refused = []
    for variant in LIBRARY:
        assert calcengine.estimate(variant.reference) == variant.output
        refused += validity.problems(variant)
    assert refused == []


def test_each_kind_of_mistake_and_accepted_way_occurs_in_the_library():
    names = {v.name for variant in LIBRARY for v in validity.validity_variants(variant)}
    for wanted in (
        "wrong-client-rates",
        "vat-status-reversed",
        "undamaged-part-replaced",
        "forbidden-source-used",
        "critical-calibration-missing",
        "calibration-by-specialist",
        "labour-within-tolerance",
    ):
        assert wanted in names, wanted
    assert any(name.startswith("part-source-") for name in names)


def test_a_mistake_is_caught_with_its_knock_out():
    variant = LIBRARY[0]
    outcomes = {o.variant.name: o for o in validity.check(variant)}
    wrong = outcomes["wrong-client-rates"]
    assert wrong.passed is False and "rates_differ" in wrong.critical
    assert outcomes["reference-as-handed-in"].passed is True


def test_labour_within_tolerance_sits_at_the_edge_of_the_lines_own_tolerance():
    from decimal import Decimal

    checked = 0
    for variant in LIBRARY[:60]:
        found = {v.name: v for v in validity.validity_variants(variant)}
        labour = found["labour-within-tolerance"]
        [(line_id, fields)] = labour.edits["update"].items()
        line = next(x for x in variant.reference["lines"] if x["id"] == line_id)
        percent = Decimal((line.get("assess") or {}).get("unit_tolerance_percent", "10"))
        units = Decimal(line["labour_units"])
        given = Decimal(fields["labour_units"])
        # at most the tolerance, and less than 0,1 unit (the rounding) below its edge
        assert given <= units * (1 + percent / 100) < given + Decimal("0.1")
        checked += 1
    assert checked == 60


def test_the_critical_calibration_mistake_removes_a_calibration_line():
    seen = 0
    for variant in LIBRARY[:60]:
        for v in validity.validity_variants(variant):
            if v.name == "critical-calibration-missing":
                [line_id] = v.edits["remove"]
                line = next(x for x in variant.reference["lines"] if x["id"] == line_id)
                assert line["operation"] == "calibrate" or (
                    line["operation"] == "subcontract" and line.get("sensor")
                )
                seen += 1
    assert seen


def test_a_variant_is_reproduced_from_its_seed():
    first = generate.variant_for("voorzijde", 12345)
    generate._variant.cache_clear()
    again = generate.variant_for("voorzijde", 12345, version=TEMPLATES["voorzijde"].version)
    assert first is not again
    assert first.reference == again.reference and first.brief == again.brief
    assert generate.variant_for("voorzijde", 12346).parameters != first.parameters


def test_a_stored_variant_of_another_template_version_is_refused():
    with pytest.raises(generate.StaleTemplate):
        generate.variant_for("voorzijde", 1, version=TEMPLATES["voorzijde"].version + 1)


def test_the_owner_vat_status_sets_the_rates_and_the_engines_total_loss_comparison():
    for variant in LIBRARY[:200]:
        deducts = variant.parameters.vat_status == BUSINESS
        assert variant.reference["rates"]["owner_deducts_vat"] is deducts
        compared = variant.output["total_loss"]["compared"]
        expected = variant.output["subtotal_excl_vat" if deducts else "total_incl_vat"]
        assert compared == expected


def test_the_payer_rules_decide_the_part_sources_allowed():
    lease = [v for v in LIBRARY if v.parameters.payer == "lease"]
    assert lease and all(v.reference["assess"]["part_sources_allowed"] == ["oem"] for v in lease)
    for variant in lease:
        for line in variant.reference["lines"]:
            assert line.get("part_source", "oem") == "oem"


def test_the_brief_names_the_undamaged_parts_and_the_situation():
    variant = LIBRARY[1]
    vehicle = calcengine.catalogue.get_vehicle(variant.parameters.vehicle_id)
    for code in variant.reference["assess"]["undamaged"]:
        assert vehicle.part(code).name in variant.brief
    assert "Onbeschadigd" in variant.brief


def test_the_suites_edits_apply_to_a_variant_and_an_unknown_line_is_refused():
    """One reader of the validity suite's format (`validity.apply_edits`) for the suite and
    the variants: the scoring annotations go, the edits apply, a line the reference lacks is
    refused."""
    variant = LIBRARY[0]
    vehicle_id = variant.parameters.vehicle_id
    first, second = (line["id"] for line in variant.reference["lines"][:2])
    edits = {
        "remove": [first],
        "update": {second: {"description": "Eigen omschrijving"}},
        "rates": {"owner_deducts_vat": True},
    }
    submission = validity.apply_edits(variant.reference, vehicle_id, edits)
    lines = {line["id"]: line for line in submission["lines"]}
    assert first not in lines and lines[second]["description"] == "Eigen omschrijving"
    assert submission["rates"]["owner_deducts_vat"] is True
    assert "assess" not in submission and not any("assess" in line for line in lines.values())
    assert first in {line["id"] for line in variant.reference["lines"]}  # the reference stays
    with pytest.raises(ValueError, match="remove"):
        validity.apply_edits(variant.reference, vehicle_id, {"remove": ["geen-regel"]})
