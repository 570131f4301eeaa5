"""The paying party's rules have one owner: the rate set's `RateRules`. A rule changed in the
rate set changes the workflow's decision, the trainee's brief and the demo cases' checks; the
case's `payer_rules` holds only the case's own facts and its documented overrides."""

import dataclasses
import datetime as dt
from decimal import Decimal

import pytest

from calcengine.catalogue import CatalogueError
from calcengine.catalogue.rate_sets import _rate_sets, get_rate_set
from cases import payer
from cases import workflow as wf
from cases.selectors import trainee_brief
from cases.timeline import EventKind
from tests.cases.flow import do_intake, precalc_lines, save_lines, to_approved
from tests.factories.cases import (
    BUMPER,
    RATE_SET_ID,
    AttemptFactory,
    PublishedCaseVersionFactory,
    line,
    payer_rules,
)


def change_rate_set(monkeypatch, **rules):
    """The catalogue's rate set `RATE_SET_ID` with other rules, for this test only."""
    catalogue = _rate_sets()
    rate_set = catalogue[RATE_SET_ID]
    changed = dataclasses.replace(rate_set, rules=dataclasses.replace(rate_set.rules, **rules))
    monkeypatch.setitem(catalogue, RATE_SET_ID, changed)


def decision_of(attempt):
    return attempt.events.filter(kind=EventKind.PAYER_DECISION).order_by("pk").last().data


class _Version:
    def __init__(self, case_rules):
        self.rate_set_id = RATE_SET_ID
        self.payer_rules = case_rules


def test_the_rules_are_the_rate_sets_unless_the_case_overrides_one():
    network = get_rate_set(RATE_SET_ID).rules
    assert payer.rules_for(_Version(payer_rules())) == network
    overridden = payer.rules_for(_Version(payer_rules(used_parts_allowed=False)))
    assert overridden == dataclasses.replace(network, used_parts_allowed=False)


def test_an_override_is_read_as_strictly_as_the_rate_set_file():
    with pytest.raises(CatalogueError, match="expert_required_above"):
        payer.rules_for(_Version(payer_rules(expert_required_above="5000.001")))
    with pytest.raises(CatalogueError, match="limit_basis"):
        payer.rules_for(_Version(payer_rules(limit_basis="total")))


@pytest.mark.django_db
def test_a_lower_expert_threshold_in_the_rate_set_makes_the_workflow_ask_for_an_expertise(
    trainee, monkeypatch
):
    # given the rate set's expert threshold lowered below the calculation's total
    change_rate_set(monkeypatch, expert_required_above=Decimal("10.00"))
    attempt = AttemptFactory(trainee=trainee)
    # when the trainee submits the pre-calculation that the rate set's own threshold approves
    do_intake(attempt, trainee)
    save_lines(attempt, trainee, precalc_lines())
    wf.attempt_submit_precalc(attempt=attempt, by=trainee)
    # then the paying party rejects it for want of an expertise, naming the rate set's limit
    decision = decision_of(attempt)
    assert decision["outcome"] == "rejected"
    assert [r["code"] for r in decision["reasons"]] == ["EXPERTISE_REQUIRED"]
    assert "€ 10,00" in decision["reasons"][0]["message"]


@pytest.mark.django_db
def test_the_same_calculation_is_approved_under_the_rate_sets_own_rules(trainee):
    attempt = AttemptFactory(trainee=trainee)
    to_approved(attempt, trainee)
    assert decision_of(attempt)["outcome"] == "approved"


@pytest.mark.django_db
def test_a_rate_set_without_calibration_demand_approves_a_missing_calibration(trainee, monkeypatch):
    attempt = AttemptFactory(trainee=trainee)
    do_intake(attempt, trainee)
    save_lines(attempt, trainee, [line(BUMPER, "replace", line_id="1")])
    wf.attempt_submit_precalc(attempt=attempt, by=trainee)
    assert decision_of(attempt)["outcome"] == "rejected"

    change_rate_set(monkeypatch, calibration_required_after_adas_work=False)
    other = AttemptFactory(trainee=trainee)
    do_intake(other, trainee)
    save_lines(other, trainee, [line(BUMPER, "replace", line_id="1")])
    wf.attempt_submit_precalc(attempt=other, by=trainee)
    assert decision_of(other)["outcome"] == "approved"


@pytest.mark.django_db
def test_a_rate_set_that_stops_allowing_used_parts_corrects_them_to_oem(trainee, monkeypatch):
    used = {**line(BUMPER, "replace", line_id="1", part_source="used")}
    version = PublishedCaseVersionFactory(payer_rules=payer_rules())
    on = dt.date(2030, 1, 1)  # the Golf (2021) is old enough for the rate set's 5 years
    case_rules = version.payer_rules
    assert payer.rules_for(version).part_source_allowed("used", 8)

    change_rate_set(monkeypatch, used_parts_allowed=False)
    rules = payer.rules_for(version)
    assert not rules.part_source_allowed("used", 8)
    decision = payer.decide(
        kind="precalc",
        calc_input={"lines": [used], "vehicle": {"first_registration": "2021-04-16"}},
        output={"subtotal_excl_vat": "100.00", "warnings": []},
        rules=rules,
        case_rules=case_rules,
        agreed_rates={},
        expertise_done=False,
        on=on,
    )
    assert [c.code for c in decision.corrections] == ["PART_SOURCE_NOT_ALLOWED"]


@pytest.mark.django_db
def test_the_trainee_brief_shows_the_rate_sets_rules(trainee, monkeypatch):
    change_rate_set(monkeypatch, approval_limit=Decimal("1234.00"), steered=False)
    attempt = AttemptFactory(trainee=trainee)
    shown = trainee_brief(attempt)["payer"]
    assert shown["approval_limit"] == "1234.00"
    assert shown["steered"] is False
    assert shown["expert_required_above"] == "5000.00"
    assert shown["cover"] == "casco"
