"""Client rate sets: the four kinds of paying party, the golden cases' rates, frozen data."""

from __future__ import annotations

import dataclasses
import json
from decimal import Decimal
from pathlib import Path

import pytest

from calcengine import parse
from calcengine.catalogue import KINDS, CatalogueError, get_rate_set, rate_sets
from tests.shared import GOLDEN_DIR

GOLDEN_INPUTS = sorted(GOLDEN_DIR.glob("*.input.json"))


def _golden(path: Path) -> dict:
    return json.loads(path.read_text(encoding="utf-8"))


def _by_kind(kind: str):
    return [r for r in rate_sets() if r.kind == kind]


def test_at_least_four_rate_sets_cover_every_kind_of_paying_party():
    assert len(rate_sets()) >= 4
    assert {r.kind for r in rate_sets()} == set(KINDS)
    assert len({r.id for r in rate_sets()}) == len(rate_sets())


@pytest.mark.parametrize("path", GOLDEN_INPUTS, ids=lambda p: p.name.removesuffix(".input.json"))
def test_golden_rates_are_a_rate_set_of_the_catalogue_exactly(path):
    golden_rates = _golden(path)["rates"]
    assert [r.id for r in rate_sets() if r.rates == golden_rates]


def test_golden_cases_use_the_insurer_network_and_the_private_rate_sets():
    def rate_set_of(name: str):
        rates = _golden(GOLDEN_DIR / f"{name}.input.json")["rates"]
        return next(r for r in rate_sets() if r.rates == rates)

    assert rate_set_of("golf-front-low-speed").kind == "insurer_network"
    assert rate_set_of("polo-total-loss").id == rate_set_of("golf-front-low-speed").id
    assert "new_value_scheme" in rate_set_of("model3-rear-ev").rates
    assert rate_set_of("clio-door-private").kind == "private"


@pytest.mark.parametrize("rate_set", rate_sets(), ids=lambda r: r.id)
def test_every_rate_set_is_accepted_by_the_engine(rate_set):
    data = _golden(GOLDEN_DIR / "golf-front-low-speed.input.json")
    data["rates"] = rate_set.rates
    assert parse(data).rates.owner_deducts_vat is rate_set.owner_deducts_vat


@pytest.mark.parametrize("rate_set", rate_sets(), ids=lambda r: r.id)
def test_rates_are_written_as_strings_never_floats(rate_set):
    text = json.dumps(rate_set.rates)  # a Decimal or float would not serialise cleanly
    assert json.loads(text) == rate_set.rates
    assert rate_set.tariff_date.year >= 2024 and rate_set.version
    assert rate_set.name and rate_set.rules.notes


def test_a_business_owner_reclaims_vat_and_a_private_customer_does_not():
    assert all(r.owner_deducts_vat for r in _by_kind("lease"))
    assert all(r.owner_deducts_vat for r in _by_kind("fleet"))
    assert not any(r.owner_deducts_vat for r in _by_kind("private"))


def test_rules_hold_the_approval_limits_the_claim_workflow_uses():
    for rate_set in rate_sets():
        rules = rate_set.rules
        assert isinstance(rules.approval_limit, Decimal)
        if rules.expert_required_above is not None:
            assert rules.expert_required_above >= rules.approval_limit
        assert rules.calibration_required_after_adas_work is True
    network = _by_kind("insurer_network")[0].rules
    assert network.steered
    assert not network.needs_approval(Decimal("2500.00"))
    assert network.needs_approval(Decimal("2500.01"))
    assert network.needs_expert(Decimal("5000.01")) and not network.needs_expert(Decimal("4999.99"))
    private = _by_kind("private")[0].rules
    assert not private.steered and private.needs_approval(Decimal("0.01"))
    assert not private.needs_expert(Decimal("100000.00"))


def test_rules_say_where_used_and_aftermarket_parts_may_go():
    network = get_rate_set("verzekeraar-netwerk").rules
    assert not network.part_source_allowed("used", vehicle_age_years=2)
    assert network.part_source_allowed("used", vehicle_age_years=7)
    lease = _by_kind("lease")[0].rules
    assert not lease.part_source_allowed("used", vehicle_age_years=10)
    assert not lease.part_source_allowed("aftermarket", vehicle_age_years=10)
    assert lease.part_source_allowed("oem", vehicle_age_years=10)
    assert _by_kind("private")[0].rules.part_source_allowed("used", vehicle_age_years=0)


def test_callers_cannot_change_the_catalogue_rates():
    # given
    rate_set = get_rate_set("verzekeraar-netwerk")
    before = rate_set.rates
    # when
    mine = rate_set.rates
    mine["labour"]["body"] = "1.00"
    mine["parts_discount"].clear()
    # then
    assert get_rate_set("verzekeraar-netwerk").rates == before
    with pytest.raises(dataclasses.FrozenInstanceError):
        rate_set.rules.approval_limit = Decimal("0")  # type: ignore[misc]
    with pytest.raises(dataclasses.FrozenInstanceError):
        rate_set.kind = "private"  # type: ignore[misc]
    rate_sets().clear()
    assert len(rate_sets()) >= 4


def test_a_case_can_pin_the_rate_set_it_was_written_against():
    rate_set = get_rate_set("lease-zakelijk")
    assert rate_set.reference() == {
        "id": "lease-zakelijk",
        "version": rate_set.version,
        "tariff_date": rate_set.tariff_date.isoformat(),
    }


def test_an_unknown_rate_set_is_refused_in_dutch():
    with pytest.raises(CatalogueError, match="Tariefset"):
        get_rate_set("gratis")
